import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readEventsFile, runCli } from '../support/child-cli';
import { ChildService, ensureBuilt } from '../support/child-service';

/** The CLI beside a running service on the same SQLite file: each sees the other's writes. */
jest.setTimeout(300_000);

const SAMPLES = path.resolve(__dirname, '../../data/samples');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CLI while the service runs', () => {
  let dir: string;
  let service: ChildService | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    await ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-cli-live-'));
    env = { SQLITE_PATH: path.join(dir, 'registry.db') };
    service = await ChildService.start(env, 60_000);
  }, 240_000);
  afterAll(async () => {
    await service?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports into the running service’s store, and the service shows the result through GraphQL', async () => {
    // A source registered over GraphQL, referred to by its id in an imported row.
    const { registerSource } = await service!.ok<{ registerSource: { id: string } }>(
      'mutation { registerSource(input: { name: "Landmine Monitor", kind: NGO, grade: C }) { id } }',
    );
    expect((await runCli(['import', path.join(SAMPLES, 'sources.csv')], env)).code).toBe(0);
    const rows = fs.readFileSync(path.join(SAMPLES, 'incidents.csv'), 'utf8').trim().split('\n');
    const file = path.join(dir, 'incidents.csv');
    fs.writeFileSync(file, [rows[0], rows[1], rows[2].replace(',hrw,', `,${registerSource.id},`)].join('\n'));
    const run = await runCli(['import', file], env);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('added 2,');

    const query =
      '{ incidents(first: 10) { totalCount edges { node { summary ' +
      'corroborations { source { name } } assessment { status } } } } }';
    let seen:
      | {
          incidents: {
            totalCount: number;
            edges: { node: { summary: string; corroborations: { source: { name: string } }[] } }[];
          };
        }
      | undefined;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(200)) {
      seen = await service!.ok(query);
      if (seen!.incidents.totalCount === 2) break;
    }
    expect(seen!.incidents.totalCount).toBe(2);
    expect(seen!.incidents.edges.map((e) => [e.node.summary, e.node.corroborations[0].source.name]).sort()).toEqual([
      ['Sensor-fuzed submunitions in Sanaa', 'Landmine Monitor'],
      ['UK-made BL-755 cluster bombs found near Hajjah', 'Amnesty International'],
    ]);
  });

  it('backs up while the service writes, and the copy verifies', async () => {
    const writes = Array.from({ length: 10 }, (_, i) =>
      service!.ok(`mutation { registerSource(input: { name: "Outlet ${i}", kind: MEDIA, grade: D }) { id } }`),
    );
    const backup = path.join(dir, 'backup');
    const run = await runCli(['backup', backup], env);
    await Promise.all(writes);
    expect(run.code).toBe(0);
    const copied = await readEventsFile(path.join(backup, 'registry.db'));
    const live = await readEventsFile(env.SQLITE_PATH);
    expect(live.slice(0, copied.length)).toEqual(copied);
    expect(JSON.parse(run.stdout)).toMatchObject({ events: copied.length, tokens: true });
    const verified = await runCli(['verify'], { SQLITE_PATH: path.join(backup, 'registry.db') });
    expect(JSON.parse(verified.stdout)).toMatchObject({ events: copied.length, problems: [] });
  });
});
