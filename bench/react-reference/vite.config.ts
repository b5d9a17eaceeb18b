// Two pages, as the kit's bench harness has: the editor alone and the service-account list
// alone, each bundling only what it uses (React 19, react-dom and @grafana/ui 13.2).
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic', legalComments: 'none' },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 10_000,
    rollupOptions: {
      // Third-party notes that change nothing in the output ("use client", comment positions).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warning.code !== 'INVALID_ANNOTATION') {
          warn(warning);
        }
      },
      input: {
        editor: resolve(__dirname, 'editor.html'),
        list: resolve(__dirname, 'list.html'),
      },
    },
  },
  logLevel: 'warn',
});
