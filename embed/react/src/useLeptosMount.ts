// Mounts a kit component into a ref'd element the way React 18 and 19 expect: once, in an
// effect (StrictMode's mount-unmount-mount included), unmounted and freed on cleanup, with
// a clear message instead of an empty box when the WebAssembly cannot load.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { describeError } from './loadWasm.js';

/** What every kit handle offers. */
export interface LeptosHandle<P> {
  update(props: Partial<P>): void;
  unmount(): void;
  free(): void;
}

export interface LeptosMount<H> {
  /** Give this to the element the kit renders into. */
  container: RefObject<HTMLDivElement | null>;
  /** The mounted handle (null until the WebAssembly is ready, and after unmount). */
  handle: RefObject<H | null>;
  /** Why the component could not be shown, if it could not. */
  error: string | null;
}

/** Mounts with the package `load` gives (one of the `load…Kit` functions). */
export function useLeptosMount<K, P, H extends LeptosHandle<P>>(
  load: () => Promise<K>,
  mount: (kit: K, element: HTMLElement) => H
): LeptosMount<H> {
  const container = useRef<HTMLDivElement | null>(null);
  const handle = useRef<H | null>(null);
  const latestMount = useRef(mount);
  latestMount.current = mount;
  const [error, setError] = useState<string | null>(null);

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
    // `load` is read once, when the component mounts: the effect runs once per mount.
  }, []);

  return { container, handle, error };
}
