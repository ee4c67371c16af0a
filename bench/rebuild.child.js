'use strict';
/**
 * Child process of rebuild.bench.js, so that its peak RSS is its own:
 *   ceiling <file>      read the store's rows with better-sqlite3 and JSON.parse them, nothing else
 * Prints one JSON line: { events, ms, maxRssMiB }. (The projection file's rebuild: read-store.child.js.)
 */
const { now } = require('./lib/common');

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
  if (mode !== 'ceiling') throw new Error(`unknown mode ${mode}`);
  const result = ceiling(file);
  result.maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify(result)}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
