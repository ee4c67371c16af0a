import fc from 'fast-check';
import { ErrorCode } from '../apps/api/src/graphql/error-codes';
import {
  ADD_CORROBORATION, ALLEGE_USE, CONCLUDE_INVESTIGATION, CORRECT_INCIDENT, CORRECT_STATEMENT, MERGE_INCIDENTS,
  OPEN_INVESTIGATION, RECORD_STATEMENT, REGISTER_SOURCE, RETRACT_CORROBORATION, WITHDRAW_INCIDENT,
  corroborationInput, investigationInput, sourceInput, statementInput, yemenAllegation,
} from './support/fixtures';
import { TestApp } from './support/test-app';

/**
 * Property-based fuzzing of the running service: hostile GraphQL variables on every mutation, hostile
 * documents, and broken HTTP. Each answer must be a 4xx or a 200 with errors, each GraphQL error must
 * carry one of the stable codes, the service must keep answering, and no event may be appended.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 5_0526_2016);
const RUNS = 1_000;
const PER_RUN = 10; // 10,000 requests in all, 10 at a time
const CODES = new Set<string>(Object.values(ErrorCode));

jest.setTimeout(300_000);

const UNKNOWN = '0190a0a0-0000-7000-8000-0000000000ff';
const REGRADE_SOURCE = /* GraphQL */ `mutation ($input: RegradeSourceInput!) { regradeSource(input: $input) { id } }`;
/** Every mutation with a valid input naming things that do not exist (so even a valid-looking one appends nothing). */
const MUTATIONS: { query: string; input: () => Record<string, unknown>; safe: boolean }[] = [
  { query: REGISTER_SOURCE, input: () => sourceInput(), safe: false },
  { query: REGRADE_SOURCE, input: () => ({ sourceId: UNKNOWN, newGrade: 'A', reason: 'r', regradedOn: '2016-06-01' }), safe: true },
  { query: ALLEGE_USE, input: () => yemenAllegation(UNKNOWN), safe: true },
  { query: ADD_CORROBORATION, input: () => corroborationInput(UNKNOWN, UNKNOWN), safe: true },
  { query: CORRECT_INCIDENT, input: () => ({ incidentId: UNKNOWN, changes: { summary: 's' }, reason: 'r', correctedOn: '2016-06-01' }), safe: true },
  { query: MERGE_INCIDENTS, input: () => ({ duplicateIncidentId: UNKNOWN, canonicalIncidentId: UNKNOWN.replace('ff', 'fe'), reason: 'r', mergedOn: '2016-06-02' }), safe: true },
  { query: WITHDRAW_INCIDENT, input: () => ({ incidentId: UNKNOWN, reason: 'r', withdrawnOn: '2016-06-03' }), safe: true },
  { query: RETRACT_CORROBORATION, input: () => ({ incidentId: UNKNOWN, corroborationId: UNKNOWN, reason: 'r', retractedOn: '2016-07-01' }), safe: true },
  { query: OPEN_INVESTIGATION, input: () => investigationInput([UNKNOWN]), safe: true },
  { query: CONCLUDE_INVESTIGATION, input: () => ({ investigationId: UNKNOWN, outcome: 'USE_CONFIRMED', findings: 'f', concludedOn: '2016-12-19' }), safe: true },
  { query: RECORD_STATEMENT, input: () => statementInput([UNKNOWN]), safe: true },
  { query: CORRECT_STATEMENT, input: () => ({ statementId: UNKNOWN, changes: { kind: 'CONDEMNATION' }, reason: 'r', correctedOn: '2016-06-02' }), safe: true },
];

interface FuzzRequest { label: string; method: 'POST' | 'GET'; headers: Record<string, string>; body?: string; search?: string }

// ---------- hostile values ----------
const hugeString = fc.integer({ min: 2_001, max: 30_000 }).map((n) => 'x'.repeat(n));
const badDate = fc.constantFrom('2016-02-30', '2016-13-01', '2999-01-01', '16-05-23', '2016/05/23', '', 'yesterday', '2016-05-23T25:00:00Z', '0000-00-00', '+275760-09-13');
const badCode = fc.constantFrom('yem', 'XXX', 'YE', 'YEMEN', '123', '', 'ZZZ', 'ÄÖÜ', 'YEM ');
const badEnum = fc.constantFrom('UNKNOWN_VALUE', 'supports', 'Z', '', '__proto__', 'constructor', 'A B');
const weird = fc.oneof(
  fc.anything({ maxDepth: 3 }), hugeString, badDate, badCode, badEnum, fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(-1, -1e308, 1e308, 2 ** 53, 0.5, true, null, [], {}, [[[[]]]], '<script>alert(1)</script>', "' OR 1=1 --", '\u0000', '💣'.repeat(1000)),
);

type Json = Record<string, unknown>;
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
function setAt(root: Json, path: string[], value: unknown, remove = false): Json {
  const copy = structuredClone(root);
  let node: any = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  if (remove) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}
/** A value GraphQL can never coerce to the type of `current`. */
function wrongType(current: unknown): unknown {
  if (typeof current === 'string') return { not: 'a string' };
  if (typeof current === 'number' || typeof current === 'boolean') return 'not a number';
  return 'not an object or list';
}

/** A valid input with random fields replaced or removed, plus (unless the target is safe) one sure breaker. */
const hostileMutation: fc.Arbitrary<FuzzRequest> = fc
  .record({
    m: fc.integer({ min: 0, max: MUTATIONS.length - 1 }),
    edits: fc.array(fc.record({ at: fc.nat(), remove: fc.boolean(), value: weird }), { maxLength: 4 }),
    breaker: fc.integer({ min: 0, max: 5 }),
    at: fc.nat(),
    breakAlways: fc.boolean(),
  })
  .map(({ m, edits, breaker, at, breakAlways }) => {
    const target = MUTATIONS[m];
    let input: Json = target.input();
    for (const edit of edits) {
      const fields = paths(input).filter((p) => p.length > 0);
      if (fields.length === 0) break;
      input = setAt(input, fields[edit.at % fields.length], edit.value, edit.remove);
    }
    let variables: unknown = { input };
    if (!target.safe || breakAlways) {
      const fields = paths(input).filter((p) => p.length > 0);
      const field = fields[at % Math.max(fields.length, 1)];
      switch (breaker) {
        case 0: variables = { input: { ...input, zzUnknownField: 1 } }; break;
        case 1: variables = field ? { input: setAt(input, field, wrongType(field.reduce<any>((n, k) => n?.[k], input))) } : { input: 42 }; break;
        case 2: variables = { input: { ...input, idempotencyKey: 'not a valid key!' } }; break;
        case 3: variables = { input: { ...input, expectedRevision: -2 - (at % 1000) } }; break;
        case 4: variables = {}; break;
        default: variables = { input: [input] }; break;
      }
    }
    return { label: `mutation ${m} breaker ${breaker}`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: target.query, variables }) };
  });

// ---------- hostile documents ----------
const nested = (depth: number) => `{ incidents { edges { node { ${'corroborations { source { '.repeat(depth)}id${' } }'.repeat(depth)} } } } }`;
const aliasBomb = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: sources { id name }`).join(' ')} }`;
const hostileDocument: fc.Arbitrary<FuzzRequest> = fc
  .oneof(
    fc.integer({ min: 1, max: 300 }).map(nested),
    fc.integer({ min: 50, max: 2000 }).map(aliasBomb),
    fc.integer({ min: 1, max: 2000 }).map((n) => `${'{'.repeat(n)}${'}'.repeat(n)}`),
    fc.integer({ min: 1, max: 500 }).map((n) => `query { sources { id ${'@skip(if: false) '.repeat(n)} } }`),
    fc.constant('fragment A on Query { ...B } fragment B on Query { ...A } { ...A }'),
    fc.constant('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }'),
    fc.constant('subscription { incidentChanged { id } }'),
    fc.constant('query A { sources { id } } query B { sources { id } }'),
    fc.integer({ min: 0, max: 100_000 }).map((n) => `{ incidents(first: ${n}) { totalCount } }`),
    fc.constantFrom('{ incident(id: "x") { id } }', '{ incident { id } }', '{ nope }', '{ sources { nope } }', 'mutation { registerSource { id } }'),
    fc.string({ unit: 'binary', maxLength: 500 }),
    fc.string({ maxLength: 100 }).map((s) => `{ ${s} }`),
  )
  .chain((query) => fc.record({
    query: fc.constant(query),
    variables: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }), fc.constant('not an object')),
    operationName: fc.oneof(fc.constant(undefined), fc.constantFrom('A', 'B', 'Nope', ''), fc.anything({ maxDepth: 1 })),
  }))
  .map((body) => ({ label: `document ${body.query.slice(0, 40)}`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

// ---------- broken HTTP ----------
const http = (request: FuzzRequest): FuzzRequest => request;
const hostileHttp: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }).map((body) => http({ label: 'broken JSON', method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query": ${body}` })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => http({ label: 'JSON, not a request', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(v) })),
  fc.record({
    type: fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/graphql',
      'application/json; charset=latin1', 'image/png', '', 'application/json, text/html', '*/*'),
    body: fc.constantFrom(JSON.stringify({ query: '{ sources { id } }' }), 'query=%7B%20sources%20%7Bid%7D%7D', '<xml/>', '--x\r\n\r\n--x--'),
  }).map(({ type, body }) => http({ label: `content-type ${type}`, method: 'POST', headers: type ? { 'content-type': type } : {}, body })),
  fc.integer({ min: 1_050_000, max: 1_200_000 }).map((n) => http({
    label: 'body over the limit', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ sources { id } } #${'x'.repeat(n)}` }),
  })),
  fc.constantFrom('{ sources { id } }', 'mutation { registerSource(input: {name: "x", kind: NGO, grade: A}) { id } }', '{', '').map((q) => http({
    label: 'GET', method: 'GET', headers: {}, search: `?query=${encodeURIComponent(q)}`,
  })),
  fc.constant(http({ label: 'batch', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Array(50).fill({ query: '{ sources { id } }' })) })),
  fc.constant(http({ label: 'accept', method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/html' }, body: JSON.stringify({ query: '{ sources { id } }' }) })),
);

const hostileRequest = fc.oneof({ weight: 5, arbitrary: hostileMutation }, { weight: 3, arbitrary: hostileDocument }, { weight: 2, arbitrary: hostileHttp });

describe(`fuzz: ${RUNS * PER_RUN} hostile requests (seed ${SEED})`, () => {
  let app: TestApp;
  beforeAll(async () => { app = await TestApp.start(); });
  afterAll(async () => { await app.stop(); });

  const statuses = new Map<string, number>();
  /** Sends one request; returns the problems with its answer. */
  async function check(request: FuzzRequest): Promise<string[]> {
    const res = await fetch(app.url + (request.search ?? ''), {
      method: request.method, body: request.body,
      headers: { authorization: `Bearer ${app.token}`, ...request.headers },
    });
    const text = await res.text();
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`status ${res.status}`);
    let body: any;
    try { body = JSON.parse(text); } catch { problems.push(`not JSON: ${text.slice(0, 80)}`); }
    const codes: string[] = [];
    if (body && Array.isArray(body.errors)) {
      for (const error of body.errors) {
        const code = error?.extensions?.code;
        codes.push(String(code));
        if (!CODES.has(code)) problems.push(`unstable code ${code}: ${String(error?.message).slice(0, 120)}`);
        if (code === ErrorCode.INTERNAL_SERVER_ERROR) problems.push(`internal error: ${error.message}`);
      }
    } else if (res.status === 200 && !body?.data) problems.push('200 with neither data nor errors');
    const key = `${res.status} ${[...new Set(codes)].join(',') || (body?.code ?? body?.error ?? '-')}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    return problems.map((p) => `${request.label}: ${p}`);
  }

  it('answers each with a 4xx or a GraphQL error carrying a stable code, never crashes, appends nothing', async () => {
    console.log(`fuzz seed: ${SEED} (set FUZZ_SEED to replay)`);
    const before = await app.eventCount();
    // fast-check as a seeded generator: every request is checked, every kind of problem reported once.
    const requests = fc.sample(hostileRequest, { seed: SEED, numRuns: RUNS * PER_RUN });
    const problems = new Map<string, string>();
    for (let i = 0; i < requests.length; i += PER_RUN) {
      const batch = requests.slice(i, i + PER_RUN);
      const found = await Promise.all(batch.map(check));
      found.forEach((list, j) => list.forEach((p) => problems.has(p) || problems.set(p, (batch[j].body ?? batch[j].search ?? '').slice(0, 300))));
    }
    expect(requests).toHaveLength(RUNS * PER_RUN);
    console.log(`fuzz: ${requests.length} requests; answers by status and code:\n${[...statuses].sort().map(([k, n]) => `  ${k}: ${n}`).join('\n')}`);
    // Still serving, and nothing was written.
    expect((await app.ok(`{ projectionStatus { eventsApplied } }`)).projectionStatus.eventsApplied).toBe(before);
    expect(await app.eventCount()).toBe(before);
    expect(Object.fromEntries(problems)).toEqual({});
  });
});
