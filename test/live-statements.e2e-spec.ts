import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import { CORRECT_STATEMENT, STATEMENT_NODE, STATEMENT_PAGE } from './support/fixtures';
import { logYearOfEvidence, merge, registerSource, speak } from './support/read-side';
import { seedRegistry, type SeededRegistry } from './support/seeded-registry';
import { TestApp } from './support/test-app';
import { afterRebuild, fileReady, fileInStep } from './support/file-in-step';

/**
 * Statements asked about now read the projection file's live rows (`LiveReads`): every statement page by
 * page, filtered by delivery dates, kinds and venues or not, and by State, by incident or by both. The file the
 * service folded live (page by page) answers as one rebuilt from scratch from the same store (`afterRebuild`), and a
 * statement recorded or corrected by a mutation shows at once.
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
  const inStep = async () => {
    await fileReady(file);
    await fileInStep(file);
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
    // One rebuild for the first two tests: every page of every list, folded live, then from scratch.
    live = await walkAll();
    rebuilt = await afterRebuild(file, walkAll);
  }, 240_000);
  afterAll(() => app?.stop());

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

  /** Every page of every filter and list, both directions, in a fixed order. */
  const walkAll = async () => {
    const walked: { filter: Record<string, unknown>; direction: string; pages: Page[] }[] = [];
    for (const filter of [...FILTERS(), ...LISTS()]) {
      for (const direction of ['ASC', 'DESC']) walked.push({ filter, direction, pages: await walk(filter, direction) });
    }
    return walked;
  };
  let live: Awaited<ReturnType<typeof walkAll>>;
  let rebuilt: Awaited<ReturnType<typeof walkAll>>;

  it('every page of every filter, both directions, equals the answer of a file rebuilt from scratch', () => {
    const filters = live.slice(0, FILTERS().length * 2);
    expect(filters.reduce((n, { pages }) => n + pages.length, 0)).toBeGreaterThan(FILTERS().length * 2);
    expect(filters).toEqual(rebuilt.slice(0, FILTERS().length * 2));
  });

  it('every page of a list by State, by incident or by both, both directions, equals the rebuilt file', () => {
    const lists = live.slice(FILTERS().length * 2);
    expect(lists).toHaveLength(LISTS().length * 2);
    expect(lists.reduce((n, { pages }) => n + pages[0].totalCount, 0)).toBeGreaterThan(LISTS().length);
    expect(lists).toEqual(rebuilt.slice(FILTERS().length * 2));
  });

  it('by State, by incident: a statement shows right after it is recorded and corrected, and once folded', async () => {
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
    expect(await lists()).toEqual([true, true, false]);

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
    expect(await lists()).toEqual([false, false, true]);
    const walks = async () => {
      const walked: Page[][] = [];
      for (const filter of [{ stateCodes: ['DNK', 'IRL'] }, { incidentId: syria }]) {
        for (const direction of ['ASC', 'DESC']) walked.push(await walk(filter, direction));
      }
      return walked;
    };
    expect(await walks()).toEqual(await afterRebuild(file, walks));
  });

  it('shows a statement right after the mutation that recorded it, and its correction; and once folded', async () => {
    const yemen = incidents[incidents.length - 2];
    const id = await speak(app, ['IRL'], 'CONDEMNATION', '2016-10-01', [yemen], { venue: 'HUMAN_RIGHTS_COUNCIL' });
    const ids = (pages: Page[]) => pages.flatMap((p) => p.edges.map((e) => e.node.id));
    const condemned = async () => ids(await walk({ kind: ['CONDEMNATION'], from: '2016-10-01' }, 'ASC', 50));
    const filed = async () => ids(await walk({ venue: ['HUMAN_RIGHTS_COUNCIL'] }, 'DESC', 50));
    // Right after the write, then once the file shows every event: the same.
    expect([await condemned(), await filed()]).toEqual([[id], [id]]);
    await inStep();
    expect([await condemned(), await filed()]).toEqual([[id], [id]]);

    await app.ok(CORRECT_STATEMENT, {
      input: { statementId: id, reason: 'Misfiled', correctedOn: '2016-10-02', changes: { venue: 'MSP' } },
    });
    expect(await filed()).toEqual([]);
    await inStep();
    expect(await filed()).toEqual([]);
    const got = await walk({ venue: ['MSP'] }, 'ASC');
    expect(ids(got)).toContain(id);
    expect(got).toEqual(await afterRebuild(file, () => walk({ venue: ['MSP'] }, 'ASC')));
  });

  it('is UNAVAILABLE (retryable) while the file is not serving, never an empty page', async () => {
    const notServing = jest.spyOn(file, 'servingFile', 'get').mockReturnValue(null);
    try {
      const page = await app.gql(STATEMENT_PAGE, { filter: { kind: ['CONCERN'] }, first: 50 });
      const one = await app.gql(`query ($id: ID!) { statement(id: $id) { id } }`, { id: statements[0] });
      expect([page.errors?.[0]?.extensions?.code, one.errors?.[0]?.extensions?.code]).toEqual([
        'UNAVAILABLE',
        'UNAVAILABLE',
      ]);
    } finally {
      notServing.mockRestore();
    }
    expect((await walk({ kind: ['CONCERN'] }, 'ASC', 50))[0].totalCount).toBeGreaterThan(0);
  });

  it('one statement by its id: every field as a rebuilt file answers; a correction shows at once', async () => {
    const one = `query ($id: ID!) { statement(id: $id) { ${STATEMENT_NODE} } }`;
    const each = async () => {
      const got: unknown[] = [];
      for (const id of statements) got.push({ id, got: await app.ok(one, { id }) });
      return got;
    };
    const got = await each();
    expect(got).toHaveLength(statements.length);
    expect(got).toEqual(await afterRebuild(file, each));
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
    expect(await app.ok(one, { id })).toEqual(now);
  });
});
