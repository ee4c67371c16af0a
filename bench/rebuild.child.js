'use strict';
/**
 * Child process of rebuild.bench.js, so that its peak RSS is its own. Modes:
 *   projections <file>  rebuild every projection through the port (ProjectionRunner.rebuild)
 *   ceiling <file>      read the same rows with better-sqlite3 and JSON.parse them, nothing else
 *   snapshot <file>     rebuild, then time a snapshot of the model: v8.serialize to a buffer and back
 * Prints one JSON line: { events, ms, maxRssMiB, skipped? }.
 */
const { requireDist, now } = require('./lib/common');

async function projections(file) {
  const { openSqliteEventStore } = requireDist('libs/event-store/src/index.js');
  const { ProjectionRunner } = requireDist('libs/projections/src/index.js');
  const store = await openSqliteEventStore(file, { synchronous: 'NORMAL' });
  const runner = new ProjectionRunner(store);
  const t0 = now();
  await runner.rebuild();
  const ms = now() - t0;
  const h = runner.health();
  const incidents = runner.model.incidents.size;
  await runner.stop();
  await store.close();
  return {
    events: h.eventsApplied + h.skipped,
    skipped: h.skipped,
    skippedEventIds: h.skippedEventIds.slice(0, 3),
    incidents,
    ms,
  };
}

/**
 * What a model snapshot (for time travel) would cost: the structured-clone format keeps the maps, sets and
 * plain objects the model is made of (class instances come back as plain objects: a real snapshot would
 * restore their prototypes, a cheap walk next to this).
 */
async function snapshot(file) {
  const v8 = require('node:v8');
  const { openSqliteEventStore } = requireDist('libs/event-store/src/index.js');
  const { ProjectionRunner } = requireDist('libs/projections/src/index.js');
  const store = await openSqliteEventStore(file, { synchronous: 'NORMAL' });
  const runner = new ProjectionRunner(store);
  await runner.rebuild();
  let t0 = now();
  const bytes = v8.serialize(runner.model);
  const serializeMs = now() - t0;
  t0 = now();
  const copy = v8.deserialize(bytes);
  const restoreMs = now() - t0;
  const incidents = copy.incidents.size;
  await runner.stop();
  await store.close();
  return { events: runner.model.eventsApplied, incidents, serializeMs, restoreMs, mib: bytes.length / 1048576 };
}

function ceiling(file) {
  const Database = require('better-sqlite3');
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare(
      'SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events ORDER BY position',
    )
    .raw();
  const t0 = now();
  let events = 0;
  let sink = 0;
  for (const row of rows.iterate()) {
    const data = JSON.parse(row[5]);
    const metadata = JSON.parse(row[6]);
    if (data !== null && metadata !== null) sink++;
    events++;
  }
  const ms = now() - t0;
  db.close();
  return { events, ms, sink };
}

(async () => {
  const [mode, file] = process.argv.slice(2);
  const result =
    mode === 'ceiling' ? ceiling(file) : mode === 'snapshot' ? await snapshot(file) : await projections(file);
  result.maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify(result)}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
