import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the gateway at /cinema/ (index.html for client routes); the API is same-origin.
export default defineConfig({
  base: '/cinema/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Everything is local: no CDN, no web fonts; the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/api': process.env.CINEMA_API_URL ?? 'http://localhost:8080' },
  },
});
