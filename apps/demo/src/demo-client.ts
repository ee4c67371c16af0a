/** How the demo speaks to the registry: GraphQL over HTTP with a token; an error names its idempotency key. */
export const KEY = 'demo-v2';

export const M = {
  source: 'mutation ($input: RegisterSourceInput!) { registerSource(input: $input) { id } }',
  situation: 'mutation ($input: RegisterSituationInput!) { registerSituation(input: $input) { id } }',
  allege: 'mutation ($input: AllegeUseInput!) { allegeUse(input: $input) { id } }',
  corroborate: 'mutation ($input: AddCorroborationInput!) { addCorroboration(input: $input) { id } }',
  open: 'mutation ($input: OpenInvestigationInput!) { openInvestigation(input: $input) { id } }',
  conclude: 'mutation ($input: ConcludeInvestigationInput!) { concludeInvestigation(input: $input) { id } }',
  statement: 'mutation ($input: RecordStatementInput!) { recordStatement(input: $input) { id } }',
  resolution: 'mutation ($input: RecordResolutionVoteInput!) { recordResolutionVote(input: $input) { id } }',
};

/** Sends a mutation and answers the id of what it wrote. */
export type Send = (mutation: string, input: Record<string, unknown>) => Promise<string>;
/** Sends a query and answers its data. */
export type Ask = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

interface GraphQLBody {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export function client(url: string, token: string): { send: Send; ask: Ask } {
  const post = async (query: string, variables: Record<string, unknown>, what: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GraphQLBody;
    if (body.errors?.length) {
      const e = body.errors[0];
      throw new Error(
        `${e.extensions?.code ?? 'ERROR'}${e.extensions?.field ? ` (${e.extensions.field})` : ''}: ${e.message}` +
          ` [${what}]`,
      );
    }
    return body.data ?? {};
  };
  return {
    send: async (mutation, input) => {
      const data = await post(mutation, { input }, `key ${String(input.idempotencyKey)}`);
      return (Object.values(data)[0] as { id: string }).id;
    },
    ask: async <T>(query: string, variables: Record<string, unknown> = {}) =>
      (await post(query, variables, 'query')) as T,
  };
}

/** Runs tasks with at most `limit` in flight (the registry queues commands per stream anyway). */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}
