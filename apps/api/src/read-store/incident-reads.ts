import { Inject, Injectable } from '@nestjs/common';
import type { Assessment, PolicyConfig } from '@app/domain';
import { EventStore } from '@app/event-store';
import type { Cut } from '@app/projections';
import { assessAsOf, type IncidentTrail, incidentTrailAt, type ReadCut, type ReadStore } from '@app/read-store';
import { unavailable } from '../graphql/error-codes';
import { IdleRelease } from './idle-release';
import { ReadStoreService } from './read-store.service';

/** A trail is one incident's events (its sources' included); a few dozen are kept. */
const KEPT = 64;
/** What nobody asked about for this long is let go. */
export const TRAILS_IDLE_MS = 60_000;

/**
 * What the fields resolved below an incident read beyond its rows, at the cut it was read at (`LIVE`: now), from the
 * file it was read from: its audit trail (its history, its revision then, the causes of its status changes: the
 * file keeps no event ids or words, so its events are read from the store) and its assessment under another policy.
 */
export interface IncidentReads {
  readonly cut: ReadCut;
  /** The file it was read from (the one serving now, once that one was swapped; UNAVAILABLE while none serves). */
  db(): ReadStore;
  trail(): Promise<IncidentTrail>;
  /** The one policy, version `policy`, over its rows at the cut; null under the file's own (its stored assessment). */
  assessmentUnder(policy: PolicyConfig): Assessment | null;
}

/**
 * Makes the reads of incidents: from the serving projection file, now or as of a cut, or from the in-memory fold
 * of a mutation's written streams (its answer while the file is late). Trails read from the file are kept per
 * incident, cut and checkpoint; identical requests in flight share one read.
 */
@Injectable()
export class IncidentTrails {
  private readonly kept = new Map<string, Promise<IncidentTrail>>();
  private readonly idle = new IdleRelease(TRAILS_IDLE_MS, () => this.kept.clear());

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly file: ReadStoreService,
  ) {}

  /** The reads of the incident `id` resolves to in the serving file, now (`cut` null) or as of `cut`. */
  ofFile(id: string, cut: Cut | null): IncidentReads {
    const at: ReadCut = cut ?? 'LIVE';
    const where = at === 'LIVE' ? 'now' : `${at.clock}|${at.at.toISOString()}`;
    return new ReadsOf(
      () => this.file.serving,
      id,
      at,
      () => {
        const file = this.file.serving;
        const key = `${where}|${file.checkpoint().seq}|${id}`;
        this.idle.touch();
        let kept = this.kept.get(key);
        if (kept === undefined) {
          const made = this.readTrail(incidentTrailAt(file.db, at, id), file.checkpoint().position);
          this.kept.set(key, made);
          made.catch(() => this.kept.get(key) === made && this.kept.delete(key));
          while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
          kept = made;
        }
        return kept;
      },
    );
  }

  /**
   * The reads now of the incident `id` resolves to in `fold`, a mutation's written streams folded in memory, about
   * to close: what its trail needs of the fold is found at once (and the streams the serving file links to it: the
   * fold holds only what the write touched, not the organisations of its sources), its events read when a field
   * asks. What else a field reads after the fold closed is read from the serving file once it shows the write;
   * until then UNAVAILABLE (the file would answer without the write).
   */
  ofFold(fold: ReadStore, id: string): IncidentReads {
    const reading = incidentTrailAt(fold.db, 'LIVE', id);
    const position = fold.checkpoint().position;
    const serving = this.file.servingFile;
    const linked = serving === null ? null : incidentTrailAt(serving.db, 'LIVE', id);
    const streams = [...new Set([...(reading?.streams ?? []), ...(linked?.streams ?? [])])];
    const showing = () => {
      const shown = position === null ? null : this.file.readShowing([position], (file) => file);
      if (shown === null) throw unavailable();
      return shown.read;
    };
    const db = () => (fold.db.open ? fold : showing());
    return new ReadsOf(db, id, 'LIVE', () => this.readTrail(reading && { ...reading, streams }, position));
  }

  /** The trail from its streams' events up to `position` (what the file or fold has folded: its answers agree). */
  private async readTrail(
    reading: ReturnType<typeof incidentTrailAt>,
    position: string | null,
  ): Promise<IncidentTrail> {
    if (reading === null) throw unavailable(); // the incident was read from this file: it cannot be missing
    const events = [...(await this.store.readStreams(reading.streams)).values()].flat();
    const compare = (a: string, b: string) => this.store.comparePositions(a, b);
    const folded = position === null ? [] : events.filter((e) => compare(e.position, position) <= 0);
    return reading.from(folded, compare);
  }
}

/** An incident's reads from `db`, its trail read once (`read`) when a field first asks. */
class ReadsOf implements IncidentReads {
  private read: Promise<IncidentTrail> | undefined;

  constructor(
    readonly db: () => ReadStore,
    private readonly id: string,
    readonly cut: ReadCut,
    private readonly readTrail: () => Promise<IncidentTrail>,
  ) {}

  trail(): Promise<IncidentTrail> {
    return (this.read ??= this.readTrail());
  }

  assessmentUnder(policy: PolicyConfig): Assessment | null {
    const file = this.db();
    const { id, cut } = this;
    return policy.version === file.policy.version ? null : (assessAsOf(file.db, id, cut, policy)?.assessment ?? null);
  }
}
