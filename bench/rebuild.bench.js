'use strict';
/**
 * 3. Rebuild all projections from the generated store (~1,000,000 events; --quick: ~28,000) against the
 * ceiling of reading and JSON-parsing the same rows with nothing else. Each runs in its own child
 * process (peak RSS from resourceUsage().maxRSS); the ceiling runs before and after, the faster is kept.
 */
const { execFileSync } = require('node:child_process');
const { progress } = require('./lib/common');
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

async function run({ quick }) {
  const { file, meta } = storeFor(quick);
  // The ceiling is cheap: read it before and after the rebuild and keep the faster (the machine is shared).
  const best = { ceiling: null, projections: null };
  for (const mode of ['ceiling', 'projections', 'ceiling']) {
    const result = child(mode, file);
    if (!best[mode] || result.ms < best[mode].ms) best[mode] = result;
  }
  const snap = child('snapshot', file);
  const rate = (x) => x.events / (x.ms / 1000);
  const c = best.ceiling,
    p = best.projections;
  const section =
    `3. Rebuild from ${meta.events.toLocaleString('en-US')} generated events ` +
    `(${meta.incidents.toLocaleString('en-US')} incidents)`;
  const skippedNote =
    p.skipped > 0 ? `; ${p.skipped} events SKIPPED by the fold (e.g. ${p.skippedEventIds.join(', ')})` : '';
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
      name: 'rebuild all projections through the port',
      value: rate(p),
      unit: 'events/s',
      ratio: rate(p) / rate(c),
      ratioTo: 'ceiling',
      target: 0.5,
      note: `${(p.ms / 1000).toFixed(1)} s, ${p.incidents} incidents${skippedNote}`,
    },
    { section, name: 'rebuild: peak RSS', value: p.maxRssMiB, unit: 'MiB', target: 1024, targetKind: 'max-value' },
    ...snapshotRows(snap, p),
  ];
}

/** What restoring a time-travel snapshot of the whole model would cost, next to replaying the events. */
function snapshotRows(snap, rebuild) {
  const section = '3b. A model snapshot (what time-travel snapshots would cost), v8.serialize of the rebuilt model';
  return [
    {
      section,
      name: 'snapshot size',
      value: snap.mib,
      unit: 'MiB',
      note: `peak RSS of the process ${snap.maxRssMiB.toFixed(0)} MiB`,
    },
    { section, name: 'write the snapshot (serialize)', value: snap.serializeMs, unit: 'ms' },
    {
      section,
      name: 'restore the snapshot (deserialize)',
      value: snap.restoreMs,
      unit: 'ms',
      ratio: snap.restoreMs / rebuild.ms,
      ratioTo: 'rebuild from the events',
      note: 'restoring must beat replaying for snapshots to pay',
    },
  ];
}

module.exports = { run, storeFor, FULL_INCIDENTS, QUICK_INCIDENTS };
