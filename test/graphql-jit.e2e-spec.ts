import { parse, print } from 'graphql';
import { ADD_CORROBORATION, corroborationInput, INCIDENT } from './support/fixtures';
import { allege, logYearOfEvidence, merge, sleep } from './support/read-side';
import { type GraphQLClient, type GraphQLResponse, TestApp } from './support/test-app';

/**
 * A query text Mercurius has run GRAPHQL_JIT times is compiled by graphql-jit (in the background; at once on an
 * idle service) and runs compiled from then on. Every answer of a compiled query must be the one graphql-js gives:
 * the same data, the same errors with the same codes and fields, the same HTTP status. graphql-js' answer comes
 * from the same query under a text of its own (a comment appended), run once, so never compiled.
 */

/** The documents graphql-jit compiled (printed): proof that the runs below did run compiled. */
const mockCompiled: string[] = [];
jest.mock('graphql-jit', () => {
  const actual = jest.requireActual('graphql-jit');
  return {
    ...actual,
    compileQuery: (...args: Parameters<typeof actual.compileQuery>) => {
      mockCompiled.push(jest.requireActual('graphql').print(args[1]));
      return actual.compileQuery(...args);
    },
  };
});

const JIT = 2;
jest.setTimeout(120_000);

const INCIDENTS = /* GraphQL */ `
  query ($first: Int, $filter: IncidentFilterInput) {
    incidents(first: $first, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          id
          revision
          occurredFrom
          recordedAt
          assessment {
            status
            readiness
            missing
          }
          statusHistory {
            status
            on
          }
          corroborations {
            id
            publishedOn
            recordedAt
            source {
              name
              grade
            }
          }
        }
      }
    }
  }
`;

let texts = 0;
const compilations = (query: string) => mockCompiled.filter((c) => c === print(parse(query))).length;

/** Runs `ask` GRAPHQL_JIT times and waits until Mercurius has compiled `query` in the background (at most 10 s). */
async function compile(query: string, ask: () => Promise<unknown>): Promise<void> {
  const before = compilations(query);
  for (let run = 1; run <= JIT; run++) await ask();
  const deadline = Date.now() + 10_000;
  while (compilations(query) === before && Date.now() < deadline) await sleep(5);
  expect(compilations(query) - before).toBe(1);
}

/**
 * Runs `query` with `variables` under a fresh text once it is compiled (with `compileWith`: a request refused
 * before execution, for its variables or a limit, compiles nothing); every answer equals graphql-js' own.
 */
async function compiledAnswersAsInterpreted(
  client: GraphQLClient,
  query: string,
  variables: Record<string, unknown>,
  {
    headers = {},
    compileWith = variables,
  }: { headers?: Record<string, string>; compileWith?: Record<string, unknown> } = {},
): Promise<GraphQLResponse> {
  const interpreted = await client.gql(`${query}\n# interpreted ${++texts}`, variables, headers);
  const text = `${query}\n# compiled ${++texts}`;
  await compile(query, () => client.gql(text, compileWith, headers));
  for (let run = 1; run <= 3; run++) {
    expect({ run, answer: await client.gql(text, variables, headers) }).toEqual({ run, answer: interpreted });
  }
  return interpreted;
}

describe('compiled queries (GRAPHQL_JIT) answer as graphql-js does', () => {
  let app: TestApp;
  let s: Awaited<ReturnType<typeof logYearOfEvidence>>;
  let duplicate: string;

  beforeAll(async () => {
    app = await TestApp.start({ GRAPHQL_JIT: String(JIT) });
    s = await logYearOfEvidence(app);
    duplicate = await allege(app, s.sources.local, { reportedOn: '2016-02-02' }, { publishedOn: '2016-02-02' });
    await merge(app, duplicate, s.yemen, '2016-02-15');
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('incident(id): the same incident, also by a merged duplicate id, nested lists and all', async () => {
    const yemen = await compiledAnswersAsInterpreted(app, INCIDENT, { id: s.yemen });
    expect(yemen.data?.incident).toMatchObject({ id: s.yemen, mergedDuplicates: [duplicate] });
    expect(yemen.data?.incident.corroborations.length).toBeGreaterThan(1);
    expect(yemen.data?.incident.statements.length).toBe(3);
    const byDuplicate = await compiledAnswersAsInterpreted(app, INCIDENT, { id: duplicate });
    expect(byDuplicate).toEqual(yemen);
  });

  it('errors keep their codes and fields: NOT_FOUND, a variable that does not coerce, a limit', async () => {
    const missing = await compiledAnswersAsInterpreted(app, INCIDENT, { id: 'no-such-incident' });
    expect(missing.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
    // graphql-jit words a variable that does not coerce its own way: graphql-js must still be the one to refuse it.
    const mediaTypes: Record<string, string>[] = [{}, { accept: 'application/graphql-response+json' }];
    for (const headers of mediaTypes) {
      const unset = await compiledAnswersAsInterpreted(app, INCIDENT, {}, { headers, compileWith: { id: s.yemen } });
      expect(unset.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const notInt = await compiledAnswersAsInterpreted(app, INCIDENTS, { first: 'ten' }, { headers, compileWith: {} });
      expect(notInt.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect([unset.status, notInt.status]).toEqual('accept' in headers ? [400, 400] : [200, 200]);
    }
    const tooMany = await compiledAnswersAsInterpreted(app, INCIDENTS, { first: 100_000 }, { compileWith: {} });
    expect(tooMany.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first', max: 500 });
    const badDate = await compiledAnswersAsInterpreted(
      app,
      INCIDENTS,
      { filter: { asOf: 'yesterday' } },
      { compileWith: {} },
    );
    expect(badDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists, live and as of a date (fields a replay resolves later, as promises), with DateTime scalars', async () => {
    const live = await compiledAnswersAsInterpreted(app, INCIDENTS, { first: 5 });
    expect(live.data?.incidents.totalCount).toBe(2);
    for (const [asOf, clock] of [
      [s.marks.afterAllegation.toISOString(), 'RECORDED'],
      ['2016-06-01T00:00:00Z', 'KNOWN'],
    ]) {
      const then = await compiledAnswersAsInterpreted(app, INCIDENTS, { first: 5, filter: { asOf, clock } });
      const node = then.data?.incidents.edges[0].node;
      expect(node).toMatchObject({ id: s.yemen, revision: expect.any(Number) });
      expect(node.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  it('the access check still runs: UNAUTHENTICATED without a token, FORBIDDEN for a viewer writing', async () => {
    const anonymous = await compiledAnswersAsInterpreted(app.as(null), INCIDENT, { id: s.yemen });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const issued = await app.ok('mutation ($input: IssueTokenInput!) { issueToken(input: $input) { token } }', {
      input: { holder: 'Vera Viewer', role: 'VIEWER' },
    });
    const viewer = app.as(issued.issueToken.token);
    const input = corroborationInput(s.yemen, s.sources.hrw);
    const refused = await compiledAnswersAsInterpreted(viewer, ADD_CORROBORATION, { input });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('mutations: refused input keeps BAD_USER_INPUT and its field; accepted ones answer as a query reads', async () => {
    const events = await app.eventCount();
    const bad = corroborationInput(s.yemen, s.sources.hrw, { publishedOn: '2016-13-45' });
    const refused = await compiledAnswersAsInterpreted(app, ADD_CORROBORATION, { input: bad });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publishedOn' });
    expect(await app.eventCount()).toBe(events);
    const text = `${ADD_CORROBORATION}\n# compiled ${++texts}`;
    let run = 0;
    const accepted = async () => {
      const published = `2016-09-0${++run}`;
      const input = corroborationInput(s.yemen, s.sources.hrw, {
        publishedOn: published,
        citation: { url: `https://example.org/jit/${run}` },
      });
      const answer = await app.gql(text, { input });
      const read = await app.gql(`${INCIDENT}\n# interpreted ${++texts}`, { id: s.yemen });
      expect({ run, answer: answer.data?.addCorroboration }).toEqual({ run, answer: read.data?.incident });
      expect(answer.data?.addCorroboration.corroborations).toContainEqual(
        expect.objectContaining({ publishedOn: published }),
      );
    };
    await compile(ADD_CORROBORATION, accepted);
    for (let i = 0; i < 3; i++) await accepted();
  });

  it('an input field or argument left out takes its default, compiled or not', async () => {
    const text = `${ADD_CORROBORATION}\n# compiled ${++texts}`;
    let run = 0;
    const leftOut = async () => {
      const {
        summary: _summary,
        evidenceKinds: _kinds,
        ...input
      } = corroborationInput(s.yemen, s.sources.hrw, {
        publishedOn: `2016-10-0${++run}`,
        citation: { url: `https://example.org/jit/defaults/${run}` },
      });
      const answer = await app.gql(text, { input });
      expect({ run, errors: answer.errors }).toEqual({ run, errors: undefined });
      const read = await app.ok(
        `query ($id: ID!) { incident(id: $id) { corroborations { publishedOn evidenceKinds summary } } }`,
        {
          id: s.yemen,
        },
      );
      const added = read.incident.corroborations.find(
        (c: { publishedOn: string }) => c.publishedOn === `2016-10-0${run}`,
      );
      expect({ run, added }).toEqual({
        run,
        added: { publishedOn: `2016-10-0${run}`, evidenceKinds: [], summary: '' },
      });
    };
    await compile(ADD_CORROBORATION, leftOut);
    for (let i = 0; i < 3; i++) await leftOut();
    const referring = `query ($id: ID!, $scopes: [ScopeLevel!]) {
      incident(id: $id) { referringStatements(scopes: $scopes) { scope statement { id } } }
    }`;
    const all = await compiledAnswersAsInterpreted(app, referring, { id: s.yemen });
    expect(all.data?.incident.referringStatements.length).toBeGreaterThan(0);
    // graphql-jit applies no schema default to a variable's input fields, and so demands a required one: an input
    // field with a default is optional in the schema, and the DTO's initializer (from which the default is read)
    // gives the same value when it is left out.
    const declared = await app.ok(`{ __schema { types { name inputFields { name defaultValue type { kind } } } } }`);
    type InputField = { name: string; defaultValue: string | null; type: { kind: string } };
    const required = declared.__schema.types.flatMap((t: { name: string; inputFields: InputField[] | null }) =>
      (t.inputFields ?? [])
        .filter((f) => f.defaultValue !== null && f.type.kind === 'NON_NULL')
        .map((f) => `${t.name}.${f.name}`),
    );
    expect(required).toEqual([]);
  });
});
