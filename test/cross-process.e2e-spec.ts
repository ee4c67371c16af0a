import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { uuidv7 } from '@app/event-store';
import { builtFile, ensureBuilt } from './support/child-service';
import { TestApp } from './support/test-app';

/**
 * Another process appends to the SQLite file the running service uses (a CLI import, a second instance,
 * a restore): a child `node` process writing through our SQLite store adapter. The service must show it
 * within 2 s, with no commit of its own to wake its subscription.
 */
jest.setTimeout(120_000);

const run = promisify(execFile);
const SOURCE = /* GraphQL */ `
  query ($id: ID!) {
    source(id: $id) {
      id
      name
      grade
    }
  }
`;

/** The child: opens the file through the adapter, appends one SourceRegistered, prints when it committed. */
const CHILD = `
const { openSqliteEventStore } = require(process.env.EVENT_STORE_JS);
(async () => {
  const store = openSqliteEventStore(process.env.SQLITE_PATH);
  const id = process.env.SOURCE_ID;
  const metadata = { actor: 'other-process', correlationId: id, schemaVersion: 1 };
  const data = { sourceId: id, name: 'Written elsewhere', kind: 'NGO', grade: 'C' };
  await store.append('source-' + id, [{ id, type: 'SourceRegistered', data, metadata }]);
  await store.close();
  process.stdout.write(String(Date.now()));
})().catch((e) => { console.error(e); process.exit(1); });`;

describe('commits made by another process', () => {
  let app: TestApp;
  beforeAll(async () => {
    await ensureBuilt();
    app = await TestApp.start();
  }, 200_000);
  afterAll(async () => {
    await app.stop();
  });

  it('are shown by the running service within 2 s', async () => {
    for (const round of [1, 2]) {
      const id = uuidv7();
      expect((await app.gql(SOURCE, { id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const { stdout } = await run(process.execPath, ['-e', CHILD], {
        env: {
          PATH: process.env.PATH,
          EVENT_STORE_JS: builtFile('libs/event-store/src/index.js'),
          SQLITE_PATH: `${app.dir}/registry.db`,
          SOURCE_ID: id,
        },
      });
      const committedAt = Number(stdout);
      let res = await app.gql(SOURCE, { id });
      while (res.errors && Date.now() - committedAt < 5_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        res = await app.gql(SOURCE, { id });
      }
      const seenAfter = Date.now() - committedAt;
      expect(res.data?.source).toEqual({ id, name: 'Written elsewhere', grade: 'C' });
      expect(seenAfter).toBeLessThan(2_000);
      process.stdout.write(`round ${round}: another process's commit shown after ${seenAfter} ms\n`);
    }
  });
});
