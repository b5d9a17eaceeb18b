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

export interface LeptosMount<H> {
  /** Give this to the element the component renders into. */
  container: RefObject<HTMLDivElement | null>;
  /** The mounted handle (null until the WebAssembly is ready, and after unmount). */
  handle: RefObject<H | null>;
  /** Why the component could not be shown, if it could not. */
  error: string | null;
  /** Loads and mounts again (after `error`). */
  retry: () => void;
}

/**
 * `value` as it was on the last render: a callback handed to the kit once reads the host's
 * latest props through it (`latest.current.onOptionsChange(next)`), so it always reaches
 * what React passed last.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const latest = useRef(value);
  latest.current = value;
  return latest;
}

/** Mounts with the package `load` gives (one of the `load…Kit` functions, or an author's loader). */
export function useLeptosMount<K, P, H extends LeptosHandle<P>>(
  load: () => Promise<K>,
  mount: (kit: K, element: HTMLElement) => H
): LeptosMount<H> {
  const container = useRef<HTMLDivElement | null>(null);
  const handle = useRef<H | null>(null);
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
    retry: () => {
      setError(null);
      setAttempt((n) => n + 1);
    },
  };
}
