'use strict';
/**
 * Shared helpers for the benchmark scripts: resolving the compiled @app/* libraries from dist/,
 * command-line options, timing, and a tiny seeded random generator (the generated data must be
 * the same on every run so that the cached store stays valid).
 */
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const TMP = path.join(ROOT, '.tmp', 'bench');

// tsc-alias rewrites @app/* in dist/, but only if the build got that far: resolve them here too.
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveAppAlias(request, ...rest) {
  const m = /^@app\/([a-z-]+)(\/.*)?$/.exec(request);
  if (m) request = path.join(DIST, 'libs', m[1], 'src', m[2] ?? '');
  return originalResolve.call(this, request, ...rest);
};

function requireDist(relative) {
  return require(path.join(DIST, relative));
}

function options(argv = process.argv.slice(2)) {
  const only = argv.find((a) => a.startsWith('--only='));
  return {
    quick: argv.includes('--quick'),
    only: only ? only.slice('--only='.length).split(',') : null,
  };
}

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

async function timed(fn) {
  const start = now();
  const value = await fn();
  return { ms: now() - start, value };
}

/** mulberry32: small, fast, deterministic. */
function seeded(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  const hex = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(16)];
    return s;
  };
  /** A UUID-shaped id (version 4 layout) from the seeded stream. */
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`;
  return { next, int, pick, chance, hex, uuid };
}

function rmStore(file) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

function freshFile(name) {
  fs.mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, name);
  rmStore(file);
  return file;
}

module.exports = { ROOT, DIST, TMP, requireDist, options, now, timed, seeded, rmStore, freshFile };

const processStart = now();
/** Progress on stderr, with the time since start (the table goes to stdout). */
function progress(message) {
  process.stderr.write(`[bench +${((now() - processStart) / 1000).toFixed(1)}s] ${message}\n`);
}
module.exports.progress = progress;
