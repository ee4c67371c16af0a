import { type Citation, type EvidenceFileRef, upcast } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

/** An investigation's citations from its stream: the opening's, and the conclusion's once concluded. */
export function investigationCitationsOf(events: Iterable<StoredEvent>, concluded: boolean): Citation[] {
  const citations: Citation[] = [];
  for (const stored of events) {
    const event = upcast(stored.type, stored.data, stored.metadata?.schemaVersion ?? 1);
    if (event?.type === 'InvestigationOpened') citations.push(...(event.data.citations ?? []));
    else if (event?.type === 'InvestigationConcluded' && concluded) citations.push(...(event.data.citations ?? []));
  }
  return citations;
}

export interface CitedFile extends EvidenceFileRef {
  citedBy: string[];
}

/**
 * The distinct files of many citations, in first-cited order, each with the ids of what cites it. A
 * file cited twice keeps its first caption.
 */
export class CitedFiles {
  private readonly files = new Map<string, CitedFile>();

  add(citations: readonly (Citation | undefined)[], citedBy: string): void {
    for (const citation of citations) {
      for (const file of citation?.files ?? []) {
        let entry = this.files.get(file.sha256);
        if (!entry) this.files.set(file.sha256, (entry = { ...file, citedBy: [] }));
        if (!entry.citedBy.includes(citedBy)) entry.citedBy.push(citedBy);
      }
    }
  }

  list(): CitedFile[] {
    return [...this.files.values()];
  }
}
