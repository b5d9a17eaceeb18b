// Mounts a Leptos component into a ref'd element the way React 18 and 19 expect: once, in
// an effect (StrictMode's mount-unmount-mount included), unmounted and freed on cleanup
// (also when the component goes away before its WebAssembly has loaded), with a clear
// message and a retry instead of an empty box when the WebAssembly cannot load.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { describeError } from './loadWasm.js';

/** What every handle offers. */
export interface LeptosHandle<P> {
  update(props: Partial<P>): void;
  unmount(): void;
  free(): void;
}

export interface LeptosMount<H, L> {
  /** Give this to the element the component renders into. */
  container: RefObject<HTMLDivElement | null>;
  /** The mounted handle (null until the WebAssembly is ready, and after unmount). */
  handle: RefObject<H | null>;
  /** Why the component could not be shown, if it could not. */
  error: string | null;
  /** Loads and mounts again (after `error`). */
  retry: () => void;
  /** The host's latest props (what `latestProps` was on the last render): callbacks the
   * component calls later read them here, so they always reach what React passed last. */
  latest: RefObject<L>;
}

/** Mounts with the package `load` gives (one of the `load…Kit` functions, or an author's loader). */
export function useLeptosMount<K, P, H extends LeptosHandle<P>, L = null>(
  load: () => Promise<K>,
  mount: (kit: K, element: HTMLElement) => H,
  latestProps: L = null as L
): LeptosMount<H, L> {
  const container = useRef<HTMLDivElement | null>(null);
  const handle = useRef<H | null>(null);
  const latest = useRef<L>(latestProps);
  latest.current = latestProps;
  const latestMount = useRef(mount);
  latestMount.current = mount;
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    load()
      .then((kit) => {
        if (cancelled || !container.current) {
          return;
        }
        handle.current = latestMount.current(kit, container.current);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!cancelled) {
          setError(describeError(e));
        }
      });
    return () => {
      cancelled = true;
      const mounted = handle.current;
      handle.current = null;
      if (mounted) {
        mounted.unmount();
        mounted.free();
      }
    };
    // `load` is read once per attempt: the effect runs once per mount, and again on retry.
  }, [attempt]);

  return {
    container,
    handle,
    error,
    latest,
    retry: () => {
      setError(null);
      setAttempt((n) => n + 1);
    },
  };
}
