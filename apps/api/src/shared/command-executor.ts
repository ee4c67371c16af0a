import { Inject, Injectable } from '@nestjs/common';
import {
  type DecideContext, type Decider, type RegistryCommand, type RegistryEvent, SCHEMA_VERSION, commandStream, conflict,
  incidentDecider, investigationDecider, sourceDecider, statementDecider, upcast,
} from '@app/domain';
import { type AppendResult, ConcurrencyConflictError, EventStore, NO_STREAM, uuidv7 } from '@app/event-store';
import { ReferenceData } from '../reference/reference-data';
import { ReadModelService } from '../read-model/read-model.service';
import { keyedId } from './keyed-id';

export interface CommandMeta {
  actor: string;
  correlationId: string;
  /** Optimistic concurrency: the revision the client last saw. Without it, conflicts are retried. */
  expectedRevision?: number;
  /** With `inputHash`: the same key and input return the first result; another input is a CONFLICT. */
  idempotencyKey?: string;
  inputHash?: string;
}

export interface CommandResult { position: string; stream: string; replayed: boolean }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecider = Decider<any, any, RegistryEvent>;
const MAX_ATTEMPTS = 20;
/** Accept evidence dated today anywhere on Earth (UTC+14 is the earliest time zone). */
const LATEST_TIME_ZONE_MS = 14 * 3600_000;

function deciderFor(command: RegistryCommand): AnyDecider {
  switch (command.type) {
    case 'RegisterSource': case 'RegradeSource': return sourceDecider as AnyDecider;
    case 'AllegeUse': case 'CorrectIncident': case 'MergeIncidents': case 'WithdrawIncident':
    case 'AddCorroboration': case 'RetractCorroboration': return incidentDecider as AnyDecider;
    case 'OpenInvestigation': case 'ConcludeInvestigation': return investigationDecider as AnyDecider;
    case 'RecordStatement': case 'CorrectStatement': return statementDecider as AnyDecider;
    default: { const _exhaustive: never = command; return _exhaustive; }
  }
}

/** The one way commands reach the store: load, decide, append with the expected revision, wait to be visible. */
@Injectable()
export class CommandExecutor {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly readModel: ReadModelService,
    private readonly reference: ReferenceData,
  ) {}

  async execute(command: RegistryCommand, meta: CommandMeta): Promise<CommandResult> {
    const stream = commandStream(command);
    const replay = this.replayed(meta);
    if (replay) return { ...replay, replayed: true };
    const decider = deciderFor(command);
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(stream, decider);
      if (meta.expectedRevision !== undefined && meta.expectedRevision !== revision) {
        throw new ConcurrencyConflictError(stream, meta.expectedRevision, revision < 0 ? 'no_stream' : revision);
      }
      const events = decider.decide(command, state, this.context());
      try {
        const result = await this.append(stream, events, revision, meta);
        await this.readModel.waitFor(result.position);
        return { position: result.position, stream, replayed: false };
      } catch (error) {
        const retry = error instanceof ConcurrencyConflictError && meta.expectedRevision === undefined && attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  }

  private replayed(meta: CommandMeta): { position: string; stream: string } | undefined {
    if (!meta.idempotencyKey) return undefined;
    const seen = this.readModel.idempotentResult(meta.idempotencyKey);
    if (!seen) return undefined;
    if (seen.inputHash !== meta.inputHash) {
      throw conflict(`idempotencyKey "${meta.idempotencyKey}" was already used for a different input`, 'idempotencyKey');
    }
    return { position: seen.position, stream: seen.stream };
  }

  private append(stream: string, events: RegistryEvent[], revision: number, meta: CommandMeta): Promise<AppendResult> {
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
    return this.store.append(stream, newEvents, { expectedRevision: meta.expectedRevision ?? (revision < 0 ? NO_STREAM : revision) });
  }

  private async load(stream: string, decider: AnyDecider): Promise<{ state: unknown; revision: number }> {
    let state = decider.initialState();
    let revision = -1;
    for await (const stored of this.store.readStream(stream)) {
      const event = upcast(stored.type, stored.data, stored.metadata.schemaVersion);
      if (event) state = decider.evolve(state, event);
      revision = stored.revision;
    }
    return { state, revision };
  }

  private context(): DecideContext {
    return {
      today: new Date(Date.now() + LATEST_TIME_ZONE_MS).toISOString().slice(0, 10),
      isKnownCountry: this.reference.isKnownCountry,
    };
  }
}
