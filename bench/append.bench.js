'use strict';
/**
 * 1. Append through the port (SqliteEventStore, synchronous=FULL) against raw better-sqlite3 writing
 * the same rows into the same schema with the same durability. Rounds alternate and the median is kept.
 */
const Database = require('better-sqlite3');
const { requireDist, freshFile, now, seeded, rmStore } = require('./lib/common');
const { corroborationAdded, DAY } = require('./lib/registry-events');

const WRITERS = 32;
const ROUNDS = 3;

function makeEvents(count, uuidv7) {
  const rng = seeded(1);
  const start = Date.UTC(2016, 0, 1);
  const events = [];
  for (let i = 0; i < count; i++) {
    const { type, data } = corroborationAdded(
      rng,
      `inc-${i % WRITERS}`,
      `src-${rng.int(500)}`,
      start + rng.int(3000) * DAY,
    );
    events.push({ id: uuidv7(), type, data, metadata: { actor: 'bench', correlationId: uuidv7(), schemaVersion: 1 } });
  }
  return events;
}

/** Stream and revision of event i when writers take events round-robin (same rows for every contender). */
const streamOf = (i) => `incident-w${i % WRITERS}`;
const revisionOf = (i) => Math.floor(i / WRITERS);

function openRaw(file, SCHEMA) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const row = (e, i) => [
    streamOf(i),
    revisionOf(i),
    e.id,
    e.type,
    JSON.stringify(e.data),
    JSON.stringify(e.metadata),
    Date.now(),
  ];
  return { db, insert, row };
}

// Each contender writes for a time budget (the disk's fsync speed varies 20x with load),
// in whole rounds of WRITERS events.
// One BEGIN IMMEDIATE … COMMIT per event: measured faster here than autocommit inserts, so it is the ceiling.
function rawOneCommit(file, SCHEMA, events, budgetMs) {
  const { db, insert, row } = openRaw(file, SCHEMA);
  const commitOne = db.transaction((r) => insert.run(...r));
  const t0 = now();
  let i = 0;
  while (i < events.length && (i % WRITERS !== 0 || now() - t0 < budgetMs)) commitOne.immediate(row(events[i], i++));
  const ms = now() - t0;
  db.close();
  return i / (ms / 1000);
}

function rawGrouped(file, SCHEMA, events, groupSize, budgetMs) {
  const { db, insert, row } = openRaw(file, SCHEMA);
  const commit = db.transaction((from, to) => {
    for (let i = from; i < to; i++) insert.run(...row(events[i], i));
  });
  const t0 = now();
  let i = 0;
  for (; i < events.length && now() - t0 < budgetMs; i += groupSize)
    commit.immediate(i, Math.min(events.length, i + groupSize));
  const ms = now() - t0;
  db.close();
  return Math.min(i, events.length) / (ms / 1000);
}

async function portSingle(file, openSqliteEventStore, events, budgetMs) {
  const store = await openSqliteEventStore(file, { synchronous: 'FULL' });
  const t0 = now();
  let i = 0;
  for (; i < events.length && (i % WRITERS !== 0 || now() - t0 < budgetMs); i++) {
    const rev = revisionOf(i);
    await store.append(streamOf(i), [events[i]], { expectedRevision: rev === 0 ? 'no_stream' : rev - 1 });
  }
  const ms = now() - t0;
  const stats = store.stats();
  await store.close();
  if (stats.synchronous !== 'FULL') throw new Error(`store ran with synchronous=${stats.synchronous}`);
  return { rate: i / (ms / 1000), stats };
}

async function portConcurrent(file, openSqliteEventStore, events, budgetMs) {
  const store = await openSqliteEventStore(file, { synchronous: 'FULL' });
  const t0 = now();
  let written = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = w; i < events.length && now() - t0 < budgetMs; i += WRITERS, written++) {
        const rev = revisionOf(i);
        await store.append(streamOf(i), [events[i]], { expectedRevision: rev === 0 ? 'no_stream' : rev - 1 });
      }
    }),
  );
  const ms = now() - t0;
  const stats = store.stats();
  await store.close();
  return { rate: written / (ms / 1000), stats };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run({ quick }) {
  const { openSqliteEventStore, uuidv7 } = requireDist('libs/event-store/src/index.js');
  const { SCHEMA } = requireDist('libs/event-store/src/sqlite/sqlite-schema.js');
  const budget = quick ? 500 : 2500;
  const single = makeEvents(quick ? 4000 : 20000, uuidv7);
  const many = makeEvents(quick ? 30000 : 100000, uuidv7);
  const file = freshFile('append.db');
  const r = { raw1: [], port1: [], rawG: [], portC: [] };
  let eventsPerCommit = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const fresh = () => {
      rmStore(file);
      return file;
    };
    r.raw1.push(rawOneCommit(fresh(), SCHEMA, single, budget));
    r.port1.push((await portSingle(fresh(), openSqliteEventStore, single, budget)).rate);
    r.rawG.push(rawGrouped(fresh(), SCHEMA, many, WRITERS, budget));
    const c = await portConcurrent(fresh(), openSqliteEventStore, many, budget);
    r.portC.push(c.rate);
    eventsPerCommit = c.stats.events / c.stats.commits;
  }
  rmStore(file);
  const raw1 = median(r.raw1),
    port1 = median(r.port1),
    rawG = median(r.rawG),
    portC = median(r.portC);
  const section = '1. Append (SQLite, synchronous=FULL)';
  const unit = 'events/s';
  return [
    {
      section,
      name: 'raw better-sqlite3, one commit per event',
      value: raw1,
      unit,
      note: `${budget} ms per contender, median of ${ROUNDS} alternating rounds`,
    },
    {
      section,
      name: 'port, single writer, 1 event per append',
      value: port1,
      unit,
      ratio: port1 / raw1,
      ratioTo: 'raw one commit per event',
      target: 0.6,
    },
    {
      section,
      name: `raw better-sqlite3, grouped commits of ${WRITERS}`,
      value: rawG,
      unit,
      note: 'same rows, same schema, same durability',
    },
    {
      section,
      name: `port, ${WRITERS} concurrent writers`,
      value: portC,
      unit,
      ratio: portC / rawG,
      ratioTo: `raw grouped (${WRITERS}/commit)`,
      target: 0.35,
      note: `${eventsPerCommit.toFixed(1)} events per group commit`,
    },
  ];
}

module.exports = { run, makeEvents, streamOf, revisionOf, WRITERS };
