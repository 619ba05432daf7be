import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/** The Node server that answers the API, the collaboration socket and the health checks in development. */
const server = 'http://127.0.0.1:3000'

/**
 * Builds the web client from client/ into dist/client, which the server serves.
 * The server's Content-Security-Policy forbids inline scripts and styles, so the module preload
 * polyfill (an inline script) stays off and every asset is a hashed file under assets/.
 */
export default defineConfig({
  // Resolved from this file, not the working directory: the server builds with `configFile` from anywhere.
  root: fileURLToPath(new URL('./client', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    // Never inline small assets as data: URLs; the CSP keeps to files served by our own origin.
    assetsInlineLimit: 0,
    // dist/client/.vite/manifest.json: the benchmark reads each page's initial JavaScript from it.
    manifest: true,
  },
  server: {
    proxy: {
      '/api': { target: server },
      '/collab': { target: server, ws: true },
      '/healthz': { target: server },
      '/readyz': { target: server },
    },
  },
})
