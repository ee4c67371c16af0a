import type { Cut } from '@app/projections';
import { isoDateOf } from '@app/projections';

/** A cut on either clock, or LIVE: everything folded so far. */
export type ReadCut = Cut | 'LIVE';
export type CutKind = 'KNOWN' | 'RECORDED' | 'LIVE';

export const kindOf = (cut: ReadCut): CutKind => (cut === 'LIVE' ? 'LIVE' : cut.clock);

/** The values every cut query binds (each kind reads only its own). */
export function cutParams(cut: ReadCut): { day: string; t: number } {
  if (cut === 'LIVE') return { day: '9999-12-31', t: Number.MAX_SAFE_INTEGER };
  return { day: isoDateOf(cut.at), t: cut.at.getTime() };
}

/**
 * Whether the fact row `alias` lies within the cut: on the KNOWN clock, dated on or before the day (facts
 * known once registered carry no date); on the RECORDED clock, recorded by then. A fact that supersedes
 * another is a row of its own, tested the same way, so a cut never needs a replay.
 */
export function within(kind: CutKind, alias: string): string {
  switch (kind) {
    case 'KNOWN':
      return `(${alias}.evidence_date IS NULL OR ${alias}.evidence_date <= @day)`;
    case 'RECORDED':
      return `${alias}.recorded_at <= @t`;
    case 'LIVE':
      return '1';
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

/**
 * Whether a versioned row (one with superseded_at) is the version in force at the cut. RECORDED: recorded by
 * then and not yet superseded. KNOWN: dated by then, and no later version of the same key dated by then
 * (the superseding fact's own evidence date decides). `key` lists the columns that name the versioned thing.
 */
export function inForce(kind: CutKind, table: string, alias: string, key: string[]): string {
  switch (kind) {
    case 'RECORDED':
      return `${alias}.recorded_at <= @t AND (${alias}.superseded_at IS NULL OR ${alias}.superseded_at > @t)`;
    case 'LIVE':
      return `${alias}.superseded_at IS NULL`;
    case 'KNOWN': {
      const same = key.map((k) => `later.${k} = ${alias}.${k}`).join(' AND ');
      return (
        `${within(kind, alias)} AND NOT EXISTS (SELECT 1 FROM ${table} later WHERE ${same} ` +
        `AND later.seq > ${alias}.seq AND ${within(kind, 'later')})`
      );
    }
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

/**
 * Whether a row fanned out from one field of a version (statement_speakers, statement_targets) is in force at
 * the cut: as `inForce`, but on the KNOWN clock "replaced" means a later version within the cut sets that field,
 * even to nothing (a scope corrected to none leaves no rows to compare with).
 */
export function fieldInForce(kind: CutKind, alias: string, versions: string, id: string, jsonPath: string): string {
  if (kind !== 'KNOWN') return inForce(kind, '', alias, []);
  return (
    `${within(kind, alias)} AND NOT EXISTS (SELECT 1 FROM ${versions} later WHERE later.${id} = ${alias}.${id} ` +
    `AND later.seq > ${alias}.seq AND later.reason IS NOT NULL ` +
    `AND json_type(later.changes, '${jsonPath}') IS NOT NULL AND ${within(kind, 'later')})`
  );
}
