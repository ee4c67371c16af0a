import type { GradeFrom, SourceKind } from '@app/domain';
import type { RegistryModel, SourceView } from './model';
import { shippedCountries } from './shipped-countries';

/** What following merges and parents reads of sources: the model's, or sources read elsewhere (as of a cut). */
export interface SourceLinks {
  sources: ReadonlyMap<string, Pick<SourceView, 'mergedInto' | 'parentOrganisation'>>;
}

/** The canonical source a merged duplicate resolves to (itself unless merged). */
export function canonicalSourceId(model: SourceLinks, id: string): string {
  let current = id;
  for (let i = 0; i < 64; i++) {
    // a chain is short; the bound only guards against a corrupt cycle
    const next = model.sources.get(current)?.mergedInto?.canonicalSourceId;
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

/** The organisation a source speaks for: its root parent, merges followed. Independence is judged by it. */
export function organisationOf(model: SourceLinks, id: string): string {
  let current = canonicalSourceId(model, id);
  for (let i = 0; i < 64; i++) {
    const parent = model.sources.get(current)?.parentOrganisation;
    if (parent === null || parent === undefined) return current;
    current = canonicalSourceId(model, parent);
  }
  return current;
}

/** The first grade and the regrades in recording order, each in effect from its date (see gradeOn). */
export function gradeTimeline(source: SourceView): { first: SourceView['grade']; regrades: GradeFrom[] } {
  const regrades: GradeFrom[] = [];
  for (const g of source.grades) if (g.regradedOn !== null) regrades.push({ grade: g.grade, from: g.regradedOn });
  return { first: source.grades[0]?.grade ?? source.grade, regrades };
}

/**
 * A STATE source registered before codes were required: its name read as a code ("SAU") or as a
 * State's name ("Saudi Arabia", "united kingdom") in the shipped ISO 3166-1 table; null (flagged)
 * otherwise, never guessed from a longer name. The table is the one every model builder shares.
 */
export function inferStateCode(kind: SourceKind, name: string): string | null {
  if (kind !== 'STATE') return null;
  const countries = shippedCountries();
  const upper = name.trim().toUpperCase();
  if (countries.codes.has(upper)) return upper;
  return countries.codeNamed(name) ?? null;
}

/**
 * The registered STATE source that speaks for a State, for an investigation opened under its code alone:
 * merged duplicates left out, the State's own (root) organisation before its parts, then the first
 * registered. Undefined when none is registered (the investigator is then graded F, as any unknown source).
 */
export function stateSourceOf(model: RegistryModel, stateCode: string): SourceView | undefined {
  let best: SourceView | undefined;
  const rank = (s: SourceView) => (s.parentOrganisation === null ? 0 : 1);
  for (const s of model.sources.values()) {
    if (s.kind !== 'STATE' || s.stateCode !== stateCode || s.mergedInto !== null) continue;
    if (
      best === undefined ||
      rank(s) < rank(best) ||
      (rank(s) === rank(best) && s.recordedAt.getTime() < best.recordedAt.getTime())
    )
      best = s;
  }
  return best;
}

/** Lower case, accents and punctuation dropped, "the" and "&"/"and" ignored: names as a person compares them. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(the|and|of)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const STOP = new Set(['the', 'and', 'of', 'for', 'de', 'la', 'du']);

/** "Human Rights Watch (Yemen desk)" -> "hrw yemen desk": the initials of the words outside brackets, then the rest. */
function acronymForm(name: string): string {
  const [head, ...rest] = name.split('(');
  const initials = head
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w && !STOP.has(w.toLowerCase()))
    .map((w) => w[0])
    .join('');
  return normaliseName(`${initials} ${rest.join(' ')}`);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** All the forms a name is known by: itself, its acronym, and its aliases (each normalised). */
function formsOf(names: string[]): Set<string> {
  const forms = new Set<string>();
  for (const n of names) {
    forms.add(normaliseName(n));
    if (n.split('(')[0].trim().split(/\s+/).length > 1) forms.add(acronymForm(n));
  }
  forms.delete('');
  return forms;
}

/**
 * Registered sources whose name is close to `name` (or to one of its aliases): equal once normalised,
 * one the acronym of the other (HRW, Human Rights Watch), an alias of the other, or a small edit apart
 * (one edit per 8 characters, at least one). Merged duplicates are left out: their canonical source answers.
 */
export function similarSources<S extends Pick<SourceView, 'sourceId' | 'name' | 'aliases' | 'mergedInto'>>(
  sources: Iterable<S>,
  name: string,
  aliases: string[] = [],
  exceptId?: string,
): S[] {
  const mine = formsOf([name, ...aliases]);
  const close = (a: string, b: string) =>
    a === b ||
    (Math.min(a.length, b.length) >= 4 &&
      editDistance(a, b) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 8)));
  const found: S[] = [];
  for (const s of sources) {
    if (s.sourceId === exceptId || s.mergedInto !== null) continue;
    const theirs = formsOf([s.name, ...s.aliases]);
    if ([...mine].some((m) => [...theirs].some((t) => close(m, t)))) found.push(s);
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
