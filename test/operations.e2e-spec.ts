import { EventStore, type StoredEvent } from '@app/event-store';
import { ALLEGE_USE, REGISTER_SOURCE, sourceInput, yemenAllegation } from './support/fixtures';
import { TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

/** /metrics (prom-client) and the JSON request log (nestjs-pino) of the real service. */
jest.setTimeout(120_000);

const METRICS_TOKEN = 'metrics-scraper-token-0123456789abcdef0123';

/** The value of one sample of the Prometheus text format, or undefined when it is not there. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((w) => present.includes(w))) return Number(match[3]);
  }
  return undefined;
}

async function allEvents(app: TestApp): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const batch of app.app.get(EventStore).readAllBatches()) events.push(...batch);
  return events;
}

describe('operations: /metrics', () => {
  let app: TestApp;
  const base = () => app.url.replace(/\/graphql$/, '');
  const scrape = async (token: string | null = TEST_ADMIN_TOKEN) => {
    const res = await fetch(`${base()}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  beforeAll(async () => {
    app = await TestApp.start({ METRICS_TOKEN });
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  it('needs METRICS_TOKEN or an ADMIN token', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('not-a-known-token-0123456789abcdef0123456789')).status).toBe(401);
    const viewer = (await app.ok('mutation { issueToken(input: { holder: "Viewer", role: VIEWER }) { token } }'))
      .issueToken.token;
    expect((await scrape(viewer)).status).toBe(401);
    expect((await scrape(METRICS_TOKEN)).status).toBe(200);
    const admin = await scrape();
    expect(admin.status).toBe(200);
    expect(admin.type).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('moves the counters with queries, mutations and token failures', async () => {
    const before = (await scrape()).text;
    const count = (text: string, name: string, labels: Record<string, string>) => sample(text, name, labels) ?? 0;
    const registerOk = { operation_name: 'Register', operation_type: 'mutation', result: 'ok' };
    const listOk = { operation_name: 'ListSources', operation_type: 'query', result: 'ok' };

    const register = REGISTER_SOURCE.replace('mutation (', 'mutation Register(');
    const source = (await app.ok(register, { input: sourceInput() })).registerSource;
    await app.ok(register, { input: sourceInput({ name: 'Human Rights Watch' }) });
    await app.ok(ALLEGE_USE, { input: yemenAllegation(source.id) });
    for (let i = 0; i < 3; i++) await app.ok('query ListSources { sources { id } }');
    await app.as(null).gql('query ListSources { sources { id } }');
    await app.as('cmur_unknown_token_0123456789abcdef0123456789').gql('{ sources { id } }');
    await app.gql('{ sources { noSuchField } }');

    const after = (await scrape()).text;
    expect(
      count(after, 'registry_graphql_requests_total', registerOk) -
        count(before, 'registry_graphql_requests_total', registerOk),
    ).toBe(2);
    expect(
      count(after, 'registry_graphql_requests_total', listOk) -
        count(before, 'registry_graphql_requests_total', listOk),
    ).toBe(3);
    const anonymous = { operation_name: 'anonymous', operation_type: 'mutation', result: 'ok' };
    expect(count(after, 'registry_graphql_requests_total', anonymous)).toBeGreaterThanOrEqual(1);
    const refused = { operation_name: 'ListSources', operation_type: 'query', result: 'error' };
    expect(
      count(after, 'registry_graphql_requests_total', refused) -
        count(before, 'registry_graphql_requests_total', refused),
    ).toBe(1);
    expect(
      count(after, 'registry_graphql_requests_total', { operation_type: 'invalid', result: 'error' }),
    ).toBeGreaterThanOrEqual(1);
    const timed = { operation_name: 'ListSources', operation_type: 'query' };
    expect(
      count(after, 'registry_graphql_request_duration_seconds_count', timed) -
        count(before, 'registry_graphql_request_duration_seconds_count', timed),
    ).toBe(4);
    expect(count(after, 'registry_graphql_request_duration_seconds_sum', timed)).toBeGreaterThan(0);

    // Three commands that appended (two sources, one incident): appends, events and group commits move.
    expect(
      count(after, 'registry_event_store_appends_total', {}) - count(before, 'registry_event_store_appends_total', {}),
    ).toBe(3);
    expect(
      count(after, 'registry_event_store_events_appended_total', {}) -
        count(before, 'registry_event_store_events_appended_total', {}),
    ).toBeGreaterThanOrEqual(3);
    expect(
      count(after, 'registry_event_store_group_commit_size_count', {}) -
        count(before, 'registry_event_store_group_commit_size_count', {}),
    ).toBe(3);

    expect(
      count(after, 'registry_token_failures_total', { reason: 'missing' }) -
        count(before, 'registry_token_failures_total', { reason: 'missing' }),
    ).toBe(1);
    expect(
      count(after, 'registry_token_failures_total', { reason: 'unknown' }) -
        count(before, 'registry_token_failures_total', { reason: 'unknown' }),
    ).toBe(1);

    expect(sample(after, 'registry_projection_lag_events')).toBe(0);
    expect(sample(after, 'registry_projection_lag_seconds')).toBe(0);
    expect(sample(after, 'registry_projection_events_applied')).toBe((await allEvents(app)).length);
    expect(sample(after, 'registry_projection_skipped_events')).toBe(0);
    expect(sample(after, 'registry_projection_live')).toBe(1);
    expect(after).toMatch(/^process_resident_memory_bytes /m);
  });
});

describe('operations: JSON logs with a request id that becomes the correlation id', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ LOG_LEVEL: 'log', LOG_FORMAT: 'json' });
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  /** Runs `send` while capturing what the service writes to stdout; returns the JSON lines. */
  async function logged<T>(send: () => Promise<T>): Promise<{ result: T; lines: Record<string, any>[] }> {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    let result: T;
    try {
      result = await send();
      await new Promise((resolve) => setTimeout(resolve, 50)); // the request line is written when the reply ends
    } finally {
      spy.mockRestore();
    }
    const lines = written
      .join('')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, any>);
    return { result, lines };
  }

  async function registerWith(headers: Record<string, string>) {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...headers },
      body: JSON.stringify({
        query: REGISTER_SOURCE,
        variables: { input: sourceInput({ name: `Source ${Math.random()}` }) },
      }),
    });
    const body = (await res.json()) as { data: { registerSource: { id: string } } };
    return { requestId: res.headers.get('x-request-id'), sourceId: body.data.registerSource.id };
  }

  const eventOf = async (sourceId: string) =>
    (await allEvents(app)).find((e) => e.type === 'SourceRegistered' && e.data.sourceId === sourceId);

  it("honours the caller's x-request-id: in the response, the log line and the event's correlation id", async () => {
    const { result, lines } = await logged(() => registerWith({ 'x-request-id': 'ops-test-req-0001' }));
    expect(result.requestId).toBe('ops-test-req-0001');
    const line = lines.find((l) => l.req?.id === 'ops-test-req-0001');
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
    });
    expect(typeof line!.time).toBe('number');
    expect(line!.responseTime).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(lines)).not.toContain(TEST_ADMIN_TOKEN);
    expect((await eventOf(result.sourceId))?.metadata.correlationId).toBe('ops-test-req-0001');
  });

  it('makes a request id when none (or a malformed one) is sent, and uses it the same way', async () => {
    for (const headers of [{}, { 'x-request-id': 'bad id with spaces' }] as Record<string, string>[]) {
      const { result, lines } = await logged(() => registerWith(headers));
      expect(result.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(lines.some((l) => l.req?.id === result.requestId && l.msg === 'request completed')).toBe(true);
      expect((await eventOf(result.sourceId))?.metadata.correlationId).toBe(result.requestId);
    }
  });
});
