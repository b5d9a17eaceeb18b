// What a plugin page shows when a Leptos component cannot load (a blocked .wasm download,
// a CSP without 'wasm-unsafe-eval'): a sentence a Grafana user can act on and a Retry,
// never an empty box.
import React from 'react';

export function LoadError({ what, message, onRetry }: { what: string; message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="leptos-grafana-load-error" style={{ padding: 16, border: '1px solid currentColor', borderRadius: 2 }}>
      <strong>Could not load {what}.</strong> {message}. If it keeps failing, check that the plugin&apos;s files
      (including its .wasm file) can be downloaded and that the Content-Security-Policy allows WebAssembly
      (&apos;wasm-unsafe-eval&apos;).{' '}
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
