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
import { BoundsReader, type ReadingBounds, type Touched } from './bounds';
import type { Rows } from './cut-rows';
import { EVIDENCE, type EvidenceQuery, type POLICY_DETAILS } from './evidence.queries';
import { linkOrder, type Merge } from './link-order';
import { SourceGraph } from './source-graph';

/** One corroboration as `EVIDENCE.corroborations` lists it (see there), logged against the row's incident. */
type CorroborationTuple = [
  corroborationId: string,
  sourceId: string,
  stance: Stance,
  evidenceKinds: EvidenceKind[],
  publishedOn: string,
  derivedFrom: string | null,
  credibility: Credibility | null,
  geolocationPrecision: number | null,
  seq: number,
  retractedOn: string | null,
];
interface InvestigationRow {
  investigation_id: string;
  investigator_kind: InvestigatorKind;
  investigator_state_code: string | null;
  investigator_name: string | null;
  investigator_source_id: string | null;
  evidence_date: string;
  seq: number;
  outcome: InvestigationOutcome | null;
  concluded_on: string | null;
}
/** A version as the versions queries list them (see EVIDENCE.versions): what it sets, the correction's reason. */
export type Version = [changes: object, reason: string | null, seq: number];

/**
 * The versions of one incident or statement within the cut, in fold order: one row per key (a JSON array), or a
 * row per version (`EVIDENCE.dates`, read from two indexes), put in fold order here.
 */
function versionsOf(rows: readonly { versions: string }[]): Version[] {
  if (rows.length <= 1) return rows.length === 0 ? [] : (JSON.parse(rows[0].versions) as Version[]);
  return rows.flatMap((row) => JSON.parse(row.versions) as Version[]).sort((a, b) => a[2] - b[2]);
}

/** The details as of a cut: version 0 with every correction within the cut laid over it, in fold order. */
export function detailsOf<T>(versions: readonly Version[]): T | null {
  if (versions.length === 0 || versions[0][1] !== null) return null; // not recorded by the cut
  let details = versions[0][0] as T;
  for (let i = 1; i < versions.length; i++) details = { ...details, ...(versions[i][0] as Partial<T>) };
  return details;
}

interface IncidentRow {
  reported_on: string;
  recorded_at: number;
  canonical: string | null;
}
interface WithdrawalRow {
  reason: string;
  evidence_date: string;
  recorded_at: number;
}

/** An incident as of a cut: what the policy takes, and what lists show of it beside its assessment. */
export interface IncidentAsOf {
  /** Read when asked: a list may have the assessment already (see incidentsAt). */
  evidence: () => IncidentEvidence;
  details: IncidentDetails;
  reportedOn: string;
  recordedAt: Date;
  mergedDuplicates: string[];
  withdrawal: { reason: string; withdrawnOn: string; recordedAt: Date } | null;
}

/**
 * An incident's evidence as of a cut, read from the fact tables: what the pure policy takes. The rows come
 * from `keyedRows` (one incident: a handful of indexed statements) or `BulkRows` (every incident of the cut:
 * each query once); this is the one assembly of them.
 */
export class EvidenceReader {
  readonly sources: SourceGraph;
  private boundsReader: BoundsReader | undefined;

  /** `versions` reads the details (`EVIDENCE.dates`: only the dates a list sorts and filters by). */
  constructor(
    private readonly rows: Rows,
    sources?: SourceGraph,
    private readonly versions: EvidenceQuery = EVIDENCE.versions,
  ) {
    this.sources = sources ?? new SourceGraph(rows);
  }

  /** The bounds of what the readings given `touched` read (see `ReadingBounds`), each key's read once per reader. */
  bounds(touched: Touched): ReadingBounds {
    return (this.boundsReader ??= new BoundsReader(this.rows)).of(touched);
  }

  /** The rows of a query for a key, noted in `touched` when given (the reading is being bounded). */
  private rowsOf<T>(query: EvidenceQuery, key: string, touched?: Touched): T[] {
    touched?.add(query, key);
    return this.rows<T>(query, key);
  }

  private incident(id: string, touched?: Touched): IncidentRow | undefined {
    return this.rowsOf<IncidentRow>(EVIDENCE.incident, id, touched)[0];
  }

  /** The canonical incident an id resolves to at the cut (merges of an incident that existed then), or null. */
  resolve(id: string, touched?: Touched): string | null {
    let current = id;
    for (let i = 0; i < 64; i++) {
      const row = this.incident(current, touched);
      if (row === undefined) return null;
      if (row.canonical === null || row.canonical === current) return current;
      current = row.canonical;
    }
    return current;
  }

  /** The incident and every duplicate merged into it (directly or through a chain) by the cut, in fold order. */
  tree(canonical: string, touched?: Touched): { members: string[]; merges: Merge[] } {
    const members = [canonical];
    const merges: Merge[] = [];
    for (let i = 0; i < members.length; i++) {
      for (const m of this.rowsOf<Merge>(EVIDENCE.mergedInto, members[i], touched)) {
        // A merge counts once its duplicate existed; the fold ignores one of an incident it does not hold.
        if (members.includes(m.duplicate) || this.incident(m.duplicate, touched) === undefined) continue;
        merges.push(m);
        members.push(m.duplicate);
      }
    }
    return { members, merges };
  }

  /**
   * Everything the policy looks at for the incident `id` resolves to, as of the cut; null when there is none.
   * `touched` notes every key read (to bound them: see `bounds`).
   */
  load(id: string, touched?: Touched): IncidentEvidence | null {
    const canonical = this.resolve(id, touched);
    return canonical === null ? null : (this.read(canonical, touched)?.evidence() ?? null);
  }

  /**
   * An incident's details as of the cut (with `EVIDENCE.dates` as the reader's `versions`, only its dates); null
   * when it was not recorded by then.
   */
  details(id: string, touched?: Touched): IncidentDetails | null {
    return this.incident(id, touched) === undefined
      ? null
      : detailsOf<IncidentDetails>(versionsOf(this.rowsOf(this.versions, id, touched)));
  }

  /** A canonical incident as of the cut (see `resolve`); null when it was not recorded by then. */
  read(canonical: string, touched?: Touched): IncidentAsOf | null {
    const row = this.incident(canonical, touched);
    const details = this.details(canonical, touched);
    if (row === undefined || details === null) return null;
    const { members, merges } = this.tree(canonical, touched);
    const policyDetails: Pick<IncidentDetails, (typeof POLICY_DETAILS)[number]> = details;
    const { allegedUser, munition } = policyDetails;
    const withdrawal = this.rowsOf<WithdrawalRow>(EVIDENCE.withdrawals, canonical, touched).at(-1);
    const evidence = (): IncidentEvidence => ({
      incidentId: canonical,
      allegedUserStateCodes: allegedUser.stateCodes,
      allegedUserKind: allegedUser.kind,
      ...(allegedUser.name !== undefined && { allegedUserName: allegedUser.name }),
      ...(munition.producerStateCodes && { producerStateCodes: munition.producerStateCodes }),
      ...(munition.supplierStateCodes && { supplierStateCodes: munition.supplierStateCodes }),
      withdrawnOn: withdrawal?.evidence_date,
      corroborations: this.corroborations(canonical, members, merges, touched),
      investigations: this.investigations(canonical, members, merges, touched),
      statements: this.statements(canonical, members, merges, allegedUser.stateCodes, touched),
    });
    return {
      evidence,
      details,
      reportedOn: row.reported_on,
      recordedAt: new Date(row.recorded_at),
      // The fold lists a duplicate under the incident it was merged into directly, in merge order.
      mergedDuplicates: merges.filter((m) => m.canonical === canonical).map((m) => m.duplicate),
      withdrawal: withdrawal
        ? {
            reason: withdrawal.reason,
            withdrawnOn: withdrawal.evidence_date,
            recordedAt: new Date(withdrawal.recorded_at),
          }
        : null,
    };
  }

  private corroborations(canonical: string, members: string[], merges: Merge[], touched?: Touched) {
    const found = new Map<string, CorroborationTuple>();
    const links = [];
    for (const member of members) {
      for (const row of this.rowsOf<{ corroborations: string }>(EVIDENCE.corroborations, member, touched)) {
        for (const c of JSON.parse(row.corroborations) as CorroborationTuple[]) {
          found.set(c[0], c);
          links.push({ id: c[0], incidentIds: [member], seq: c[8] });
        }
      }
    }
    return linkOrder(links, merges, canonical).map((id): CorroborationEvidence => {
      const c = found.get(id)!;
      const [corroborationId, sourceId, stance, evidenceKinds, publishedOn, derivedFrom, credibility, precision] = c;
      const retractedOn = c[9];
      return {
        corroborationId,
        sourceId,
        ...this.sources.facts(sourceId, touched),
        stance,
        evidenceKinds,
        publishedOn,
        derivedFrom: derivedFrom ?? undefined,
        retractedOn: retractedOn ?? undefined,
        ...(credibility !== null && { credibility }),
        ...(precision !== null && { geolocationPrecisionMeters: precision }),
      };
    });
  }

  private investigations(canonical: string, members: string[], merges: Merge[], touched?: Touched) {
    const rows = new Map<string, InvestigationRow>();
    const covers = new Map<string, string[]>();
    for (const member of members) {
      for (const row of this.rowsOf<InvestigationRow>(EVIDENCE.investigations, member, touched)) {
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
      const source = sourceId === undefined ? undefined : this.sources.source(sourceId, touched);
      const facts = sourceId === undefined ? undefined : this.sources.facts(sourceId, touched);
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
  private statements(canonical: string, members: string[], merges: Merge[], userCodes: string[], touched?: Touched) {
    const found = new Map<string, StatementDetails>();
    const links = [];
    for (const member of members) {
      // Every statement that might be the user's (a superset, see user-statements.ts); the test is below.
      const listed = this.rowsOf<{ statement_id: string }>(EVIDENCE.userStatements, member, touched);
      for (const { statement_id: id } of listed) {
        if (found.has(id)) continue;
        const versions = versionsOf(this.rowsOf(EVIDENCE.statementVersions, id, touched));
        const details = detailsOf<StatementDetails>(versions);
        if (details === null) continue;
        found.set(id, details);
        // Every correction re-links the statement: it joins its incidents' lists at its last version.
        links.push({ id, incidentIds: details.incidentIds, seq: versions[versions.length - 1][2] });
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
