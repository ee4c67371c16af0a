import type { Command } from '@nestjs/cqrs';
import type { StatementStreams } from '../../statements/statement-streams';
import type { ReferenceData } from '../../reference/reference-data';
import type { RequestMeta } from '../../shared/request-meta';
import { keyedId } from '../../shared/keyed-id';
import type { ImportKindName, ImportRow } from './import-file';
import type { RegistryNow } from './registry-now';
import { cell } from './import-file';

/** A problem with one row: the column it is about and what is wrong. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * What a kind needs to decide about a row: where it imports to, as of when, and the registry as it is (`registry`:
 * the projection file's live rows, read before the first write; the writes are planned from it, then made in file
 * order).
 */
export interface KindContext {
  dataset: string;
  asOf: string;
  reason: string;
  meta: RequestMeta;
  registry: RegistryNow;
  statements: StatementStreams;
  reference: ReferenceData;
}

/** What importing a row (or a row's absence) changes: a command for the one command path, or nothing. */
export interface Change {
  verb: 'correct' | 'withdraw';
  command: Command<string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const EXTERNAL_ID = /^[A-Za-z0-9_-]{1,48}$/;

/**
 * The idempotency key of the command that created the row with this external id: the import's link between a
 * row and what it wrote. The entity's id derives from it (keyedId), as for any mutation with a key.
 */
export const creationKey = (dataset: string, short: string, externalId: string) =>
  `import:${dataset}:${short}:${externalId}`;

/** An id given in a cell: a registry id (UUID) as is, or the external id of a row imported into this dataset. */
export function refId(ctx: { dataset: string }, short: string, purpose: string, value: unknown): string | undefined {
  const text = cell.text(value);
  if (text === undefined) return undefined;
  return UUID.test(text) ? text.toLowerCase() : keyedId(creationKey(ctx.dataset, short, text), purpose);
}

/** Stable JSON without absent values, to compare what a row says with what the registry holds. */
export function canon(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canon).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canon(v)}`).join(',')}}`;
}

/** The fields of `next` that differ from `current` (each replaces the current one whole). */
export function changedFields<T extends object>(current: T, next: T, fields: readonly (keyof T)[]): Partial<T> {
  const changes: Partial<T> = {};
  for (const field of fields) {
    if (next[field] !== undefined && canon(current[field]) !== canon(next[field])) changes[field] = next[field];
  }
  return changes;
}

export interface ImportKind {
  /** Segment of the idempotency keys, and the purpose its entity id is derived for. */
  short: string;
  purpose: string;
  /** Documented columns, in order (the sample files use them). */
  columns: readonly string[];
  /** The class-validator DTO of the GraphQL mutation that creates such a row. */
  dto: new () => object;
  /** DTO paths to column names, to report a problem on the column the file has. */
  fieldColumns: Readonly<Record<string, string>>;
  /** Merges the file's rows into one row per entity (vote records: one row per State), refusing some. */
  group?(rows: readonly ImportRow[]): { rows: ImportRow[]; problems: (FieldProblem & { row: ImportRow })[] };
  /** The mutation input (before validation) a row stands for. */
  toInput(cells: Record<string, unknown>, ctx: KindContext): object;
  /** Checks against the registry and reference data that validation cannot make (e.g. that a source exists). */
  check(input: object, ctx: KindContext): FieldProblem[];
  /** Whether the entity this row created is in the registry. */
  /**
   * The revision of the entity this row created (undefined when it is not in the registry): a correction's
   * idempotency key carries it, so that a change made, undone and made again is recorded each time.
   */
  revision(id: string, ctx: KindContext): number | undefined;
  create(input: object, meta: RequestMeta): Command<string>;
  /** A correction for what changed since the last import, nothing if nothing did, or why it cannot be recorded. */
  change(id: string, input: object, key: string, ctx: KindContext): Promise<Change | FieldProblem | null>;
  /** The withdrawal of an entity whose row disappeared; null when already withdrawn or when the kind has none. */
  withdraw(id: string, key: string, ctx: KindContext): Command<string> | null | 'unsupported';
}

export type KindTable = Readonly<Record<ImportKindName, ImportKind | null>>;
