'use strict';
/**
 * Preloaded into a service under measurement (`node --expose-gc -r bench/memory/probe.js main.js`), never in
 * production: on SIGUSR2 it reads a command from `$MEMORY_PROBE_FILE.cmd` ("sample", "gc" or "shrink"), does
 * it, and writes what the process holds to `$MEMORY_PROBE_FILE`: process.memoryUsage(), V8's heap spaces, and
 * each open SQLite connection's file and cache_size. "shrink" asks every connection to free its page cache
 * (PRAGMA shrink_memory), so that the RSS it gives back says what the caches held; "clear:ModelsAt" or
 * "clear:CutReads" empties that cache of the questions about the past (then a GC); "cache:N" sets the projection
 * file's cache_size (to compare sizes).
 */
const fs = require('node:fs');
const v8 = require('node:v8');
const Module = require('node:module');

const out = process.env.MEMORY_PROBE_FILE;
const connections = [];

// Wraps better-sqlite3's constructor to know every connection the service opens (held weakly).
const load = Module._load;
let wrapped = null;
// And the caches of the questions about the past (ModelsAt, CutReads), so that "clear" can empty them.
const caches = [];
const patched = new Set();
function trackCaches(exported, name) {
  if (patched.has(exported)) return;
  patched.add(exported);
  const Base = exported[name];
  exported[name] = class extends Base {
    constructor(...args) {
      super(...args);
      caches.push({ name, cache: this });
    }
  };
}

Module._load = function trackConnections(request, ...rest) {
  const exported = load.call(this, request, ...rest);
  if (request.endsWith('/model-at')) trackCaches(exported, 'ModelsAt');
  if (request.endsWith('/cut-reads')) trackCaches(exported, 'CutReads');
  if (request !== 'better-sqlite3') return exported;
  if (wrapped) return wrapped;
  function Database(...args) {
    const db = new exported(...args);
    connections.push({ name: String(args[0]), db: new WeakRef(db) });
    return db;
  }
  Object.setPrototypeOf(Database, exported);
  Database.prototype = exported.prototype;
  wrapped = Database;
  return Database;
};

const MiB = (n) => Math.round((n / 1048576) * 10) / 10;

function sample() {
  const mem = process.memoryUsage();
  const open = [];
  for (const c of connections) {
    const db = c.db.deref();
    if (!db?.open) continue;
    open.push({ name: c.name, cacheSize: db.pragma('cache_size', { simple: true }) });
  }
  return {
    at: new Date().toISOString(),
    memory: Object.fromEntries(Object.entries(mem).map(([k, v]) => [k, MiB(v)])),
    spaces: Object.fromEntries(
      v8.getHeapSpaceStatistics().map((s) => [s.space_name, { size: MiB(s.space_size), used: MiB(s.space_used_size) }]),
    ),
    connections: open,
  };
}

process.on('SIGUSR2', () => {
  let cmd = 'sample';
  try {
    cmd = fs.readFileSync(`${out}.cmd`, 'utf8').trim();
  } catch {
    /* sample */
  }
  for (const { name, cache } of caches) {
    if (name === 'ModelsAt' && cmd === 'clear:ModelsAt') cache.clear();
    if (name === 'CutReads' && cmd === 'clear:CutReads') for (const map of [cache.kept, cache.pages]) map.clear();
  }
  const size = /^cache:(-?\d+)$/.exec(cmd)?.[1];
  if (size !== undefined)
    for (const c of connections) {
      const db = c.db.deref();
      if (db?.open && c.name.endsWith('projections.db')) db.pragma(`cache_size = ${size}`);
    }
  if (cmd === 'gc' || cmd === 'shrink' || cmd.startsWith('clear:')) global.gc?.();
  if (cmd === 'shrink')
    for (const c of connections) {
      const db = c.db.deref();
      if (db?.open) db.pragma('shrink_memory');
    }
  fs.writeFileSync(`${out}.tmp`, JSON.stringify({ cmd, ...sample() }));
  fs.renameSync(`${out}.tmp`, out);
});
