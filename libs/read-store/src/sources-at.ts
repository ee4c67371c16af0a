import type { Grade, SourceKind } from '@app/domain';
import type { GradeChange, SourceView } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { type ReadCut, cutParams, kindOf, within } from './cut';

/** A grade a source was given within the cut (at registration, then each regrade): the model's, without its event. */
export type GradeAtCut = Omit<GradeChange, 'eventId'>;

/** A source as of a cut, with what the registry's `sources` list shows of it then (the model's view of it). */
export type SourceAtCut = Omit<SourceView, 'grades'> & { grades: GradeAtCut[] };

interface SourceRow {
  source_id: string;
  name: string;
  kind: SourceKind;
  state_code: string | null;
  parent_organisation: string | null;
  aliases: string;
  homepage: string | null;
  seq: number;
  recorded_at: number;
}
interface GradeRow {
  source_id: string;
  seq: number;
  grade: Grade;
  previous_grade: Grade | null;
  reason: string | null;
  evidence_date: string | null;
  recorded_at: number;
  inside: number;
}
interface MergeRow {
  source_id: string;
  seq: number;
  canonical_source_id: string;
  reason: string;
  evidence_date: string;
  recorded_at: number;
  inside: number;
}

/**
 * Every source registered within the cut, in registration order, as the registry showed it then: the grades
 * within the cut (the last in force), and the merges within the cut applied in fold order as the fold applies
 * them (a merge of two sources that both exist; the canonical one learns the duplicate's names as aliases).
 * Sources are few (hundreds): each of the three tables is read once.
 */
export function sourcesAt(db: Database, cut: ReadCut): SourceAtCut[] {
  const kind = kindOf(cut);
  const params = cutParams(cut);
  const read = () => ({
    sources: db.prepare(`SELECT * FROM sources s WHERE ${within(kind, 's')} ORDER BY s.seq`).all(params) as SourceRow[],
    grades: db
      .prepare(`SELECT *, (${within(kind, 'g')}) AS inside FROM source_grades g ORDER BY g.seq`)
      .all(params) as GradeRow[],
    merges: db
      .prepare(`SELECT *, (${within(kind, 'm')}) AS inside FROM source_merges m ORDER BY m.seq`)
      .all(params) as MergeRow[],
  });
  const { sources, grades, merges } = db.inTransaction ? read() : db.transaction(read)();
  const byId = new Map<string, SourceAtCut>();
  /** Per source, the seqs of its stream's events (registration, regrades, its merge into another), in order. */
  const stream = new Map<string, { seqs: number[]; last: number }>();
  const event = (id: string, seq: number, inside: boolean) => {
    let s = stream.get(id);
    if (!s) stream.set(id, (s = { seqs: [], last: -1 }));
    s.seqs.push(seq);
    if (inside) s.last = Math.max(s.last, seq);
  };
  for (const r of sources) {
    const aliases = JSON.parse(r.aliases) as string[];
    byId.set(r.source_id, {
      sourceId: r.source_id,
      revision: 0,
      name: r.name,
      kind: r.kind,
      grade: 'F',
      ...(r.homepage !== null && { homepage: r.homepage }),
      grades: [],
      recordedAt: new Date(r.recorded_at),
      stateCode: r.state_code,
      stateCodeUnresolved: r.kind === 'STATE' && r.state_code === null,
      parentOrganisation: r.parent_organisation,
      aliases,
      mergedInto: null,
      mergedDuplicates: [],
    });
  }
  const seqOf = new Map(sources.map((r) => [r.source_id, r.seq]));
  for (const g of grades) {
    event(g.source_id, g.seq, g.inside === 1);
    const source = byId.get(g.source_id);
    if (!source || g.inside !== 1) continue;
    source.grade = g.grade;
    const registration = seqOf.get(g.source_id) === g.seq;
    source.grades.push({
      grade: g.grade,
      previousGrade: g.previous_grade,
      regradedOn: registration ? null : g.evidence_date,
      reason: g.reason,
      recordedAt: new Date(g.recorded_at),
    });
  }
  for (const m of merges) {
    event(m.source_id, m.seq, m.inside === 1);
    const duplicate = byId.get(m.source_id);
    const canonical = byId.get(m.canonical_source_id);
    if (m.inside !== 1 || !duplicate || !canonical) continue;
    duplicate.mergedInto = {
      canonicalSourceId: m.canonical_source_id,
      reason: m.reason,
      mergedOn: m.evidence_date,
      recordedAt: new Date(m.recorded_at),
    };
    canonical.mergedDuplicates.push(m.source_id);
    for (const name of [duplicate.name, ...duplicate.aliases]) {
      if (name !== canonical.name && !canonical.aliases.includes(name)) canonical.aliases.push(name);
    }
  }
  for (const source of byId.values()) {
    const s = stream.get(source.sourceId);
    if (s) source.revision = s.seqs.sort((a, b) => a - b).indexOf(s.last);
  }
  return [...byId.values()];
}
