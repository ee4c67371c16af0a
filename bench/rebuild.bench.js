'use strict';
/**
 * 3. Rebuild the projection file from the generated store (~1,000,000 events; --quick: ~28,000) against the
 * ceiling of reading and JSON-parsing the same rows with nothing else. Each runs in its own child
 * process (peak RSS from resourceUsage().maxRSS); the ceiling runs before and after, the faster is kept.
 */
const { execFileSync } = require('node:child_process');
const { progress, rmStore } = require('./lib/common');
const { ensureStore } = require('./lib/generate-store');

const FULL_INCIDENTS = 10000;
const QUICK_INCIDENTS = 300;

function child(mode, file, extraArgs = []) {
  const out = execFileSync(process.execPath, [...extraArgs, require.resolve('./rebuild.child.js'), mode, file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

function storeFor(quick) {
  const t0 = Date.now();
  const store = ensureStore(quick ? QUICK_INCIDENTS : FULL_INCIDENTS);
  const how = store.cached ? 'reused' : `generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`;
  progress(`store ${how}: ${store.meta.events} events, ${store.file}`);
  return store;
}

/** read-store.child.js in a process of its own; its one JSON line. */
function readStoreChild(...args) {
  const printed = execFileSync(process.execPath, [require.resolve('./read-store.child.js'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(printed.trim().split('\n').pop());
}

/**
 * Builds the store's projection file from scratch in a child process (read-store.child.js rebuild), then reads
 * incidents' audit trails and nested lists from it (read-store.child.js trail).
 */
function rebuildFile(file) {
  const out = `${file}.bench-rebuild.db`;
  rmStore(out);
  try {
    const rebuilt = readStoreChild('rebuild', file, out);
    return { ...rebuilt, trail: readStoreChild('trail', file, out, `${file}.json`) };
  } finally {
    rmStore(out);
  }
}

async function run({ quick }) {
  const { file, meta } = storeFor(quick);
  // The ceiling is cheap: read it before and after the rebuild and keep the faster (the machine is shared).
  const ceilings = [child('ceiling', file)];
  const p = rebuildFile(file);
  ceilings.push(child('ceiling', file));
  const c = ceilings.reduce((a, b) => (b.ms < a.ms ? b : a));
  const rate = (x) => x.events / (x.ms / 1000);
  const section =
    `3. Rebuild from ${meta.events.toLocaleString('en-US')} generated events ` +
    `(${meta.incidents.toLocaleString('en-US')} incidents)`;
  const phases = Object.entries(p.phases ?? {})
    .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
  const skippedNote = p.skipped > 0 ? `; ${p.skipped} events SKIPPED by the fold` : '';
  return [
    {
      section,
      name: 'ceiling: read + JSON.parse the rows, nothing else',
      value: rate(c),
      unit: 'events/s',
      note: `${(c.ms / 1000).toFixed(1)} s, peak RSS ${c.maxRssMiB.toFixed(0)} MiB`,
    },
    {
      section,
      name: 'rebuild the projection file from scratch',
      value: rate(p),
      unit: 'events/s',
      ratio: rate(p) / rate(c),
      ratioTo: 'ceiling',
      target: 0.5,
      note: `${(p.ms / 1000).toFixed(1)} s (${phases}), ${(p.bytes / 1048576).toFixed(0)} MiB file${skippedNote}`,
    },
    { section, name: 'rebuild: peak RSS', value: p.maxRssMiB, unit: 'MiB', target: 1024, targetKind: 'max-value' },
    ...['KNOWN', 'RECORDED', 'LIVE'].map((clock) => {
      const t = p.trail[clock];
      const when = clock === 'LIVE' ? 'now' : `as of mid-history (${clock})`;
      return {
        section,
        name: `one incident's audit trail, status change events and nested lists, ${when}`,
        value: t.file.medianMs,
        unit: 'ms (median)',
        note:
          `p95 ${t.file.p95Ms.toFixed(1)} ms; ${t.incidents} incidents, from the file and their events; by the ` +
          `replay of their streams through the reference fold (the service's way until 2026-12-02), alternately: ` +
          `median ${t.replay.medianMs.toFixed(1)} ms, p95 ${t.replay.p95Ms.toFixed(1)} ms`,
      };
    }),
  ];
}

module.exports = { run, storeFor, FULL_INCIDENTS, QUICK_INCIDENTS };
