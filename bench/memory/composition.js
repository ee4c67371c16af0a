'use strict';
/**
 * What the service's RSS is made of: starts the built service on copies of the benchmark store and its
 * projection file with the probe preloaded (probe.js), runs the loads section 4 runs (each query alone, then
 * 64 connections for 6 s), then questions about the past at three cuts, and samples at each step: V8's heap,
 * external memory, anonymous vs file-backed RSS (smaps_rollup), after a forced GC, after the SQLite connections
 * freed their page caches, and after idling. Usage: node bench/memory/composition.js [label] [--quick]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { DIST, TMP, now, seeded, rmStore } = require('../lib/common');
const { startServer, gql, drain } = require('../lib/server');
const { projectionFileFor } = require('../lib/projection-file');
const { storeFor } = require('../rebuild.bench');
const { cannon, QUERIES } = require('../graphql.bench');

const TOKEN = 'bench-admin-token-0123456789abcdef';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The reads of the bench's section 4, the same texts. */
const LOADS = QUERIES;

const PAST = {
  'incidents(asOf, first: 50)': (clock) =>
    `query($asOf: DateTime) { incidents(first: 50, filter: { asOf: $asOf, clock: ${clock} }) ` +
    '{ totalCount edges { node { id assessment { status readiness } } } } }',
  'incidents(asOf) tally and map': (clock) =>
    `query($asOf: DateTime) { incidents(first: 0, filter: { asOf: $asOf, clock: ${clock} }) ` +
    '{ totalCount tally { status readiness count } map { withoutCoordinates } } }',
  'incident(id, asOf)': (clock) =>
    `query($id: ID!, $asOf: DateTime) { incident(id: $id, filter: { asOf: $asOf, clock: ${clock} }) ` +
    '{ id assessment { status } } }',
  'speakOutReport(asOf)': (clock) =>
    `query($asOf: DateTime) { speakOutReport(filter: { asOf: $asOf, clock: ${clock} }) ` +
    '{ asOf statesPartiesCount medianLagDays } }',
  'statements(asOf, CONDEMNATION, first: 50)': (clock) =>
    `query($asOf: DateTime) { statements(first: 50, filter: { asOf: $asOf, clock: ${clock}, kind: [CONDEMNATION] }) ` +
    '{ totalCount edges { node { id deliveredOn } } } }',
};

function proc(pid) {
  const kb = (text, key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN) / 1024;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return {
    rss: kb(status, 'VmRSS'),
    hwm: kb(status, 'VmHWM'),
    anon: kb(status, 'RssAnon'),
    file: kb(status, 'RssFile'),
    shmem: kb(status, 'RssShmem'),
    anonRollup: kb(rollup, 'Anonymous'),
  };
}

/**
 * Anonymous RSS (MiB) by kind of mapping: malloc's main heap ([heap]), thread arenas and V8's pages (anonymous
 * mappings; glibc's arenas are 64 MiB reservations, V8's pages 256 KiB chunks), thread stacks and the rest.
 */
function anonByMapping(pid) {
  const out = {};
  let name = null;
  let size = 0;
  for (const row of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(row);
    if (head) {
      size = (parseInt(head[2], 16) - parseInt(head[1], 16)) / 1048576;
      name = head[3] || (size >= 63 ? 'anonymous >= 63 MiB (malloc arenas, V8 reservations)' : 'anonymous < 63 MiB');
      continue;
    }
    const anon = /^Anonymous:\s+(\d+) kB/.exec(row);
    if (anon && Number(anon[1]) > 0) {
      const key = name.startsWith('/') ? 'files' : name;
      out[key] = Math.round(((out[key] ?? 0) + Number(anon[1]) / 1024) * 10) / 10;
    }
  }
  return out;
}

async function probe(server, file, cmd) {
  fs.writeFileSync(`${file}.cmd`, cmd);
  rmStore(file);
  process.kill(server.pid, 'SIGUSR2');
  for (let i = 0; i < 200 && !fs.existsSync(file); i++) await sleep(50);
  const inside = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { ...inside, proc: proc(server.pid) };
}

function line(step, s) {
  const m = s.memory;
  const r = s.proc;
  const young = (s.spaces.new_space?.size ?? 0) + (s.spaces.semi_space?.size ?? 0);
  return (
    `| ${step} | ${r.rss.toFixed(0)} | ${r.anon.toFixed(0)} | ${r.file.toFixed(0)} | ` +
    `${m.heapUsed} | ${m.heapTotal} | ` +
    `${young.toFixed(1)} | ${m.external} | ${m.arrayBuffers} | ` +
    `${(r.anon - m.heapTotal - m.external).toFixed(0)} |`
  );
}

/** An incident shown on both clocks at `asOf` (and so at every later cut). */
async function existingOnBothClocks(server, asOf) {
  const ids = [];
  for (const clock of ['KNOWN', 'RECORDED']) {
    const query =
      `query($asOf: DateTime) { incidents(first: 200, filter: { asOf: $asOf, clock: ${clock} }) ` +
      '{ edges { node { id } } } }';
    const r = await gql(server.url, query, { asOf }, HEADERS);
    ids.push(new Set(r.json.data.incidents.edges.map((e) => e.node.id)));
  }
  const both = [...ids[0]].find((i) => ids[1].has(i));
  if (!both) throw new Error(`no incident shown on both clocks at ${asOf}`);
  return both;
}

async function run() {
  const quick = process.argv.includes('--quick');
  const label = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'run';
  const { file, meta } = storeFor(quick);
  const work = path.join(TMP, `memory-${label}-store.db`);
  const tokens = path.join(TMP, `memory-${label}-tokens.db`);
  const projections = path.join(TMP, `memory-${label}-projections.db`);
  const probeFile = path.join(TMP, `memory-${label}-probe.json`);
  rmStore(work);
  rmStore(tokens);
  fs.copyFileSync(file, work);
  const rows = [];
  const lines = [];
  const log = (s) => {
    lines.push(s);
    console.log(s);
  };
  let server;
  try {
    server = await startServer(
      path.join(DIST, 'apps/api/src/main.js'),
      {
        EVENT_STORE: 'sqlite',
        SQLITE_PATH: work,
        PROJECTIONS_DB: projectionFileFor(file, projections),
        TOKENS_PATH: tokens,
        ADMIN_TOKEN: TOKEN,
        ADMIN_TOKEN_FILE: path.join(TMP, `memory-${label}-admin-token`),
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        MEMORY_PROBE_FILE: probeFile,
      },
      {
        deadlineMs: 300_000,
        headers: HEADERS,
        readyPath: '/health/ready',
        // NODE_ARGS: V8 flags to compare (e.g. --optimize-for-size), given to the service only.
        args: [
          ...(process.env.NODE_ARGS ?? '').split(' ').filter(Boolean),
          '--expose-gc',
          '-r',
          path.join(__dirname, 'probe.js'),
        ],
      },
    );
    log(
      `# ${label}: ${new Date().toISOString()}, load ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    log(`started in ${server.startMs.toFixed(0)} ms`);
    log(
      '| step | RSS | anon | file | heap used | heap total | young gen | external | arrayBuffers | ' +
        'anon - heap - external |',
    );
    log('|---|---|---|---|---|---|---|---|---|---|');
    const step = async (name, cmd = 'sample') => {
      const s = await probe(server, probeFile, cmd);
      rows.push({ name, ...s });
      log(line(name, s));
      return s;
    };
    await step('ready (caught up)');
    const cacheSize = process.env.PROJECTIONS_CACHE_SIZE;
    if (cacheSize) await step(`projection file cache_size = ${cacheSize}`, `cache:${cacheSize}`);
    const id = meta.sampleIncidentIds[0];
    const rng = seeded(7);
    const duration = quick ? 1 : 6;
    for (const [name, make] of Object.entries(LOADS)) {
      const { query, variables } = JSON.parse(make(id));
      for (let i = 0; i < 3; i++) await gql(server.url, query, variables, HEADERS);
      if (name === 'speakOutReport') continue; // seconds per request: the bench does not load it either
      await cannon(server.url, {
        connections: 64,
        duration,
        setup: name === 'incident' ? () => LOADS.incident(rng.pick(meta.sampleIncidentIds)) : undefined,
        body: make(id),
      });
      await drain(server.url, HEADERS);
      if (process.env.EACH_LOAD) await step(`after ${name} at 64 connections`);
    }
    const afterLoads = await step('after the loads (the bench figure)');
    await step('after the loads, forced GC', 'gc');
    const times = {};
    const pastId = await existingOnBothClocks(server, '2019-06-01T00:00:00Z');
    for (const day of ['2019-06-01', meta.midDate, '2024-01-01']) {
      const asOf = `${day}T00:00:00Z`;
      for (const clock of ['KNOWN', 'RECORDED']) {
        for (const [name, query] of Object.entries(PAST)) {
          const t0 = now();
          const r = await gql(server.url, query(clock), { id: pastId, asOf }, HEADERS);
          const ms = now() - t0;
          if (r.json.errors) throw new Error(`${name}: ${JSON.stringify(r.json.errors[0]).slice(0, 200)}`);
          (times[`${name}, ${clock}`] ??= []).push(Math.round(ms));
        }
      }
      await step(`after questions about ${day} (both clocks)`);
      await step(`... forced GC`, 'gc');
    }
    await step('after a forced GC', 'gc');
    const idleMs = Number(process.env.IDLE_MS ?? 65_000);
    await sleep(idleMs);
    await step(`idle ${idleMs / 1000} s later`);
    await step('... forced GC', 'gc');
    await step('after clearing ModelsAt (reports, one-incident replays), GC', 'clear:ModelsAt');
    await step('after clearing CutReads (lists as of a cut), GC', 'clear:CutReads');
    await step('after GC and shrink_memory on every connection', 'shrink');
    log(`anonymous memory by mapping: ${JSON.stringify(anonByMapping(server.pid))}`);
    log('');
    log(`first requests (ms) at 2019-06-01, ${meta.midDate}, 2024-01-01:`);
    for (const [name, list] of Object.entries(times)) log(`- ${name}: ${list.join(', ')}`);
    log(`connections: ${JSON.stringify(afterLoads.connections)}`);
    log(`VmHWM ${rows[rows.length - 1].proc.hwm.toFixed(0)} MiB`);
    log(`spaces after loads: ${JSON.stringify(afterLoads.spaces)}`);
  } finally {
    await server?.stop();
    for (const f of [work, tokens, projections]) rmStore(f);
    fs.rmSync(`${projections}.lock`, { force: true });
    fs.writeFileSync(path.join(TMP, `memory-${label}.md`), `${lines.join('\n')}\n`);
  }
}

run().catch((error) => {
  console.error(error);
  process.exit(1);
});
