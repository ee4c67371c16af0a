'use strict';
/**
 * Helper (not part of `npm run bench`): two built services on copies of the benchmark store, one per GRAPHQL_JIT
 * setting, and autocannon (64 connections) on the bare query and on incident(id) at random ids, alternating
 * services and queries for several rounds so that both see the same machine load. `npm run build` first.
 *   node bench/jit-compare.js [--rounds=3] [--duration=6] [--jit=0,1] [--queries=bare,incident]
 * With --profile the services run under `node --cpu-prof` (profiles in .tmp/bench/jit-profiles/).
 */
const fs = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');
const { DIST, TMP, seeded, rmStore, progress } = require('./lib/common');
const { startServer } = require('./lib/server');
const { projectionFileFor } = require('./lib/projection-file');
const { storeFor } = require('./rebuild.bench');

const TOKEN = 'bench-admin-token-0123456789abcdef';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const rounds = Number(arg('rounds', 3));
const duration = Number(arg('duration', 6));
const jits = arg('jit', '0,1').split(',').map(Number);
const profile = process.argv.includes('--profile');
const queries = arg('queries', 'bare,incident').split(',');

const body = (query, variables) => JSON.stringify({ query, variables });
const incidentQuery =
  'query($id: ID!) { incident(id: $id) { id assessment { status readiness missing } ' +
  'corroborations { id source { name } } } }';

function cannon(url, make) {
  return new Promise((resolve, reject) => {
    let bad = 0;
    const request = {
      method: 'POST',
      headers: HEADERS,
      body: make(),
      setupRequest: (req) => ({ ...req, body: make() }),
      onResponse: (status, resBody) => {
        if (status !== 200 || resBody.includes('"errors"')) bad++;
      },
    };
    autocannon({ url, connections: 64, duration, requests: [request], timeout: 30 }, (error, r) =>
      error ? reject(error) : resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad }),
    );
  });
}

(async () => {
  const { file, meta } = storeFor(false);
  const store = path.join(TMP, 'jit-store.db');
  rmStore(store);
  fs.copyFileSync(file, store);
  const profileDir = path.join(TMP, 'jit-profiles');
  if (profile) fs.mkdirSync(profileDir, { recursive: true });
  const servers = [];
  try {
    for (const jit of jits) {
      progress(`starting the service with GRAPHQL_JIT=${jit}`);
      const server = await startServer(
        path.join(DIST, 'apps/api/src/main.js'),
        {
          EVENT_STORE: 'sqlite',
          SQLITE_PATH: store,
          PROJECTIONS_DB: projectionFileFor(file, path.join(TMP, `jit-projections-${jit}.db`)),
          TOKENS_PATH: path.join(TMP, `jit-tokens-${jit}.db`),
          ADMIN_TOKEN: TOKEN,
          ADMIN_TOKEN_FILE: path.join(TMP, 'admin-token'),
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          GRAPHQL_JIT: String(jit),
        },
        {
          deadlineMs: 300_000,
          headers: HEADERS,
          readyPath: '/health/ready',
          args: profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
        },
      );
      servers.push({ jit, server });
    }
    const rng = seeded(7);
    const results = [];
    for (let round = 1; round <= rounds; round++) {
      for (const { jit, server } of servers) {
        const none = { rps: NaN, p50: NaN, p99: NaN, bad: 0 };
        const bare = queries.includes('bare') ? await cannon(server.url, () => body('{ __typename }')) : none;
        const incident = queries.includes('incident')
          ? await cannon(server.url, () => body(incidentQuery, { id: rng.pick(meta.sampleIncidentIds) }))
          : none;
        const line =
          `round ${round} jit=${jit}: bare ${bare.rps.toFixed(0)} req/s (p50 ${bare.p50}, p99 ${bare.p99}); ` +
          `incident ${incident.rps.toFixed(0)} req/s (p50 ${incident.p50}, p99 ${incident.p99}); ` +
          `ratio ${(incident.rps / bare.rps).toFixed(2)}; p99 ratio ${(incident.p99 / bare.p99).toFixed(2)}` +
          (bare.bad + incident.bad ? `; ${bare.bad + incident.bad} failed answers` : '');
        progress(line);
        results.push(line);
      }
    }
    fs.writeFileSync(path.join(TMP, 'jit-compare.txt'), `${results.join('\n')}\n`);
  } finally {
    // SIGTERM lets a --cpu-prof service write its profile.
    for (const { server } of servers) await server.stop();
    rmStore(store);
  }
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
