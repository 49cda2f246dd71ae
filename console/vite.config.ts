// Builds the console into console/dist, which the gateway serves at /. Each page is a chunk of its
// own, so the public search page loads only what it needs.
import path from 'node:path';
import { defineConfig } from 'vite';
import { persistedQueryManifest } from './build/persisted-manifest';

export default defineConfig({
  root: __dirname,
  base: '/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // minified, not gzip: the 300 KB gzip budget of the first load is checked by the browser test
    chunkSizeWarningLimit: 500,
  },
  plugins: [persistedQueryManifest(path.join(__dirname, 'src', 'gql', 'persisted-documents.json'))],
});
