'use strict';
/**
 * The driver choice: Mercurius vs Apollo on `{ ping }`, tiny Nest apps
 * (bench/drivers/*.ts, built to dist/bench/drivers).
 */
const fs = require('node:fs');
const path = require('node:path');
const { DIST, progress } = require('./lib/common');
const { startServer } = require('./lib/server');

async function run({ quick }) {
  const section = '4b. GraphQL driver choice (tiny Nest app per driver, `{ ping }`, 64 connections)';
  const { cannon } = require('./graphql.bench');
  const rows = [];
  const results = {};
  for (const driver of ['mercurius', 'apollo']) {
    const script = path.join(DIST, 'bench/drivers', `${driver}-app.js`);
    if (!fs.existsSync(script)) {
      rows.push({ section, name: driver, value: null, skipped: `${path.relative(DIST, script)} not built` });
      continue;
    }
    let server;
    try {
      progress(`drivers: ${driver}`);
      server = await startServer(script, { NODE_ENV: 'production' }, { deadlineMs: 30_000 });
      // warm-up
      if (!quick)
        await cannon(server.url, { connections: 64, duration: 1, body: JSON.stringify({ query: '{ ping }' }) });
      results[driver] = await cannon(server.url, {
        connections: 64,
        duration: quick ? 1 : 6,
        body: JSON.stringify({ query: '{ ping }' }),
      });
    } catch (error) {
      rows.push({ section, name: driver, value: null, skipped: String(error.message ?? error).slice(0, 200) });
    } finally {
      await server?.stop();
    }
  }
  const m = results.mercurius,
    a = results.apollo;
  if (a)
    rows.push({
      section,
      name: 'Apollo (express 5)',
      value: a.rps,
      unit: 'req/s',
      note: `p50 ${a.p50} ms, p99 ${a.p99} ms`,
    });
  if (m)
    rows.push({
      section,
      name: 'Mercurius (fastify)',
      value: m.rps,
      unit: 'req/s',
      ratio: a ? m.rps / a.rps : undefined,
      ratioTo: 'Apollo',
      note: `p50 ${m.p50} ms, p99 ${m.p99} ms`,
    });
  return rows;
}

module.exports = { run };
