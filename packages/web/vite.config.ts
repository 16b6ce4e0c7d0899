import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/ at / with an SPA fallback; in development /api goes to the server.
// Two entries: the app (index.html) and the respondent page (respond.html, its own small bundle
// without Mantine/router/i18next; served for /s/*).
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        respond: resolve(import.meta.dirname, 'respond.html'),
      },
    },
  },
});
