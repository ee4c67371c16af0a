import type { Database, Statement } from 'better-sqlite3';
import type { Evolve } from './projection';

/**
 * user_statements: per incident, the statements that might be its alleged user's own (the only ones the policy
 * reads), so that assessing reads them with one range read instead of a probe per statement naming the incident.
 * Exhaustive rather than exact, as a cut needs: a row for every statement that ever named the incident and ever
 * had a speaker among incident_user_codes (every State ever the incident's alleged user, or ever that of an
 * incident it was merged into, since a merged duplicate's statements are judged against the canonical's user).
 * EvidenceReader applies the exact test as of the cut.
 *
 * Most statements are recorded once: their rows are decided while folding, against the codes in force then
 * (kept in memory: a cache of incident_user_codes and incident_merges, reloaded on open and after a failed page).
 * What a later fact makes relevant is found with SQL over the statement tables (they need their indexes): an
 * incident whose codes grow, a corrected statement. Live, that runs at the end of each page; in a bulk rebuild,
 * once after the indexes are built (`settle`). Both end with the same rows.
 */
export class UserStatements {
  private codes = new Map<string, Set<string>>();
  private mergedFrom = new Map<string, Set<string>>();
  /** Bulk only: incidents some statement named so far (an incident no statement named needs no look-back). */
  private readonly named: Set<string> | null;
  private readonly grown = new Map<string, Set<string>>();
  private readonly corrected = new Set<string>();
  private readonly q: Record<'row' | 'code' | 'byIncident' | 'byStatement', Statement>;

  constructor(
    private readonly db: Database,
    bulk: boolean,
  ) {
    this.named = bulk ? new Set() : null;
    this.q = {
      row: db.prepare('INSERT OR IGNORE INTO user_statements VALUES (?,?)'),
      code: db.prepare('INSERT OR IGNORE INTO incident_user_codes VALUES (?,?)'),
      byIncident: db.prepare(`INSERT OR IGNORE INTO user_statements
        SELECT DISTINCT @id, t.statement_id FROM statement_targets t
        JOIN statement_versions v ON v.statement_id = t.statement_id JOIN statement_speakers s ON s.seq = v.seq
        WHERE t.kind = 'INCIDENT' AND t.target = @id AND s.state_code IN (SELECT value FROM json_each(@codes))`),
      // A statement's rows through its versions. `+`: never every INCIDENT row, or every row of a State (the
      // planner has no statistics to tell).
      byStatement: db.prepare(`INSERT OR IGNORE INTO user_statements
        SELECT DISTINCT t.target, a.statement_id FROM statement_versions a JOIN statement_targets t ON t.seq = a.seq
        JOIN statement_versions b ON b.statement_id = a.statement_id JOIN statement_speakers s ON s.seq = b.seq
        JOIN incident_user_codes u ON u.incident_id = t.target AND u.state_code = +s.state_code
        WHERE a.statement_id = ? AND +t.kind = 'INCIDENT'`),
    };
    this.reload();
  }

  /** The memory of the codes and merges, from the tables (on open, and after a page that failed). */
  reload(): void {
    this.codes = new Map();
    this.mergedFrom = new Map();
    this.grown.clear();
    this.corrected.clear();
    this.named?.clear();
    const codes = this.db.prepare('SELECT incident_id, state_code FROM incident_user_codes').raw().all();
    for (const [id, code] of codes as [string, string][]) setOf(this.codes, id).add(code);
    const merges = this.db.prepare('SELECT incident_id, canonical_incident_id FROM incident_merges').raw().all();
    for (const [duplicate, canonical] of merges as [string, string][]) setOf(this.mergedFrom, canonical).add(duplicate);
  }

  /** Adds States to an incident's codes, and to every incident ever merged into it; notes what grew. */
  private addCodes(id: string, codes: Iterable<string>): void {
    const known = setOf(this.codes, id);
    const added: string[] = [];
    for (const code of codes) {
      if (known.has(code)) continue;
      known.add(code);
      added.push(code);
      this.q.code.run(id, code);
    }
    if (added.length === 0) return;
    if (this.named === null || this.named.has(id)) for (const code of added) setOf(this.grown, id).add(code);
    for (const duplicate of this.mergedFrom.get(id) ?? []) this.addCodes(duplicate, added);
  }

  readonly evolve: Evolve = (event) => {
    switch (event.type) {
      case 'UseAlleged':
        this.addCodes(event.data.incidentId, event.data.allegedUser.stateCodes);
        return;
      case 'IncidentCorrected':
        if (event.data.changes.allegedUser)
          this.addCodes(event.data.incidentId, event.data.changes.allegedUser.stateCodes);
        return;
      case 'IncidentMergedInto': {
        const { incidentId, canonicalIncidentId } = event.data;
        setOf(this.mergedFrom, canonicalIncidentId).add(incidentId);
        this.addCodes(incidentId, [...(this.codes.get(canonicalIncidentId) ?? [])]);
        return;
      }
      case 'StatementRecorded': {
        const { statementId, speakers, incidentIds } = event.data;
        for (const id of incidentIds) {
          this.named?.add(id);
          const codes = this.codes.get(id);
          if (codes !== undefined && anyOf(speakers, codes)) this.q.row.run(id, statementId);
        }
        return;
      }
      case 'StatementCorrected':
        for (const id of event.data.changes.incidentIds ?? []) this.named?.add(id);
        this.corrected.add(event.data.statementId);
        return;
      case 'SourceRegistered':
      case 'SourceRegraded':
      case 'SourcesMerged':
      case 'IncidentWithdrawn':
      case 'CorroborationAdded':
      case 'CorroborationRetracted':
      case 'InvestigationOpened':
      case 'InvestigationConcluded':
      case 'SituationRegistered':
      case 'SituationCorrected':
      case 'ResolutionVoteRecorded':
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  };

  /** The rows only the statement tables can tell (after the page's rows are written, with their indexes). */
  settle(): void {
    for (const [id, codes] of this.grown) this.q.byIncident.run({ id, codes: JSON.stringify([...codes]) });
    for (const id of this.corrected) this.q.byStatement.run(id);
    this.grown.clear();
    this.corrected.clear();
  }
}

function anyOf(codes: readonly string[], among: Set<string>): boolean {
  for (const code of codes) if (among.has(code)) return true;
  return false;
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
