import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import {
  INCIDENT_EVERY_FIELD,
  CONCLUDE_INVESTIGATION,
  CORRECT_INCIDENT,
  CORRECT_STATEMENT,
  investigationInput,
  MERGE_INCIDENTS,
  OPEN_INVESTIGATION,
  RETRACT_CORROBORATION,
} from './support/fixtures';
import { allege, corroborate, registerSource, speak } from './support/read-side';
import { seedRegistry, type SeededRegistry } from './support/seeded-registry';
import { TestApp } from './support/test-app';
import { afterRebuild, fileReady, fileInStep } from './support/file-in-step';

/**
 * The questions about now read the projection file's live rows (`LiveReads`): one incident, with the assessment
 * and history the fold stored. The file the service folded live (page by page, assessing each page) must answer as
 * one rebuilt from scratch from the same store (`afterRebuild`). A query right after a mutation shows it.
 */
jest.setTimeout(180_000);

const NODE = `${INCIDENT_EVERY_FIELD} investigations { id } statements { id } corrections { reason }`;
const ONE = `query ($id: ID!) { incident(id: $id) { ${NODE} } }`;
const LIST = /* GraphQL */ `
  query ($filter: IncidentFilterInput, $orderBy: IncidentOrderInput, $first: Int, $after: String) {
    incidents(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { ${NODE} } }
      tally { status readiness count } map { countryCodes groups { status coordinates } withoutCoordinates }
    }
  }
`;
const BARE = `query ($id: ID!) { incident(id: $id) { id assessment { status readiness } } }`;

describe('incidents asked about now, from the projection file', () => {
  let app: TestApp;
  let seeded: SeededRegistry;
  let file: ReadStoreService;

  const inStep = () => fileInStep(file);

  const SHAPES = [
    'id source { name }',
    'id retractedOn source { grade }',
    '... on Corroboration { summary } id stance',
    'id retractionReason publishedOn',
  ];
  const FILTERS = [
    {},
    { countryCode: 'YEM' },
    { status: ['CONFIRMED', 'CONTESTED'] },
    { readiness: 'CONCERN', allegedUser: 'SAU' },
    { munitionType: 'bl-755', occurredFrom: '2015-01-01', occurredTo: '2017-01-01' },
    { text: 'DUPLICATE' },
    { firstConfirmedFrom: '2000-01-01' },
  ];
  const ORDERS = [
    { field: 'OCCURRED', direction: 'ASC' },
    { field: 'STATUS_CHANGED', direction: 'DESC' },
  ];
  type Page = {
    incidents: { totalCount: number; edges: unknown[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
  };

  /** Every question of the first tests on the seeded store, in a fixed order: asked of the live file, then rebuilt. */
  const askAll = async () => {
    const ones: unknown[] = [];
    for (const id of seeded.incidents) ones.push({ id, got: await app.ok(ONE, { id }) });
    const shapes: unknown[] = [];
    for (const id of seeded.incidents) {
      for (const shape of SHAPES) {
        const query = `query ($id: ID!) { incident(id: $id) { id assessment { status } corroborations { ${shape} } } }`;
        shapes.push({ id, shape, got: await app.ok(query, { id }) });
      }
    }
    const lists: { variables: unknown; got: Page }[] = [];
    for (const filter of FILTERS) {
      for (const orderBy of ORDERS) {
        let after: string | undefined;
        do {
          const variables = { filter, orderBy, first: 2, after };
          const got = await app.ok<Page>(LIST, variables);
          lists.push({ variables, got });
          after = got.incidents.pageInfo.hasNextPage ? got.incidents.pageInfo.endCursor : undefined;
        } while (after !== undefined);
      }
    }
    return { ones, shapes, lists };
  };
  let live: Awaited<ReturnType<typeof askAll>>;
  let rebuilt: Awaited<ReturnType<typeof askAll>>;

  beforeAll(async () => {
    app = await TestApp.start();
    file = app.app.get(ReadStoreService);
    seeded = await seedRegistry(app);
    await fileReady(file);
    await inStep();
    // One rebuild for the first three tests: the seeded store's answers, folded live, then from scratch.
    live = await askAll();
    rebuilt = await afterRebuild(file, askAll);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('one incident, every field, equals the answer of a file rebuilt from scratch', () => {
    expect(live.ones).toHaveLength(seeded.incidents.length);
    expect(live.ones).toEqual(rebuilt.ones);
  });

  it('one incident, asking some fields of its corroborations (each read when asked), equals the rebuilt file', () => {
    expect(live.shapes).toHaveLength(seeded.incidents.length * SHAPES.length);
    expect(live.shapes).toEqual(rebuilt.shapes);
  });

  it('lists, every filter and both sorts, page by page, with tally and map, equal the rebuilt file', () => {
    expect(live.lists.length).toBeGreaterThan(FILTERS.length * ORDERS.length);
    expect(live.lists.some(({ got }) => got.incidents.edges.length > 0)).toBe(true);
    expect(live.lists).toEqual(rebuilt.lists);
  });

  it('an unknown id is NOT_FOUND', async () => {
    const got = await app.gql(BARE, { id: 'no-such-incident' });
    expect(got.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('while the file is not serving, a question about now is UNAVAILABLE (retryable), not a wrong answer', async () => {
    const notServing = jest.spyOn(file, 'servingFile', 'get').mockReturnValue(null);
    try {
      for (const [query, variables] of [
        [BARE, { id: seeded.incidents[0] }],
        [LIST, { first: 2 }],
        ['{ sources { id } }', {}],
      ] as const) {
        const got = await app.gql(query, variables);
        expect({ query, code: got.errors?.[0]?.extensions?.code }).toEqual({ query, code: 'UNAVAILABLE' });
      }
    } finally {
      notServing.mockRestore();
    }
    expect((await app.ok<{ incident: { id: string } }>(BARE, { id: seeded.incidents[0] })).incident.id).toBe(
      seeded.incidents[0],
    );
  });

  it('a query right after each mutation shows it; once the file shows every event, the same', async () => {
    /** `query` right after a write, then again once the file shows every event: both show the write. */
    const twice = async <T>(query: () => Promise<T>): Promise<T> => {
      const now = await query();
      await inStep();
      expect(await query()).toEqual(now);
      return now;
    };
    const source = await registerSource(app, 'Conflict Armament Research', 'A');
    const other = await registerSource(app, 'Yemen Data Project', 'B');
    const id = await allege(app, source, { summary: 'Submunitions found near Saada' });
    const first = await twice(() => app.ok<{ incident: { id: string; corroborations: unknown[] } }>(ONE, { id }));
    expect(first.incident.id).toBe(id);
    expect(first.incident.corroborations).toHaveLength(1);
    await corroborate(app, id, other, '2016-02-01', ['REMNANT_PHOTO']);
    type Corroborations = { incident: { corroborations: { id: string; source: { name: string } }[] } };
    const second = await twice(() => app.ok<Corroborations>(ONE, { id }));
    expect(second.incident.corroborations.map((c) => c.source.name)).toEqual([
      'Conflict Armament Research',
      'Yemen Data Project',
    ]);
    await app.ok(RETRACT_CORROBORATION, {
      input: {
        incidentId: id,
        corroborationId: second.incident.corroborations[1].id,
        reason: 'Photo from another conflict',
        retractedOn: '2016-02-10',
      },
    });
    const third = await twice(() =>
      app.ok<{ incident: { corroborations: { retractedOn: string | null }[] } }>(ONE, { id }),
    );
    expect(third.incident.corroborations[1].retractedOn).toBe('2016-02-10');
    type Listed = { incidents: { totalCount: number; edges: { node: { id: string } }[] } };
    const listed = await twice(() => app.ok<Listed>(LIST, { filter: { text: 'Saada' } }));
    expect(listed.incidents.edges.map((e) => e.node.id)).toEqual([id]);
    // The writes folded live, page by page, answer as a file rebuilt from scratch.
    const ask = async () => [await app.ok(ONE, { id }), await app.ok(LIST, { filter: { text: 'Saada' } })];
    expect(await ask()).toEqual(await afterRebuild(file, ask));
  });

  it('one incident’s revision and corrections come from the file, right after a write and then', async () => {
    const query = `query ($id: ID!) { incident(id: $id) { id revision corrections { fields reason correctedOn } } }`;
    type Shown = { incident: { revision: number; corrections: { fields: string[] }[] } };
    const id = seeded.incidents[0];
    const before = await app.ok<Shown>(query, { id });
    await app.ok(CORRECT_INCIDENT, {
      input: { incidentId: id, changes: { summary: 'Re-read' }, reason: 'Typo', correctedOn: '2016-07-01' },
    });
    const now = await app.ok<Shown>(query, { id });
    expect(now.incident.revision).toBe(before.incident.revision + 1);
    expect(now.incident.corrections.at(-1)).toEqual({ fields: ['summary'], reason: 'Typo', correctedOn: '2016-07-01' });
    await inStep();
    expect(await app.ok(query, { id })).toEqual(now);
  });

  it('every source now comes from the file, as rebuilt from scratch; a regrade shows at once', async () => {
    const query = `{ sources { id revision name kind grade stateCode parentOrganisation organisationId aliases
      mergedDuplicates mergedInto { canonicalSourceId reason mergedOn }
      grades { grade previousGrade regradedOn reason recordedAt } } }`;
    type Sources = { sources: { id: string; grade: string; revision: number }[] };
    const got = await app.ok<Sources>(query);
    expect(got.sources.length).toBeGreaterThan(1);
    const id = await registerSource(app, 'Landmine Monitor', 'C');
    await app.ok(`mutation ($input: RegradeSourceInput!) { regradeSource(input: $input) { id } }`, {
      input: { sourceId: id, newGrade: 'B', reason: 'Field team verified', regradedOn: '2016-05-01' },
    });
    const shown = (r: Sources) => r.sources.find((s) => s.id === id);
    expect(shown(await app.ok<Sources>(query))).toMatchObject({ grade: 'B', revision: 1 });
    await inStep();
    const filed = await app.ok<Sources>(query);
    expect(shown(filed)).toMatchObject({ grade: 'B', revision: 1 });
    const one = query.replace('{ sources {', 'query ($id: ID!) { source(id: $id) {');
    expect(await app.ok(one, { id })).toEqual({ source: shown(filed) });
    const ask = async () => [await app.ok(query), await app.ok(one, { id })];
    expect(await ask()).toEqual(await afterRebuild(file, ask));
    const unknown = await app.gql(one, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('one investigation now comes from the file, as rebuilt from scratch; its conclusion shows at once', async () => {
    const [a, b] = seeded.incidents;
    const ONE_INVESTIGATION = `query ($id: ID!) { investigation(id: $id) { id revision
      investigator { kind stateCode name sourceId } incidentIds mandate openedOn outcome findings concludedOn
      recordedAt } }`;
    type Shown = { investigation: { id: string; incidentIds: string[]; outcome: string | null; revision: number } };
    const { openInvestigation } = await app.ok<{ openInvestigation: { id: string } }>(OPEN_INVESTIGATION, {
      input: investigationInput([b, a]),
    });
    const id = openInvestigation.id;
    expect((await app.ok<Shown>(ONE_INVESTIGATION, { id })).investigation.incidentIds).toEqual([b, a]);
    await inStep();
    const opened = await app.ok<Shown>(ONE_INVESTIGATION, { id });
    expect(opened.investigation).toMatchObject({ incidentIds: [b, a], outcome: null, revision: 0 });
    await app.ok(CONCLUDE_INVESTIGATION, {
      input: { investigationId: id, outcome: 'USE_CONFIRMED', findings: 'Used.', concludedOn: '2016-09-01' },
    });
    expect((await app.ok<Shown>(ONE_INVESTIGATION, { id })).investigation).toMatchObject({ outcome: 'USE_CONFIRMED' });
    await inStep();
    const concluded = await app.ok<Shown>(ONE_INVESTIGATION, { id });
    expect(concluded.investigation).toMatchObject({ outcome: 'USE_CONFIRMED', revision: 1 });
    const unknown = await app.gql(ONE_INVESTIGATION, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // An incident's investigations: by opening date, one day's in the order they were linked (here, opened).
    const second = (
      await app.ok<{ openInvestigation: { id: string } }>(OPEN_INVESTIGATION, { input: investigationInput([a]) })
    ).openInvestigation.id;
    const listed = `query ($id: ID!) { incident(id: $id) { id investigations { id revision incidentIds outcome
      investigator { name } } } }`;
    type Listed = { incident: { investigations: { id: string }[] } };
    const linkedIds = (await app.ok<Listed>(listed, { id: a })).incident.investigations.map((i) => i.id);
    expect(linkedIds.slice(-2)).toEqual([id, second]);
    await inStep();
    const ask = async () => [
      await app.ok(ONE_INVESTIGATION, { id }),
      await app.ok<Listed>(listed, { id: a }),
      await app.ok(ONE_INVESTIGATION, { id: second }),
    ];
    const got = await ask();
    expect((got[1] as Listed).incident.investigations.map((i) => i.id)).toEqual(linkedIds);
    expect(got).toEqual(await afterRebuild(file, ask));
  });

  it('an incident’s statements come from the file when selected: by day, a day’s in the order linked', async () => {
    const [a] = seeded.incidents;
    const first = await speak(app, ['NOR'], 'CONCERN', '2016-07-01', [a]);
    const second = await speak(app, ['IRL'], 'CONDEMNATION', '2016-07-01', [a]);
    const earlier = await speak(app, ['AUT'], 'CONCERN', '2016-06-01', [a]);
    // Any correction links a statement again (last among its day's).
    await app.ok(CORRECT_STATEMENT, {
      input: { statementId: first, reason: 'Wording', correctedOn: '2016-07-02', changes: { quote: 'Grave concern' } },
    });
    await inStep();
    const query = `query ($id: ID!) { incident(id: $id) { id statements { id revision kind venue deliveredOn incidentIds
      speakers { stateCode } quote corrections { fields reason correctedOn } } } }`;
    type Listed = { incident: { statements: { id: string; corrections: unknown[] }[] } };
    const got = await app.ok<Listed>(query, { id: a });
    expect(got.incident.statements.map((s) => s.id).slice(-3)).toEqual([earlier, second, first]);
    expect(got.incident.statements.at(-1)?.corrections).toHaveLength(1);
    expect(got).toEqual(await afterRebuild(file, () => app.ok(query, { id: a })));
  });

  it('situations now come from the file, with their incidents, as rebuilt; a write shows at once', async () => {
    const fields = `id revision name countryCodes allegedUsers { stateCodes name } period { from to } note incidentIds
      corrections { fields reason correctedOn } recordedAt`;
    const all = `{ situations { ${fields} } }`;
    const one = `query ($id: ID!) { situation(id: $id) { ${fields} } }`;
    type Situations = { situations: { id: string; incidentIds: string[]; revision: number }[] };
    const register = async (name: string) =>
      (
        await app.ok<{ registerSituation: { id: string } }>(
          `mutation ($input: RegisterSituationInput!) { registerSituation(input: $input) { id } }`,
          {
            input: {
              name,
              countryCodes: ['YEM'],
              allegedUsers: [{ stateCodes: ['SAU'] }],
              period: { from: '2015-03-26' },
            },
          },
        )
      ).registerSituation.id;
    const yemen = await register('Yemen');
    const other = await register('Another theatre');
    const [a, b, c] = seeded.incidents;
    const move = (incidentId: string, situationId: string) =>
      app.ok(CORRECT_INCIDENT, {
        input: { incidentId, changes: { situationId }, reason: 'Same war', correctedOn: '2016-08-02' },
      });
    await move(a, yemen);
    await move(b, yemen);
    await move(c, other);
    await app.ok(MERGE_INCIDENTS, {
      input: { duplicateIncidentId: b, canonicalIncidentId: c, reason: 'Same strike', mergedOn: '2016-08-03' },
    });
    await app.ok(`mutation ($input: CorrectSituationInput!) { correctSituation(input: $input) { id } }`, {
      input: {
        situationId: yemen,
        changes: { note: 'Saudi-led coalition' },
        reason: 'Named',
        correctedOn: '2016-09-01',
      },
    });
    const shown = (r: Situations, id: string) => r.situations.find((s) => s.id === id);
    const now = await app.ok<Situations>(all);
    expect(shown(now, yemen)).toMatchObject({ incidentIds: [a], revision: 1 });
    expect(shown(now, other)).toMatchObject({ incidentIds: [c], revision: 0 });
    await inStep();
    expect(await app.ok(all)).toEqual(now);
    expect(await app.ok(one, { id: yemen })).toEqual({ situation: shown(now, yemen) });
    expect(now).toEqual(await afterRebuild(file, () => app.ok(all)));
    const unknown = await app.gql(one, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
