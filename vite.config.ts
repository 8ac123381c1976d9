import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The web app: sources in web/, built into dist/web (served by the Fastify server, see src/server.ts). */
export default defineConfig({
  root: dir('./web'),
  plugins: [react()],
  build: {
    outDir: dir('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npm run dev` serves the API on :3000; `npx vite` proxies API calls there.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
