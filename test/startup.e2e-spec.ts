import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import { writeLargeStore } from './support/large-store';
import { fileInStep } from './support/file-in-step';
import { sleep } from './support/read-side';
import { TestApp } from './support/test-app';

/**
 * Start-up on a store large enough that the catch-up takes a while (60,000 events written through the
 * store port before boot): the service listens at once, is live but not ready (with its lag in events)
 * and answers queries UNAVAILABLE until it has caught up (and has built its projection file); then ready.
 * Then, with no queue (MAX_QUEUED_REPLAYS=0), lists as of distinct dates are read from the file one at a time:
 * identical requests share one read, distinct ones beyond the bound are refused UNAVAILABLE.
 */
jest.setTimeout(300_000);

const INCIDENTS = 20_000;
const COUNT = /* GraphQL */ `
  query ($asOf: DateTime) {
    incidents(filter: { asOf: $asOf, notYetCondemnedBy: { stateCodes: ["NOR"] } }, first: 1) {
      totalCount
    }
  }
`;

describe('start-up on a large store', () => {
  let dir: string;
  let total: number;
  let app: TestApp;
  const get = async (pathname: string) => {
    const res = await fetch(app.url.replace(/\/graphql$/, pathname));
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-startup-'));
    total = await writeLargeStore(path.join(dir, 'registry.db'), INCIDENTS);
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens at once: live 200; until caught up ready 503 with the lag, queries UNAVAILABLE; then ready', async () => {
    const started = Date.now();
    app = await TestApp.start({
      SQLITE_PATH: path.join(dir, 'registry.db'),
      MAX_QUEUED_REPLAYS: '0',
    });
    const listening = Date.now() - started;

    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'live' } });
    const notReady = await get('/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({
      status: 'unavailable',
      store: 'up',
      lag: { head: String(total), exact: true },
      // The projection file is missing: rebuilt first (nothing open yet, so no checkpoint), then caught up.
      projection: { rebuilding: true, caughtUp: false, live: false, checkpoint: null },
      checks: { store: 'up', projection: 'down' },
    });
    expect(notReady.body.projection.lag).toMatchObject({ checkpoint: null, events: total, exact: true });
    const { lag } = notReady.body;
    expect(lag.events).toBeGreaterThan(0);
    expect(lag.events).toBe(total - Number(lag.checkpoint ?? 0));
    const early = await app.gql('{ incidents(first: 1) { totalCount } }');
    expect(early.errors?.[0].extensions?.code).toBe('UNAVAILABLE');
    expect(early.errors?.[0].message).toMatch(/projection file is (being built|catching up)/);

    // Live keeps answering while it catches up; the lag shrinks to nothing.
    let ready = notReady;
    while (ready.status !== 200) {
      expect((await get('/health/live')).status).toBe(200);
      await sleep(100);
      ready = await get('/health/ready');
    }
    const readyAfter = Date.now() - started;
    expect(ready.body).toMatchObject({
      status: 'ready',
      store: 'up',
      lag: { events: 0, head: String(total), checkpoint: String(total) },
      projection: {
        caughtUp: true,
        live: true,
        rebuilding: false,
        checkpoint: { position: String(total), seq: total },
        lag: { events: 0, head: String(total) },
      },
      checks: { store: 'up', projection: 'up', overall: 'ok' },
    });
    expect((await app.ok('{ incidents(first: 1) { totalCount } }')).incidents.totalCount).toBe(INCIDENTS);
    process.stdout.write(
      `start-up on ${total} events: listening after ${listening} ms, ready after ${readyAfter} ms\n`,
    );
  });

  it('reads lists as of distinct dates one at a time; identical ones share a read; the rest UNAVAILABLE', async () => {
    const file = app.app.get(ReadStoreService);
    await fileInStep(file);
    // Identical cut, at once: one read serves all (with no queue, a second read would be refused).
    const later = new Date(Date.now() + 60_000).toISOString();
    const same = await Promise.all([1, 2, 3, 4].map(() => app.gql(COUNT, { asOf: later })));
    for (const res of same) {
      expect(res.errors).toBeUndefined();
      expect(res.data!.incidents.totalCount).toBe(INCIDENTS);
    }
    // Distinct cuts, at once: one read runs, the others are refused with a clear message.
    const distinct = await Promise.all(
      [1, 2, 3, 4].map((k) => app.gql(COUNT, { asOf: new Date(Date.now() + k * 3_600_000).toISOString() })),
    );
    const refused = distinct.filter((res) => res.errors?.[0].extensions?.code === 'UNAVAILABLE');
    const answered = distinct.filter((res) => !res.errors);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length + answered.length).toBe(4);
    expect(refused[0].errors![0].message).toMatch(/Too many lists as of a date being read/);
    expect(refused[0].errors![0].extensions?.retryable).toBe(true);
    for (const res of answered) expect(res.data!.incidents.totalCount).toBe(INCIDENTS);
    // Once they are done, the next one runs.
    expect((await app.ok(COUNT, { asOf: '2000-01-01T00:00:00Z' })).incidents.totalCount).toBe(0);
  });
});
