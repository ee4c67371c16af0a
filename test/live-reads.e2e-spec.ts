import { ReadModelService } from '../apps/api/src/read-model/read-model.service';
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
import { fileReady, fileInStep } from './support/file-in-step';

/**
 * The questions about now read the projection file's live rows (`LiveReads`): one incident, with the assessment
 * and history the fold stored. Each answer is compared with the one the in-memory model gives while the file does
 * not answer (`readInStep` null: not serving, or not at the model's checkpoint). A query right after a mutation
 * shows it, answered by the model while the file folds the write, then by the file.
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
  /** Whether each read of the file since the spy was set answered (non-null) or left the question to the model. */
  let answers: jest.SpyInstance;

  const fromFile = (): boolean[] => answers.mock.results.map((r) => r.value !== null);

  /** `ask` answered by the in-memory model: the file says it is not in step. */
  const byModel = async <T>(ask: () => Promise<T>): Promise<T> => {
    // Every read of the query (an incident and, when selected, its investigations) left to the model.
    answers.mockReturnValue(null);
    try {
      return await ask();
    } finally {
      answers.mockImplementation((...args: Parameters<ReadStoreService['readInStep']>) =>
        ReadStoreService.prototype.readInStep.apply(file, args),
      );
    }
  };

  const inStep = () => fileInStep(app, file);

  beforeAll(async () => {
    app = await TestApp.start();
    file = app.app.get(ReadStoreService);
    seeded = await seedRegistry(app);
    await fileReady(file);
    await inStep();
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  beforeEach(() => {
    answers = jest.spyOn(file, 'readInStep');
  });
  afterEach(() => answers.mockRestore());

  it('one incident, every field, equals what the model answers; a merged duplicate resolves alike', async () => {
    for (const id of seeded.incidents) {
      const got = await app.ok(ONE, { id });
      const model = await byModel(() => app.ok(ONE, { id }));
      expect({ id, got }).toEqual({ id, got: model });
    }
    const answered = fromFile();
    // Each id asked twice: first the file answered (the incident, its investigations, its statements), then (mocked)
    // it did not.
    expect(answered.filter((a) => a)).toHaveLength(seeded.incidents.length * 3);
  });

  it('one incident, asking some fields of its corroborations (each read when asked), equals the model', async () => {
    const shapes = [
      'id source { name }',
      'id retractedOn source { grade }',
      '... on Corroboration { summary } id stance',
      'id retractionReason publishedOn',
    ];
    for (const id of seeded.incidents) {
      for (const shape of shapes) {
        const query = `query ($id: ID!) { incident(id: $id) { id assessment { status } corroborations { ${shape} } } }`;
        const got = await app.ok(query, { id });
        expect({ id, shape, got }).toEqual({ id, shape, got: await byModel(() => app.ok(query, { id })) });
      }
    }
    expect(fromFile().filter((a) => a)).toHaveLength(seeded.incidents.length * shapes.length);
  });

  it('lists, every filter and both sorts, page by page, with tally and map, equal what the model answers', async () => {
    const filters = [
      {},
      { countryCode: 'YEM' },
      { status: ['CONFIRMED', 'CONTESTED'] },
      { readiness: 'CONCERN', allegedUser: 'SAU' },
      { munitionType: 'bl-755', occurredFrom: '2015-01-01', occurredTo: '2017-01-01' },
      { text: 'DUPLICATE' },
      { firstConfirmedFrom: '2000-01-01' },
    ];
    let asked = 0;
    for (const filter of filters) {
      for (const orderBy of [
        { field: 'OCCURRED', direction: 'ASC' },
        { field: 'STATUS_CHANGED', direction: 'DESC' },
      ]) {
        let after: string | undefined;
        do {
          const variables = { filter, orderBy, first: 2, after };
          type Page = { incidents: { edges: unknown[]; pageInfo: { endCursor: string; hasNextPage: boolean } } };
          const got = await app.ok<Page>(LIST, variables);
          expect({ variables, got }).toEqual({ variables, got: await byModel(() => app.ok(LIST, variables)) });
          // The page, then each listed incident's investigations and statements.
          asked += 1 + 2 * got.incidents.edges.length;
          after = got.incidents.pageInfo.hasNextPage ? got.incidents.pageInfo.endCursor : undefined;
        } while (after !== undefined);
      }
    }
    const answered = fromFile();
    expect(answered.filter((a) => a)).toHaveLength(asked);
  });

  it('a list of who has not condemned is answered by the model', async () => {
    await app.ok(`{ incidents(first: 1, filter: { notYetCondemnedBy: { stateCodes: ["NOR"] } }) { totalCount } }`);
    expect(answers).not.toHaveBeenCalled();
  });

  it('an unknown id is NOT_FOUND from the file as from the model', async () => {
    const got = await app.gql(BARE, { id: 'no-such-incident' });
    expect(got.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(fromFile()).toEqual([true]);
  });

  it('a query right after each mutation shows it; once the file has folded it, the file answers the same', async () => {
    /** `query` right after a write (whoever answers), then again from the file once in step: both show the write. */
    const twice = async <T>(query: () => Promise<T>): Promise<T> => {
      const now = await query();
      await inStep();
      answers.mockClear();
      expect(await query()).toEqual(now);
      // Every read the query made (an incident's investigations too, when selected) answered by the file.
      expect(fromFile()).toEqual(expect.arrayContaining([true]));
      expect(fromFile()).not.toContain(false);
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
    expect(third).toEqual(await byModel(() => app.ok(ONE, { id })));
    type Listed = { incidents: { totalCount: number; edges: { node: { id: string } }[] } };
    const listed = await twice(() => app.ok<Listed>(LIST, { filter: { text: 'Saada' } }));
    expect(listed.incidents.edges.map((e) => e.node.id)).toEqual([id]);
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
    // The model's copy made wrong on purpose: only the file can give the right answer, through the same query.
    const view = app.app.get(ReadModelService).model.incidents.get(id)!;
    const [revision, corrections] = [view.revision, view.corrections];
    Object.assign(view, { revision: -1, corrections: [] });
    try {
      answers.mockClear();
      expect(await app.ok(query, { id })).toEqual(now);
      expect(fromFile()).toEqual([true]);
      expect(await byModel(() => app.ok<Shown>(query, { id }))).toEqual({
        incident: { id, revision: -1, corrections: [] },
      });
    } finally {
      Object.assign(view, { revision, corrections });
    }
  });

  it('every source now comes from the file, equal to the model; a regrade shows at once, then the file', async () => {
    const query = `{ sources { id revision name kind grade stateCode parentOrganisation organisationId aliases
      mergedDuplicates mergedInto { canonicalSourceId reason mergedOn }
      grades { grade previousGrade regradedOn reason recordedAt } } }`;
    type Sources = { sources: { id: string; grade: string; revision: number }[] };
    const got = await app.ok<Sources>(query);
    expect(fromFile()).toEqual([true]);
    expect(got).toEqual(await byModel(() => app.ok(query)));
    expect(got.sources.length).toBeGreaterThan(1);
    const id = await registerSource(app, 'Landmine Monitor', 'C');
    await app.ok(`mutation ($input: RegradeSourceInput!) { regradeSource(input: $input) { id } }`, {
      input: { sourceId: id, newGrade: 'B', reason: 'Field team verified', regradedOn: '2016-05-01' },
    });
    const shown = (r: Sources) => r.sources.find((s) => s.id === id);
    expect(shown(await app.ok<Sources>(query))).toMatchObject({ grade: 'B', revision: 1 });
    await inStep();
    answers.mockClear();
    const filed = await app.ok<Sources>(query);
    expect(shown(filed)).toMatchObject({ grade: 'B', revision: 1 });
    expect(fromFile()).toEqual([true]);
    expect(filed).toEqual(await byModel(() => app.ok(query)));
    const one = query.replace('{ sources {', 'query ($id: ID!) { source(id: $id) {');
    answers.mockClear();
    expect(await app.ok(one, { id })).toEqual({ source: shown(filed) });
    expect(fromFile()).toEqual([true]);
    expect(await app.ok(one, { id })).toEqual(await byModel(() => app.ok(one, { id })));
    const unknown = await app.gql(one, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('one investigation now comes from the file, equal to the model; its conclusion shows at once', async () => {
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
    answers.mockClear();
    const opened = await app.ok<Shown>(ONE_INVESTIGATION, { id });
    expect(fromFile()).toEqual([true]);
    expect(opened).toEqual(await byModel(() => app.ok(ONE_INVESTIGATION, { id })));
    expect(opened.investigation).toMatchObject({ incidentIds: [b, a], outcome: null, revision: 0 });
    await app.ok(CONCLUDE_INVESTIGATION, {
      input: { investigationId: id, outcome: 'USE_CONFIRMED', findings: 'Used.', concludedOn: '2016-09-01' },
    });
    expect((await app.ok<Shown>(ONE_INVESTIGATION, { id })).investigation).toMatchObject({ outcome: 'USE_CONFIRMED' });
    await inStep();
    answers.mockClear();
    const concluded = await app.ok<Shown>(ONE_INVESTIGATION, { id });
    expect(fromFile()).toEqual([true]);
    expect(concluded.investigation).toMatchObject({ outcome: 'USE_CONFIRMED', revision: 1 });
    expect(concluded).toEqual(await byModel(() => app.ok(ONE_INVESTIGATION, { id })));
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
    const view = app.app.get(ReadModelService).model.incidents.get(a)!;
    const linked = view.investigationIds;
    const expected = await byModel(() => app.ok<Listed>(listed, { id: a }));
    // The model's copy made wrong on purpose: only the file can give the right answer, through the same query.
    view.investigationIds = new Set();
    try {
      answers.mockClear();
      expect(await app.ok(listed, { id: a })).toEqual(expected);
      expect(fromFile()).toEqual([true, true]);
    } finally {
      view.investigationIds = linked;
    }
  });

  it('an incident’s statements come from the file when selected, in the order the model lists them', async () => {
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
    type Listed = { incident: { statements: { id: string }[] } };
    const expected = await byModel(() => app.ok<Listed>(query, { id: a }));
    expect(expected.incident.statements.map((s) => s.id).slice(-3)).toEqual([earlier, second, first]);
    const view = app.app.get(ReadModelService).model.incidents.get(a)!;
    const linked = view.statementIds;
    // The model's copy made wrong on purpose: only the file can give the right answer, through the same query.
    view.statementIds = [];
    try {
      answers.mockClear();
      expect(await app.ok(query, { id: a })).toEqual(expected);
      expect(fromFile()).toEqual([true, true]);
    } finally {
      view.statementIds = linked;
    }
  });

  it('situations now come from the file, with their incidents, equal to the model; a write shows at once', async () => {
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
    answers.mockClear();
    expect(await app.ok(all)).toEqual(now);
    expect(await app.ok(one, { id: yemen })).toEqual({ situation: shown(now, yemen) });
    expect(fromFile()).toEqual([true, true]);
    expect(now).toEqual(await byModel(() => app.ok(all)));
    const unknown = await app.gql(one, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
