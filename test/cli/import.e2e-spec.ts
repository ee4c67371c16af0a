import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { type CliRun, readEventsFile, runCli } from '../support/child-cli';
import { ensureBuilt } from '../support/child-service';

/**
 * `import` as a real process on a real SQLite file: validation, --strict, and re-imports that append
 * only differences.
 */
jest.setTimeout(300_000);

const SAMPLES = path.resolve(__dirname, '../../data/samples');
const COMMANDS = [
  'tokens',
  'tokens create',
  'tokens list',
  'tokens revoke',
  'import',
  'export',
  'backup',
  'restore',
  'migrate',
  'rebuild',
  'verify',
];

describe('CLI import', () => {
  let dir: string;
  let env: Record<string, string>;
  const db = () => path.join(dir, 'registry.db');
  const cli = (...args: string[]): Promise<CliRun> => runCli(args, env);
  const csv = (text: string) => parse<Record<string, string>>(text, { columns: true });

  beforeAll(async () => {
    await ensureBuilt();
  }, 200_000);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-cli-import-'));
    env = { SQLITE_PATH: db() };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers --help on every command', async () => {
    for (const command of ['', ...COMMANDS]) {
      const run = await cli(...command.split(' ').filter(Boolean), '--help');
      expect({ command, code: run.code }).toEqual({ command, code: 0 });
      expect(run.stdout).toContain('Usage:');
    }
  });

  it('reports each bad row with its line and field; --strict writes nothing; else the good rows land', async () => {
    expect((await cli('import', path.join(SAMPLES, 'sources.csv'))).stdout).toContain('added 3,');
    const before = (await readEventsFile(db())).length;
    const bad = path.join(SAMPLES, 'with-errors/incidents.csv');

    const strict = await cli('import', bad, '--strict');
    expect(strict.code).toBe(1);
    expect(await readEventsFile(db())).toHaveLength(before);
    const lines = strict.stderr.split('\n');
    const problem = (line: number, field: string) =>
      lines.some((l) => l.startsWith(`${bad}:${line} `) && l.includes(`: ${field}: `));
    expect(problem(3, 'countryCode')).toBe(true);
    expect(problem(4, 'occurredFrom')).toBe(true);
    expect(problem(5, 'delivery')).toBe(true);
    expect(problem(6, 'allegedUser.name')).toBe(true); // refused by the decider (a coalition of one needs its name)
    expect(problem(7, 'externalId')).toBe(true);
    expect(strict.stderr).toContain('nothing written');

    const lenient = await cli('import', bad, '--json');
    expect(lenient.code).toBe(1);
    expect(JSON.parse(lenient.stdout)).toMatchObject({ added: 1, corrected: 0, withdrawn: 0, rejected: 5 });
    const events = await readEventsFile(db());
    expect(events.slice(before).map((e) => e.type)).toEqual(['UseAlleged']);
    expect(events[before].metadata).toMatchObject({
      idempotencyKey: 'import:default:incident:hajjah-2015',
      actor: 'cli-import',
    });
  });

  it('stops between two writes on Ctrl-C, says how far it got (exit 130); the same import again finishes', async () => {
    const file = path.join(dir, 'sources.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => `src-${i},Source number ${i},NGO,B`);
    fs.writeFileSync(file, `externalId,name,kind,grade\n${rows.join('\n')}\n`);
    const stopped = await runCli(['import', file], env, 240_000, async (child) => {
      // Once the first rows are in the file (planning is over), interrupt.
      const written = async () => fs.existsSync(db()) && (await readEventsFile(db())).length > 0;
      for (let i = 0; i < 2400 && !(await written()); i++) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGINT');
    });
    expect(stopped.code).toBe(130);
    const done = Number(/interrupted after (\d+) of 3000 writes/.exec(stopped.stderr)?.[1]);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(3000);
    expect(await readEventsFile(db())).toHaveLength(done);
    const again = await cli('import', file);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`added ${3000 - done}, corrected 0, withdrawn 0, unchanged ${done}, rejected 0`);
    // The next file without those rows keeps them (sources cannot be withdrawn) and names the first few.
    fs.writeFileSync(file, 'externalId,name,kind,grade\nother,Another source,NGO,C\n');
    const kept = await cli('import', file);
    expect(kept.stderr).toMatch(/kept \(this kind cannot be withdrawn\): src-0, .* and 2980 more \(--json lists all\)/);
  });

  it('re-imports idempotently, appends exactly the differences dated --as-of: KNOWN shows each snapshot', async () => {
    await cli('import', path.join(SAMPLES, 'sources.csv'));
    const first = await cli('import', path.join(SAMPLES, 'incidents.csv'), '--as-of', '2016-06-01');
    expect(first.stdout).toContain('added 2, corrected 0, withdrawn 0, unchanged 0, rejected 0');
    const afterFirst = (await readEventsFile(db())).length;

    const again = await cli('import', path.join(SAMPLES, 'incidents.json'), '--as-of', '2016-06-01', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, corrected: 0, withdrawn: 0, unchanged: 2, rejected: 0 });
    expect(await readEventsFile(db())).toHaveLength(afterFirst);

    // Version 2: Hajjah's summary and casualties corrected, Sanaa gone, Saada new.
    const rows = fs.readFileSync(path.join(SAMPLES, 'incidents.csv'), 'utf8').trim().split('\n');
    const hajjah = rows[1]
      .replace('UK-made BL-755 cluster bombs found near Hajjah', 'BL-755 bombs confirmed near Hajjah')
      .replace(',,2,', ',1,4,');
    const saada =
      'saada-2015,2015-04-17,,YEM,Saada,,,,CBU-87,AIR_DROPPED,STATE,SAU,,,,CBU-87 remnants near Saada,2015-05-03,hrw,' +
      'REMNANT_PHOTO,2015-05-03,https://www.hrw.org/news/2015/05/03/yemen,,,';
    const v2 = path.join(dir, 'incidents-v2.csv');
    fs.writeFileSync(v2, [rows[0], hajjah, saada].join('\n'));
    const second = await cli('import', v2, '--as-of', '2016-07-01', '--json');
    expect(JSON.parse(second.stdout)).toMatchObject({
      added: 1,
      corrected: 1,
      withdrawn: 1,
      unchanged: 0,
      rejected: 0,
    });
    const appended = (await readEventsFile(db())).slice(afterFirst);
    expect(appended.map((e) => e.type)).toEqual(['IncidentCorrected', 'UseAlleged', 'IncidentWithdrawn']);
    expect(appended[0].data).toMatchObject({
      correctedOn: '2016-07-01',
      changes: { summary: 'BL-755 bombs confirmed near Hajjah', casualties: { killed: 1, injured: 4 } },
    });
    expect(Object.keys(appended[0].data.changes as object).sort()).toEqual(['casualties', 'summary']);
    expect(appended[2].data).toMatchObject({ withdrawnOn: '2016-07-01' });

    const repeat = await cli('import', v2, '--as-of', '2016-07-01', '--json');
    expect(JSON.parse(repeat.stdout)).toMatchObject({ added: 0, corrected: 0, withdrawn: 0, unchanged: 2 });
    expect(await readEventsFile(db())).toHaveLength(afterFirst + 3);

    const known = async (day: string) =>
      csv((await cli('export', 'incidents', '--as-of', day, '--clock', 'KNOWN')).stdout);
    const june = await known('2016-06-30');
    expect(june.find((r) => r.placeName === 'Hajjah governorate')?.summary).toBe(
      'UK-made BL-755 cluster bombs found near Hajjah',
    );
    expect(june.find((r) => r.placeName === 'Sanaa')?.status).toBe('ALLEGED');
    const july = await known('2016-07-01');
    expect(july.find((r) => r.placeName === 'Hajjah governorate')?.summary).toBe('BL-755 bombs confirmed near Hajjah');
    expect(july.find((r) => r.placeName === 'Sanaa')?.status).toBe('WITHDRAWN');
  });

  it('imports corroborations and statements by external ids, and regrades a source whose grade changed', async () => {
    for (const kind of ['sources', 'incidents', 'corroborations', 'statements']) {
      expect(await cli('import', path.join(SAMPLES, `${kind}.csv`))).toMatchObject({ code: 0 });
    }
    const statements = csv((await cli('export', 'statements')).stdout);
    expect(statements.map((s) => [s.kind, s.speakers, s.incidentIds.split(';').length])).toEqual([
      ['INVESTIGATION_ANNOUNCED', 'GBR', 1],
      ['CONCERN', 'NOR;IRL', 2],
    ]);

    // Situations: registered, unchanged on a re-import, corrected when a field changed.
    const situations = path.join(SAMPLES, 'situations.csv');
    expect(JSON.parse((await cli('import', situations, '--json')).stdout)).toMatchObject({ added: 1, rejected: 0 });
    expect(JSON.parse((await cli('import', situations, '--json')).stdout)).toMatchObject({ added: 0, unchanged: 1 });
    const renamed = path.join(dir, 'situations-renamed.csv');
    fs.writeFileSync(renamed, fs.readFileSync(situations, 'utf8').replace('2015-03-26,,', '2015-03-26,2022-04-02,'));
    const fix = await cli('import', renamed, '--kind', 'situations', '--as-of', '2022-05-01', '--json');
    expect(JSON.parse(fix.stdout)).toMatchObject({ added: 0, corrected: 1 });
    expect((await readEventsFile(db())).at(-1)).toMatchObject({
      type: 'SituationCorrected',
      data: { changes: { period: { from: '2015-03-26', to: '2022-04-02' } }, correctedOn: '2022-05-01' },
    });
    const situationId = (await readEventsFile(db())).find((e) => e.type === 'SituationRegistered')!.data.situationId;

    // Resolution votes: one row per (resolution, State), as voting records list them; one event per resolution.
    const votes = path.join(SAMPLES, 'resolution-votes.csv');
    expect(JSON.parse((await cli('import', votes, '--json')).stdout)).toMatchObject({ added: 1, rejected: 0 });
    const recorded = (await readEventsFile(db())).filter((e) => e.type === 'ResolutionVoteRecorded');
    expect(recorded.map((e) => [e.data.symbol, e.data.votes, (e.data.incidentIds as string[]).length])).toEqual([
      [
        'SAMPLE/RES/2016/1',
        [
          { stateCode: 'NOR', vote: 'YES' },
          { stateCode: 'FRA', vote: 'YES' },
          { stateCode: 'GBR', vote: 'ABSTAIN' },
          { stateCode: 'SAU', vote: 'NO' },
        ],
        2,
      ],
    ]);
    const count = (await readEventsFile(db())).length;
    expect(JSON.parse((await cli('import', votes, '--json')).stdout)).toMatchObject({ added: 0, unchanged: 1 });
    // A changed vote cannot be corrected, and a row disagreeing with its resolution's first row is refused.
    const changed = path.join(dir, 'resolution-votes.csv');
    const lines = fs.readFileSync(votes, 'utf8').trimEnd().split('\n');
    fs.writeFileSync(
      changed,
      [...lines.slice(0, 3), lines[3].replace('GBR,ABSTAIN', 'GBR,YES'), lines[4].replace('2016-12-05', '2016-12-06')]
        .map((l) => `${l}\n`)
        .join(''),
    );
    const refused = await cli('import', changed, '--kind', 'resolution-votes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${changed}:5 `);
    expect(refused.stderr).toMatch(/: adoptedOn: differs from line 2/);
    expect(refused.stderr).toMatch(/: vote: a recorded resolution vote cannot be corrected/);
    expect(await readEventsFile(db())).toHaveLength(count);
    // France's YES is its condemnation of both incidents in the response matrix.
    const matrix = csv((await cli('export', 'matrix', '--subjects', 'incidents')).stdout);
    expect(matrix.filter((r) => r.stateCode === 'FRA').map((r) => [r.kind, r.on, r.resolutionId])).toEqual([
      ['CONDEMNATION', '2016-12-05', recorded[0].data.resolutionId],
      ['CONDEMNATION', '2016-12-05', recorded[0].data.resolutionId],
    ]);
    const bySituation = csv((await cli('export', 'matrix', '--subjects', 'situations')).stdout);
    expect(bySituation.filter((r) => r.stateCode === 'FRA').map((r) => [r.subjectId, r.kind])).toEqual([
      [situationId, 'CONDEMNATION'],
    ]);

    const regraded = path.join(dir, 'sources.csv');
    fs.writeFileSync(
      regraded,
      fs
        .readFileSync(path.join(SAMPLES, 'sources.csv'), 'utf8')
        .replace('NGO,B,https://www.hrw.org', 'NGO,A,https://www.hrw.org'),
    );
    const run = await cli('import', regraded, '--as-of', '2016-08-01', '--json');
    expect(JSON.parse(run.stdout)).toMatchObject({ added: 0, corrected: 1, unchanged: 2 });
    const last = (await readEventsFile(db())).at(-1)!;
    expect(last).toMatchObject({
      type: 'SourceRegraded',
      data: { grade: 'A', previousGrade: 'B', regradedOn: '2016-08-01' },
    });

    // Undone and made again on the same day: each change is recorded (not taken for a retry of the first).
    expect((await cli('import', path.join(SAMPLES, 'sources.csv'), '--as-of', '2016-08-01')).stdout).toContain(
      'corrected 1,',
    );
    expect((await cli('import', regraded, '--as-of', '2016-08-01')).stdout).toContain('corrected 1,');
    const grades = (await readEventsFile(db())).filter((e) => e.type === 'SourceRegraded').map((e) => e.data.grade);
    expect(grades).toEqual(['A', 'B', 'A']);
  });
});
