'use strict';
/**
 * Child process of read-store.bench.js, so that each peak RSS is its own. Modes:
 *   rebuild <store> <projections>   rebuild the projection file from every event (libs/read-store)
 *   asof <projections> <meta.json>  time one incident's assessment as of a cut, read from the file, then every
 *                                   incident as of the same cuts in one pass (incidentsAt: first call, then again)
 * Prints one JSON line.
 */
const fs = require('node:fs');
const { requireDist, now } = require('./lib/common');

async function rebuild(storeFile, projections) {
  const { openSqliteEventStore } = requireDist('libs/event-store/src/index.js');
  const { rebuildReadStore } = requireDist('libs/read-store/src/index.js');
  const store = openSqliteEventStore(storeFile, { synchronous: 'NORMAL' });
  const t0 = now();
  const checkpoint = await rebuildReadStore(projections, store);
  const ms = now() - t0;
  await store.close();
  return {
    events: checkpoint.seq,
    skipped: checkpoint.skipped,
    ms,
    phases: checkpoint.ms,
    bytes: fs.statSync(projections).size,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

function asof(projections, metaFile) {
  const { ReadStore, incidentsAt } = requireDist('libs/read-store/src/index.js');
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  const store = ReadStore.openFile(projections);
  const range = store.db.prepare('SELECT min(recorded_at) AS lo, max(recorded_at) AS hi FROM incidents').get();
  const cuts = {
    KNOWN: { clock: 'KNOWN', at: new Date(`${meta.midDate}T12:00:00Z`) },
    RECORDED: { clock: 'RECORDED', at: new Date((range.lo + range.hi) / 2) },
    LIVE: 'LIVE',
  };
  const ids = [...new Set(meta.sampleIncidentIds)].slice(0, 100);
  const result = {};
  for (const [name, cut] of Object.entries(cuts)) {
    const ms = [];
    let found = 0;
    for (const id of ids) {
      const t0 = now();
      if (store.assessAsOf(id, cut) !== null) found++;
      ms.push(now() - t0);
    }
    result[name] = { incidents: ids.length, found, medianMs: median(ms), p95Ms: p95(ms), firstMs: ms[0] };
  }
  // Every incident as of each cut, in one pass over the tables: the first call (its statements prepared then),
  // and a second one.
  for (const [name, cut] of Object.entries(cuts)) {
    const times = [];
    let count = 0;
    for (let i = 0; i < 2; i++) {
      const t0 = now();
      count = incidentsAt(store.db, cut, store.policy).length;
      times.push(now() - t0);
    }
    result[name].all = { incidents: count, firstMs: times[0], againMs: times[1] };
  }
  store.close();
  return result;
}

(async () => {
  const [mode, a, b] = process.argv.slice(2);
  const result = mode === 'rebuild' ? await rebuild(a, b) : asof(a, b);
  result.maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify(result)}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
