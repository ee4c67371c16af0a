import { Inject, Injectable } from '@nestjs/common';
import {
  type DecideContext,
  type Decider,
  type RegistryCommand,
  type RegistryEvent,
  SCHEMA_VERSION,
  commandStream,
  conflict,
  incidentDecider,
  investigationDecider,
  sourceDecider,
  statementDecider,
  upcast,
} from '@app/domain';
import { resolutionDecider, situationDecider } from '@app/domain';
import { type AppendResult, ConcurrencyConflictError, EventStore, NO_STREAM, uuidv7 } from '@app/event-store';
import { ReferenceData } from '../reference/reference-data';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ReadStoreService } from '../read-store/read-store.service';
import { keyedId } from './keyed-id';
import { ReferenceChecks } from './reference-checks';
import type { WriteReceipt } from './write-receipt';

export interface CommandMeta {
  actor: string;
  correlationId: string;
  /** Optimistic concurrency: the revision the client last saw. Without it, conflicts are retried. */
  expectedRevision?: number;
  /** With `inputHash`: the same key and input return the first result; another input is a CONFLICT. */
  idempotencyKey?: string;
  inputHash?: string;
  /** Decide only: every check runs (references, the decider's rules) and nothing is appended (CLI import --strict). */
  dryRun?: boolean;
  /** Where the request collects what was written (read by the mutation's answer and the response extensions). */
  writes?: WriteReceipt[];
}

export interface CommandResult {
  position: string;
  stream: string;
  replayed: boolean;
  visible: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecider = Decider<any, any, RegistryEvent>;
const MAX_ATTEMPTS = 20;
/** Accept evidence dated today anywhere on Earth (UTC+14 is the earliest time zone). */
const LATEST_TIME_ZONE_MS = 14 * 3600_000;

function deciderFor(command: RegistryCommand): AnyDecider {
  switch (command.type) {
    case 'RegisterSource':
    case 'RegradeSource':
    case 'MergeSources':
      return sourceDecider as AnyDecider;
    case 'AllegeUse':
    case 'CorrectIncident':
    case 'MergeIncidents':
    case 'WithdrawIncident':
    case 'AddCorroboration':
    case 'RetractCorroboration':
      return incidentDecider as AnyDecider;
    case 'OpenInvestigation':
    case 'ConcludeInvestigation':
      return investigationDecider as AnyDecider;
    case 'RecordStatement':
    case 'CorrectStatement':
      return statementDecider as AnyDecider;
    case 'RegisterSituation':
    case 'CorrectSituation':
      return situationDecider as AnyDecider;
    case 'RecordResolutionVote':
      return resolutionDecider as AnyDecider;
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

/**
 * Commands on one stream run one at a time in this instance, so that concurrent writers queue instead of
 * racing for the same revision (50 racers would exhaust the retries). Writers in other instances are
 * still met by the conflict retry below.
 */
class StreamQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(stream: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(stream);
    let release!: () => void;
    const tail = new Promise<void>((resolve) => (release = resolve));
    this.tails.set(stream, tail);
    if (previous) await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(stream) === tail) this.tails.delete(stream);
    }
  }
}

/** The one way commands reach the store: load, decide, append with the expected revision, wait to be visible. */
@Injectable()
export class CommandExecutor {
  private readonly queue = new StreamQueue();

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly reference: ReferenceData,
    private readonly checks: ReferenceChecks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly file: ReadStoreService,
  ) {}

  /**
   * Runs `task` (a handler's checks against the file, then its `execute`) alone among this instance's tasks of the
   * same `kind`. A merge is decided on the duplicate's stream but checked against another aggregate (where the
   * canonical one leads): two merges in opposite directions, each checked before the other was written, would both
   * pass and leave each merged into the other. `execute` returns once the file shows the write (or its wait timed
   * out), so the next merge's checks see it. Another instance writing to the same store is not queued here.
   */
  alone<T>(kind: 'incident merges' | 'source merges', task: () => Promise<T>): Promise<T> {
    return this.queue.run(`(${kind})`, task);
  }

  /**
   * Commands under one idempotency key run one at a time in this instance, each until the file shows its write (or
   * its wait times out): the next finds it there and is answered from it, or refused for another input, whatever
   * stream it names. Queued by stream alone, the same key sent at once for two incidents wrote to both.
   */
  execute(command: RegistryCommand, meta: CommandMeta): Promise<CommandResult> {
    const key = meta.idempotencyKey;
    return key
      ? this.queue.run(`(key) ${key}`, () => this.executeOnce(command, meta))
      : this.executeOnce(command, meta);
  }

  private async executeOnce(command: RegistryCommand, meta: CommandMeta): Promise<CommandResult> {
    const stream = commandStream(command);
    const replay = this.replayed(meta);
    const decider = deciderFor(command);
    const written: Omit<WriteReceipt, 'visible'> = replay
      ? this.replayReceipt(replay)
      : await this.queue.run(stream, async () => {
          for (let attempt = 1; ; attempt++) {
            const { state, revision, keyed } = await this.load(stream, decider, meta.idempotencyKey);
            // The store is the truth: a retry that overtook the read side is recognised here.
            if (keyed) return this.replayReceipt(this.replayOf(keyed, stream, meta));
            if (meta.expectedRevision !== undefined && meta.expectedRevision !== revision) {
              throw new ConcurrencyConflictError(stream, meta.expectedRevision, revision < 0 ? 'no_stream' : revision);
            }
            const events = decider.decide(command, state, this.context());
            if (meta.dryRun)
              return { stream, eventIds: [], fromRevision: null, revision: null, position: '', replayed: false };
            try {
              const { appended, eventIds } = await this.append(stream, events, revision, meta);
              return {
                stream,
                eventIds,
                fromRevision: appended.nextExpectedRevision - eventIds.length + 1,
                revision: appended.nextExpectedRevision,
                position: appended.position,
                replayed: false,
              };
            } catch (error) {
              const retry =
                error instanceof ConcurrencyConflictError &&
                meta.expectedRevision === undefined &&
                attempt < MAX_ATTEMPTS;
              if (!retry) throw error;
            }
          }
        });
    if (meta.dryRun) return { position: '', stream, replayed: false, visible: false };
    // From here on the write has happened: whatever the read side does, the answer reports it.
    const visible = await this.visible(written.position);
    meta.writes?.push({ ...written, visible });
    return { position: written.position, stream: written.stream, replayed: written.replayed, visible };
  }

  /**
   * Whether the projection file shows the write at `position` within the timeout: the answer and the next command's
   * reference checks read it.
   */
  private visible(position: string): Promise<boolean> {
    return this.file.waitFor(position, this.config.readYourWritesTimeoutMs);
  }

  private replayReceipt(replay: { position: string; stream: string }): Omit<WriteReceipt, 'visible'> {
    return { ...replay, eventIds: [], fromRevision: null, revision: null, replayed: true };
  }

  private replayed(meta: CommandMeta): { position: string; stream: string } | undefined {
    if (!meta.idempotencyKey) return undefined;
    const seen = this.checks.keyedWrite(meta.idempotencyKey);
    return seen ? this.replayOf(seen, seen.stream, meta) : undefined;
  }

  private replayOf(
    seen: { inputHash?: unknown; position: string },
    stream: string,
    meta: CommandMeta,
  ): { position: string; stream: string } {
    if (seen.inputHash !== meta.inputHash) {
      throw conflict(
        `idempotencyKey "${meta.idempotencyKey}" was already used for a different input`,
        'idempotencyKey',
      );
    }
    return { position: seen.position, stream };
  }

  private async append(
    stream: string,
    events: RegistryEvent[],
    revision: number,
    meta: CommandMeta,
  ): Promise<{ appended: AppendResult; eventIds: string[] }> {
    const metadata = {
      actor: meta.actor,
      correlationId: meta.correlationId,
      schemaVersion: SCHEMA_VERSION,
      ...(meta.idempotencyKey ? { idempotencyKey: meta.idempotencyKey, inputHash: meta.inputHash } : {}),
    };
    const newEvents = events.map((event, i) => ({
      id: meta.idempotencyKey ? keyedId(meta.idempotencyKey, `event-${i}`) : uuidv7(),
      type: event.type,
      data: event.data as never,
      metadata,
    }));
    // A revision of -1 (the API's word for a stream yet to be) is the store's NO_STREAM.
    const expected = meta.expectedRevision ?? revision;
    const expectedRevision = expected < 0 ? NO_STREAM : expected;
    return {
      appended: await this.store.append(stream, newEvents, { expectedRevision }),
      eventIds: newEvents.map((e) => e.id),
    };
  }

  /** The stream's state and revision, and the last event an earlier run of this idempotency key wrote. */
  private async load(
    stream: string,
    decider: AnyDecider,
    key?: string,
  ): Promise<{ state: unknown; revision: number; keyed?: { inputHash?: unknown; position: string } }> {
    let state: unknown = decider.initialState();
    let revision = -1;
    let keyed: { inputHash?: unknown; position: string } | undefined;
    for await (const stored of this.store.readStream(stream)) {
      const event = upcast(stored.type, stored.data, stored.metadata.schemaVersion);
      if (event) state = decider.evolve(state, event);
      revision = stored.revision;
      if (key !== undefined && stored.metadata.idempotencyKey === key)
        keyed = { inputHash: stored.metadata.inputHash, position: stored.position };
    }
    return { state, revision, keyed };
  }

  private context(): DecideContext {
    return {
      today: new Date(Date.now() + LATEST_TIME_ZONE_MS).toISOString().slice(0, 10),
      isKnownCountry: this.reference.isKnownCountry,
    };
  }
}
