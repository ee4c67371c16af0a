'use strict';
/**
 * Bundles the compiled service (after tsc and tsc-alias) into one file per thread, in place:
 *   <dist>/apps/api/src/main.js                the service (its imports, @app/* and node_modules, in one file)
 *   <dist>/apps/api/src/report-rows.worker.js  its start-up worker, and
 *   <dist>/apps/api/src/rebuild.worker.js      its rebuild worker, beside main.js, where the bundled code looks
 * each with the licences of what it bundles beside it (<name>.js.LEGAL.txt).
 * Node resolving, reading and compiling some 2,000 modules one by one was most of a start (3.0-3.9 s to listen on
 * the benchmark's store, 2.0-2.3 s bundled, the same morning). What is not bundled stays in node_modules: native
 * addons, the KurrentDB client (native too), what Nest loads by a name it computes (one copy for it and for us),
 * and the optional packages Nest and Mercurius only try to load.
 * Usage: node scripts/bundle-service.js [dist]
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const EXTERNAL = [
  'better-sqlite3',
  // Nest's ValidationPipe requires them by a name it computes, which a bundle cannot see through: kept outside, the
  // DTOs and the pipe share one copy instead of two (their metadata is global, but nothing else would be).
  'class-validator',
  'class-transformer',
  'class-transformer/*',
  '@kurrent/*',
  '*.node',
  // Optional: tried with a fallback (Nest's loadPackage, Mercurius' gateway driver), never installed here.
  '@fastify/multipart',
  '@fastify/view',
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/websockets/*',
  '@mercuriusjs/*',
  '@apollo/*',
  '@nestjs/apollo',
  '@as-integrations/fastify',
  'ts-morph',
  // Pino starts its transports' worker threads from files beside its own (pretty logs in a terminal).
  'pino',
  'pino-pretty',
];

async function bundle(dist) {
  const src = path.join(dist, 'apps/api/src');
  const entries = {
    main: path.join(src, 'main.js'),
    'report-rows.worker': path.join(src, 'read-store/report-rows.worker.js'),
    'rebuild.worker': path.join(src, 'read-store/rebuild.worker.js'),
  };
  const out = path.join(dist, '.bundle');
  fs.rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    // Nest names providers and logs by class name.
    keepNames: true,
    // V8 keeps a script's source in the heap for as long as its functions live, and keeps it as two bytes a character
    // if any one character is not Latin-1: the unminified bundle's comments (a dash, a ≥) made its 9 MB of source
    // 17 MB of the service's heap. Without comments and spaces, and with the licences in a file beside it, it is
    // 6 MB, one byte a character (charset ascii, esbuild's default, escapes what strings hold).
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'linked',
    // A few dependencies are ES modules that find files beside themselves; in one CommonJS file, beside it.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  });
  for (const name of Object.keys(entries)) {
    const code = fs.readFileSync(path.join(out, `${name}.js`), 'latin1');
    const wide = /[^\x00-\x7f]/.exec(code);
    if (wide)
      throw new Error(
        `${name}.js holds a non-ASCII character (its source would take two bytes a character in the heap) at ` +
          `${wide.index}: ${code.slice(wide.index - 60, wide.index + 20)}`,
      );
    for (const file of [`${name}.js`, `${name}.js.LEGAL.txt`]) {
      if (fs.existsSync(path.join(out, file))) fs.renameSync(path.join(out, file), path.join(src, file));
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
}

bundle(process.argv[2] ?? 'dist').catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
