import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { openSqliteEventStore } from '@app/event-store';
import { type Cut, isoDateOf, milestonesOf, modelReportSource, responseMatrix } from '@app/projections';
import { ReferenceData } from '../../apps/api/src/reference/reference-data';
import { type CliRun, runCli } from '../support/child-cli';
import { ensureBuilt } from '../support/child-service';
import { foldStore } from '../support/fold-store';

/**
 * `export` reads the projection file (the readers the service's questions use) and the statements' words from the
 * store: at cuts on both clocks and now, each export equals what the reference fold of the store up to the cut
 * says (incidents with their assessment, statements with their words then, the response matrix), in its order. The
 * registry is imported twice: a statement's quote corrected and a statement added by the second import.
 */
jest.setTimeout(300_000);

const SAMPLES = path.resolve(__dirname, '../../data/samples');
const REFERENCE = new ReferenceData(path.resolve(__dirname, '../../data/reference'));

describe('CLI export as of a cut, from the projection file, against the reference fold', () => {
  let dir: string;
  let db: string;
  let between: Date;
  const cli = (...args: string[]): Promise<CliRun> => runCli(args, { SQLITE_PATH: db });
  const csv = (text: string) => parse<Record<string, string>>(text, { columns: true });
  const ok = async (...args: string[]) => {
    const run = await cli(...args);
    if (run.code !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout;
  };

  beforeAll(async () => {
    await ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-cli-export-as-of-'));
    db = path.join(dir, 'registry.db');
    for (const kind of ['sources', 'incidents', 'corroborations', 'statements'])
      await ok('import', path.join(SAMPLES, `${kind}.csv`), '--as-of', '2017-01-01');
    between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const lines = fs.readFileSync(path.join(SAMPLES, 'statements.csv'), 'utf8').trimEnd().split('\n');
    const second = path.join(dir, 'statements.csv');
    fs.writeFileSync(
      second,
      [
        ...lines.map((l) => l.replace('deeply concerned by reports', 'gravely concerned by reports')),
        'fra-2018,FRA,,CONDEMNATION,UNGA,2018-03-01,hajjah-2015,false,France condemns this use.,' +
          'https://example.org/fra,,',
      ].join('\n'),
    );
    await ok('import', second, '--as-of', '2019-06-01');
  }, 400_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cuts = (): (Cut | undefined)[] => [
    { clock: 'KNOWN', at: new Date('2016-06-30T23:59:59.999Z') },
    { clock: 'KNOWN', at: new Date('2018-12-31T23:59:59.999Z') },
    { clock: 'RECORDED', at: between },
    undefined,
  ];
  const asOf = (cut: Cut | undefined) => (cut ? ['--as-of', cut.at.toISOString(), '--clock', cut.clock] : []);

  it('incidents, statements and the matrix at each cut equal the reference fold', async () => {
    const quotes = new Set<string>();
    for (const cut of cuts()) {
      const store = openSqliteEventStore(db);
      const model = await foldStore(store, cut).finally(() => store.close());
      const where = cut ? `${cut.clock} ${cut.at.toISOString()}` : 'now';

      const incidents = csv(await ok('export', 'incidents', ...asOf(cut)));
      const wantIncidents = [...model.incidents.values()]
        .filter((i) => !i.mergedInto)
        .sort((a, b) =>
          a.details.occurredFrom === b.details.occurredFrom
            ? a.incidentId.localeCompare(b.incidentId)
            : a.details.occurredFrom.localeCompare(b.details.occurredFrom),
        )
        .map((i) => [
          i.incidentId,
          i.assessment.status,
          i.assessment.statusSince ?? '',
          milestonesOf(i).confirmedOn ?? '',
        ]);
      expect({ where, got: incidents.map((r) => [r.id, r.status, r.statusSince, r.firstConfirmedOn]) }).toEqual({
        where,
        got: wantIncidents,
      });

      const statements = csv(await ok('export', 'statements', ...asOf(cut)));
      const wantStatements = [...model.statements.values()]
        .sort((a, b) => (a.deliveredOn === b.deliveredOn ? a.seq - b.seq : a.deliveredOn < b.deliveredOn ? -1 : 1))
        .map((s) => [s.statementId, s.deliveredOn, s.kind, s.speakers.join(';'), s.quote, s.citation.url]);
      const got = statements.map((s) => [s.id, s.deliveredOn, s.kind, s.speakers, s.quote, s.citationUrl]);
      expect({ where, got }).toEqual({ where, got: wantStatements });
      for (const s of statements) quotes.add(s.quote);

      const matrix = csv(await ok('export', 'matrix', ...asOf(cut)));
      const { asOf: day, rows } = responseMatrix(
        modelReportSource(model),
        REFERENCE.ccmStates,
        {
          situationIds: [...model.situations.keys()].sort(),
          incidentIds: wantIncidents.map(([id]) => id),
        },
        cut ? isoDateOf(cut.at) : undefined,
      );
      const shown = (row: object) => {
        const r = row as Record<string, unknown>;
        return [r.stateCode, r.subjectId, r.kind ?? '', r.on ?? '', String(r.lagDays ?? '')];
      };
      expect({ where, day: matrix[0]?.asOf, got: matrix.map(shown) }).toEqual({ where, day, got: rows.map(shown) });
    }
    // The cuts differ: the corrected quote and the original one were each exported at some cut.
    expect([...quotes].filter((q) => /concerned by reports/.test(q)).sort()).toEqual([
      'We are deeply concerned by reports of use in Yemen.',
      'We are gravely concerned by reports of use in Yemen.',
    ]);
  });

  it('export all writes every file from one snapshot, and counts the statements of the cut', async () => {
    const out = path.join(dir, 'all');
    const run = await cli('export', 'all', '--dir', out, '--as-of', '2018-12-31', '--clock', 'KNOWN');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/; 2 incidents; 3 statements; /);
    expect(csv(fs.readFileSync(path.join(out, 'statements.csv'), 'utf8')).map((s) => s.quote)).toEqual([
      'We will carry out a full investigation.',
      'We are deeply concerned by reports of use in Yemen.',
      'France condemns this use.',
    ]);
  });
});
