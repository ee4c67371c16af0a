import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type StoredEvent } from '@app/event-store';
import {
  type AuditEntry,
  buildModel,
  type Cut,
  cutFilter,
  incidentHistory,
  knownOnOf,
  type RegistryModel,
} from '@app/projections';
import { incidentStreams, type ReadStore } from '@app/read-store';
import { IdleRelease } from './idle-release';
import { ReadStoreService } from './read-store.service';

/** One-incident replays are small (an incident's events and its sources'); a few dozen are kept. */
const KEPT = 64;
/** What nobody asked about for this long is let go. */
export const REPLAYS_IDLE_MS = 60_000;

/**
 * One incident replayed from its own streams (found in the projection file: `incidentStreams`), now or as of a
 * cut, into the fold's model: what the file does not keep as rows, its audit trail and the events that caused each
 * status change, and an as-of incident's nested lists. Bounded work (that incident's events, never the store's).
 * Now, the streams are read to their end, so that a mutation's answer shows its write even before the file does.
 * Kept per incident, cut and checkpoint of the file; identical requests in flight share one replay.
 */
@Injectable()
export class IncidentReplays {
  private readonly kept = new Map<string, Promise<RegistryModel>>();
  private readonly idle = new IdleRelease(REPLAYS_IDLE_MS, () => this.kept.clear());

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly file: ReadStoreService,
  ) {}

  /**
   * A model holding the incident `id` resolves to, now (`cut` null) or as of `cut`, with every statement and
   * resolution that could refer to it (`covering`: for its referring statements and resolutions); a model holding
   * nothing when there is no such incident.
   */
  model(id: string, cut: Cut | null, covering = true): Promise<RegistryModel> {
    const file = this.file.serving;
    const found = incidentStreams(file.db, id, covering);
    const at = cut === null ? 'now' : `${cut.clock}|${cut.at.toISOString()}`;
    const key = `${at}|${file.checkpoint().seq}|${covering}|${found?.canonicalId ?? id}`;
    this.idle.touch();
    let model = this.kept.get(key);
    if (model === undefined) {
      model =
        found === null ? Promise.resolve(buildModel([], { policy: file.policy })) : this.replay(found.streams, cut);
      const made = model;
      this.kept.set(key, made);
      made.catch(() => this.kept.get(key) === made && this.kept.delete(key));
      while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
    } else {
      this.kept.delete(key);
      this.kept.set(key, model);
    }
    return model;
  }

  /**
   * The replay now of the incident `id` resolves to in `fold`, an in-memory fold of a mutation's written streams (a
   * mutation's answer while the file is late): its streams found in the fold at once, as it is about to close; the
   * replay made when a field needs it, not kept.
   */
  fromFold(fold: ReadStore, id: string): () => Promise<RegistryModel> {
    const found = incidentStreams(fold.db, id, true);
    const policy = fold.policy;
    let model: Promise<RegistryModel> | undefined;
    return () =>
      (model ??= found === null ? Promise.resolve(buildModel([], { policy })) : this.replay(found.streams, null));
  }

  /** The audit trail of the incident `id` resolves to, oldest first, now or as of `cut`; null when there is none. */
  async history(id: string, cut: Cut | null): Promise<AuditEntry[] | null> {
    return incidentHistory(await this.model(id, cut, false), id);
  }

  private async replay(streams: readonly string[], cut: Cut | null): Promise<RegistryModel> {
    const policy = this.file.serving.policy;
    const within = cut === null ? null : cutFilter(cut);
    const kept: StoredEvent[] = [];
    for (const events of (await this.store.readStreams(streams)).values())
      for (const stored of events) if (within === null || within(stored)) kept.push(stored);
    kept.sort((a, b) => this.store.comparePositions(a.position, b.position));
    return buildModel(kept, { policy, knownOn: cut === null ? undefined : knownOnOf(cut) });
  }
}
