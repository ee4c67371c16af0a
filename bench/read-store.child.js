'use strict';
/**
 * Child process of read-store.bench.js, so that each peak RSS is its own. Modes:
 *   rebuild <store> <projections>   rebuild the projection file from every event (libs/read-store)
 *   asof <projections> <meta.json>  time one incident's assessment as of a cut, read from the file, then every
 *                                   incident as of the same cuts in one pass (incidentsAt: first call, then again)
 *   trail <store> <projections> <meta.json>
 *                                   one incident's audit trail with its status changes' events, and its nested lists,
 *                                   now and as of the same cuts: from the file and its events (incidentTrailAt,
 *                                   incidentListsAt), and by the replay of its streams through the reference fold
 *                                   that the service made until 2026-12-02, alternately
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
  const cuts = cutsOf(store, meta);
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

/** The cuts the as-of measures read at: mid-history on each clock, and now. */
function cutsOf(store, meta) {
  const range = store.db.prepare('SELECT min(recorded_at) AS lo, max(recorded_at) AS hi FROM incidents').get();
  return {
    KNOWN: { clock: 'KNOWN', at: new Date(`${meta.midDate}T12:00:00Z`) },
    RECORDED: { clock: 'RECORDED', at: new Date((range.lo + range.hi) / 2) },
    LIVE: 'LIVE',
  };
}

async function trail(storeFile, projections, metaFile) {
  const { openSqliteEventStore } = requireDist('libs/event-store/src/index.js');
  const { ReadStore, incidentTrailAt, incidentListsAt, incidentStreams } = requireDist('libs/read-store/src/index.js');
  const { buildModel, cutFilter, findIncident, incidentHistory, knownOnOf, statusChangesOf } = requireDist(
    'libs/projections/src/index.js',
  );
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  const events = openSqliteEventStore(storeFile);
  const file = ReadStore.openFile(projections);
  const compare = (a, b) => events.comparePositions(a, b);
  const ids = [...new Set(meta.sampleIncidentIds)].slice(0, 60);
  const fromFile = async (id, cut) => {
    const reading = incidentTrailAt(file.db, cut, id);
    if (reading === null) return 0;
    const read = [...(await events.readStreams(reading.streams)).values()].flat();
    const got = reading.from(read, compare);
    const at = incidentListsAt(file.db, cut, id);
    return got.history.length + got.causes([]).length + (at?.corroborations.length ?? 0);
  };
  const byReplay = async (id, cut) => {
    const found = incidentStreams(file.db, id, false);
    if (found === null) return 0;
    const within = cut === 'LIVE' ? () => true : cutFilter(cut);
    const kept = [...(await events.readStreams(found.streams)).values()].flat().filter(within);
    kept.sort((a, b) => compare(a.position, b.position));
    const model = buildModel(kept, { policy: file.policy, knownOn: cut === 'LIVE' ? undefined : knownOnOf(cut) });
    const view = findIncident(model, id);
    if (!view) return 0;
    return incidentHistory(model, id).length + statusChangesOf(model, view).length + view.corroborationIds.length;
  };
  const result = {};
  for (const [name, cut] of Object.entries(cutsOf(file, meta))) {
    const ms = { file: [], replay: [] };
    let found = 0;
    // Alternately, each first every other time (the second reads the same streams warm); the incidents that
    // existed at the cut.
    for (const [n, id] of ids.entries()) {
      const times = {};
      let shown = 0;
      const ways = [
        ['file', fromFile],
        ['replay', byReplay],
      ];
      for (const [way, read] of n % 2 === 0 ? ways : ways.reverse()) {
        const t0 = now();
        shown += await read(id, cut);
        times[way] = now() - t0;
      }
      if (shown === 0) continue;
      found++;
      for (const way of ['file', 'replay']) ms[way].push(times[way]);
    }
    result[name] = {
      incidents: found,
      file: { medianMs: median(ms.file), p95Ms: p95(ms.file) },
      replay: { medianMs: median(ms.replay), p95Ms: p95(ms.replay) },
    };
  }
  file.close();
  await events.close();
  return result;
}

(async () => {
  const [mode, a, b, c] = process.argv.slice(2);
  const result = mode === 'rebuild' ? await rebuild(a, b) : mode === 'trail' ? await trail(a, b, c) : asof(a, b);
  result.maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify(result)}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
