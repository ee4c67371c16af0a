import type { SqliteCommit } from '@app/event-store';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The label values of one GraphQL request. */
export interface OperationLabels {
  operation_name: string;
  operation_type: string;
}

/** A request that never reached execution (it did not parse or validate): no operation to name. */
export const UNRESOLVED_OPERATION: OperationLabels = { operation_name: '', operation_type: 'invalid' };

/** Operation names are chosen by clients: past this many distinct names, new ones count as `other`. */
const MAX_OPERATION_NAMES = 100;
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

export type TokenFailure = 'missing' | 'malformed' | 'unknown' | 'forbidden';

/**
 * The service's Prometheus instruments, in a registry of its own (one per running app, so that tests can
 * start several in one process). Gauges read from the projection file are added by MetricsModule.
 */
export class RegistryMetrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();

  readonly graphqlRequests = new Counter({
    name: 'registry_graphql_requests_total',
    help: 'GraphQL requests by operation; result is error when any error was returned',
    labelNames: ['operation_name', 'operation_type', 'result'] as const,
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'registry_graphql_request_duration_seconds',
    help: 'GraphQL request latency over HTTP, by operation',
    labelNames: ['operation_name', 'operation_type'] as const,
    registers: [this.registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  readonly commits = new Counter({
    name: 'registry_event_store_commits_total',
    help: 'SQLite write transactions (one per group commit)',
    registers: [this.registry],
  });
  readonly appends = new Counter({
    name: 'registry_event_store_appends_total',
    help: 'Appends that wrote events (one per command)',
    registers: [this.registry],
  });
  readonly eventsAppended = new Counter({
    name: 'registry_event_store_events_appended_total',
    help: 'Events written',
    registers: [this.registry],
  });
  readonly groupCommitSize = new Histogram({
    name: 'registry_event_store_group_commit_size',
    help: 'Appends that joined one SQLite group commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });
  readonly tokenFailures = new Counter({
    name: 'registry_token_failures_total',
    help: 'Refused GraphQL calls by reason: missing, malformed, unknown (or revoked) token, forbidden (role too low)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The labels for an operation, with client-chosen names kept to a bounded set. */
  labelsOf(name: string | undefined, type: string): OperationLabels {
    if (!name) return { operation_name: 'anonymous', operation_type: type };
    if (!NAME.test(name)) return { operation_name: 'other', operation_type: type };
    if (!this.names.has(name)) {
      if (this.names.size >= MAX_OPERATION_NAMES) return { operation_name: 'other', operation_type: type };
      this.names.add(name);
    }
    return { operation_name: name, operation_type: type };
  }

  observeRequest(labels: OperationLabels, seconds: number | undefined, failed: boolean): void {
    this.graphqlRequests.inc({ ...labels, result: failed ? 'error' : 'ok' });
    if (seconds !== undefined) this.graphqlDuration.observe(labels, seconds);
  }

  /** SqliteEventStoreOptions.onCommit: bound, so that it can be handed over as is. */
  readonly observeCommit = (commit: SqliteCommit): void => {
    this.commits.inc();
    this.groupCommitSize.observe(commit.batchSize);
    if (commit.appends > 0) this.appends.inc(commit.appends);
    if (commit.events > 0) this.eventsAppended.inc(commit.events);
  };

  tokenFailed(reason: TokenFailure): void {
    this.tokenFailures.inc({ reason });
  }
}
