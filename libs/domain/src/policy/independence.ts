import type { CorroborationEvidence } from './assessment';

export interface IndependentSources {
  /** How many sources are independent of one another. */
  count: number;
  /** One corroboration per independent source, the one that made it count. */
  corroborationIds: string[];
}

/** Independence is judged by organisation (the root parent, a merged duplicate's canonical source), never by id. */
export const organisationOf = (c: CorroborationEvidence): string => c.organisationId ?? c.sourceId;

/**
 * The original report a corroboration goes back to: derived reporting repeats its origin, so two
 * reports sharing an origin are one line of evidence. Guards against cycles and dangling links.
 */
export function originOf(corroborationId: string, byId: ReadonlyMap<string, CorroborationEvidence>): string {
  const seen = new Set<string>();
  let id = corroborationId;
  while (!seen.has(id)) {
    seen.add(id);
    const next = byId.get(id)?.derivedFrom;
    if (next === undefined) return id;
    id = next;
  }
  return id;
}

/** Supporting, not retracted: the reports that still allege the use. */
export function liveSupporting(all: readonly CorroborationEvidence[]): CorroborationEvidence[] {
  return all.filter((c) => c.stance === 'SUPPORTS' && c.retractedOn === undefined);
}

/**
 * The largest set of supporting organisations (reports as `counts` says) that can each be credited with a
 * different original report: different organisations, neither repeating the other. An organisation that
 * only repeats another's report adds nothing; one with one report of its own counts even if it also repeats
 * others. Solved as a bipartite matching of organisations to origins (Kuhn's algorithm; n is tiny).
 */
export function independentSources(
  all: readonly CorroborationEvidence[],
  counts: (c: CorroborationEvidence) => boolean,
): IndependentSources {
  const byOrganisation = new Map<string, CorroborationEvidence[]>();
  for (const c of liveSupporting(all)) {
    if (!counts(c)) continue;
    const reports = byOrganisation.get(organisationOf(c));
    if (reports === undefined) byOrganisation.set(organisationOf(c), [c]);
    else reports.push(c);
  }
  // Without derived reporting every report is its own origin: no index to build.
  const byId = all.some((c) => c.derivedFrom !== undefined) ? new Map(all.map((c) => [c.corroborationId, c])) : null;
  const creditedTo = new Map<string, CorroborationEvidence>(); // origin -> the report credited for it

  const credit = (organisation: string, tried: Set<string>): boolean => {
    for (const c of byOrganisation.get(organisation) ?? []) {
      const origin = byId === null ? c.corroborationId : originOf(c.corroborationId, byId);
      if (tried.has(origin)) continue;
      tried.add(origin);
      const holder = creditedTo.get(origin);
      if (holder === undefined || credit(organisationOf(holder), tried)) {
        creditedTo.set(origin, c);
        return true;
      }
    }
    return false;
  };
  for (const organisation of byOrganisation.keys()) credit(organisation, new Set());

  // ISO dates: code-point order is date order (localeCompare would collate, many times slower).
  const credited = [...creditedTo.values()].sort((a, b) =>
    a.publishedOn < b.publishedOn ? -1 : a.publishedOn > b.publishedOn ? 1 : 0,
  );
  return { count: credited.length, corroborationIds: credited.map((c) => c.corroborationId) };
}
