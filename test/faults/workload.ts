import { EventStore, openSqliteEventStore, type StoredEvent } from '@app/event-store';
import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  REGISTER_SOURCE,
  corroborationInput,
  sourceInput,
  yemenAllegation,
} from '../support/fixtures';
import type { GraphQLResponse } from '../support/test-app';

/** Anything that answers GraphQL: the in-process TestApp or a ChildService. */
export interface GqlClient {
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/** A small seeded PRNG (mulberry32): the runs are reproducible from the printed seed. */
export { prng } from '@app/domain';

export type OpKind = 'registerSource' | 'allegeUse' | 'addCorroboration';
export type Outcome = 'pending' | 'acked' | 'unknown' | 'refused';

/** One mutation as the client sent it: replaying the same query and variables is a retry. */
export interface Op {
  kind: OpKind;
  key: string;
  query: string;
  variables: Record<string, unknown>;
  outcome: Outcome;
  /** The id the service answered with, once acknowledged. */
  id?: string;
  error?: string;
}

const QUERIES: Record<OpKind, string> = {
  registerSource: REGISTER_SOURCE,
  allegeUse: ALLEGE_USE,
  addCorroboration: ADD_CORROBORATION,
};

export function makeOp(
  kind: OpKind,
  key: string,
  refs: { sourceIds: string[]; incidentIds: string[] },
  pick: () => number,
): Op {
  const any = (ids: string[]) => ids[Math.floor(pick() * ids.length)];
  const input =
    kind === 'registerSource'
      ? sourceInput({ name: `Source ${key}`, grade: 'ABC'[Math.floor(pick() * 3)], idempotencyKey: key })
      : kind === 'allegeUse'
        ? { ...yemenAllegation(any(refs.sourceIds), { summary: `Allegation ${key}` }), idempotencyKey: key }
        : corroborationInput(any(refs.incidentIds), any(refs.sourceIds), {
            summary: `Corroboration ${key}`,
            idempotencyKey: key,
          });
  return { kind, key, query: QUERIES[kind], variables: { input }, outcome: 'pending' };
}

/** Sends the op; records acked (data), refused (a GraphQL error) or unknown (no answer: the service died). */
export async function send(client: GqlClient, op: Op): Promise<void> {
  op.error = undefined;
  try {
    const res = await client.gql(op.query, op.variables);
    if (res.errors?.length) {
      op.outcome = 'refused';
      op.error = `${res.errors[0].extensions?.code}: ${res.errors[0].message}`;
    } else if (!res.data?.[op.kind]) {
      // No GraphQL answer at all (a 503 while the server closes): the client cannot tell what happened.
      op.outcome = 'unknown';
      op.error = `HTTP ${res.status}`;
    } else {
      op.outcome = 'acked';
      op.id = res.data[op.kind].id;
    }
  } catch {
    op.outcome = 'unknown';
  }
}

/**
 * The read side as a client sees it, in a stable order: what must be equal between a model kept live
 * through restarts and one rebuilt from scratch.
 */
export async function snapshot(client: GqlClient): Promise<unknown> {
  const status = await client.gql(
    `{ projectionStatus { projectionVersion checkpoint eventsApplied skipped
      sources incidents corroborations investigations statements } }`,
  );
  const sources = await client.gql(`{ sources { id name kind grade } }`);
  const incidents: unknown[] = [];
  let after: string | null = null;
  for (;;) {
    const page: GraphQLResponse = await client.gql(
      `query ($after: String) { incidents(first: 500, after: $after, orderBy: { field: OCCURRED, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      edges { node { id summary
        assessment { status readiness rule evidenceIds missing independentSupportingSources statusSince policyVersion }
        corroborations { id stance source { id grade } publishedOn } } } } }`,
      { after },
    );
    if (page.errors?.length) throw new Error(JSON.stringify(page.errors));
    incidents.push(...page.data!.incidents.edges.map((e: { node: unknown }) => e.node));
    if (!page.data!.incidents.pageInfo.hasNextPage) break;
    after = page.data!.incidents.pageInfo.endCursor;
  }
  for (const r of [status, sources]) if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  return {
    status: status.data!.projectionStatus,
    sources: [...sources.data!.sources].sort(byId),
    incidents: (incidents as { id: string }[]).sort(byId),
  };
}

/** Every stored event, read through the port from the file after the service has stopped. */
export async function readStoredEvents(sqlitePath: string): Promise<StoredEvent[]> {
  const store: EventStore = openSqliteEventStore(sqlitePath);
  try {
    const events: StoredEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  } finally {
    await store.close();
  }
}

/** The events of each idempotency key. */
export function eventsByKey(events: StoredEvent[]): Map<string, StoredEvent[]> {
  const byKey = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const key = event.metadata.idempotencyKey;
    if (typeof key !== 'string') continue;
    byKey.set(key, [...(byKey.get(key) ?? []), event]);
  }
  return byKey;
}

/**
 * "Exactly one set of events" for a command: one execution (one correlation id), in one stream, at
 * consecutive revisions. Returns the problems found, empty when none.
 */
export function oneSetProblems(key: string, events: StoredEvent[]): string[] {
  const problems: string[] = [];
  const correlations = new Set(events.map((e) => e.metadata.correlationId));
  if (correlations.size !== 1)
    problems.push(`${key}: ${correlations.size} executions (correlation ids ${[...correlations].join(', ')})`);
  const streams = new Set(events.map((e) => e.stream));
  if (streams.size !== 1) problems.push(`${key}: events in ${streams.size} streams`);
  events.forEach((e, i) => {
    if (i > 0 && e.revision !== events[i - 1].revision + 1) problems.push(`${key}: revisions not consecutive`);
  });
  return problems;
}
