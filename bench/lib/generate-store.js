'use strict';
/**
 * Generates the large registry store ONCE and caches it under .tmp/bench/, keyed by the generator
 * version, the store's schema and the size. Rows go straight into the event store's own schema (its
 * SCHEMA and column order) in big transactions with synchronous=OFF: it is a fixture, and writing it
 * through the port would stamp every event with today's recordedAt, which would make the
 * recorded-time clock meaningless. Events follow a timeline from 2012 to 2026: incidents appear over
 * time and collect corroborations, retractions, corrections, investigations and statements for about
 * two years each; a fifth are backfilled (evidence dates years before they were recorded).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const Database = require('better-sqlite3');
const { TMP, requireDist, seeded, progress, rmStore } = require('./common');
const ev = require('./registry-events');

const GENERATOR_VERSION = 2;
const START = Date.UTC(2012, 0, 1);
const DAYS = 5270; // to mid-2026
const { DAY } = ev;

// Follow-up kinds, scheduled per incident (code = incidentIndex * 8 + kind).
const K = { CORROBORATION: 0, RETRACTION: 1, CORRECTION: 2, MERGE: 3, WITHDRAW: 4, STATEMENT: 5, INVESTIGATION: 6 };

function uuidv7At(rng, ms, seq) {
  const t = ms.toString(16).padStart(12, '0');
  const seqHex = (seq & 0xfff).toString(16).padStart(3, '0');
  return `${t.slice(0, 8)}-${t.slice(8)}-7${seqHex}-${'89ab'[rng.int(4)]}${rng.hex(3)}-${rng.hex(12)}`;
}

function cachePath(incidents) {
  const { SCHEMA } = requireDist('libs/event-store/src/sqlite/sqlite-schema.js');
  const key = crypto
    .createHash('sha256')
    .update(`${GENERATOR_VERSION}\n${SCHEMA}\n${incidents}`)
    .digest('hex')
    .slice(0, 10);
  return path.join(TMP, `registry-${incidents}-g${GENERATOR_VERSION}-${key}.db`);
}

/** Returns { file, meta } for a store of about `incidents` × 100 events, generating it if not cached. */
function ensureStore(incidents) {
  const file = cachePath(incidents);
  const metaFile = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(metaFile))
    return { file, meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')), cached: true };
  fs.mkdirSync(TMP, { recursive: true });
  const tmp = `${file}.tmp`;
  rmStore(tmp);
  const meta = generate(tmp, incidents);
  fs.renameSync(tmp, file);
  fs.writeFileSync(metaFile, JSON.stringify(meta));
  return { file, meta, cached: false };
}

function generate(file, incidentCount) {
  const { SCHEMA } = requireDist('libs/event-store/src/sqlite/sqlite-schema.js');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144'); // the (stream_id, revision) index takes random inserts: keep it in memory
  db.exec(SCHEMA);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const rng = seeded(20261129);
  const revisions = new Map();
  const counts = {};
  let total = 0;
  let seq = 0;
  let pending = [];
  const flush = db.transaction((rows) => {
    for (const r of rows) insert.run(r);
  });
  const emit = (stream, type, data, recordedMs) => {
    const rev = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, rev);
    const metadata = { actor: `researcher-${rng.int(40)}`, correlationId: rng.uuid(), schemaVersion: 1 };
    pending.push([
      stream,
      rev,
      uuidv7At(rng, recordedMs, seq++),
      type,
      JSON.stringify(data),
      JSON.stringify(metadata),
      recordedMs,
    ]);
    counts[type] = (counts[type] ?? 0) + 1;
    total++;
    if (pending.length >= 20000) {
      flush(pending);
      pending = [];
    }
  };

  // Sources, registered in the first days.
  const sourceCount = Math.max(40, Math.round(incidentCount / 20));
  const sources = [];
  const grades = [];
  for (let s = 0; s < sourceCount; s++) {
    const id = rng.uuid();
    const event = ev.sourceRegistered(rng, id, s);
    sources.push(id);
    grades.push(event.data.grade);
    emit(`source-${id}`, event.type, event.data, START + Math.floor((s / sourceCount) * 5 * DAY));
  }

  // Schedule: per day, the incidents created and the follow-ups due.
  const schedule = Array.from({ length: DAYS }, () => []);
  const incidentDay = new Int32Array(incidentCount);
  for (let i = 0; i < incidentCount; i++) {
    const day = 10 + Math.floor((i / incidentCount) * (DAYS - 20));
    incidentDay[i] = day;
    const later = (spread) => Math.min(DAYS - 1, day + 1 + rng.int(spread));
    // About 11 corroborations and 85 statements per incident: statements are most of a real registry.
    const corroborations = 4 + rng.int(15);
    for (let c = 0; c < corroborations; c++) schedule[later(720)].push(i * 8 + K.CORROBORATION);
    if (rng.chance(0.6)) schedule[later(900)].push(i * 8 + K.RETRACTION);
    for (let c = 0; c < 2; c++) schedule[later(600)].push(i * 8 + K.CORRECTION);
    if (rng.chance(0.01) && i > 0) schedule[later(200)].push(i * 8 + K.MERGE);
    else if (rng.chance(0.005)) schedule[later(400)].push(i * 8 + K.WITHDRAW);
    const statements = 40 + rng.int(91);
    for (let c = 0; c < statements; c++) schedule[later(1000)].push(i * 8 + K.STATEMENT);
    if (rng.chance(0.3)) schedule[later(300)].push(i * 8 + K.INVESTIGATION);
  }

  const inc = []; // per created incident: { id, closed, corroborations: [], lagDays, country }
  const statementIds = [];
  const investigations = []; // open ones: { id, concludeDay }
  const concludeOn = new Map(); // day -> investigation ids
  let nextIncident = 0;
  for (let day = 0; day < DAYS; day++) {
    const dayStart = START + day * DAY;
    const due = schedule[day];
    schedule[day] = null;
    const creating = [];
    while (nextIncident < incidentCount && incidentDay[nextIncident] === day) creating.push(nextIncident++);
    const work = creating.length + due.length + (concludeOn.get(day)?.length ?? 0);
    let k = 0;
    const at = () => dayStart + Math.floor((k++ / (work + 1)) * DAY);
    // Evidence dates: a few days before recording, or years before for a backfilled incident.
    const evidenceMs = (x, recordedMs) =>
      Math.max(START - 2000 * DAY, recordedMs - x.lagDays * DAY - rng.int(10) * DAY);

    for (const i of creating) {
      const id = rng.uuid();
      const lagDays = rng.chance(0.2) ? 365 + rng.int(1500) : 0;
      const x = { id, closed: false, corroborations: [], lagDays, country: null };
      inc[i] = x;
      const recordedMs = at();
      const occurredMs = evidenceMs(x, recordedMs) - rng.int(20) * DAY;
      const details = ev.incidentDetails(rng, occurredMs);
      x.country = details.location.countryCode;
      const first = ev.corroborationFacts(rng, rng.pick(sources), occurredMs + rng.int(5) * DAY);
      first.stance = 'SUPPORTS';
      x.corroborations.push(first.corroborationId);
      emit(
        `incident-${id}`,
        'UseAlleged',
        { incidentId: id, ...details, reportedOn: first.publishedOn, firstCorroboration: first },
        recordedMs,
      );
    }
    for (const code of due) {
      const kind = code & 7;
      const x = inc[code >>> 3];
      const recordedMs = at();
      const evidenceOn = ev.isoDate(evidenceMs(x, recordedMs));
      switch (kind) {
        case K.CORROBORATION: {
          if (x.closed) break;
          const derived = x.corroborations.length > 0 && rng.chance(0.1) ? rng.pick(x.corroborations) : undefined;
          const event = ev.corroborationAdded(rng, x.id, rng.pick(sources), evidenceMs(x, recordedMs), derived);
          x.corroborations.push(event.data.corroborationId);
          emit(`incident-${x.id}`, event.type, event.data, recordedMs);
          break;
        }
        case K.RETRACTION: {
          if (x.closed || x.corroborations.length < 3) break;
          const index = 1 + rng.int(x.corroborations.length - 1);
          const [corroborationId] = x.corroborations.splice(index, 1);
          emit(
            `incident-${x.id}`,
            'CorroborationRetracted',
            { incidentId: x.id, corroborationId, reason: 'the source withdrew the report', retractedOn: evidenceOn },
            recordedMs,
          );
          break;
        }
        case K.CORRECTION:
          if (x.closed) break;
          emit(
            `incident-${x.id}`,
            'IncidentCorrected',
            {
              incidentId: x.id,
              changes: { casualties: { killed: rng.int(30), injured: rng.int(80) } },
              reason: 'updated casualty figures from a field visit',
              correctedOn: evidenceOn,
            },
            recordedMs,
          );
          break;
        case K.MERGE: {
          if (x.closed) break;
          const target = inc.find((y, j) => y && !y.closed && y !== x && y.country === x.country && j < code >>> 3);
          if (!target) break;
          x.closed = true;
          emit(
            `incident-${x.id}`,
            'IncidentMergedInto',
            {
              incidentId: x.id,
              canonicalIncidentId: target.id,
              reason: 'duplicate report of the same attack',
              mergedOn: evidenceOn,
            },
            recordedMs,
          );
          break;
        }
        case K.WITHDRAW:
          if (x.closed) break;
          x.closed = true;
          emit(
            `incident-${x.id}`,
            'IncidentWithdrawn',
            { incidentId: x.id, reason: 'entered in error', withdrawnOn: evidenceOn },
            recordedMs,
          );
          break;
        case K.STATEMENT: {
          if (rng.chance(0.02) && statementIds.length > 0) {
            const statementId = rng.pick(statementIds);
            emit(
              `statement-${statementId}`,
              'StatementCorrected',
              {
                statementId,
                changes: { quote: ev.sentence(rng, 20) },
                reason: 'transcription corrected against the official record',
                correctedOn: evidenceOn,
              },
              recordedMs,
            );
            break;
          }
          if (x.closed) break;
          const ids = [x.id];
          const other = inc[rng.int(inc.length)];
          if (rng.chance(0.2) && other && !other.closed && other !== x) ids.push(other.id);
          const statementId = rng.uuid();
          statementIds.push(statementId);
          const event = ev.statementRecorded(rng, statementId, ids, evidenceMs(x, recordedMs), 'user');
          emit(`statement-${statementId}`, event.type, event.data, recordedMs);
          break;
        }
        case K.INVESTIGATION: {
          if (x.closed) break;
          const investigationId = rng.uuid();
          const investigator = { kind: rng.pick(ev.INVESTIGATORS) };
          if (investigator.kind === 'STATE') investigator.stateCode = rng.pick(ev.CCM_PARTIES);
          else investigator.name = `${investigator.kind} panel ${rng.int(50)}`;
          emit(
            `investigation-${investigationId}`,
            'InvestigationOpened',
            {
              investigationId,
              investigator,
              incidentIds: [x.id],
              mandate: 'establish whether cluster munitions were used',
              openedOn: evidenceOn,
            },
            recordedMs,
          );
          if (rng.chance(0.8)) {
            const end = Math.min(DAYS - 1, day + 30 + rng.int(400));
            if (!concludeOn.has(end)) concludeOn.set(end, []);
            concludeOn.get(end).push([investigationId, x]);
          }
          break;
        }
        default:
          throw new Error(`unknown kind ${kind}`);
      }
    }
    for (const [investigationId, x] of concludeOn.get(day) ?? []) {
      const recordedMs = at();
      emit(
        `investigation-${investigationId}`,
        'InvestigationConcluded',
        {
          investigationId,
          outcome: rng.pick(ev.OUTCOMES),
          findings: ev.sentence(rng, 30),
          concludedOn: ev.isoDate(evidenceMs(x, recordedMs)),
        },
        recordedMs,
      );
    }
    concludeOn.delete(day);
    if (day % 1000 === 0) progress(`generating: day ${day}/${DAYS}, ${total} events`);
  }
  flush(pending);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const open = inc.filter((x) => x && !x.closed);
  const sample = Array.from({ length: 200 }, () => open[rng.int(open.length)].id);
  return {
    generatorVersion: GENERATOR_VERSION,
    events: total,
    incidents: incidentCount,
    sources: sourceCount,
    statements: statementIds.length,
    counts,
    sampleIncidentIds: sample,
    firstDay: ev.isoDate(START),
    lastDay: ev.isoDate(START + (DAYS - 1) * DAY),
    midDate: ev.isoDate(START + Math.floor(DAYS * 0.6) * DAY),
  };
}

module.exports = { ensureStore, GENERATOR_VERSION };

if (require.main === module) {
  const n = Number(process.argv[2] ?? 300);
  const t0 = Date.now();
  const { file, meta, cached } = ensureStore(n);
  console.log(
    file,
    cached,
    ((Date.now() - t0) / 1000).toFixed(1),
    's',
    JSON.stringify({ ...meta, sampleIncidentIds: meta.sampleIncidentIds.length }),
  );
}
