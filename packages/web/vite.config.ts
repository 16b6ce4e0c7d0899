import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/ at / with an SPA fallback; in development /api goes to the server.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 600 },
});
