/** Small checks shared by the deciders. Each throws a DomainError naming the failing field. */
import type { DecideContext } from './decider';
import { badInput } from './errors';
import type { IsoDate } from './events';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in `YYYY-MM-DD`: the string order of such dates is their time order. */
export function isIsoDate(value: unknown): value is IsoDate {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** An evidence date: well formed and not after today. */
export function evidenceDate(date: IsoDate, field: string, ctx: DecideContext): void {
  if (!isIsoDate(date)) throw badInput(`${field} must be a date as YYYY-MM-DD`, field);
  if (date > ctx.today) throw badInput(`${field} (${date}) is in the future`, field);
}

export function notBefore(date: IsoDate, earliest: IsoDate, field: string, what: string): void {
  if (date < earliest) throw badInput(`${field} (${date}) is before ${what} (${earliest})`, field);
}

export function knownCountries(codes: readonly string[], field: string, ctx: DecideContext): void {
  const unknown = codes.find((code) => !ctx.isKnownCountry(code));
  if (unknown !== undefined) throw badInput(`${field}: unknown ISO 3166-1 alpha-3 code '${unknown}'`, field);
  if (new Set(codes).size !== codes.length) throw badInput(`${field} lists a code twice`, field);
}

export function distinct(values: readonly string[], field: string): void {
  if (new Set(values).size !== values.length) throw badInput(`${field} lists an id twice`, field);
}

export function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** Structural equality of plain data (what events and command data are). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The keys of T, listed once as a record so that the compiler notices a forgotten one. */
export const keysOf = <T extends object>(all: Record<keyof T, true>) => Object.keys(all) as (keyof T)[];

/** Only the named fields, without undefined ones: events keep exactly what the contract names. */
export function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out as Pick<T, K>;
}

/**
 * The part of a patch that really changes `current` (undefined means "not given"; unnamed keys are
 * ignored). Refuses a patch that changes nothing: a correction must correct something.
 */
export function actualChanges<T extends object>(current: T, patch: Partial<T>, keys: readonly (keyof T)[]): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of keys) {
    if (patch[key] !== undefined && !deepEqual(patch[key], current[key])) changes[key] = patch[key];
  }
  if (Object.keys(changes).length === 0) throw badInput('the correction changes nothing', 'changes');
  return changes;
}

/** A citation says where the evidence is: a published address, stored files, or both. */
export function checkCitation(citation: { url?: string; files?: readonly unknown[] }, field: string): void {
  if (blank(citation.url) && !citation.files?.length) {
    throw badInput('a citation needs a url or at least one stored file', `${field}.url`);
  }
}
