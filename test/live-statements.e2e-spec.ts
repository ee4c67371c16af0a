import { ReadModelService } from '../apps/api/src/read-model/read-model.service';
import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import { CORRECT_STATEMENT, STATEMENT_NODE, STATEMENT_PAGE } from './support/fixtures';
import { logYearOfEvidence, merge, registerSource, speak } from './support/read-side';
import { seedRegistry, type SeededRegistry } from './support/seeded-registry';
import { TestApp } from './support/test-app';
import { fileReady } from './support/file-in-step';

/**
 * Statements asked about now read the projection file's live rows (`LiveReads`): every statement page by
 * page, filtered by delivery dates, kinds and venues or not, and by State, by incident or by both. Each answer
 * equals the one the in-memory model gives while the file does not answer (`readInStep` null: the fallback), and a
 * statement recorded or corrected by a mutation shows at once, then answered by the file.
 */
jest.setTimeout(180_000);

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string } }[];
};

describe('statements asked about now, from the projection file', () => {
  let app: TestApp;
  let seeded: SeededRegistry;
  let incidents: string[];
  let statements: string[];
  let file: ReadStoreService;
  /** Every read of the file since the spy was set: whether it answered (non-null) or left it to the model. */
  let reads: jest.SpyInstance;
  const original = ReadStoreService.prototype.readInStep;
  const answered = () => reads.mock.results.filter((r) => r.value !== null).length;

  /** Until the file shows what the model shows (asked of the unspied method: the spy counts the queries' reads). */
  const inStep = async () => {
    await fileReady(file);
    const { model } = app.app.get(ReadModelService);
    while (original.call(file, model.checkpoint, () => true) === null) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeAll(async () => {
    app = await TestApp.start();
    file = app.app.get(ReadStoreService);
    seeded = await seedRegistry(app);
    const year = await logYearOfEvidence(app);
    incidents = [...seeded.incidents, year.yemen, year.syria];
    statements = Object.values(year.statements);
    const correct = (statementId: string, correctedOn: string, changes: Record<string, unknown>) =>
      app.ok(CORRECT_STATEMENT, { input: { statementId, reason: 'Checked against the record', correctedOn, changes } });
    await correct(year.statements.joint, '2016-06-20', { speakers: ['NOR', 'IRL', 'DEU', 'AUT'] });
    await correct(year.statements.concern, '2016-04-01', { quote: 'NOR: deep concern', kind: 'CONDEMNATION' });
    await correct(year.statements.usa, '2016-09-10', {
      incidentIds: [year.yemen, year.syria],
      deliveredOn: '2016-07-02',
    });
    await registerSource(app, 'Syria Civil Defence', 'B');
    await speak(app, ['GBR', 'FRA'], 'CONDEMNATION', '2016-08-05', [year.syria], { quote: 'Aleppo strike' });
    await merge(app, year.syria, seeded.incidents[2], '2016-08-20');
    await inStep();
  }, 240_000);
  afterAll(() => app?.stop());

  beforeEach(() => {
    reads = jest.spyOn(file, 'readInStep');
  });
  /** `ask` answered while the file does not serve: the model answers (the fallback), what the file is compared with. */
  const byModel = async <T>(ask: () => Promise<T>): Promise<T> => {
    const serving = reads.getMockImplementation();
    reads.mockReturnValue(null);
    try {
      return await ask();
    } finally {
      if (serving) reads.mockImplementation(serving);
      else
        reads.mockImplementation((...args: Parameters<ReadStoreService['readInStep']>) => original.apply(file, args));
    }
  };
  afterEach(() => reads.mockRestore());

  /** Every page of `filter` in `direction`, `first` at a time. */
  const walk = async (filter: Record<string, unknown>, direction: string, first = 2) => {
    const pages: Page[] = [];
    let after: string | undefined;
    do {
      const { statements } = await app.ok<{ statements: Page }>(STATEMENT_PAGE, {
        filter,
        first,
        after,
        orderBy: { field: 'DELIVERED', direction },
      });
      pages.push(statements);
      after = statements.pageInfo.hasNextPage ? statements.pageInfo.endCursor! : undefined;
    } while (after !== undefined);
    return pages;
  };

  const FILTERS = () => [
    {},
    { kind: ['CONDEMNATION'] },
    { kind: ['CONCERN', 'CONDEMNATION'], venue: ['MSP', 'NATIONAL'] },
    { venue: ['UNGA_FIRST_COMMITTEE'] },
    { from: '2016-03-01', to: '2016-07-01' },
    { from: '2016-06-10', kind: ['CONDEMNATION'] },
  ];
  const LISTS = () => [
    { stateCodes: ['NOR', 'GBR'] },
    { stateCodes: ['IRL'] },
    { stateCodes: ['DEU', 'AUT', 'FRA'], kind: ['CONDEMNATION', 'CONCERN'], from: '2016-02-01' },
    { stateCodes: ['USA'], venue: ['NATIONAL', 'MSP', 'UNGA_FIRST_COMMITTEE'] },
    { stateCodes: [] },
    { stateCodes: ['GBR'], kind: [] },
    ...incidents.map((incidentId) => ({ incidentId })),
    ...incidents.map((incidentId) => ({ incidentId, stateCodes: ['GBR', 'NOR', 'USA'] })),
    { incidentId: incidents[incidents.length - 2], kind: ['CONDEMNATION'], to: '2016-12-31' },
    { incidentId: '00000000-0000-4000-8000-000000000000' },
  ];

  it('every page of every filter, both directions, equals the model', async () => {
    let asked = 0;
    for (const filter of FILTERS()) {
      for (const direction of ['ASC', 'DESC']) {
        const got = await walk(filter, direction);
        asked += got.length;
        const model = await byModel(() => walk(filter, direction));
        expect({ filter, direction, got }).toEqual({ filter, direction, got: model });
      }
    }
    expect(answered()).toBe(asked);
    expect(asked).toBeGreaterThan(FILTERS().length * 2);
  });

  it('every page of a list by State, by incident or by both, both directions, equals the model', async () => {
    let asked = 0;
    let listed = 0;
    for (const filter of LISTS()) {
      for (const direction of ['ASC', 'DESC']) {
        const got = await walk(filter, direction);
        asked += got.length;
        listed += got[0].totalCount;
        const model = await byModel(() => walk(filter, direction));
        expect({ filter, direction, got }).toEqual({ filter, direction, got: model });
      }
    }
    expect(answered()).toBe(asked);
    expect(listed).toBeGreaterThan(LISTS().length);
  });

  it('by State, by incident: a statement shows right after it is recorded and corrected; then the file', async () => {
    const [yemen, syria] = [incidents[incidents.length - 2], seeded.incidents[2]];
    const id = await speak(app, ['IRL', 'BEL'], 'CONCERN', '2016-10-03', [yemen]);
    const ids = (pages: Page[]) => pages.flatMap((p) => p.edges.map((e) => e.node.id));
    const lists = async () =>
      Promise.all(
        [{ stateCodes: ['BEL'] }, { incidentId: yemen }, { incidentId: syria, stateCodes: ['DNK'] }].map(
          async (filter) => ids(await walk(filter, 'DESC', 50)).includes(id),
        ),
      );
    expect(await lists()).toEqual([true, true, false]);
    await inStep();
    reads.mockClear();
    expect(await lists()).toEqual([true, true, false]);
    expect(answered()).toBe(3);

    // Its speakers and incidents corrected: the file lists it by what the correction set (read apart, merged in).
    await app.ok(CORRECT_STATEMENT, {
      input: {
        statementId: id,
        reason: 'Misattributed',
        correctedOn: '2016-10-04',
        changes: { speakers: ['DNK'], incidentIds: [syria], deliveredOn: '2016-01-02' },
      },
    });
    expect(await lists()).toEqual([false, false, true]);
    await inStep();
    reads.mockClear();
    expect(await lists()).toEqual([false, false, true]);
    expect(answered()).toBe(3);
    for (const filter of [{ stateCodes: ['DNK', 'IRL'] }, { incidentId: syria }]) {
      for (const direction of ['ASC', 'DESC']) {
        expect(await walk(filter, direction)).toEqual(await byModel(() => walk(filter, direction)));
      }
    }
  });

  it('shows a statement right after the mutation that recorded it, and its correction; then the file', async () => {
    const yemen = incidents[incidents.length - 2];
    const id = await speak(app, ['IRL'], 'CONDEMNATION', '2016-10-01', [yemen], { venue: 'HUMAN_RIGHTS_COUNCIL' });
    const ids = (pages: Page[]) => pages.flatMap((p) => p.edges.map((e) => e.node.id));
    const condemned = async () => ids(await walk({ kind: ['CONDEMNATION'], from: '2016-10-01' }, 'ASC', 50));
    const filed = async () => ids(await walk({ venue: ['HUMAN_RIGHTS_COUNCIL'] }, 'DESC', 50));
    // Right after the write, whoever answers (the model while the file folds it); then the file, the same.
    expect([await condemned(), await filed()]).toEqual([[id], [id]]);
    await inStep();
    reads.mockClear();
    expect([await condemned(), await filed()]).toEqual([[id], [id]]);
    expect(answered()).toBe(2);

    await app.ok(CORRECT_STATEMENT, {
      input: { statementId: id, reason: 'Misfiled', correctedOn: '2016-10-02', changes: { venue: 'MSP' } },
    });
    expect(await filed()).toEqual([]);
    await inStep();
    reads.mockClear();
    expect(await filed()).toEqual([]);
    const got = await walk({ venue: ['MSP'] }, 'ASC');
    expect(ids(got)).toContain(id);
    expect(answered()).toBe(1 + got.length);
    expect(got).toEqual(await byModel(() => walk({ venue: ['MSP'] }, 'ASC')));
  });

  it('answers from the model when the file is not serving', async () => {
    const yemen = incidents[incidents.length - 2];
    const pages = await byModel(async () => {
      const id = await speak(app, ['NZL'], 'CONCERN', '2016-11-01', [yemen]);
      return { id, got: await walk({ kind: ['CONCERN'] }, 'ASC', 50) };
    });
    expect(pages.got.flatMap((p) => p.edges.map((e) => e.node.id))).toContain(pages.id);
    expect(answered()).toBe(0);
    await inStep();
    expect(await walk({ kind: ['CONCERN'] }, 'ASC', 50)).toEqual(pages.got);
    expect(answered()).toBe(1);
  });

  it('one statement by its id: from the file, every field equal to the model; a correction shows at once', async () => {
    const one = `query ($id: ID!) { statement(id: $id) { ${STATEMENT_NODE} } }`;
    for (const id of statements) {
      const got = await app.ok(one, { id });
      expect({ id, got }).toEqual({ id, got: await byModel(() => app.ok(one, { id })) });
    }
    expect(answered()).toBe(statements.length);
    const unknown = await app.gql(one, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [id] = statements;
    await app.ok(CORRECT_STATEMENT, {
      input: { statementId: id, reason: 'Re-dated', correctedOn: '2016-12-01', changes: { deliveredOn: '2016-11-30' } },
    });
    type Shown = { statement: { deliveredOn: string; revision: number } };
    const now = await app.ok<Shown>(one, { id });
    expect(now.statement.deliveredOn).toBe('2016-11-30');
    await inStep();
    reads.mockClear();
    expect(await app.ok(one, { id })).toEqual(now);
    expect(answered()).toBe(1);
  });
});
