import fc from 'fast-check';
import { STATUSES } from '@app/domain';
import { ErrorCode } from '../apps/api/src/graphql/error-codes';
import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  CONCLUDE_INVESTIGATION,
  CORRECT_INCIDENT,
  CORRECT_STATEMENT,
  MERGE_INCIDENTS,
  OPEN_INVESTIGATION,
  RECORD_STATEMENT,
  REGISTER_SOURCE,
  RETRACT_CORROBORATION,
  WITHDRAW_INCIDENT,
  corroborationInput,
  investigationInput,
  sourceInput,
  statementInput,
  yemenAllegation,
} from './support/fixtures';
import { TestApp } from './support/test-app';
import { type SeededRegistry, eventsSince, lastPosition, seedRegistry } from './support/seeded-registry';

/**
 * Property-based fuzzing of the running service over a realistic registry: sources, incidents in every
 * status, investigations and statements are seeded first, and hostile values are aimed at those existing
 * entities (corrections, merges, retractions, regrades, ...), beside hostile documents and broken HTTP.
 * Every answer must be a 2xx with data or errors, or a non-2xx WITH an `errors` array; every error carries
 * a stable code; a refused mutation appends nothing; the service keeps answering. fast-check shrinks a
 * failing request to a minimal one.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 5_0526_2016);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_500);
const CODES = new Set<string>(Object.values(ErrorCode));

jest.setTimeout(300_000);

const REGRADE_SOURCE = /* GraphQL */ `
  mutation ($input: RegradeSourceInput!) {
    regradeSource(input: $input) {
      id
      grade
    }
  }
`;
type Json = Record<string, unknown>;

type Registry = SeededRegistry;

/** Every mutation, aimed at existing entities (`i` and `j` pick them). */
const MUTATIONS: { name: string; query: string; input: (r: Registry, i: number, j: number) => Json }[] = [
  { name: 'registerSource', query: REGISTER_SOURCE, input: (_, i) => sourceInput({ name: `Fuzzed source ${i}` }) },
  {
    name: 'regradeSource',
    query: REGRADE_SOURCE,
    input: (r, i) => ({ sourceId: pick(r.sources, i), newGrade: 'A', reason: 'Record', regradedOn: '2016-06-01' }),
  },
  { name: 'allegeUse', query: ALLEGE_USE, input: (r, i) => yemenAllegation(pick(r.sources, i)) },
  {
    name: 'addCorroboration',
    query: ADD_CORROBORATION,
    input: (r, i, j) => corroborationInput(pick(r.incidents, i), pick(r.sources, j)),
  },
  {
    name: 'correctIncident',
    query: CORRECT_INCIDENT,
    input: (r, i) => ({
      incidentId: pick(r.incidents, i),
      changes: { summary: 'Corrected.' },
      reason: 'Typo',
      correctedOn: '2016-06-01',
    }),
  },
  {
    name: 'mergeIncidents',
    query: MERGE_INCIDENTS,
    input: (r, i, j) => ({
      duplicateIncidentId: pick(r.incidents, i),
      canonicalIncidentId: pick(r.incidents, j),
      reason: 'Same attack',
      mergedOn: '2016-06-02',
    }),
  },
  {
    name: 'withdrawIncident',
    query: WITHDRAW_INCIDENT,
    input: (r, i) => ({ incidentId: pick(r.incidents, i), reason: 'Logged in error', withdrawnOn: '2016-06-03' }),
  },
  {
    name: 'retractCorroboration',
    query: RETRACT_CORROBORATION,
    input: (r, i) => {
      const [incidentId, corroborationId] = pick(r.corroborations, i);
      return { incidentId, corroborationId, reason: 'Wrong photos', retractedOn: '2016-07-01' };
    },
  },
  { name: 'openInvestigation', query: OPEN_INVESTIGATION, input: (r, i) => investigationInput([pick(r.incidents, i)]) },
  {
    name: 'concludeInvestigation',
    query: CONCLUDE_INVESTIGATION,
    input: (r, i) => ({
      investigationId: pick(r.investigations, i),
      outcome: 'USE_CONFIRMED',
      findings: 'BL-755 were used.',
      concludedOn: '2016-12-19',
    }),
  },
  { name: 'recordStatement', query: RECORD_STATEMENT, input: (r, i) => statementInput([pick(r.incidents, i)]) },
  {
    name: 'correctStatement',
    query: CORRECT_STATEMENT,
    input: (r, i) => ({
      statementId: pick(r.statements, i),
      changes: { kind: 'CONDEMNATION' },
      reason: 'Misfiled',
      correctedOn: '2016-06-02',
    }),
  },
];
const pick = <T>(list: T[], i: number): T => list[i % list.length];

/** `padding`: that many characters appended to the query when sent (kept out of a printed counterexample). */
interface FuzzRequest {
  label: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  search?: string;
  padding?: number;
}

// ---------- hostile values ----------
const hugeString = fc.integer({ min: 2_001, max: 30_000 }).map((n) => 'x'.repeat(n));
const badDate = fc.constantFrom(
  '2016-02-30',
  '2016-13-01',
  '2999-01-01',
  '16-05-23',
  '2016/05/23',
  '',
  'yesterday',
  '2016-05-23T25:00:00Z',
  '0000-00-00',
  '+275760-09-13',
);
const badCode = fc.constantFrom('yem', 'XXX', 'YE', 'YEMEN', '123', '', 'ZZZ', 'ÄÖÜ', 'YEM ');
const badEnum = fc.constantFrom('UNKNOWN_VALUE', 'supports', 'Z', '', '__proto__', 'constructor', 'A B');
const weird = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  hugeString,
  badDate,
  badCode,
  badEnum,
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    -1,
    -1e308,
    1e308,
    2 ** 53,
    0.5,
    true,
    null,
    [],
    {},
    [[[[]]]],
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '\u0000',
    '💣'.repeat(1000),
  ),
);

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

/**
 * Values that pass validation and reach the handler and the decider: ids of existing entities of any
 * kind (a source where an incident belongs, an incident merged into itself, a withdrawn or merged one),
 * valid dates in the wrong order, stale or future revisions.
 */
const plausible = (r: Registry) =>
  fc.oneof(
    fc.constantFrom(
      ...r.sources,
      ...r.incidents,
      ...r.investigations,
      ...r.statements,
      ...r.corroborations.map((c) => c[1]),
    ),
    fc.constantFrom('2016-05-22', '2016-06-01', '1999-12-31', '2015-04-30', '2016-12-31'),
    fc.integer({ min: 0, max: 12 }),
    fc.constantFrom('A', 'B', 'F', 'DISPUTES', 'USE_NOT_CONFIRMED', 'INCONCLUSIVE', 'CONDEMNATION', 'ACKNOWLEDGEMENT'),
  );

/**
 * A valid input aimed at existing entities (any of them: withdrawn, merged, itself), up to 4 fields replaced or
 * removed, and sometimes one sure breaker.
 */
const hostileMutation = (registry: Registry): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      m: fc.integer({ min: 0, max: MUTATIONS.length - 1 }),
      i: fc.nat(),
      j: fc.nat(),
      edits: fc.array(fc.record({ at: fc.nat(), remove: fc.boolean(), value: fc.oneof(weird, plausible(registry)) }), {
        maxLength: 4,
      }),
      breaker: fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 }) },
      ),
      at: fc.nat(),
    })
    .map(({ m, i, j, edits, breaker, at }) => {
      const target = MUTATIONS[m];
      let input: Json = target.input(registry, i, j);
      for (const edit of edits) {
        const fields = paths(input).filter((p) => p.length > 0);
        if (fields.length === 0) break;
        input = setAt(input, fields[edit.at % fields.length], edit.value, edit.remove);
      }
      let variables: unknown = { input };
      const fields = paths(input).filter((p) => p.length > 0);
      const field = fields[at % Math.max(fields.length, 1)];
      switch (breaker) {
        case null:
          break;
        case 0:
          variables = { input: { ...input, zzUnknownField: 1 } };
          break;
        case 1: {
          const current = field?.reduce<any>((n, k) => n?.[k], input);
          variables = field ? { input: setAt(input, field, wrongType(current)) } : { input: 42 };
          break;
        }
        case 2:
          variables = { input: { ...input, idempotencyKey: 'not a valid key!' } };
          break;
        case 3:
          variables = { input: { ...input, expectedRevision: -2 - (at % 1000) } };
          break;
        case 4:
          variables = {};
          break;
        default:
          variables = { input: [input] };
          break;
      }
      return {
        label: `${target.name} breaker ${breaker}`,
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: target.query, variables }),
      };
    });

// ---------- hostile documents ----------
const nested = (depth: number) =>
  `{ incidents { edges { node { ${'corroborations { source { '.repeat(depth)}id${' } }'.repeat(depth)} } } } }`;
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
    fc.constantFrom(
      '{ incident(id: "x") { id } }',
      '{ incident { id } }',
      '{ nope }',
      '{ sources { nope } }',
      'mutation { registerSource { id } }',
    ),
    fc.string({ unit: 'binary', maxLength: 500 }),
    fc.string({ maxLength: 100 }).map((s) => `{ ${s} }`),
  )
  .chain((query) =>
    fc.record({
      query: fc.constant(query),
      variables: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }), fc.constant('not an object')),
      operationName: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom('A', 'B', 'Nope', ''),
        fc.anything({ maxDepth: 1 }),
      ),
    }),
  )
  .map((body) => ({
    label: `document ${body.query.slice(0, 40)}`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }));

// ---------- broken HTTP ----------
const http = (request: FuzzRequest): FuzzRequest => request;
const hostileHttp: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }).map((body) =>
    http({
      label: 'broken JSON',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query": ${body}`,
    }),
  ),
  fc.jsonValue({ maxDepth: 3 }).map((v) =>
    http({
      label: 'JSON, not a request',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(v),
    }),
  ),
  fc
    .record({
      type: fc.constantFrom(
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        'application/graphql',
        'application/json; charset=latin1',
        'image/png',
        '',
        'application/json, text/html',
        '*/*',
      ),
      body: fc.constantFrom(
        JSON.stringify({ query: '{ sources { id } }' }),
        'query=%7B%20sources%20%7Bid%7D%7D',
        '<xml/>',
        '--x\r\n\r\n--x--',
      ),
    })
    .map(({ type, body }) =>
      http({ label: `content-type ${type}`, method: 'POST', headers: type ? { 'content-type': type } : {}, body }),
    ),
  fc.integer({ min: 1_050_000, max: 1_200_000 }).map((n) =>
    http({
      label: 'body over the limit',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ sources { id } } #',
      padding: n,
    }),
  ),
  fc
    .constantFrom(
      '{ sources { id } }',
      'mutation { registerSource(input: {name: "x", kind: NGO, grade: A}) { id } }',
      '{',
      '',
    )
    .map((q) =>
      http({
        label: 'GET',
        method: 'GET',
        headers: {},
        search: `?query=${encodeURIComponent(q)}`,
      }),
    ),
  fc.constant(
    http({
      label: 'batch',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array(50).fill({ query: '{ sources { id } }' })),
    }),
  ),
  fc.constant(
    http({
      label: 'accept',
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/html' },
      body: JSON.stringify({ query: '{ sources { id } }' }),
    }),
  ),
);

const hostileRequest = (registry: Registry) =>
  fc.oneof(
    { weight: 6, arbitrary: hostileMutation(registry) },
    { weight: 2, arbitrary: hostileDocument },
    { weight: 2, arbitrary: hostileHttp },
  );

describe(`fuzz: ${RUNS} hostile requests against a populated registry (seed ${SEED})`, () => {
  let app: TestApp;
  let registry: Registry;
  let head: string | undefined;
  beforeAll(async () => {
    app = await TestApp.start();
    registry = await seedRegistry(app);
    head = await lastPosition(app);
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  const statuses = new Map<string, number>();
  /** Sends one request; returns the problems with its answer. */
  async function check(request: FuzzRequest): Promise<string[]> {
    const body =
      request.padding === undefined
        ? request.body
        : JSON.stringify({ query: request.body + 'x'.repeat(request.padding) });
    const res = await fetch(app.url + (request.search ?? ''), {
      method: request.method,
      body,
      headers: { authorization: `Bearer ${app.token}`, ...request.headers },
    });
    const text = await res.text();
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`status ${res.status}`);
    let answer: any;
    try {
      answer = JSON.parse(text);
    } catch {
      problems.push(`not JSON: ${text.slice(0, 80)}`);
    }
    const errors: any[] | undefined = Array.isArray(answer?.errors) ? answer.errors : undefined;
    if ((res.status < 200 || res.status > 299) && !errors?.length) {
      problems.push(`status ${res.status} without an errors array: ${text.slice(0, 120)}`);
    }
    if (res.status === 200 && !answer?.data && !errors?.length) problems.push('200 with neither data nor errors');
    const codes: string[] = [];
    for (const error of errors ?? []) {
      const code = error?.extensions?.code;
      codes.push(String(code));
      if (!CODES.has(code)) problems.push(`unstable code ${code}: ${String(error?.message).slice(0, 120)}`);
      if (code === ErrorCode.INTERNAL_SERVER_ERROR) problems.push(`internal error: ${error.message}`);
    }
    // Requests go one at a time: whatever was appended since the last one is this request's doing.
    const appended = await eventsSince(app, head);
    if (appended.length > 0) head = appended.at(-1)!.position;
    if (errors?.length && appended.length > 0) {
      problems.push(`refused (${codes.join(',')}) but appended ${appended.map((e) => e.type).join(',')}`);
    }
    const key = `${res.status} ${[...new Set(codes)].join(',') || (appended.length > 0 ? 'appended' : '-')}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    return problems;
  }

  it('starts from incidents in every status, investigations and statements', () => {
    expect(new Set(Object.values(registry.statuses))).toEqual(new Set(STATUSES));
    expect(registry.investigations.length).toBeGreaterThan(0);
    expect(registry.statements.length).toBeGreaterThan(0);
  });

  it('answers with data, or errors with stable codes (on every non-2xx too), never half-writes', async () => {
    console.log(`fuzz seed: ${SEED} (set FUZZ_SEED to replay, FUZZ_RUNS for more)`);
    await fc.assert(
      fc.asyncProperty(hostileRequest(registry), async (request) => {
        const problems = await check(request);
        if (problems.length > 0) throw new Error(`${request.label}: ${problems.join('; ')}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
    const counts = [...statuses]
      .sort()
      .map(([k, n]) => `  ${k}: ${n}`)
      .join('\n');
    console.log(`fuzz: ${RUNS} requests; answers by status and code:\n${counts}`);
    // Aimed at real state: most mutations reached a handler (a domain answer), not only the validator.
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(RUNS);
    expect((await app.ok(`{ projectionStatus { eventsApplied } }`)).projectionStatus.eventsApplied).toBeGreaterThan(0);
  });
});
