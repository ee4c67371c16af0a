import type { CorroborationEvidence, Grade, GradeFrom } from '@app/domain';
import type { Database, Statement } from 'better-sqlite3';
import { type CutKind, type ReadCut, cutParams, within } from './cut';

export interface SourceRow {
  source_id: string;
  name: string;
  state_code: string | null;
  parent_organisation: string | null;
}
interface SourceAsOf extends SourceRow {
  grades: { grade: Grade; evidence_date: string | null }[];
  mergedInto: string | null;
}

/** Who a source is, for the policy: name, organisation, State code and grade over time. */
export type SourceFacts = Pick<
  CorroborationEvidence,
  'sourceGrade' | 'regrades' | 'sourceName' | 'organisationId' | 'sourceStateCode'
>;

const statements = new WeakMap<Database, Map<CutKind, Record<string, Statement>>>();

function prepared(db: Database, kind: CutKind): Record<string, Statement> {
  let byKind = statements.get(db);
  if (!byKind) statements.set(db, (byKind = new Map<CutKind, Record<string, Statement>>()));
  let q = byKind.get(kind);
  if (!q) {
    q = {
      source: db.prepare(`SELECT * FROM sources s WHERE s.source_id = @id AND ${within(kind, 's')}`),
      grades: db.prepare(
        `SELECT g.grade, g.evidence_date FROM source_grades g
         WHERE g.source_id = @id AND ${within(kind, 'g')} ORDER BY g.seq`,
      ),
      merge: db.prepare(
        `SELECT m.canonical_source_id FROM source_merges m WHERE m.source_id = @id AND ${within(kind, 'm')}
         AND EXISTS (SELECT 1 FROM sources c WHERE c.source_id = m.canonical_source_id AND ${within(kind, 'c')})
         ORDER BY m.seq DESC LIMIT 1`,
      ),
    };
    byKind.set(kind, q);
  }
  return q;
}

/** The sources as of a cut, read on demand and kept for one load: merges and parents followed as the fold does. */
export class SourceGraph {
  private readonly cache = new Map<string, SourceAsOf | null>();
  private readonly q: Record<string, Statement>;
  private readonly params: { day: string; t: number };

  constructor(db: Database, kind: CutKind, cut: ReadCut) {
    this.q = prepared(db, kind);
    this.params = cutParams(cut);
  }

  source(id: string): SourceAsOf | undefined {
    let found = this.cache.get(id);
    if (found === undefined) {
      const row = this.q.source.get({ ...this.params, id }) as SourceRow | undefined;
      found = row
        ? {
            ...row,
            grades: this.q.grades.all({ ...this.params, id }) as SourceAsOf['grades'],
            mergedInto:
              (this.q.merge.get({ ...this.params, id }) as { canonical_source_id: string } | undefined)
                ?.canonical_source_id ?? null,
          }
        : null;
      this.cache.set(id, found);
    }
    return found ?? undefined;
  }

  /** The canonical source a merged duplicate resolves to (itself unless merged). */
  canonical(id: string): string {
    let current = id;
    for (let i = 0; i < 64; i++) {
      const next = this.source(current)?.mergedInto;
      if (next === null || next === undefined) return current;
      current = next;
    }
    return current;
  }

  /** The organisation a source speaks for: its root parent, merges followed. */
  organisation(id: string): string {
    let current = this.canonical(id);
    for (let i = 0; i < 64; i++) {
      const parent = this.source(current)?.parent_organisation;
      if (parent === null || parent === undefined) return current;
      current = this.canonical(parent);
    }
    return current;
  }

  facts(id: string): SourceFacts {
    const source = this.source(id);
    // An unknown source cannot be judged: F on the Admiralty scale.
    if (!source) return { sourceGrade: 'F' };
    const regrades: GradeFrom[] = [];
    for (const g of source.grades)
      if (g.evidence_date !== null) regrades.push({ grade: g.grade, from: g.evidence_date });
    return {
      sourceGrade: source.grades[0].grade,
      ...(regrades.length > 0 && { regrades }),
      sourceName: source.name,
      organisationId: this.organisation(id),
      ...(source.state_code !== null && { sourceStateCode: source.state_code }),
    };
  }
}
