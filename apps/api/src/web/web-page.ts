import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The page may load only what this service serves: its own script, styles and the GraphQL API. No inline
 * script or style, no other origin, no framing (the page shows no third-party content).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** @fastify/static 10 hands its `setHeaders` the Fastify reply. */
interface HeaderSink {
  header(name: string, value: string): unknown;
}

/**
 * Serves the built web page (`npm run build` writes it to dist/web) at `/`. Without a build (e.g. a test
 * run from source before any build) the API runs alone and says so once.
 */
export function serveWebPage(app: NestFastifyApplication, webDir: string): boolean {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    new Logger('WebPage').log(`No web page at ${webDir} (run npm run build): serving the API only`);
    return false;
  }
  app.useStaticAssets({
    root: webDir,
    prefix: '/',
    // Files are looked up on each request, so a rebuilt page is served without a restart.
    wildcard: true,
    setHeaders: (res: HeaderSink, file: string) => {
      // Vite names every file under assets/ by its content: a browser may keep one for good, and a later visit
      // then asks the service for the data only. index.html (which names them) is checked each time.
      const hashed = path.relative(webDir, file).split(path.sep)[0] === 'assets';
      res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.header('content-security-policy', CONTENT_SECURITY_POLICY);
      res.header('x-content-type-options', 'nosniff');
      res.header('referrer-policy', 'no-referrer');
    },
  } as never);
  return true;
}
