import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The explorer: built into client/dist, which the server serves at /. `vite` alone proxies the API. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/graphql': 'http://localhost:4000' } },
});
