/**
 * The projection file's tables. Every fact row carries `seq` (the order in which the read store folded its
 * event: store order, whatever the store's own position format), `evidence_date` (evidenceDateOf of that
 * event: when it became publicly known; null when it is known once registered) and `recorded_at` (the
 * store's commit time, ms). `superseded_at` (ms) is set when a later fact ends the row's validity on the
 * RECORDED clock: a regrade, a retraction, a merge, a withdrawal, a correction of the same field.
 * Details of incidents, statements and situations are kept as versions: version 0 holds the details as
 * recorded, each correction adds a version with only what it changed (never an overwrite), so that on the
 * KNOWN clock a correction dated later than the cut is left out even when an earlier-dated one came after it.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (
  projection TEXT PRIMARY KEY, version TEXT NOT NULL, position TEXT, seq INTEGER NOT NULL, skipped INTEGER NOT NULL
) WITHOUT ROWID;
-- Per idempotency key (event metadata), the write it made: a retry is answered from it, a reuse for another input
-- refused. Kept for the first stream the key wrote to; the position of that stream's last event under it.
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY, input_hash TEXT NOT NULL, stream TEXT NOT NULL, position TEXT NOT NULL
) WITHOUT ROWID;
-- The events the fold could not read (an unknown type, a payload that fails its schema): counted in the checkpoint,
-- named here so that an operator can find them in the store.
CREATE TABLE IF NOT EXISTS skipped_events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, type TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS sources (
  source_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, state_code TEXT, parent_organisation TEXT,
  aliases TEXT NOT NULL, homepage TEXT,
  seq INTEGER NOT NULL, evidence_date TEXT, recorded_at INTEGER NOT NULL, superseded_at INTEGER
);
CREATE TABLE IF NOT EXISTS source_grades (
  source_id TEXT NOT NULL, seq INTEGER PRIMARY KEY, grade TEXT NOT NULL, previous_grade TEXT, reason TEXT,
  evidence_date TEXT, recorded_at INTEGER NOT NULL, superseded_at INTEGER
);
CREATE TABLE IF NOT EXISTS source_merges (
  source_id TEXT NOT NULL, seq INTEGER PRIMARY KEY, canonical_source_id TEXT NOT NULL, reason TEXT NOT NULL,
  evidence_date TEXT, recorded_at INTEGER NOT NULL
);

-- revision: its stream's revision now (the last event appended to it, whatever the table it went to).
CREATE TABLE IF NOT EXISTS incidents (
  incident_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, evidence_date TEXT, recorded_at INTEGER NOT NULL,
  superseded_at INTEGER, revision INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS incident_versions (
  incident_id TEXT NOT NULL, seq INTEGER PRIMARY KEY, changes TEXT NOT NULL, reason TEXT,
  evidence_date TEXT, recorded_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS incident_merges (
  incident_id TEXT NOT NULL, seq INTEGER PRIMARY KEY, canonical_incident_id TEXT NOT NULL, reason TEXT NOT NULL,
  evidence_date TEXT, recorded_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS incident_withdrawals (
  incident_id TEXT NOT NULL, seq INTEGER PRIMARY KEY, reason TEXT NOT NULL,
  evidence_date TEXT, recorded_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS corroborations (
  corroboration_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, source_id TEXT NOT NULL, stance TEXT NOT NULL,
  evidence_kinds TEXT NOT NULL, published_on TEXT NOT NULL, derived_from TEXT, credibility INTEGER,
  geolocation_precision INTEGER, citation TEXT NOT NULL, summary TEXT NOT NULL,
  seq INTEGER NOT NULL, evidence_date TEXT, recorded_at INTEGER NOT NULL, superseded_at INTEGER
);
CREATE TABLE IF NOT EXISTS corroboration_retractions (
  corroboration_id TEXT NOT NULL, seq INTEGER PRIMARY KEY, reason TEXT NOT NULL,
  evidence_date TEXT, recorded_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS investigations (
  investigation_id TEXT PRIMARY KEY, investigator_kind TEXT NOT NULL, investigator_state_code TEXT,
  investigator_name TEXT, investigator_source_id TEXT, mandate TEXT NOT NULL, citations TEXT,
  seq INTEGER NOT NULL, evidence_date TEXT, recorded_at INTEGER NOT NULL
) WITHOUT ROWID;
-- n: the incident's place in the list as logged (an answer shows them in that order).
CREATE TABLE IF NOT EXISTS investigation_incidents (
  investigation_id TEXT NOT NULL, incident_id TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (investigation_id, incident_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS investigation_conclusions (
  investigation_id TEXT NOT NULL, seq INTEGER PRIMARY KEY, outcome TEXT NOT NULL, findings TEXT NOT NULL,
  citations TEXT, evidence_date TEXT, recorded_at INTEGER NOT NULL
);

-- corrected_on: a correction's own date as given (null for version 0). Its evidence date is the later of it and the
-- delivery it sets (evidenceDateOf: a statement is not known before it was made).
CREATE TABLE IF NOT EXISTS statement_versions (
  statement_id TEXT NOT NULL, seq INTEGER PRIMARY KEY, changes TEXT NOT NULL, reason TEXT,
  evidence_date TEXT, recorded_at INTEGER NOT NULL, event_id TEXT NOT NULL, corrected_on TEXT
);
CREATE TABLE IF NOT EXISTS statement_speakers (
  statement_id TEXT NOT NULL, seq INTEGER NOT NULL, state_code TEXT NOT NULL,
  evidence_date TEXT, recorded_at INTEGER NOT NULL, superseded_at INTEGER
);
CREATE TABLE IF NOT EXISTS statement_targets (
  statement_id TEXT NOT NULL, seq INTEGER NOT NULL, field TEXT NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL,
  evidence_date TEXT, recorded_at INTEGER NOT NULL, superseded_at INTEGER
);

-- A compact row per recorded statement (version 0), for the report's one ordered scan of every statement
-- (statement-rows.ts): numbers (delivery day since 1970, kind code, recording ms) and the speakers and incident
-- ids each in one comma-separated text; the scope JSON only for the few scoped ones. Corrections are read from
-- statement_versions.
CREATE TABLE IF NOT EXISTS statement_scan (
  seq INTEGER PRIMARY KEY, day INTEGER NOT NULL, kind INTEGER NOT NULL, recorded_at INTEGER NOT NULL,
  speakers TEXT NOT NULL, incidents TEXT NOT NULL, scope TEXT
);
-- The latest evidence date of every event folded (evidenceDateOf): the date a report speaks for by default.
CREATE TABLE IF NOT EXISTS latest_evidence (projection TEXT PRIMARY KEY, evidence_date TEXT NOT NULL);
-- Per incident, the statements that might be its alleged user's own (see evolve/user-statements.ts): a superset.
CREATE TABLE IF NOT EXISTS incident_user_codes (
  incident_id TEXT NOT NULL, state_code TEXT NOT NULL, PRIMARY KEY (incident_id, state_code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS user_statements (
  incident_id TEXT NOT NULL, statement_id TEXT NOT NULL, PRIMARY KEY (incident_id, statement_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS situation_versions (
  situation_id TEXT NOT NULL, seq INTEGER PRIMARY KEY, changes TEXT NOT NULL, reason TEXT,
  evidence_date TEXT, recorded_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS resolutions (
  resolution_id TEXT PRIMARY KEY, symbol TEXT NOT NULL, title TEXT NOT NULL, venue TEXT NOT NULL, kind TEXT NOT NULL,
  scope TEXT, citation TEXT, seq INTEGER NOT NULL, evidence_date TEXT, recorded_at INTEGER NOT NULL
);
-- n: the place of the vote, or of the incident among incidentIds, in the resolution as recorded.
CREATE TABLE IF NOT EXISTS resolution_votes (
  resolution_id TEXT NOT NULL, state_code TEXT NOT NULL, vote TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (resolution_id, state_code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS resolution_targets (
  resolution_id TEXT NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (resolution_id, kind, target)
) WITHOUT ROWID;

-- status_on_dates: the policy's status from each evidence date where it changes, ascending (JSON), from the pass that
-- made the history: the last on or before a day is the status on that day.
-- latest_evidence_date, latest_recorded_at: the bounds of every row the live reading touched (bounds.ts): a cut
-- they fall within reads the same rows, so the assessment, the history and the details hold at it.
-- latest_rewrite_date: the latest evidence date of the touched rows that change what an earlier fact says (bounds.ts):
-- a KNOWN cut on or after it reads the statuses of status_on_dates up to its day.
-- lag_windows: the days on which a RECORDED cut may read other touched rows than the KNOWN cut on its day (a JSON
-- array of [from, to], bounds.ts): a RECORDED cut on a day outside them reads the statuses as that KNOWN cut does.
-- confirmed_on: the first of status_on_dates that is CONFIRMED (null: none), what a report reads where they hold.
CREATE TABLE IF NOT EXISTS assessments (
  incident_id TEXT PRIMARY KEY, status TEXT NOT NULL, readiness TEXT NOT NULL, rule TEXT NOT NULL,
  status_since TEXT, policy_version TEXT NOT NULL, independent_sources INTEGER NOT NULL, assessment TEXT NOT NULL,
  status_on_dates TEXT NOT NULL,
  latest_evidence_date TEXT, latest_recorded_at INTEGER NOT NULL, latest_rewrite_date TEXT, lag_windows TEXT NOT NULL,
  confirmed_on TEXT
);
CREATE TABLE IF NOT EXISTS status_history (
  incident_id TEXT NOT NULL, n INTEGER NOT NULL, status TEXT NOT NULL, readiness TEXT NOT NULL, on_date TEXT NOT NULL,
  rule TEXT NOT NULL, evidence_ids TEXT NOT NULL, PRIMARY KEY (incident_id, n)
) WITHOUT ROWID;
-- seq: the last event that marked the incident (a live page reports the status changes it caused by that event).
CREATE TABLE IF NOT EXISTS dirty_incidents (incident_id TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;

-- Read while folding, even in bulk: a regrade supersedes the grade in force.
CREATE INDEX IF NOT EXISTS source_grades_source ON source_grades (source_id, seq);
`;

/**
 * An incident version's dates, and whether it sets one, as the indexes on them are written: a query must say them
 * alike (for a table alias) for SQLite to read them from the index.
 */
export const VERSION_DATES = {
  from: (alias?: string) => `${col(alias)}changes ->> '$.occurredFrom'`,
  to: (alias?: string) => `${col(alias)}changes ->> '$.occurredTo'`,
  setsOne: (alias?: string) =>
    `(json_type(${col(alias)}changes, '$.occurredFrom') IS NOT NULL ` +
    `OR json_type(${col(alias)}changes, '$.occurredTo') IS NOT NULL)`,
};
/**
 * What lists asked about now filter version 0's details by (the incidents no correction touched), said as the index
 * on the country says it.
 */
export const LIVE_DETAILS = {
  country: (alias?: string) => `${col(alias)}changes ->> '$.location.countryCode'`,
  placeName: (alias?: string) => `${col(alias)}changes ->> '$.location.placeName'`,
  munition: (alias?: string) => `${col(alias)}changes ->> '$.munition.type'`,
  summary: (alias?: string) => `${col(alias)}changes ->> '$.summary'`,
  situation: (alias?: string) => `${col(alias)}changes ->> '$.situationId'`,
  /** Whether a version sets a field lists filter or sort by (correcting casualties alone sets none); dates last. */
  setsListed: (alias?: string) =>
    `(${['location', 'munition', 'allegedUser', 'summary', 'situationId', 'occurredFrom', 'occurredTo']
      .map((field) => `json_type(${col(alias)}changes, '$.${field}') IS NOT NULL`)
      .join(' OR ')})`,
};
/**
 * What a report reads of version 0's details (ReportedDetails) and the policy of them (POLICY_DETAILS), as index
 * incident_versions_reported holds them, JSON objects as their text.
 */
export const REPORTED_DETAILS = {
  from: VERSION_DATES.from,
  to: VERSION_DATES.to,
  country: LIVE_DETAILS.country,
  situation: LIVE_DETAILS.situation,
  allegedUser: (alias?: string) => `${col(alias)}changes ->> '$.allegedUser'`,
  munition: (alias?: string) => `${col(alias)}changes ->> '$.munition'`,
  latitude: (alias?: string) => `${col(alias)}changes ->> '$.location.latitude'`,
  longitude: (alias?: string) => `${col(alias)}changes ->> '$.location.longitude'`,
};
/**
 * Whether a statement version is a correction that sets what a list by State or incident walks by (delivery date,
 * kind, venue, speakers, incidents), said as index statement_versions_keyed_corrections says it.
 */
export const KEYED_CORRECTION = (alias?: string) =>
  `${col(alias)}reason IS NOT NULL AND (${['deliveredOn', 'kind', 'venue', 'speakers', 'incidentIds']
    .map((field) => `json_type(${col(alias)}changes, '$.${field}') IS NOT NULL`)
    .join(' OR ')})`;
const col = (alias?: string) => (alias === undefined ? '' : `${alias}.`);

/**
 * The indexes queries (and the live fold's superseding and marking) read by: created after a bulk rebuild
 * (cheaper than keeping them up to date row by row), and at once on a file that is caught up live.
 */
export const INDEXES = `
-- A statement's fan-out rows are found through its versions (statement_versions_statement), then by seq: an
-- index of integers written in order, several times cheaper to build than one keyed by the statement's id.
CREATE INDEX IF NOT EXISTS statement_speakers_seq ON statement_speakers (seq);
CREATE INDEX IF NOT EXISTS statement_targets_seq ON statement_targets (seq);
CREATE INDEX IF NOT EXISTS source_merges_canonical ON source_merges (canonical_source_id);
CREATE INDEX IF NOT EXISTS sources_parent ON sources (parent_organisation);
CREATE INDEX IF NOT EXISTS corroborations_source ON corroborations (source_id);
CREATE INDEX IF NOT EXISTS investigations_source ON investigations (investigator_source_id);
CREATE INDEX IF NOT EXISTS source_merges_source ON source_merges (source_id, seq);
CREATE INDEX IF NOT EXISTS incident_versions_incident ON incident_versions (incident_id, seq);
CREATE INDEX IF NOT EXISTS incident_merges_incident ON incident_merges (incident_id, seq);
CREATE INDEX IF NOT EXISTS incident_withdrawals_incident ON incident_withdrawals (incident_id, seq);
CREATE INDEX IF NOT EXISTS corroboration_retractions_corroboration ON corroboration_retractions (corroboration_id, seq);
CREATE INDEX IF NOT EXISTS investigation_conclusions_investigation ON investigation_conclusions (investigation_id, seq);
CREATE INDEX IF NOT EXISTS statement_versions_statement ON statement_versions (statement_id, seq);
-- The corrections only (a few percent of the versions): superseding finds them without reading every version.
CREATE INDEX IF NOT EXISTS statement_versions_corrections ON statement_versions (seq) WHERE reason IS NOT NULL;
-- Statements by the delivery date they were recorded with (version 0's evidence date): a page of every statement
-- as of a cut walks it from the cursor (recorded_at in it for the RECORDED clock, so the walk reads no row).
CREATE INDEX IF NOT EXISTS statement_versions_delivered ON statement_versions (evidence_date, statement_id, recorded_at)
  WHERE reason IS NULL;
-- The same by the kind or the venue a statement was recorded with, first: a page of one kind walks only those.
CREATE INDEX IF NOT EXISTS statement_versions_kind
  ON statement_versions (json_extract(changes, '$.kind'), evidence_date, statement_id, recorded_at)
  WHERE reason IS NULL;
CREATE INDEX IF NOT EXISTS statement_versions_venue
  ON statement_versions (json_extract(changes, '$.venue'), evidence_date, statement_id, recorded_at)
  WHERE reason IS NULL;
-- Every incident's dates as of a cut without reading its details (EVIDENCE.dates): version 0's from this index
-- alone, in the order of their start (a list sorted by date then sorts in one pass), and the corrections that set
-- a date (few, if any) from the next.
CREATE INDEX IF NOT EXISTS incident_versions_dates ON incident_versions (${VERSION_DATES.from()}, incident_id,
  ${VERSION_DATES.to()}, evidence_date, recorded_at) WHERE reason IS NULL;
CREATE INDEX IF NOT EXISTS incident_versions_date_corrections ON incident_versions (incident_id)
  WHERE reason IS NOT NULL AND ${VERSION_DATES.setsOne()};
-- Lists asked about now: a country's incidents by date (version 0: the incidents a correction of what lists read
-- touched, a few if any, are read apart, found by the next index). Only a query on a country can use it (its WHERE
-- implies the index's), and only one on a correction of what lists read the next (the dates are the last terms of
-- the OR, so that a query on corrections of dates implies incident_versions_date_corrections' WHERE, not this one's).
CREATE INDEX IF NOT EXISTS incident_versions_country ON incident_versions (${LIVE_DETAILS.country()},
  ${VERSION_DATES.from()}, incident_id) WHERE reason IS NULL AND ${LIVE_DETAILS.country()} IS NOT NULL;
CREATE INDEX IF NOT EXISTS incident_versions_listed_corrections ON incident_versions (incident_id)
  WHERE reason IS NOT NULL AND ${LIVE_DETAILS.setsListed()};
-- What a report reads of every incident's details as of a cut (EVIDENCE.reported): version 0's from this index alone
-- (the table holds every version with its words: 9 MB against 1.9 on the benchmark's file, read at random through
-- incident_versions_incident), the corrections of them (few, if any) found by the index before.
CREATE INDEX IF NOT EXISTS incident_versions_reported ON incident_versions (incident_id, evidence_date, recorded_at,
  seq, ${REPORTED_DETAILS.from()}, ${REPORTED_DETAILS.to()}, ${REPORTED_DETAILS.country()},
  ${REPORTED_DETAILS.situation()}, ${REPORTED_DETAILS.allegedUser()}, ${REPORTED_DETAILS.munition()},
  ${REPORTED_DETAILS.latitude()}, ${REPORTED_DETAILS.longitude()})
  WHERE reason IS NULL;
CREATE INDEX IF NOT EXISTS situation_versions_situation ON situation_versions (situation_id, seq);
-- The versions that place an incident in a situation or take it out (liveSituations), in fold order: not every
-- incident version's JSON read (60-170 ms on the benchmark's 29,759 versions, for a page's list of situations).
CREATE INDEX IF NOT EXISTS incident_versions_situation
  ON incident_versions (seq, incident_id, ${LIVE_DETAILS.situation()})
  WHERE json_type(changes, '$.situationId') IS NOT NULL;
CREATE INDEX IF NOT EXISTS incident_merges_canonical ON incident_merges (canonical_incident_id);
-- An incident's corroborations with every column the evidence reads of them (all but the words): a page of incidents
-- reads theirs from a few adjacent pages of this index, not from a table page per corroboration.
CREATE INDEX IF NOT EXISTS corroborations_incident ON corroborations (incident_id, seq, corroboration_id, source_id,
  stance, evidence_kinds, published_on, derived_from, credibility, geolocation_precision, evidence_date, recorded_at);
CREATE INDEX IF NOT EXISTS investigation_incidents_incident ON investigation_incidents (incident_id);
CREATE INDEX IF NOT EXISTS statement_speakers_state ON statement_speakers (state_code, recorded_at);
-- Lists by State or incident asked about now: the rows in force in delivery order (a statement no correction moved
-- lists by version 0's rows, whose evidence date is its delivery date), seq to read its version 0 by (kind, venue);
-- the statements a correction of what they walk by moved are found by the next index (few, if any).
CREATE INDEX IF NOT EXISTS statement_speakers_live ON statement_speakers (state_code, evidence_date, statement_id, seq)
  WHERE superseded_at IS NULL;
CREATE INDEX IF NOT EXISTS statement_targets_live ON statement_targets (kind, target, evidence_date, statement_id, seq)
  WHERE superseded_at IS NULL;
CREATE INDEX IF NOT EXISTS statement_versions_keyed_corrections ON statement_versions (statement_id)
  WHERE ${KEYED_CORRECTION()};
CREATE INDEX IF NOT EXISTS statement_targets_target ON statement_targets (kind, target);
CREATE INDEX IF NOT EXISTS resolution_votes_state ON resolution_votes (state_code);
CREATE INDEX IF NOT EXISTS resolution_targets_target ON resolution_targets (kind, target);
-- Whether each stored assessment holds at a cut, read without its rows (incidentsAt reads only those taken).
CREATE INDEX IF NOT EXISTS assessments_bounds ON assessments (policy_version, incident_id, latest_evidence_date,
  latest_recorded_at, latest_rewrite_date);
-- What a report reads of every stored assessment (storedStatusesAt), from this index alone (the table holds every
-- assessment's JSON too: 19 MB on the benchmark's file); the statuses on each date and the lag windows of the few
-- read up to a cut's day, from the next.
CREATE INDEX IF NOT EXISTS assessments_statuses ON assessments (incident_id, status, policy_version, confirmed_on,
  latest_evidence_date, latest_recorded_at, latest_rewrite_date);
CREATE INDEX IF NOT EXISTS assessments_dates ON assessments (incident_id, status_on_dates, lag_windows);
CREATE INDEX IF NOT EXISTS assessments_status ON assessments (status, status_since);
CREATE INDEX IF NOT EXISTS assessments_since ON assessments (status_since);
CREATE INDEX IF NOT EXISTS status_history_status ON status_history (status, on_date);
`;

/** The tables, for tests and tools that compare two files row by row. */
export const TABLES = [
  'checkpoint',
  'idempotency',
  'skipped_events',
  'sources',
  'source_grades',
  'source_merges',
  'incidents',
  'incident_versions',
  'incident_merges',
  'incident_withdrawals',
  'corroborations',
  'corroboration_retractions',
  'investigations',
  'investigation_incidents',
  'investigation_conclusions',
  'statement_versions',
  'statement_speakers',
  'statement_targets',
  'statement_scan',
  'latest_evidence',
  'incident_user_codes',
  'user_statements',
  'situation_versions',
  'resolutions',
  'resolution_votes',
  'resolution_targets',
  'assessments',
  'status_history',
  'dirty_incidents',
] as const;
