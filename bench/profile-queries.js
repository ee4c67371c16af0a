'use strict';
/**
 * Profiling helper (not part of `npm run bench`): rebuilds the registry model from a generated store,
 * then CPU-profiles the read-side query functions alone (node:inspector), so that the profile shows the
 * query and not the rebuild. Writes .tmp/bench/profile-<name>.cpuprofile (open in Chrome DevTools).
 *   node bench/profile-queries.js [--quick]
 */
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');
const { requireDist, TMP, now, ROOT, progress } = require('./lib/common');
const { storeFor } = require('./rebuild.bench');

function post(session, method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
}

async function profile(session, name, fn) {
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.start');
  const t0 = now();
  fn();
  const ms = now() - t0;
  const { profile: p } = await post(session, 'Profiler.stop');
  const file = path.join(TMP, `profile-${name}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(p));
  progress(`${name}: ${ms.toFixed(0)} ms -> ${file}`);
}

(async () => {
  const quick = process.argv.includes('--quick');
  const { file, meta } = storeFor(quick);
  const { openSqliteEventStore } = requireDist('libs/event-store/src/index.js');
  const projections = requireDist('libs/projections/src/index.js');
  const { parseCcmStates } = requireDist('libs/domain/src/index.js');
  const states = parseCcmStates(fs.readFileSync(path.join(ROOT, 'data/reference/ccm-states.csv'), 'utf8'));
  const store = await openSqliteEventStore(file, { synchronous: 'NORMAL' });
  const runner = new projections.ProjectionRunner(store);
  await runner.rebuild();
  const model = runner.model;
  progress(`model built: ${model.eventsApplied} events`);
  const session = new inspector.Session();
  session.connect();
  await profile(session, 'getIncident', () => {
    for (const id of meta.sampleIncidentIds) projections.getIncident(model, id);
  });
  await profile(session, 'stateTimeline', () => projections.stateTimeline(model, states, 'GBR'));
  await profile(session, 'speakOutReport', () => projections.speakOutReport(model, states, {}));
  session.disconnect();
  await store.close();
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
