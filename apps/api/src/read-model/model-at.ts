import type { EventStore, StoredEvent } from '@app/event-store';
import {
  type AuditEntry,
  buildModel,
  createRegistryModel,
  type Cut,
  findIncident,
  foldRegistry,
  incidentHistory,
  type RegistryModel,
  settleRegistry,
  cutFilter,
  knownOnOf,
  loopYielder,
} from '@app/projections';
import { resolutionStream, statementStream } from '@app/domain';
import { IdleRelease } from './idle-release';
import { ReplayGate } from './replay-gate';
import { incidentStreamsOf } from './incident-streams';

/** How many time-travel models are kept: full registries are big, so only a few; one-incident models are small. */
const KEPT_FULL = 2;
const KEPT_INCIDENT = 64;
/** Models nobody asked about for this long are let go (a derived registry holds tens of MiB). */
export const MODELS_IDLE_MS = 60_000;

/**
 * Registry models as of a cut, built by replaying `$all` up to it (as buildModelAsOf does, reading the
 * store asynchronously). For lists and reports the cost is one full read of the store per distinct cut,
 * folded as it reads: linear in its size (about 1.3 s for a 28k-event store in the quick benchmark).
 * One incident replays only its own streams.
 * Models are cached by cut and live checkpoint, so a page of queries at one date replays once, and a new
 * event (which moves the checkpoint) makes the cache miss instead of serving a stale replay. Identical
 * requests in flight share one replay even when the cache has evicted it; full replays pass a ReplayGate.
 * Everything kept goes once the cache has been idle for `idleMs`.
 */
export class ModelsAt {
  private readonly full = new Map<string, Promise<RegistryModel>>();
  private readonly incidents = new Map<string, Promise<RegistryModel>>();
  /** The cut each full replay was built for (its audit trails are read by replaying one incident). */
  private readonly cuts = new WeakMap<RegistryModel, Cut>();
  private readonly inFlight = new Map<string, Promise<RegistryModel>>();
  private readonly idle: IdleRelease;

  constructor(
    private readonly store: EventStore,
    private readonly gate = new ReplayGate(2, 16),
    idleMs = MODELS_IDLE_MS,
  ) {
    this.idle = new IdleRelease(idleMs, () => this.clear());
  }

  at(cut: Cut, live: RegistryModel): Promise<RegistryModel> {
    const key = `${cut.clock}|${cut.at.toISOString()}|${live.checkpoint ?? ''}`;
    return this.cached(key, () => this.gate.run(() => this.replay(cut, live)), this.full, KEPT_FULL);
  }

  /**
   * A model holding one incident as of a cut: a replay of only its streams (its own, its merged
   * duplicates', its sources', investigations' and statements'), in store order. The cost is linear in
   * that incident's events, not in the store. Links are taken from the live model; a statement that was
   * corrected to no longer refer to the incident is not replayed (it is not linked any more).
   */
  incidentAt(id: string, cut: Cut, live: RegistryModel): Promise<RegistryModel> {
    const incident = findIncident(live, id);
    if (!incident) return Promise.resolve(buildModel([], { policy: live.policy }));
    const key = `${cut.clock}|${cut.at.toISOString()}|${live.checkpoint ?? ''}|${incident.incidentId}`;
    return this.cached(
      key,
      () => this.replayStreams(this.coveringStreamsOf(live, incident.incidentId), cut, live),
      this.incidents,
      KEPT_INCIDENT,
    );
  }

  /**
   * The cut a model was replayed to; null for the live model (and one-incident replays, which keep
   * their audit entries).
   */
  cutOf(model: RegistryModel): Cut | null {
    return this.cuts.get(model) ?? null;
  }

  /**
   * The full audit trail of an incident now, or as of a cut (the live model and full replays keep only event
   * ids and dates): a replay of its streams, those of statements that once referred to it included; null when
   * there is no such incident. The id is resolved in the replay, so a duplicate merged after the cut has its own.
   */
  historyOf(id: string, live: RegistryModel, cut: Cut | null = null): Promise<AuditEntry[] | null> {
    const incident = findIncident(live, id);
    if (!incident) return Promise.resolve(null);
    const canonical = incident.incidentId;
    const at = cut ? `${cut.clock}|${cut.at.toISOString()}` : 'now';
    const key = `history|${at}|${live.checkpoint ?? ''}|${canonical}`;
    return this.cached(
      key,
      () => this.replayStreams(this.streamsOf(live, canonical), cut, live),
      this.incidents,
      KEPT_INCIDENT,
    ).then((model) => incidentHistory(model, id));
  }

  private streamsOf(live: RegistryModel, canonicalId: string): string[] {
    return [...incidentStreamsOf(live, canonicalId)];
  }

  /**
   * Its streams, and those of every statement with a scope beyond its incidents and every resolution (few), so
   * that `referringStatements` and `referringResolutions` as of the cut see the situation, user and generic ones.
   */
  private coveringStreamsOf(live: RegistryModel, canonicalId: string): string[] {
    const streams = incidentStreamsOf(live, canonicalId);
    for (const s of live.statements.values()) if (s.scope !== undefined) streams.add(statementStream(s.statementId));
    for (const id of live.resolutions.keys()) streams.add(resolutionStream(id));
    return [...streams];
  }

  /** Replays the streams up to the live checkpoint, keeping the events within `cut` (all of them when null). */
  private async replayStreams(streams: string[], cut: Cut | null, live: RegistryModel): Promise<RegistryModel> {
    const kept: StoredEvent[] = [];
    const within = cut === null ? null : cutFilter(cut);
    for (const stream of streams) {
      for await (const stored of this.store.readStream(stream)) {
        if (live.checkpoint !== null && this.store.comparePositions(stored.position, live.checkpoint) > 0) break;
        if (within === null || within(stored)) kept.push(stored);
      }
    }
    kept.sort((a, b) => this.store.comparePositions(a.position, b.position));
    return buildModel(kept, { policy: live.policy, knownOn: cut === null ? undefined : knownOnOf(cut) });
  }

  private cached(
    key: string,
    build: () => Promise<RegistryModel>,
    cache: Map<string, Promise<RegistryModel>>,
    kept: number,
  ): Promise<RegistryModel> {
    this.idle.touch();
    let model = cache.get(key);
    if (model) {
      // Most recently used last.
      cache.delete(key);
      cache.set(key, model);
      return model;
    }
    model = this.inFlight.get(key);
    if (model) return model;
    model = build();
    const building = model;
    this.inFlight.set(key, building);
    cache.set(key, building);
    building.then(
      () => this.inFlight.delete(key),
      () => {
        this.inFlight.delete(key);
        if (cache.get(key) === building) cache.delete(key);
      },
    );
    while (cache.size > kept) cache.delete(cache.keys().next().value as string);
    return model;
  }

  /** Lets every kept model go (replays in flight still answer their callers). */
  clear(): void {
    this.full.clear();
    this.incidents.clear();
  }

  /**
   * Folds `$all` up to the cut as it reads (never holding the events), one assessment per incident at the end.
   * Without audit entries (their summaries were a fifth of a replay's time): `historyOf` replays one incident.
   */
  private async replay(cut: Cut, live: RegistryModel): Promise<RegistryModel> {
    const model = createRegistryModel({
      policy: live.policy,
      deferAssessments: true,
      keepAuditEntries: false,
      knownOn: knownOnOf(cut),
    });
    this.cuts.set(model, cut);
    const end = live.checkpoint;
    const within = cutFilter(cut);
    const pause = loopYielder();
    // Each page folds synchronously; positions grow, so only a page reaching the live checkpoint is checked per event.
    pages: for await (const page of this.store.readAllBatches()) {
      const turn = pause();
      if (turn) await turn;
      const last = page[page.length - 1];
      const reachesEnd = end !== null && this.store.comparePositions(last.position, end) >= 0;
      for (let i = 0; i < page.length; i++) {
        const stored = page[i];
        if (within(stored)) foldRegistry(model, stored);
        // Never past what the live model shows, so that "now" and the live projection agree exactly.
        if (reachesEnd && this.store.comparePositions(stored.position, end) >= 0) break pages;
      }
    }
    settleRegistry(model);
    model.deferAssessments = false;
    return model;
  }
}
