import type {
  CorroborationEvidence,
  EvidenceKind,
  GradeFrom,
  Grade,
  IncidentDetails,
  IncidentEvidence,
  InvestigationEvidence,
  InvestigationOutcome,
  InvestigatorKind,
  Stance,
  StatementDetails,
  StatementEvidence,
  Credibility,
} from '@app/domain';
import { spokenByAllegedUser } from '@app/projections';
import type { Database, Statement } from 'better-sqlite3';
import { type CutKind, type ReadCut, cutParams, kindOf, within } from './cut';
import { linkOrder, type Merge } from './link-order';
import { SourceGraph } from './source-graph';

interface CorroborationRow {
  corroboration_id: string;
  incident_id: string;
  source_id: string;
  stance: Stance;
  evidence_kinds: string;
  published_on: string;
  derived_from: string | null;
  credibility: Credibility | null;
  geolocation_precision: number | null;
  seq: number;
  retracted_on: string | null;
}
interface InvestigationRow {
  investigation_id: string;
  incident_id: string;
  investigator_kind: InvestigatorKind;
  investigator_state_code: string | null;
  investigator_name: string | null;
  investigator_source_id: string | null;
  evidence_date: string;
  seq: number;
  outcome: InvestigationOutcome | null;
  concluded_on: string | null;
}
interface VersionRow {
  changes: string;
  reason: string | null;
  seq: number;
}

/** The details as of a cut: version 0 with every correction within the cut laid over it, in fold order. */
export function detailsOf<T>(versions: readonly VersionRow[]): T | null {
  if (versions.length === 0 || versions[0].reason !== null) return null; // not recorded by the cut
  let details = JSON.parse(versions[0].changes) as T;
  for (let i = 1; i < versions.length; i++)
    details = { ...details, ...(JSON.parse(versions[i].changes) as Partial<T>) };
  return details;
}

/** One incident's evidence as of a cut, read from the fact tables: what the pure policy takes. */
export class EvidenceReader {
  private readonly q: Record<string, Statement>;

  constructor(
    private readonly db: Database,
    private readonly kind: CutKind,
  ) {
    const w = (alias: string) => within(kind, alias);
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      // Whether the incident existed at the cut, and the merge in force for it then (null: none).
      resolve: p(
        `SELECT (SELECT m.canonical_incident_id FROM incident_merges m
           WHERE m.incident_id = @id AND ${w('m')} ORDER BY m.seq DESC LIMIT 1) AS canonical
         FROM incidents i WHERE i.incident_id = @id AND ${w('i')}`,
      ),
      mergedInto: p(
        `SELECT m.incident_id AS duplicate, m.canonical_incident_id AS canonical, m.seq FROM incident_merges m
         WHERE m.canonical_incident_id = @id AND ${w('m')}`,
      ),
      exists: p(`SELECT 1 FROM incidents i WHERE i.incident_id = @id AND ${w('i')}`),
      versions: p(
        `SELECT v.changes, v.reason, v.seq FROM incident_versions v
         WHERE v.incident_id = @id AND ${w('v')} ORDER BY v.seq`,
      ),
      withdrawal: p(
        `SELECT w.evidence_date FROM incident_withdrawals w
         WHERE w.incident_id = @id AND ${w('w')} ORDER BY w.seq DESC LIMIT 1`,
      ),
      // Each with its retraction within the cut, if any: one statement per incident rather than one per row.
      corroborations: p(
        `SELECT c.corroboration_id, c.incident_id, c.source_id, c.stance, c.evidence_kinds, c.published_on,
           c.derived_from, c.credibility, c.geolocation_precision, c.seq,
           (SELECT r.evidence_date FROM corroboration_retractions r WHERE r.corroboration_id = c.corroboration_id
             AND ${w('r')} ORDER BY r.seq DESC LIMIT 1) AS retracted_on
         FROM corroborations c WHERE c.incident_id = @id AND ${w('c')}`,
      ),
      investigations: p(
        `SELECT i.*, ii.incident_id, c.outcome, c.evidence_date AS concluded_on
         FROM investigation_incidents ii JOIN investigations i USING (investigation_id)
         LEFT JOIN investigation_conclusions c ON c.seq = (SELECT l.seq FROM investigation_conclusions l
           WHERE l.investigation_id = i.investigation_id AND ${w('l')} ORDER BY l.seq DESC LIMIT 1)
         WHERE ii.incident_id = @id AND ${w('i')}`,
      ),
      userStatements: p('SELECT statement_id FROM user_statements WHERE incident_id = @id'),
      statementVersions: p(
        `SELECT v.changes, v.reason, v.seq FROM statement_versions v
         WHERE v.statement_id = @id AND ${w('v')} ORDER BY v.seq`,
      ),
    };
  }

  private lastCut: ReadCut | null = null;
  private cutValues = cutParams('LIVE');

  /** A query's parameters: the cut's values (worked out once per cut) and an id. */
  private params(cut: ReadCut, id: string) {
    if (cut !== this.lastCut) {
      this.cutValues = cutParams(cut);
      this.lastCut = cut;
    }
    return { day: this.cutValues.day, t: this.cutValues.t, id };
  }

  /** The canonical incident an id resolves to at the cut (merges of an incident that existed then), or null. */
  resolve(cut: ReadCut, id: string): string | null {
    let current = id;
    for (let i = 0; i < 64; i++) {
      const row = this.q.resolve.get(this.params(cut, current)) as { canonical: string | null } | undefined;
      if (row === undefined) return null;
      if (row.canonical === null || row.canonical === current) return current;
      current = row.canonical;
    }
    return current;
  }

  /** The incident and every duplicate merged into it (directly or through a chain) by the cut. */
  private tree(cut: ReadCut, canonical: string): { members: string[]; merges: Merge[] } {
    const members = [canonical];
    const merges: Merge[] = [];
    for (let i = 0; i < members.length; i++) {
      const rows = this.q.mergedInto.all(this.params(cut, members[i])) as Merge[];
      for (const m of rows) {
        // A merge counts once its duplicate existed; the fold ignores one of an incident it does not hold.
        if (members.includes(m.duplicate) || this.q.exists.get(this.params(cut, m.duplicate)) === undefined) continue;
        merges.push(m);
        members.push(m.duplicate);
      }
    }
    return { members, merges };
  }

  /**
   * Everything the policy looks at for the incident `id` resolves to, as of the cut; null when there is none.
   * `sources` may be shared by loads of one cut over unchanged tables (a settle inside one transaction).
   */
  load(cut: ReadCut, id: string, sources = new SourceGraph(this.db, this.kind, cut)): IncidentEvidence | null {
    if (kindOf(cut) !== this.kind) throw new Error(`a ${this.kind} reader asked for a ${kindOf(cut)} cut`);
    const canonical = this.resolve(cut, id);
    if (canonical === null) return null;
    const details = detailsOf<IncidentDetails>(this.q.versions.all(this.params(cut, canonical)) as VersionRow[]);
    if (details === null) return null;
    const { members, merges } = this.tree(cut, canonical);
    const { allegedUser, munition } = details;
    const withdrawal = this.q.withdrawal.get(this.params(cut, canonical)) as { evidence_date: string } | undefined;
    return {
      incidentId: canonical,
      allegedUserStateCodes: allegedUser.stateCodes,
      allegedUserKind: allegedUser.kind,
      ...(allegedUser.name !== undefined && { allegedUserName: allegedUser.name }),
      ...(munition.producerStateCodes && { producerStateCodes: munition.producerStateCodes }),
      ...(munition.supplierStateCodes && { supplierStateCodes: munition.supplierStateCodes }),
      withdrawnOn: withdrawal?.evidence_date,
      corroborations: this.corroborations(cut, canonical, members, merges, sources),
      investigations: this.investigations(cut, canonical, members, merges, sources),
      statements: this.statements(cut, canonical, members, merges, allegedUser.stateCodes),
    };
  }

  private corroborations(cut: ReadCut, canonical: string, members: string[], merges: Merge[], sources: SourceGraph) {
    const rows = new Map<string, CorroborationRow>();
    for (const member of members) {
      for (const row of this.q.corroborations.all(this.params(cut, member)) as CorroborationRow[]) {
        rows.set(row.corroboration_id, row);
      }
    }
    const links = [...rows.values()].map((r) => ({ id: r.corroboration_id, incidentIds: [r.incident_id], seq: r.seq }));
    return linkOrder(links, merges, canonical).map((id): CorroborationEvidence => {
      const c = rows.get(id)!;
      return {
        corroborationId: c.corroboration_id,
        sourceId: c.source_id,
        ...sources.facts(c.source_id),
        stance: c.stance,
        evidenceKinds: JSON.parse(c.evidence_kinds) as EvidenceKind[],
        publishedOn: c.published_on,
        derivedFrom: c.derived_from ?? undefined,
        retractedOn: c.retracted_on ?? undefined,
        ...(c.credibility !== null && { credibility: c.credibility }),
        ...(c.geolocation_precision !== null && { geolocationPrecisionMeters: c.geolocation_precision }),
      };
    });
  }

  private investigations(cut: ReadCut, canonical: string, members: string[], merges: Merge[], sources: SourceGraph) {
    const rows = new Map<string, InvestigationRow>();
    const covers = new Map<string, string[]>();
    for (const member of members) {
      for (const row of this.q.investigations.all(this.params(cut, member)) as InvestigationRow[]) {
        rows.set(row.investigation_id, row);
        covers.set(row.investigation_id, [...(covers.get(row.investigation_id) ?? []), member]);
      }
    }
    const links = [...rows.values()].map((r) => ({
      id: r.investigation_id,
      incidentIds: covers.get(r.investigation_id)!,
      seq: r.seq,
    }));
    return linkOrder(links, merges, canonical).map((id): InvestigationEvidence => {
      const i = rows.get(id)!;
      const sourceId = i.investigator_source_id ?? undefined;
      const source = sourceId === undefined ? undefined : sources.source(sourceId);
      const facts = sourceId === undefined ? undefined : sources.facts(sourceId);
      const stateCode = i.investigator_state_code ?? undefined;
      return {
        investigationId: i.investigation_id,
        investigatorKind: i.investigator_kind,
        investigatorStateCode: stateCode ?? source?.state_code ?? undefined,
        investigatorName: source?.name ?? i.investigator_name ?? stateCode,
        ...(facts && {
          investigatorOrganisationId: facts.organisationId,
          investigatorGrade: facts.sourceGrade,
          ...(facts.regrades && { investigatorRegrades: facts.regrades }),
        }),
        openedOn: i.evidence_date,
        outcome: i.outcome ?? undefined,
        concludedOn: i.concluded_on ?? undefined,
      };
    });
  }

  /** The alleged user's own statements about the incident (the only ones the policy reads), in link order. */
  private statements(cut: ReadCut, canonical: string, members: string[], merges: Merge[], userCodes: string[]) {
    const found = new Map<string, StatementDetails>();
    const links = [];
    for (const member of members) {
      // Every statement that might be the user's (a superset, see user-statements.ts); the test is below.
      for (const { statement_id: id } of this.q.userStatements.all({ id: member }) as { statement_id: string }[]) {
        if (found.has(id)) continue;
        const versions = this.q.statementVersions.all(this.params(cut, id)) as VersionRow[];
        const details = detailsOf<StatementDetails>(versions);
        if (details === null) continue;
        found.set(id, details);
        // Every correction re-links the statement: it joins its incidents' lists at its last version.
        links.push({ id, incidentIds: details.incidentIds, seq: versions[versions.length - 1].seq });
      }
    }
    const statements: StatementEvidence[] = [];
    for (const id of linkOrder(links, merges, canonical)) {
      const s = found.get(id)!;
      if (!spokenByAllegedUser(s.speakers, userCodes)) continue;
      statements.push({ statementId: id, kind: s.kind, speakers: s.speakers, deliveredOn: s.deliveredOn });
    }
    return statements;
  }
}

export type { Grade, GradeFrom };
