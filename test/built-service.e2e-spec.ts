import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtFile, ChildService, ensureBuilt } from './support/child-service';
import { REGISTER_SOURCE, sourceInput } from './support/fixtures';
import { writeLargeStore } from './support/large-store';

/**
 * The service as `npm run build` makes it: one bundled file per thread (scripts/bundle-service.js). It starts on a
 * store large enough for its workers, takes the overview its start-up worker read, refuses bad input as the
 * sources do (class-validator stays one copy, outside the bundle), answers a report, and rebuilds its projection
 * file in its rebuild worker.
 */
jest.setTimeout(180_000);

const until = async (check: () => boolean, timeoutMs: number) => {
  for (const deadline = Date.now() + timeoutMs; !check();) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
};

describe('the built service', () => {
  let dir: string;
  let service: ChildService | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-built-'));
  }, 200_000);
  afterAll(async () => {
    await service?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts from its bundle, uses both workers, validates input and answers', async () => {
    for (const file of ['main.js', 'report-rows.worker.js', 'rebuild.worker.js'])
      expect({ file, exists: fs.existsSync(builtFile(`apps/api/src/${file}`)) }).toEqual({ file, exists: true });
    const dbPath = path.join(dir, 'registry.db');
    const events = await writeLargeStore(dbPath, 3_400);
    expect(events).toBeGreaterThan(10_000);
    service = await ChildService.start({ SQLITE_PATH: dbPath }, 60_000);
    const worker = () => service!.output.includes('read by a worker thread from start-up');
    expect(await until(worker, 60_000)).toBe(true);

    const refused = await service.gql(REGISTER_SOURCE, { input: sourceInput({ name: '', grade: 'Z' }) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { registerSource } = await service.ok<{ registerSource: { id: string } }>(REGISTER_SOURCE, {
      input: sourceInput({ name: 'After the start' }),
    });
    expect(registerSource.id).toEqual(expect.any(String));
    const { speakOutReport } = await service.ok<{ speakOutReport: { incidentIds: string[] } }>(
      '{ speakOutReport { incidentIds } }',
    );
    expect(speakOutReport.incidentIds).toHaveLength(3_400);

    const { rebuildProjections } = await service.ok<{ rebuildProjections: { eventsApplied: number } }>(
      'mutation { rebuildProjections { eventsApplied } }',
    );
    expect(rebuildProjections.eventsApplied).toBeGreaterThan(events);
    expect(service.output).toContain('in a worker thread');
    await service.kill('SIGKILL');
  });

  it("logs pretty lines through pino's transport thread (a terminal without NODE_ENV=production)", async () => {
    service = await ChildService.start({ SQLITE_PATH: path.join(dir, 'pretty.db'), LOG_FORMAT: 'pretty' }, 60_000);
    expect(service.output).toMatch(/INFO \(\d+\): .*GraphQL API at/);
  });
});
