'use strict';
/**
 * 2. The nearest peer: Emmett's SQLite event store (@event-driven-io/emmett-sqlite 0.38.5, on the
 * `sqlite3` package) against our port, same workloads, side by side. Its failures under 32 concurrent
 * writers are reported as failures (errors, and acknowledged appends that are not in the file).
 */
const Database = require('better-sqlite3');
const { requireDist, freshFile, now, rmStore, progress } = require('./lib/common');
const { makeEvents, streamOf, WRITERS } = require('./append.bench');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function emmettStore(file) {
  const { getSQLiteEventStore } = require('@event-driven-io/emmett-sqlite');
  return getSQLiteEventStore({ fileName: file });
}
const toEmmett = (e) => ({ type: e.type, data: e.data, metadata: e.metadata });

/** Sequential single-event appends for a time budget; returns events/s. */
async function sequential(append, events, budgetMs, errors) {
  const t0 = now();
  let i = 0;
  let ok = 0;
  for (; i < events.length && now() - t0 < budgetMs; i++) {
    try {
      await append(streamOf(i), events[i]);
      ok++;
    } catch (error) {
      countError(errors, error);
    }
  }
  return ok / ((now() - t0) / 1000);
}

function countError(errors, error) {
  const code = error?.code ?? error?.name ?? 'Error';
  errors.set(code, (errors.get(code) ?? 0) + 1);
}

const errorText = (errors) => [...errors].map(([code, n]) => `${n}× ${code}`).join(', ');

/** Streams of `perStream` events each, appended in one call per stream (failed appends are retried and counted). */
async function seed(append, events, streams, perStream, errors) {
  for (let s = 0; s < streams; s++) {
    for (let attempt = 0; ; attempt++) {
      try {
        await append(`incident-r${s}`, events.slice(s * perStream, (s + 1) * perStream));
        break;
      } catch (error) {
        countError(errors, error);
        if (attempt === 5) throw error;
      }
    }
  }
}

/** Reads every seeded stream once, as many passes as fit the budget; returns events/s. */
async function readAllStreams(read, streams, budgetMs) {
  const t0 = now();
  let count = 0;
  do {
    for (let s = 0; s < streams; s++) count += await read(`incident-r${s}`);
  } while (now() - t0 < budgetMs);
  return count / ((now() - t0) / 1000);
}

/** 32 writers, each appending `perWriter` single events to its own stream, all at once. */
async function concurrent(append, events, perWriter) {
  const errors = new Map();
  let acknowledged = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let k = 0; k < perWriter; k++) {
        try {
          await append(`incident-c${w}`, events[w * perWriter + k]);
          acknowledged++;
        } catch (error) {
          countError(errors, error);
        }
      }
    }),
  );
  return { acknowledged, errors, ms: now() - t0 };
}

/** Emmett's 32 writers run in a child killed at the deadline: appends still pending then count as hung. */
function emmettConcurrent(file, perWriter, deadlineMs) {
  const { spawn } = require('node:child_process');
  return new Promise((resolve) => {
    const t0 = now();
    const child = spawn(
      process.execPath,
      [require.resolve('./peer-concurrent.child.js'), file, String(WRITERS), String(perWriter)],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const result = { acknowledged: 0, errors: new Map(), ms: 0 };
    let buffer = '';
    let done = false;
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) {
        if (line === 'ok') result.acknowledged++;
        else if (line.startsWith('err ')) countError(result.errors, { code: line.slice(4) });
        else if (line === 'done') {
          done = true;
          result.ms = now() - t0;
          child.kill();
        }
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.on('exit', () => {
      clearTimeout(timer);
      if (!done) {
        result.ms = now() - t0;
        const settled = result.acknowledged + [...result.errors.values()].reduce((a, b) => a + b, 0);
        const hung = WRITERS * perWriter - settled;
        if (hung > 0) result.errors.set(`still pending after ${deadlineMs / 1000} s (killed)`, hung);
      }
      resolve(result);
    });
  });
}

function countRows(file, table) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT COUNT(*) FROM ${table} WHERE stream_id LIKE 'incident-c%'`).pluck().get();
  } finally {
    db.close();
  }
}

function describe(result, stored) {
  const errs = errorText(result.errors);
  const lost = result.acknowledged - stored;
  const problems = [];
  if (errs) problems.push(`errors: ${errs}`);
  if (lost > 0) problems.push(`${lost} acknowledged appends not stored`);
  return { problems, text: `${result.acknowledged} acknowledged, ${stored} stored` };
}

async function run({ quick }) {
  const { openSqliteEventStore, uuidv7 } = requireDist('libs/event-store/src/index.js');
  const { messagesTable } = require('@event-driven-io/emmett-sqlite');
  const budget = quick ? 500 : 2500;
  const [streams, perStream, perWriter] = quick ? [40, 50, 5] : [400, 100, 20];
  const events = makeEvents(Math.max(streams * perStream, WRITERS * perWriter, quick ? 4000 : 20000), uuidv7);
  const ours = freshFile('peer-ours.db');
  // A fresh file per Emmett store: it closes its sqlite3 connections asynchronously.
  const emmettFiles = [];
  const theirsFile = (name) => {
    const f = freshFile(`peer-emmett-${name}.db`);
    emmettFiles.push(f);
    return f;
  };
  const seqErrors = { ours: new Map(), theirs: new Map() };

  const section = '2. Peer: Emmett SQLite event store 0.38.5';
  const rows = [];
  const seq = { ours: [], theirs: [] };
  const openOurs = () => openSqliteEventStore(ours, { synchronous: 'FULL' });
  for (let round = 0; round < 3; round++) {
    rmStore(ours);
    const store = await openOurs();
    seq.ours.push(await sequential((s, e) => store.append(s, [e]), events, budget, seqErrors.ours));
    await store.close();
    const emmett = emmettStore(theirsFile(`seq${round}`));
    seq.theirs.push(
      await sequential((s, e) => emmett.appendToStream(s, [toEmmett(e)]), events, budget, seqErrors.theirs),
    );
  }
  const oursSeq = median(seq.ours),
    theirsSeq = median(seq.theirs);
  rows.push({
    section,
    name: 'Emmett, sequential append, 1 event per append',
    value: theirsSeq,
    unit: 'events/s',
    note:
      'opens a sqlite3 connection per operation (synchronous=FULL too)' +
      (seqErrors.theirs.size ? `; failed appends: ${errorText(seqErrors.theirs)}` : ''),
  });
  rows.push({
    section,
    name: 'port, sequential append, 1 event per append',
    value: oursSeq,
    unit: 'events/s',
    ratio: oursSeq / theirsSeq,
    ratioTo: 'Emmett',
    target: 10,
    failure: seqErrors.ours.size ? errorText(seqErrors.ours) : undefined,
  });

  progress('peer: sequential appends done');
  // Reads: the same streams in both stores, read whole, one stream at a time.
  rmStore(ours);
  const theirs = theirsFile('rw');
  const store = await openOurs();
  const emmett = emmettStore(theirs);
  const seedErrors = { ours: new Map(), theirs: new Map() };
  await seed((s, es) => store.append(s, es), events, streams, perStream, seedErrors.ours);
  await seed((s, es) => emmett.appendToStream(s, es.map(toEmmett)), events, streams, perStream, seedErrors.theirs);
  progress('peer: seeded');
  const reads = { ours: [], theirs: [] };
  for (let round = 0; round < 3; round++) {
    reads.ours.push(
      await readAllStreams(
        async (s) => {
          let n = 0;
          for await (const _ of store.readStream(s)) n++;
          return n;
        },
        streams,
        budget / 2,
      ),
    );
    reads.theirs.push(
      await readAllStreams(async (s) => (await emmett.readStream(s)).events.length, streams, budget / 2),
    );
  }
  const oursRead = median(reads.ours),
    theirsRead = median(reads.theirs);
  rows.push({
    section,
    name: `Emmett, readStream (${streams} streams × ${perStream} events)`,
    value: theirsRead,
    unit: 'events/s',
    note: seedErrors.theirs.size
      ? `appends failed while loading it (retried): ${errorText(seedErrors.theirs)}`
      : undefined,
  });
  rows.push({
    section,
    name: 'port, readStream (same streams)',
    value: oursRead,
    unit: 'events/s',
    ratio: oursRead / theirsRead,
    ratioTo: 'Emmett',
    target: 2,
  });

  progress('peer: reads done');
  // 32 concurrent writers: correctness first.
  const c1 = await concurrent((s, e) => store.append(s, [e]), events, perWriter);
  await store.close();
  const oursC = describe(c1, countRows(ours, 'events'));
  const c2 = await emmettConcurrent(theirsFile('concurrent'), perWriter, quick ? 4000 : 10000);
  const theirs2 = emmettFiles[emmettFiles.length - 1];
  progress('peer: concurrent done');
  const theirsC = describe(c2, countRows(theirs2, messagesTable.name));
  const total = WRITERS * perWriter;
  rows.push({
    section,
    name: `Emmett, ${WRITERS} concurrent writers (${total} appends)`,
    value: oursC.problems.length === 0 && theirsC.problems.length === 0 ? total / (c2.ms / 1000) : null,
    unit: 'events/s',
    failure: theirsC.problems.length > 0 ? theirsC.problems.join('; ') : undefined,
    note: theirsC.text,
  });
  rows.push({
    section,
    name: `port, ${WRITERS} concurrent writers (${total} appends)`,
    value: oursC.problems.length === 0 ? total / (c1.ms / 1000) : null,
    unit: 'events/s',
    failure: oursC.problems.length > 0 ? oursC.problems.join('; ') : undefined,
    note: oursC.text,
  });
  rmStore(ours);
  for (const f of emmettFiles) rmStore(f);
  return rows;
}

module.exports = { run };
