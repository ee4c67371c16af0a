/** An item (corroboration, investigation, statement) linked to incidents at one point of the fold. */
export interface Link {
  id: string;
  incidentIds: readonly string[];
  seq: number;
}
export interface Merge {
  duplicate: string;
  canonical: string;
  seq: number;
}

/**
 * The order in which an incident lists its evidence: each item joins the list of the incident its ids resolve
 * to when it is linked (a statement at its last correction, which re-links it), and a merge appends the
 * duplicate's list to the canonical one. The policy reads evidence in that order, so the read side keeps it.
 */
export function linkOrder(links: readonly Link[], merges: readonly Merge[], canonical: string): string[] {
  type Step = { seq: number; link?: Link; merge?: Merge };
  const steps: Step[] = [
    ...links.map((link) => ({ seq: link.seq, link })),
    ...merges.map((m) => ({ seq: m.seq, merge: m })),
  ];
  steps.sort((a, b) => a.seq - b.seq);
  const mergedInto = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const resolve = (id: string) => {
    let current = id;
    for (let i = 0; i < 64 && mergedInto.has(current); i++) current = mergedInto.get(current)!;
    return current;
  };
  const listOf = (id: string) => {
    let list = lists.get(id);
    if (!list) lists.set(id, (list = []));
    return list;
  };
  for (const { link, merge } of steps) {
    if (link) {
      const seen: string[] = [];
      for (const incidentId of link.incidentIds) {
        const into = resolve(incidentId);
        if (seen.includes(into)) continue;
        seen.push(into);
        const list = listOf(into);
        if (!list.includes(link.id)) list.push(link.id);
      }
    } else if (merge) {
      const into = resolve(merge.canonical);
      if (into === merge.duplicate) continue;
      const target = listOf(into);
      for (const id of lists.get(merge.duplicate) ?? []) if (!target.includes(id)) target.push(id);
      mergedInto.set(merge.duplicate, merge.canonical);
    }
  }
  return lists.get(canonical) ?? [];
}
