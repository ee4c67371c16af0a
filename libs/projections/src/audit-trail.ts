import type { IsoDate, RegistryEventType } from '@app/domain';

export interface AuditEntry {
  eventId: string;
  type: RegistryEventType;
  /** The event's evidence date; null for events that have none (SourceRegistered). */
  evidenceDate: IsoDate | null;
  recordedAt: Date;
  actor: string;
  summary: string;
  /** Order of application, so that audit lists folded together by a merge stay in order. */
  seq: number;
}

/**
 * The events that touched an incident, in order. Always kept compactly: event ids (strings the model
 * holds anyway) and evidence dates, in parallel arrays, which is what status-change causes need.
 * The full entries (type, actor, summary) only in models that keep them (time travel, one-incident
 * replays, tests); the live model leaves them out (a million summaries is most of a heap) and the
 * API replays the incident's streams when its history is asked for.
 */
export class AuditTrail {
  readonly eventIds: string[] = [];
  readonly evidenceDates: (IsoDate | null)[] = [];
  readonly seqs: number[] = [];
  entries: AuditEntry[] | null;

  constructor(keepEntries: boolean) {
    this.entries = keepEntries ? [] : null;
  }

  get length(): number {
    return this.eventIds.length;
  }

  add(eventId: string, evidenceDate: IsoDate | null, seq: number, entry: AuditEntry | null): void {
    this.eventIds.push(eventId);
    this.evidenceDates.push(evidenceDate);
    this.seqs.push(seq);
    if (this.entries !== null && entry !== null) this.entries.push(entry);
  }

  /**
   * Takes in another trail (a merged duplicate's, an orphan's), keeping application order. An event both trails
   * hold (a statement naming two incidents later merged) is listed once: it happened once.
   */
  absorb(other: AuditTrail): void {
    if (other.length === 0) return;
    const order = [...this.seqs.keys()]
      .map((i) => [this.seqs[i], 0, i])
      .concat([...other.seqs.keys()].map((i) => [other.seqs[i], 1, i]))
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const [ids, dates] = [[...this.eventIds], [...this.evidenceDates]];
    this.eventIds.length = this.evidenceDates.length = this.seqs.length = 0;
    for (const [seq, from, i] of order) {
      if (this.seqs[this.seqs.length - 1] === seq) continue;
      this.eventIds.push(from === 0 ? ids[i] : other.eventIds[i]);
      this.evidenceDates.push(from === 0 ? dates[i] : other.evidenceDates[i]);
      this.seqs.push(seq);
    }
    if (this.entries !== null && other.entries !== null) {
      const mine = new Set(this.entries.map((e) => e.seq));
      this.entries = [...this.entries, ...other.entries.filter((e) => !mine.has(e.seq))].sort((a, b) => a.seq - b.seq);
    }
  }

  /** Ids of the events dated `on`, in order. */
  eventIdsOn(on: IsoDate): string[] {
    const found: string[] = [];
    for (let i = 0; i < this.eventIds.length; i++) if (this.evidenceDates[i] === on) found.push(this.eventIds[i]);
    return found;
  }
}
