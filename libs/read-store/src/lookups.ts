import type { CorroborationFacts } from '@app/domain';
import type { Database, Statement } from 'better-sqlite3';
import { incidentResolver } from './incident-resolution';

/** What an idempotency key last wrote: the command's input hash, its stream, the position of its last event. */
export interface KeyedWrite {
  inputHash: string;
  stream: string;
  position: string;
}

/** A corroboration as logged: the incident its event named (before any merge), its facts, whether it was retracted. */
export interface LoggedCorroboration extends CorroborationFacts {
  incidentId: string;
  retracted: boolean;
}

interface CorroborationRow {
  corroboration_id: string;
  incident_id: string;
  source_id: string;
  stance: CorroborationFacts['stance'];
  evidence_kinds: string;
  published_on: string;
  derived_from: string | null;
  credibility: CorroborationFacts['credibility'] | null;
  geolocation_precision: number | null;
  citation: string;
  summary: string;
  retracted: number;
}

/**
 * What commands look up before they decide, read from the live rows by key: whether what they refer to exists,
 * where merges lead, which write an idempotency key made. One prepared statement each, per file.
 */
export class Lookups {
  private readonly statements: Record<
    | 'source'
    | 'sourceMerge'
    | 'stateSource'
    | 'incident'
    | 'corroboration'
    | 'loggedCorroboration'
    | 'investigation'
    | 'statement'
    | 'situation'
    | 'keyed'
    | 'keysFrom',
    Statement
  >;

  constructor(private readonly db: Database) {
    const prepare = (sql: string) => db.prepare(sql);
    this.statements = {
      source: prepare('SELECT name FROM sources WHERE source_id = ?').pluck(),
      sourceMerge: prepare(
        'SELECT canonical_source_id FROM source_merges WHERE source_id = ? ORDER BY seq DESC LIMIT 1',
      ).pluck(),
      // A State's own source: not merged, a root organisation before a part of one, then the first registered.
      stateSource: prepare(
        `SELECT source_id FROM sources WHERE kind = 'STATE' AND state_code = ? AND superseded_at IS NULL
         ORDER BY parent_organisation IS NOT NULL, recorded_at, seq LIMIT 1`,
      ).pluck(),
      incident: prepare('SELECT 1 FROM incidents WHERE incident_id = ?').pluck(),
      corroboration: prepare('SELECT incident_id FROM corroborations WHERE corroboration_id = ?').pluck(),
      loggedCorroboration: prepare(
        `SELECT c.*, EXISTS (SELECT 1 FROM corroboration_retractions r WHERE r.corroboration_id = c.corroboration_id)
           AS retracted
         FROM corroborations c WHERE c.corroboration_id = ?`,
      ),
      investigation: prepare('SELECT 1 FROM investigations WHERE investigation_id = ?').pluck(),
      statement: prepare('SELECT 1 FROM statement_versions WHERE statement_id = ? LIMIT 1').pluck(),
      situation: prepare('SELECT 1 FROM situation_versions WHERE situation_id = ? LIMIT 1').pluck(),
      keyed: prepare('SELECT input_hash AS inputHash, stream, position FROM idempotency WHERE key = ?'),
      // A range of the primary key: `key >= prefix AND key < prefix + U+FFFF` holds every key that starts so.
      keysFrom: prepare('SELECT key FROM idempotency WHERE key >= ? AND key < ? ORDER BY key').pluck(),
    };
  }

  /** A source's name; undefined when there is no such source (a merged duplicate is still one). */
  sourceName(id: string): string | undefined {
    return this.statements.source.get(id) as string | undefined;
  }

  /** The source a merged duplicate was folded into, followed to the end; the id itself when never merged. */
  canonicalSourceId(id: string): string {
    let current = id;
    for (let i = 0; i < 64; i++) {
      // A chain is short; the bound only guards against a corrupt cycle.
      const next = this.statements.sourceMerge.get(current) as string | undefined;
      if (next === undefined) return current;
      current = next;
    }
    return current;
  }

  /** The registered source of a State (kind STATE), if any. */
  stateSourceId(stateCode: string): string | undefined {
    return this.statements.stateSource.get(stateCode) as string | undefined;
  }

  /** The incident an id resolves to now (merges followed); undefined when there is none. */
  canonicalIncidentId(id: string): string | undefined {
    const canonical = incidentResolver(this.db, 'LIVE')(id);
    return this.statements.incident.get(canonical) !== undefined ? canonical : undefined;
  }

  /** The incident a corroboration was logged on (before any merge); undefined when there is no such one. */
  corroborationIncidentId(id: string): string | undefined {
    return this.statements.corroboration.get(id) as string | undefined;
  }

  /** The corroboration with this id as logged; undefined when there is none. */
  loggedCorroboration(id: string): LoggedCorroboration | undefined {
    const row = this.statements.loggedCorroboration.get(id) as CorroborationRow | undefined;
    if (row === undefined) return undefined;
    return {
      corroborationId: row.corroboration_id,
      incidentId: row.incident_id,
      sourceId: row.source_id,
      stance: row.stance,
      evidenceKinds: JSON.parse(row.evidence_kinds) as CorroborationFacts['evidenceKinds'],
      publishedOn: row.published_on,
      citation: JSON.parse(row.citation) as CorroborationFacts['citation'],
      ...(row.derived_from !== null && { derivedFrom: row.derived_from }),
      summary: row.summary,
      ...(row.credibility !== null && { credibility: row.credibility }),
      ...(row.geolocation_precision !== null && { geolocationPrecisionMeters: row.geolocation_precision }),
      retracted: row.retracted === 1,
    };
  }

  investigationExists(id: string): boolean {
    return this.statements.investigation.get(id) !== undefined;
  }

  statementExists(id: string): boolean {
    return this.statements.statement.get(id) !== undefined;
  }

  situationExists(id: string): boolean {
    return this.statements.situation.get(id) !== undefined;
  }

  keyedWrite(key: string): KeyedWrite | undefined {
    return this.statements.keyed.get(key) as KeyedWrite | undefined;
  }

  /** Every idempotency key used that starts with `prefix`, in order (an import's keys of one dataset and kind). */
  keysStartingWith(prefix: string): string[] {
    return this.statements.keysFrom.all(prefix, `${prefix}\uffff`) as string[];
  }
}
