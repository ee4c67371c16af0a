import { defineConfig } from 'vite';
import { worldShapesPlugin } from './build/world-shapes';

// Built by `npm run build` into dist/web, which the API serves at `/`.
export default defineConfig({
  root: __dirname,
  base: '/',
  logLevel: 'warn',
  plugins: [worldShapesPlugin()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // No inline assets: the Content-Security-Policy allows scripts and styles from the service only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
