'use strict';
/**
 * Realistic registry events (the types of libs/domain/src/events.ts, with valid data), produced
 * deterministically from a seed. Used for the append payloads and for the 1M-event store.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./common');

function csvColumn(file, column) {
  const [header, ...lines] = fs
    .readFileSync(path.join(ROOT, 'data', 'reference', file), 'utf8')
    .trim()
    .split('\n');
  const index = header.split(',').indexOf(column);
  return lines.map((line) => line.split(',')[index]);
}
const COUNTRIES = csvColumn('iso-3166-1.csv', 'alpha3');
const CCM_PARTIES = csvColumn('ccm-states.csv', 'iso3');
// Where use has been alleged in the real record: most incidents happen in a few conflicts.
const CONFLICT_COUNTRIES = ['SYR', 'YEM', 'UKR', 'LBY', 'SDN', 'SSD', 'MMR', 'AZE', 'ARM', 'ETH'];
const ALLEGED_USERS = {
  SYR: ['SYR', 'RUS'],
  YEM: ['SAU', 'ARE'],
  UKR: ['RUS', 'UKR'],
  LBY: ['LBY'],
  SDN: ['SDN'],
  SSD: ['SSD'],
  MMR: ['MMR'],
  AZE: ['ARM'],
  ARM: ['AZE'],
  ETH: ['ETH'],
};
const MUNITIONS = [
  ['BL-755', 'AIR_DROPPED'],
  ['M26', 'GROUND_LAUNCHED_ROCKET'],
  ['9M27K', 'GROUND_LAUNCHED_ROCKET'],
  ['RBK-500', 'AIR_DROPPED'],
  ['M483A1', 'ARTILLERY'],
  ['9M55K', 'GROUND_LAUNCHED_ROCKET'],
  ['CBU-97', 'AIR_DROPPED'],
  ['Iskander-M', 'MISSILE'],
  ['unidentified submunitions', 'UNKNOWN'],
];
const SOURCE_KINDS = ['NGO', 'UN_BODY', 'STATE', 'MEDIA', 'ACADEMIC', 'INDIVIDUAL', 'OTHER'];
const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'];
const EVIDENCE = [
  'REMNANT_PHOTO',
  'FIELD_VISIT',
  'WITNESS_TESTIMONY',
  'SATELLITE_IMAGERY',
  'VIDEO',
  'MEDICAL_RECORD',
  'EXPERT_IDENTIFICATION',
];
const STATEMENT_KINDS = [
  'CONDEMNATION',
  'CONCERN',
  'CALL_FOR_INVESTIGATION',
  'DENIAL',
  'ACKNOWLEDGEMENT',
  'INVESTIGATION_ANNOUNCED',
];
const VENUES = ['MSP', 'UNGA', 'UNGA_FIRST_COMMITTEE', 'HUMAN_RIGHTS_COUNCIL', 'SECURITY_COUNCIL', 'NATIONAL', 'OTHER'];
const INVESTIGATORS = ['STATE', 'UN', 'NGO', 'COURT'];
const OUTCOMES = ['USE_CONFIRMED', 'USE_CONFIRMED', 'USE_NOT_CONFIRMED', 'INCONCLUSIVE'];
const WORDS = (
  'the attack struck a residential area near the market submunitions were found unexploded in fields ' +
  'witnesses described several explosions remnants were photographed by field researchers and identified by ' +
  'experts the strike killed civilians including children the munition carried dual purpose bomblets'
).split(' ');

const DAY = 86_400_000;
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);

function sentence(rng, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(rng.pick(WORDS));
  return out.join(' ');
}

function citation(rng) {
  const id = rng.hex(12);
  return {
    url: `https://reports.example.org/${id}`,
    archivedUrl: `https://archive.example.org/${id}`,
    archivedSha256: rng.hex(64),
  };
}

function corroborationFacts(rng, sourceId, publishedMs, derivedFrom) {
  const kinds = [rng.pick(EVIDENCE)];
  if (rng.chance(0.5)) {
    const second = rng.pick(EVIDENCE);
    if (second !== kinds[0]) kinds.push(second);
  }
  const facts = {
    corroborationId: rng.uuid(),
    sourceId,
    stance: rng.chance(0.92) ? 'SUPPORTS' : 'DISPUTES',
    evidenceKinds: kinds,
    publishedOn: isoDate(publishedMs),
    citation: citation(rng),
    summary: sentence(rng, 14),
  };
  if (derivedFrom) facts.derivedFrom = derivedFrom;
  return facts;
}

function incidentDetails(rng, occurredMs) {
  const country = rng.pick(CONFLICT_COUNTRIES);
  const [type, delivery] = rng.pick(MUNITIONS);
  const users = ALLEGED_USERS[country];
  const details = {
    occurredFrom: isoDate(occurredMs),
    occurredTo: isoDate(occurredMs + rng.int(3) * DAY),
    location: {
      countryCode: country,
      placeName: `District ${rng.int(400)}`,
      latitude: 10 + rng.next() * 40,
      longitude: 20 + rng.next() * 50,
      precisionMeters: 100 * (1 + rng.int(50)),
    },
    munition: { type, delivery },
    allegedUser: rng.chance(0.85)
      ? { kind: 'STATE', stateCodes: [rng.pick(users)] }
      : { kind: 'UNKNOWN', stateCodes: [] },
    summary: sentence(rng, 20),
  };
  if (rng.chance(0.6)) details.casualties = { killed: rng.int(20), injured: rng.int(60) };
  return details;
}

function sourceRegistered(rng, sourceId, i) {
  return {
    type: 'SourceRegistered',
    data: {
      sourceId,
      name: `Source ${i}`,
      kind: rng.pick(SOURCE_KINDS),
      grade: GRADES[Math.min(5, rng.int(4) + rng.int(3))],
      homepage: `https://source-${i}.example.org`,
    },
  };
}

function corroborationAdded(rng, incidentId, sourceId, publishedMs, derivedFrom) {
  return {
    type: 'CorroborationAdded',
    data: { ...corroborationFacts(rng, sourceId, publishedMs, derivedFrom), incidentId },
  };
}

function statementRecorded(rng, statementId, incidentIds, deliveredMs, allegedUser) {
  const speakers = [rng.pick(CCM_PARTIES)];
  const joint = rng.chance(0.1);
  if (joint)
    for (let i = 0; i < 3; i++) {
      const s = rng.pick(CCM_PARTIES);
      if (!speakers.includes(s)) speakers.push(s);
    }
  const data = {
    statementId,
    speakers,
    kind: rng.pick(STATEMENT_KINDS),
    venue: rng.pick(VENUES),
    deliveredOn: isoDate(deliveredMs),
    incidentIds,
    namesUser: allegedUser !== undefined && rng.chance(0.4),
    quote: sentence(rng, 14),
    citation: citation(rng),
  };
  if (joint) data.onBehalfOf = 'a group of States Parties';
  return { type: 'StatementRecorded', data };
}

module.exports = {
  COUNTRIES,
  CCM_PARTIES,
  DAY,
  isoDate,
  sentence,
  incidentDetails,
  corroborationFacts,
  corroborationAdded,
  sourceRegistered,
  statementRecorded,
  citation,
  INVESTIGATORS,
  OUTCOMES,
  GRADES,
  CONFLICT_COUNTRIES,
};
