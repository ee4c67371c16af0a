import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { openSqliteEventStore, type StoredEvent } from '@app/event-store';
import { type CliRun, readEventsFile, runCli } from '../support/child-cli';
import { ensureBuilt } from '../support/child-service';

/** export, backup, restore, migrate and verify as real processes on real SQLite files. */
jest.setTimeout(300_000);

const SAMPLES = path.resolve(__dirname, '../../data/samples');
const portable = (e: StoredEvent) => ({
  id: e.id,
  stream: e.stream,
  revision: e.revision,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
});

describe('CLI export, backup, restore, migrate, verify', () => {
  let dir: string;
  let source: string;
  const cli = (env: Record<string, string>, ...args: string[]): Promise<CliRun> => runCli(args, env);
  const onSource = (...args: string[]) => cli({ SQLITE_PATH: source }, ...args);

  beforeAll(async () => {
    await ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-cli-export-'));
    source = path.join(dir, 'source/registry.db');
    for (const kind of ['sources', 'incidents', 'corroborations', 'statements']) {
      const run = await onSource('import', path.join(SAMPLES, `${kind}.csv`));
      if (run.code !== 0) throw new Error(`import ${kind} failed: ${run.stderr}`);
    }
    expect((await onSource('tokens', 'create', 'Jane Doe', 'RESEARCHER')).code).toBe(0);
  }, 400_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exports incidents with their assessment as CSV and GeoJSON, statements as CSV, the log as NDJSON', async () => {
    const rows = parse<Record<string, string>>((await onSource('export', 'incidents')).stdout, { columns: true });
    expect(rows.map((r) => [r.placeName, r.status, r.readiness])).toEqual([
      ['Hajjah governorate', 'CONFIRMED', 'CONDEMN'],
      ['Sanaa', 'ALLEGED', 'CONCERN'],
    ]);
    const out = path.join(dir, 'incidents.geojson');
    expect((await onSource('export', 'incidents', '--format', 'geojson', '--out', out)).code).toBe(0);
    const geo = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(geo.type).toBe('FeatureCollection');
    expect(
      geo.features.map(
        (f: { id: string; geometry: { coordinates: number[] }; properties: { status: string; readiness: string } }) => [
          f.id,
          f.geometry.coordinates,
          f.properties.status,
          f.properties.readiness,
        ],
      ),
    ).toEqual([
      [rows[0].id, [43.6, 15.69], 'CONFIRMED', 'CONDEMN'],
      [rows[1].id, [44.2, 15.35], 'ALLEGED', 'CONCERN'],
    ]);
    const statements = parse<Record<string, string>>((await onSource('export', 'statements')).stdout, {
      columns: true,
    });
    expect(statements.map((s) => [s.kind, s.namesUser, s.quote])).toEqual([
      ['INVESTIGATION_ANNOUNCED', 'true', 'We will carry out a full investigation.'],
      ['CONCERN', 'false', 'We are deeply concerned by reports of use in Yemen.'],
    ]);
    const lines = (await onSource('export', 'events')).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(
      (await readEventsFile(source)).map((e) => ({
        ...portable(e),
        position: e.position,
        recordedAt: e.recordedAt.toISOString(),
      })),
    );
  });

  it('exports the response matrix (States Parties x incidents) as CSV as of a day; all exports to --dir', async () => {
    const matrix = (...args: string[]) =>
      onSource('export', 'matrix', ...args).then((run) => parse<Record<string, string>>(run.stdout, { columns: true }));
    const incidents = parse<Record<string, string>>((await onSource('export', 'incidents')).stdout, { columns: true });
    const rows = await matrix('--subjects', 'incidents');
    const nor = rows.filter((r) => r.stateCode === 'NOR');
    expect(nor.map((r) => [r.subjectKind, r.subjectId, r.kind, r.scope, r.on])).toEqual(
      incidents.map((i) => ['INCIDENT', i.id, 'CONCERN', 'INCIDENT', '2016-09-05']),
    );
    const fra = rows.filter((r) => r.stateCode === 'FRA');
    expect(fra.map((r) => [r.ccmStatus, r.kind])).toEqual(incidents.map(() => ['STATE_PARTY', '']));
    expect(rows.length % incidents.length).toBe(0);
    expect(rows.length / incidents.length).toBeGreaterThan(90); // every State Party, not only those that spoke
    // Before Norway spoke: no response; the report date is the --as-of day.
    const before = await matrix('--subjects', 'incidents', '--as-of', '2016-06-01', '--clock', 'KNOWN');
    expect(before.filter((r) => r.stateCode === 'NOR').map((r) => [r.asOf, r.kind])).toEqual(
      incidents.map(() => ['2016-06-01', '']),
    );
    const bad = await onSource('export', 'matrix', '--subjects', 'states');
    expect(bad.code).toBe(2);

    const all = path.join(dir, 'all');
    expect((await onSource('export', 'all', '--dir', all)).code).toBe(0);
    expect(parse(fs.readFileSync(path.join(all, 'matrix.csv'), 'utf8'), { columns: true })).toEqual(await matrix());
  });

  it('backs up events and tokens; restores a backup and an NDJSON log into empty stores, event by event', async () => {
    const backup = path.join(dir, 'backup');
    expect((await onSource('backup', backup)).code).toBe(0);
    expect(fs.existsSync(path.join(backup, 'tokens.db'))).toBe(true);
    const original = await readEventsFile(source);

    const fromBackup = path.join(dir, 'restored/registry.db');
    expect((await cli({ SQLITE_PATH: fromBackup }, 'restore', backup)).code).toBe(0);
    expect(await readEventsFile(fromBackup)).toEqual(original); // recording times included
    expect((await cli({ SQLITE_PATH: fromBackup }, 'tokens', 'list')).stdout).toContain('Jane Doe');

    const log = path.join(dir, 'events.ndjson');
    await onSource('export', 'events', '--out', log);
    const fromLog = path.join(dir, 'from-log/registry.db');
    expect((await cli({ SQLITE_PATH: fromLog }, 'restore', log)).code).toBe(0);
    expect((await readEventsFile(fromLog)).map(portable)).toEqual(original.map(portable));

    const again = await cli({ SQLITE_PATH: fromLog }, 'restore', log);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not empty');
    expect(await readEventsFile(fromLog)).toHaveLength(original.length);
  });

  it('migrates SQLite to SQLite, refuses a non-empty target, resumes after an interruption, and verifies', async () => {
    const original = await readEventsFile(source);
    const target = path.join(dir, 'migrated/registry.db');
    // An interrupted migration: the first events only, as a copy through the port would have left them.
    const partial = openSqliteEventStore(target);
    for (const e of original.slice(0, 3))
      await partial.append(e.stream, [portable(e)], {
        expectedRevision: e.revision === 0 ? 'no_stream' : e.revision - 1,
      });
    await partial.close();

    const refused = await onSource('migrate', '--from', 'sqlite', '--to', 'sqlite', '--to-path', target);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--resume');
    const resumed = await onSource('migrate', '--from', 'sqlite', '--to', 'sqlite', '--to-path', target, '--resume');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      resumedAfter: 3,
      verified: true,
      target: { events: original.length },
    });
    expect((await readEventsFile(target)).map(portable)).toEqual(original.map(portable));

    const verified = await cli({ SQLITE_PATH: target }, 'verify');
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ events: original.length, problems: [] });
  });

  it('verify finds an event that does not parse', async () => {
    const broken = path.join(dir, 'broken/registry.db');
    const log = path.join(dir, 'to-break.ndjson');
    await onSource('export', 'events', '--out', log);
    await cli({ SQLITE_PATH: broken }, 'restore', log);
    const store = openSqliteEventStore(broken);
    await store.append('incident-x', [
      {
        id: '0190a0a0-0000-7000-8000-000000000001',
        type: 'UseAlleged',
        data: { nonsense: true },
        metadata: { actor: 't', correlationId: 'c' },
      },
    ]);
    await store.close();
    const run = await cli({ SQLITE_PATH: broken }, 'verify');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).problems).toEqual([
      'event 0190a0a0-0000-7000-8000-000000000001 (UseAlleged) does not parse or upcast',
    ]);
  });

  const kurrent = process.env.KURRENTDB_CONNECTION_STRING;
  if (kurrent) {
    it('migrates SQLite to KurrentDB and back, verified', async () => {
      const there = await onSource('migrate', '--from', 'sqlite', '--to', 'kurrentdb', '--to-url', kurrent);
      expect(JSON.parse(there.stdout)).toMatchObject({ verified: true });
      const back = path.join(dir, 'back/registry.db');
      const home = await cli(
        { SQLITE_PATH: back },
        'migrate',
        '--from',
        'kurrentdb',
        '--from-url',
        kurrent,
        '--to',
        'sqlite',
        '--to-path',
        back,
      );
      expect(JSON.parse(home.stdout)).toMatchObject({ verified: true });
      expect((await readEventsFile(back)).map(portable)).toEqual((await readEventsFile(source)).map(portable));
    });
  } else {
    process.stdout.write('CLI migrate to KurrentDB skipped: KURRENTDB_CONNECTION_STRING not set\n');
  }
});
