import { getIntrospectionQuery } from 'graphql';
import WebSocket from 'ws';
import { REGISTER_SOURCE, sourceInput } from './support/fixtures';
import { TestApp } from './support/test-app';

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const limitOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.limit;

/** `{ incidents(first: N) { edges { node { … } } } }` with the given incident fields. */
const incidents = (first: string, fields = 'id summary') =>
  `incidents(first: ${first}) { totalCount edges { node { ${fields} } } }`;

// Boots the app: sized for a loaded 2-core machine, not Jest's 5 s default (also for the hooks).
jest.setTimeout(120_000);

describe('GraphQL limits (small limits so the tests stay cheap)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      GRAPHQL_MAX_DEPTH: '6',
      GRAPHQL_MAX_COST: '3000',
      GRAPHQL_MAX_ALIASES: '5',
      BODY_LIMIT_BYTES: '20000',
    });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers queries within the limits', async () => {
    const data = await app.ok(`{ ${incidents('100')} }`);
    expect(data.incidents.totalCount).toBe(0);
    await app.ok(`query ($n: Int) { ${incidents('$n')} }`, { n: 500 });
  });

  it('refuses a query nested deeper than the limit before running it', async () => {
    const res = await app.gql(
      '{ incidents(first: 1) { edges { node { corroborations { source { grades { grade } } } } } } }',
    );
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]).toMatchObject({
      message: 'Query depth 7 exceeds the limit of 6',
      extensions: { limit: 'depth', max: 6, actual: 7 },
    });
    expect(res.data).toBeNull();
  });

  it('counts depth through fragments, and a fragment bomb stays cheap to check', async () => {
    const deep = await app.gql(`{ incidents(first: 1) { ...E } }
      fragment E on IncidentConnection { edges { node { corroborations { source { ...G } } } } }
      fragment G on Source { grades { grade } }`);
    expect(limitOf(deep)).toBe('depth');
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(
      '\n',
    );
    const bomb = await app.gql(`{ ...F0 } ${levels} fragment F30 on Query { sources { id name } }`);
    expect(limitOf(bomb)).toBe('cost');
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: sources { id }`).join(' ');
    const res = await app.gql(`{ ${aliases} }`);
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].extensions).toMatchObject({ limit: 'aliases', max: 5, actual: 6 });
  });

  it('refuses a query whose cost (fields × list sizes) is over the limit, with literal or variable first', async () => {
    const fields = 'id summary occurredFrom recordedAt corroborations { stance source { name grade } }';
    const literal = await app.gql(`{ ${incidents('400', fields)} }`);
    expect(limitOf(literal)).toBe('cost');
    const variable = await app.gql(`query ($n: Int) { ${incidents('$n', fields)} }`, { n: 400 });
    expect(limitOf(variable)).toBe('cost');
    await app.ok(`query ($n: Int) { ${incidents('$n', fields)} }`, { n: 5 });
  });

  it('refuses first above 500, as a literal or a variable, with BAD_USER_INPUT', async () => {
    const literal = await app.gql(`{ ${incidents('501')} }`);
    expect(codeOf(literal)).toBe('BAD_USER_INPUT');
    expect(literal.errors?.[0].extensions).toMatchObject({ field: 'first', max: 500 });
    const variable = await app.gql(`query ($n: Int) { ${incidents('$n')} }`, { n: 100_000 });
    expect(codeOf(variable)).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.gql(`{ ${incidents('-1')} }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.gql(`query ($n: Int = 100000) { ${incidents('$n')} }`))).toBe('BAD_USER_INPUT');
  });

  it('refuses a body over the size limit with 413, and batched operations with 400', async () => {
    const before = await app.eventCount();
    const huge = await app.gql(REGISTER_SOURCE, { input: sourceInput({ name: 'x'.repeat(30_000) }) });
    expect(huge.status).toBe(413);
    expect(codeOf(huge)).toBe('BAD_USER_INPUT');
    const batch = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
      body: JSON.stringify([{ query: '{ sources { id } }' }, { query: '{ sources { id } }' }]),
    });
    expect(batch.status).toBe(400);
    expect(((await batch.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(
      /Batched operations are not supported/,
    );
    expect(await app.eventCount()).toBe(before);
  });

  it('applies the same limits to subscriptions over graphql-ws', async () => {
    const client = app.wsClient();
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: __typename`).join(' ');
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription { incidentStatusChanged { incidentId ${aliases} } }` },
        {
          next: (msg) => resolve(msg),
          error: (e) => resolve(e),
          complete: () => resolve('complete'),
        },
      );
    });
    await client.dispose();
    expect(outcome).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ limit: 'aliases' }) })]);
  });

  it('gives every error of a subscribe message over graphql-ws a stable code, as HTTP answers do', async () => {
    // A raw socket: graphql-ws' own client refuses to send a subscribe message without a payload.
    const socket = new WebSocket(app.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const received: { id?: string; type: string; payload?: unknown }[] = [];
    socket.on('message', (data) => received.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const seen = async (matches: (m: (typeof received)[number]) => boolean) => {
      for (let i = 0; i < 200 && !received.some(matches); i++) await new Promise((r) => setTimeout(r, 25));
      return received.find(matches);
    };
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${app.token}` } }));
    expect(await seen((m) => m.type === 'connection_ack')).toBeDefined();
    const cases: [string, Record<string, unknown>, string][] = [
      ['parse', { payload: { query: 'subscription {' } }, 'GRAPHQL_PARSE_FAILED'],
      [
        'variable',
        {
          payload: {
            query: 'subscription ($f: StatusChangedFilterInput) { incidentStatusChanged(filter: $f) { incidentId } }',
            variables: { f: { after: ['NOPE'] } },
          },
        },
        'BAD_USER_INPUT',
      ],
      ['query', { payload: { query: '{ __typename }' } }, 'BAD_USER_INPUT'],
      ['nothing', {}, 'BAD_USER_INPUT'],
      ['null', { payload: null }, 'BAD_USER_INPUT'],
    ];
    for (const [id, message] of cases) socket.send(JSON.stringify({ id, type: 'subscribe', ...message }));
    for (const [id, , code] of cases) {
      const error = (await seen((m) => m.id === id && m.type === 'error')) as { payload: Record<string, any>[] };
      expect({ id, code: error?.payload?.[0]?.extensions?.code }).toEqual({ id, code });
      expect(error.payload[0].message).not.toMatch(/destructure|undefined/);
    }
    socket.close();
  });

  it('allows introspection outside production', async () => {
    expect((await app.ok('{ __schema { queryType { name } } }')).__schema.queryType.name).toBe('Query');
  });
});

/** What the presidency asks of a 500-row page: each incident with the statements that referred to it. */
const PAGE_WITH_STATEMENTS = `{ incidents(first: 500) { edges { node { id summary
  referringStatements { scope lagDays statement { id kind venue deliveredOn speakers { stateCode name } } } } } } }`;
/** Lists nested in lists under a 500-row page: 500 incidents × 10 statements × 10 speakers and corrections each. */
const NESTED_LISTS = `{ incidents(first: 500) { edges { node {
  statements { speakers { stateCode name } corrections { fields reason correctedOn } } } } } }`;

describe('GraphQL limits at their defaults, in development', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  it('answers the standard introspection query (depth 15): introspection fields do not count', async () => {
    const data = await app.ok(getIntrospectionQuery());
    expect(data.__schema.queryType.name).toBe('Query');
    expect(data.__schema.types.map((t: { name: string }) => t.name)).toContain('Incident');
  });

  it('accepts a 500-row page of incidents with their referring statements, refuses nested lists', async () => {
    const page = await app.gql(PAGE_WITH_STATEMENTS);
    expect(page.errors).toBeUndefined();
    const nested = await app.gql(NESTED_LISTS);
    expect(codeOf(nested)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(nested.errors?.[0].extensions).toMatchObject({ limit: 'cost', max: 200_000 });
    expect(nested.errors?.[0].extensions?.actual).toBeGreaterThan(200_000);
  });
});

describe('GraphQL limits in production mode', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('turns introspection off but keeps __typename', async () => {
    const res = await app.gql('{ __schema { queryType { name } } }');
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await app.ok('{ __typename }')).__typename).toBe('Query');
  });

  it('refuses the standard introspection query', async () => {
    const res = await app.gql(getIntrospectionQuery());
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.data).toBeFalsy();
    expect(res.errors?.some((e) => /introspection/i.test(e.message))).toBe(true);
  });
});
