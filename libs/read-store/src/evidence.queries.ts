import type { CutQuery } from './cut-rows';
import { LIVE_DETAILS, REPORTED_DETAILS, VERSION_DATES } from './schema';

/** Version 0 and the corrections within the cut of each key, in fold order: one row per key (a JSON array). */
const versionsOf =
  (table: string, id: string): CutQuery['sql'] =>
  (w, where) =>
    `SELECT v.${id} AS key, json_group_array(json_array(json(v.changes), v.reason, v.seq) ORDER BY v.seq) AS versions
     FROM ${table} v WHERE ${where} ${w('v')} GROUP BY v.${id}`;

type Within = (alias: string) => string;

/**
 * An evidence query and what bounds it: `touched` reads, per key, the latest evidence date and recording time of
 * every row the query may read of that key at any cut (the rows in force, the ones they superseded and the ones
 * that superseded them, the rows its subqueries pick among); null when it reads no row by a cut. Required, so that
 * a new query cannot leave the bounds of the assessments short (see `Touched` and `boundsWithin`).
 */
export interface EvidenceQuery extends CutQuery {
  touched: CutQuery | null;
}

/** The latest evidence date over the joined aliases, one per key (an empty max: null). */
const latestDate = (...aliases: string[]) =>
  aliases.length === 1
    ? `max(${aliases[0]}.evidence_date)`
    : `nullif(max(${aliases.map((a) => `coalesce(max(${a}.evidence_date), '')`).join(', ')}), '')`;

/**
 * The latest evidence date and recording time over the joined aliases, one row per key (an empty max: null), and
 * each joined row's evidence date and recording day (`lags`: a JSON array of [date, day, date, day, ...], an alias
 * a LEFT JOIN found no row for as nulls) for `LagWindow`s.
 */
const latest = (...aliases: string[]) =>
  `${latestDate(...aliases)} AS evidence_date, ` +
  (aliases.length === 1
    ? `max(${aliases[0]}.recorded_at) AS recorded_at`
    : `max(${aliases.map((a) => `coalesce(max(${a}.recorded_at), 0)`).join(', ')}) AS recorded_at`) +
  `, json_group_array(json_array(${aliases
    .map((a) => `${a}.evidence_date, date(${a}.recorded_at / 1000, 'unixepoch')`)
    .join(', ')})) AS lags`;

/**
 * Which of a key's rows rewrite what an earlier row says, beyond what the policy's cut by date undoes (see
 * `Bounds.latestRewriteDate`): none; every row when there is more than one (versions: a correction and what it
 * corrects); every row (merges).
 */
type Rewrites = 'none' | 'when versioned' | 'every row';

const rewriteDate = (alias: string, rewrites: Rewrites) =>
  rewrites === 'none'
    ? 'NULL AS rewrite_date'
    : rewrites === 'every row'
      ? `max(${alias}.evidence_date) AS rewrite_date`
      : `CASE WHEN count(*) > 1 THEN max(${alias}.evidence_date) END AS rewrite_date`;

/**
 * The fields of an incident's details the policy reads (`EvidenceReader.read` takes its evidence from these alone,
 * as their type says): a correction of any other field changes no status.
 */
export const POLICY_DETAILS = ['allegedUser', 'munition'] as const;

/** An incident's versions: the corrections of what the policy reads, with what they correct, are rewrites. */
const incidentVersions: CutQuery = {
  key: 'v.incident_id',
  sql: (_w, where) => {
    const sets = POLICY_DETAILS.map((field) => `json_type(v.changes, '$.${field}') IS NOT NULL`).join(' OR ');
    return `SELECT v.incident_id AS key, ${latest('v')},
      CASE WHEN max(v.reason IS NOT NULL AND (${sets})) THEN max(v.evidence_date) END AS rewrite_date
      FROM incident_versions v WHERE ${where} 1 GROUP BY v.incident_id`;
  },
};

/** Every row of `table` keyed by `id` (with `alias`): versions, withdrawals, grades, merges. */
const everyRow = (table: string, alias: string, id: string, rewrites: Rewrites): CutQuery => ({
  key: `${alias}.${id}`,
  sql: (_w, where) => `SELECT ${alias}.${id} AS key, ${latest(alias)}, ${rewriteDate(alias, rewrites)}
    FROM ${table} ${alias} WHERE ${where} 1 GROUP BY ${alias}.${id}`,
});

/**
 * An incident's versions with only some fields: version 0's `fields` (a JSON object of alias v, said as an index on
 * version 0 holds them, so that no row is read; `indexed`: the index named, where SQLite would take another), and the
 * corrections that `set` any of them (few, if any) whole. A row per version (see versionsOf).
 */
const version0AndCorrections =
  (fields: string, indexed: string, set: string): CutQuery['sql'] =>
  (w, where) =>
    `SELECT v.incident_id AS key, json_array(json_array(${fields}, NULL, v.seq)) AS versions
     FROM incident_versions v ${indexed} WHERE ${where} v.reason IS NULL AND ${w('v')}
     UNION ALL
     SELECT v.incident_id AS key, json_array(json_array(json(v.changes), v.reason, v.seq)) AS versions
     FROM incident_versions v WHERE ${where} v.reason IS NOT NULL AND ${set} AND ${w('v')}`;

/** The incident the incident `id` (an SQL expression) was last merged into within the cut; null when none. */
const mergedInto = (w: Within, id: string) =>
  `(SELECT m.canonical_incident_id FROM incident_merges m WHERE m.incident_id = ${id} AND ${w('m')}
    ORDER BY m.seq DESC LIMIT 1)`;

/**
 * Whether the incident `id` (an SQL expression) exists at the cut and is canonical then (merged into no other:
 * what `EvidenceReader.resolve` finds from `EVIDENCE.incident`'s rows, said as a WHERE clause for a list that lets
 * SQL find its page).
 */
export const canonicalAt = (w: Within, id: string) =>
  `EXISTS (SELECT 1 FROM incidents i WHERE i.incident_id = ${id} AND ${w('i')})
   AND coalesce(${mergedInto(w, id)}, ${id}) = ${id}`;

/** For the whole cut, the only statements an incident may read: those of user_statements. */
const STATEMENTS_READ = 'v.statement_id IN (SELECT statement_id FROM user_statements)';

/**
 * What the policy reads of the fact tables as of a cut, one query each, keyed by incident, statement or source:
 * `EvidenceReader` and `SourceGraph` read them for one incident (`key = @id`) or for every incident of a cut
 * (`BulkRows`), through the same text. Orders matter where a reader takes the first or last row of a key.
 */
export const EVIDENCE = {
  /** An incident that exists at the cut, and the merge in force for it then (canonical: null when none). */
  incident: {
    key: 'i.incident_id',
    sql: (w, where) =>
      `SELECT i.incident_id AS key, i.evidence_date AS reported_on, i.recorded_at,
         ${mergedInto(w, 'i.incident_id')} AS canonical
       FROM incidents i WHERE ${where} ${w('i')}`,
    touched: {
      key: 'i.incident_id',
      sql: (_w, where) =>
        // A merged duplicate counts from its merge, once it existed: its own date and its merges are rewrites.
        `SELECT i.incident_id AS key, ${latest('i', 'm')},
           CASE WHEN count(m.incident_id) > 0 THEN ${latestDate('i', 'm')} END AS rewrite_date
         FROM incidents i
         LEFT JOIN incident_merges m ON m.incident_id = i.incident_id WHERE ${where} 1 GROUP BY i.incident_id`,
    },
  },
  /** The duplicates merged into an incident within the cut, in fold order. */
  mergedInto: {
    key: 'm.canonical_incident_id',
    sql: (w, where) =>
      `SELECT m.canonical_incident_id AS key, m.incident_id AS duplicate, m.canonical_incident_id AS canonical, m.seq
       FROM incident_merges m WHERE ${where} ${w('m')} ORDER BY m.seq`,
    touched: everyRow('incident_merges', 'm', 'canonical_incident_id', 'every row'),
  },
  /** An incident's versions within the cut (see versionsOf). */
  versions: {
    key: 'v.incident_id',
    sql: versionsOf('incident_versions', 'incident_id'),
    touched: incidentVersions,
  },
  /**
   * As `versions`, with only what a list sorted or filtered by date reads: version 0's occurredFrom and occurredTo,
   * and the corrections that set either (whole: they are small). Laid over each other as `versions` are, they give
   * those two fields as of the cut, without reading every incident's details: version 0's dates come from an index
   * (incident_versions_dates), the corrections from another (see version0AndCorrections).
   */
  dates: {
    key: 'v.incident_id',
    sql: version0AndCorrections(
      `json_object('occurredFrom', ${VERSION_DATES.from('v')}, 'occurredTo', ${VERSION_DATES.to('v')})`,
      '',
      VERSION_DATES.setsOne('v'),
    ),
    touched: incidentVersions,
  },
  /**
   * As `versions`, with only what a report and the policy read (ReportedDetails, POLICY_DETAILS): version 0's fields
   * from index incident_versions_reported alone (named: SQLite would take a smaller one and read every row; no
   * situation when it has none, as the fold leaves it), and the corrections that set what lists read, from
   * incident_versions_listed_corrections.
   */
  reported: {
    key: 'v.incident_id',
    sql: version0AndCorrections(
      `json_patch(json_object('occurredFrom', ${REPORTED_DETAILS.from('v')}, 'occurredTo', ${REPORTED_DETAILS.to('v')},
        'location', json_patch(json_object('countryCode', ${REPORTED_DETAILS.country('v')}),
          json_object('latitude', ${REPORTED_DETAILS.latitude('v')}, 'longitude', ${REPORTED_DETAILS.longitude('v')})),
        'allegedUser', json(${REPORTED_DETAILS.allegedUser('v')}), 'munition', json(${REPORTED_DETAILS.munition('v')})),
        json_object('situationId', ${REPORTED_DETAILS.situation('v')}))`,
      'INDEXED BY incident_versions_reported',
      LIVE_DETAILS.setsListed('v'),
    ),
    touched: incidentVersions,
  },
  /** In fold order: the last one within the cut stands. */
  withdrawals: {
    key: 'w.incident_id',
    sql: (w, where) =>
      `SELECT w.incident_id AS key, w.reason, w.evidence_date, w.recorded_at FROM incident_withdrawals w
       WHERE ${where} ${w('w')} ORDER BY w.seq`,
    touched: everyRow('incident_withdrawals', 'w', 'incident_id', 'when versioned'),
  },
  /**
   * As logged (by the incident the event named), each with its retraction within the cut, if any: one row per
   * incident, its corroborations a JSON array of arrays (most rows of a cut are corroborations: SQLite writes
   * them as JSON and JSON.parse reads them several times faster than a row object each). For the whole cut,
   * `+` groups a scan of the table in its own order rather than reading it through the index by incident.
   */
  corroborations: {
    key: 'c.incident_id',
    sql: (w, where) =>
      `SELECT c.incident_id AS key, json_group_array(json_array(c.corroboration_id, c.source_id, c.stance,
         json(c.evidence_kinds), c.published_on, c.derived_from, c.credibility, c.geolocation_precision, c.seq,
         (SELECT r.evidence_date FROM corroboration_retractions r WHERE r.corroboration_id = c.corroboration_id
           AND ${w('r')} ORDER BY r.seq DESC LIMIT 1))) AS corroborations
       FROM corroborations c WHERE ${where} ${w('c')} GROUP BY +c.incident_id`,
    touched: {
      key: 'c.incident_id',
      sql: (_w, where) =>
        // A retraction dated after a cut is undone by the policy's cut by date: not a rewrite.
        `SELECT c.incident_id AS key, ${latest('c', 'r')}, NULL AS rewrite_date FROM corroborations c
         LEFT JOIN corroboration_retractions r ON r.corroboration_id = c.corroboration_id
         WHERE ${where} 1 GROUP BY c.incident_id`,
    },
  },
  /** Per incident it covers, each with its last conclusion within the cut, if any. */
  investigations: {
    key: 'ii.incident_id',
    sql: (w, where) =>
      `SELECT ii.incident_id AS key, i.investigation_id, i.investigator_kind, i.investigator_state_code,
         i.investigator_name, i.investigator_source_id, i.evidence_date, i.seq,
         c.outcome, c.evidence_date AS concluded_on
       FROM investigation_incidents ii JOIN investigations i USING (investigation_id)
       LEFT JOIN investigation_conclusions c ON c.seq = (SELECT l.seq FROM investigation_conclusions l
         WHERE l.investigation_id = i.investigation_id AND ${w('l')} ORDER BY l.seq DESC LIMIT 1)
       WHERE ${where} ${w('i')}`,
    touched: {
      key: 'ii.incident_id',
      sql: (_w, where) =>
        `SELECT ii.incident_id AS key, ${latest('i', 'l')},
           max(CASE WHEN EXISTS (SELECT 1 FROM investigation_conclusions o
             WHERE o.investigation_id = l.investigation_id AND o.seq <> l.seq) THEN l.evidence_date END) AS rewrite_date
         FROM investigation_incidents ii JOIN investigations i USING (investigation_id)
         LEFT JOIN investigation_conclusions l ON l.investigation_id = i.investigation_id
         WHERE ${where} 1 GROUP BY ii.incident_id`,
    },
  },
  /** The statements that might be the alleged user's (a superset, see user-statements.ts), whatever the cut. */
  userStatements: {
    key: 'u.incident_id',
    sql: (_w, where) => `SELECT u.incident_id AS key, u.statement_id FROM user_statements u WHERE ${where} 1`,
    // Not cut: each statement it lists is bounded by its versions (statementVersions).
    touched: null,
  },
  /** As `versions`, per statement; for the whole cut, only the statements some incident may read (a few). */
  statementVersions: {
    key: 'v.statement_id',
    bulk: STATEMENTS_READ,
    sql: versionsOf('statement_versions', 'statement_id'),
    touched: { ...everyRow('statement_versions', 'v', 'statement_id', 'when versioned'), bulk: STATEMENTS_READ },
  },
  source: {
    key: 's.source_id',
    sql: (w, where) =>
      `SELECT s.source_id AS key, s.source_id, s.name, s.state_code, s.parent_organisation FROM sources s
       WHERE ${where} ${w('s')}`,
    touched: everyRow('sources', 's', 'source_id', 'none'),
  },
  grades: {
    key: 'g.source_id',
    sql: (w, where) =>
      `SELECT g.source_id AS key, g.grade, g.evidence_date FROM source_grades g
       WHERE ${where} ${w('g')} ORDER BY g.seq`,
    // The grade on a day is the policy's own cut by date (gradeOn): a regrade is not a rewrite.
    touched: everyRow('source_grades', 'g', 'source_id', 'none'),
  },
  /** In fold order (the last stands), into a source that exists at the cut. */
  sourceMerges: {
    key: 'm.source_id',
    sql: (w, where) =>
      `SELECT m.source_id AS key, m.canonical_source_id FROM source_merges m WHERE ${where} ${w('m')}
       AND EXISTS (SELECT 1 FROM sources c WHERE c.source_id = m.canonical_source_id AND ${w('c')})
       ORDER BY m.seq`,
    // The canonical source it checks is bounded as it is followed (SourceGraph reads it as a source).
    touched: everyRow('source_merges', 'm', 'source_id', 'every row'),
  },
} satisfies Record<string, EvidenceQuery>;
