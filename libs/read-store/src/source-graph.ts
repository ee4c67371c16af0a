import type { CorroborationEvidence, Grade, GradeFrom } from '@app/domain';
import type { Touched } from './bounds';
import type { Rows } from './cut-rows';
import { EVIDENCE } from './evidence.queries';

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

/**
 * The sources as of a cut, read on demand and kept while the tables do not change (one load, one settle, one
 * bulk read): merges and parents followed as the fold does.
 */
export class SourceGraph {
  private readonly cache = new Map<string, SourceAsOf | null>();
  /** Each source's facts, and the sources read to work them out (merges and parents followed). */
  private readonly factsCache = new Map<string, { facts: SourceFacts; read: string[] }>();
  /** The sources read while the facts of one are worked out (see facts). */
  private reading: string[] | null = null;

  constructor(private readonly rows: Rows) {}

  /** A source as of the cut; `touched` notes the rows read (kept once read: noted on every call). */
  source(id: string, touched?: Touched): SourceAsOf | undefined {
    this.reading?.push(id);
    // The three queries read below (once: then kept), noted on every call.
    if (touched) for (const query of [EVIDENCE.source, EVIDENCE.grades, EVIDENCE.sourceMerges]) touched.add(query, id);
    let found = this.cache.get(id);
    if (found === undefined) {
      const [row] = this.rows<SourceRow>(EVIDENCE.source, id);
      found = row
        ? {
            ...row,
            grades: this.rows<SourceAsOf['grades'][number]>(EVIDENCE.grades, id),
            mergedInto:
              this.rows<{ canonical_source_id: string }>(EVIDENCE.sourceMerges, id).at(-1)?.canonical_source_id ?? null,
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

  /**
   * Worked out once per source: a cut's corroborations cite a few hundred sources many times over. `touched`
   * notes every source read to work them out, on every call.
   */
  facts(id: string, touched?: Touched): SourceFacts {
    let found = this.factsCache.get(id);
    if (found === undefined) {
      this.reading = [];
      try {
        found = { facts: this.factsOf(id), read: this.reading };
      } finally {
        this.reading = null;
      }
      this.factsCache.set(id, found);
    }
    if (touched) for (const read of found.read) this.source(read, touched);
    return found.facts;
  }

  private factsOf(id: string): SourceFacts {
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
