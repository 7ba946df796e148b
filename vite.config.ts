import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app is served by the add-on itself in production (`npm start`); `npm run dev` proxies /api to it.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000', '/sandbox': 'http://localhost:3000' } },
});
