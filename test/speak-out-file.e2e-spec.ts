import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import { reportRowsLoaded } from '../apps/api/src/read-store/report-rows';
import { speak } from './support/read-side';
import { seedRegistry, type SeededRegistry } from './support/seeded-registry';
import { TestApp } from './support/test-app';
import { fileReady, fileInStep } from './support/file-in-step';

/**
 * The speak-out report and the response matrix, now and as of a date on both clocks, read from the projection
 * file: each answer equals the in-memory model's (asked while the file does not answer), and the file answered it.
 * A statement recorded shows in the report at once, and from the file once it has folded it.
 */
jest.setTimeout(180_000);

const LINE = /* GraphQL */ `
  stateCode name ccmStatus kind scope on statementId resolutionId firstCondemnationOn lagDays anticipatory
  genericCondemnationOn statementIds kinds votes { resolutionId symbol vote adoptedOn }
`;
const REPORT = /* GraphQL */ `query ($filter: SpeakOutFilterInput) {
  speakOutReport(filter: $filter) {
    asOf incidentIds confirmedIncidentIds firstConfirmations { incidentId firstConfirmedOn } statesPartiesCount
    statesParties { ${LINE} } condemned { stateCode } expressedConcern { stateCode } silent { stateCode }
    lags { stateCode incidentId firstConfirmedOn condemnedOn days anticipatory }
    medianLagDays minLagDays maxLagDays nonPartiesThatSpoke { ${LINE} }
  }
}`;
const MATRIX = /* GraphQL */ `
  query ($filter: ResponseMatrixFilterInput!) {
    responseMatrix(filter: $filter) {
      asOf
      rows {
        stateCode
        subjectKind
        subjectId
        kind
        scope
        on
        statementId
        firstCondemnationOn
        lagDays
        anticipatory
      }
    }
  }
`;

type Report = { speakOutReport: { statesParties: { stateCode: string; statementIds: string[] }[] } };

describe('the speak-out report and the response matrix from the projection file', () => {
  let app: TestApp;
  let seeded: SeededRegistry;
  let file: ReadStoreService;
  let inStepSpy: jest.SpyInstance;
  let servingSpy: jest.SpyInstance;

  /** Whether each read of the file (now, and as of a date) since the spies were set answered. */
  const fromFile = async (): Promise<boolean[]> => [
    ...inStepSpy.mock.results.map((r) => r.value !== null),
    ...(await Promise.all(servingSpy.mock.results.map(async (r) => (await r.value) !== null))),
  ];

  /** `ask` (about now, or as of a date) answered by the in-memory model: the file not in step, or not serving. */
  const byModel = async <T>(past: boolean, ask: () => Promise<T>): Promise<T> => {
    if (past) servingSpy.mockResolvedValueOnce(null);
    else inStepSpy.mockReturnValueOnce(null);
    return ask();
  };

  const inStep = () => fileInStep(app, file);

  beforeAll(async () => {
    app = await TestApp.start();
    file = app.app.get(ReadStoreService);
    seeded = await seedRegistry(app);
    await fileReady(file);
    await inStep();
    // The statement rows load in steps after ready; until then the model answers the reports.
    await file.readServing(null, 0, (f) => reportRowsLoaded(f));
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  beforeEach(() => {
    inStepSpy = jest.spyOn(file, 'readInStep');
    servingSpy = jest.spyOn(file, 'readServing');
  });
  afterEach(() => {
    inStepSpy.mockRestore();
    servingSpy.mockRestore();
  });

  const cuts = () => [
    {},
    { asOf: '2016-03-01T12:00:00Z', clock: 'KNOWN' },
    { asOf: '2017-06-30T12:00:00Z', clock: 'KNOWN' },
    { asOf: new Date().toISOString(), clock: 'RECORDED' },
  ];

  it('the report, for several filters, now and as of dates on both clocks, equals the model', async () => {
    const filters = [
      {},
      { incidentIds: seeded.incidents.slice(0, 3) },
      { allegedUser: 'SAU' },
      { countryCode: 'YEM', from: '2015-01-01', to: '2016-12-31' },
    ];
    let asked = 0;
    let heard = 0;
    for (const cut of cuts()) {
      for (const f of filters) {
        const filter = { ...f, ...cut };
        const got = await app.ok<Report>(REPORT, { filter });
        expect({ filter, got }).toEqual({
          filter,
          got: await byModel('asOf' in cut, () => app.ok(REPORT, { filter })),
        });
        heard += got.speakOutReport.statesParties.reduce((n, l) => n + l.statementIds.length, 0);
        asked++;
      }
    }
    expect(heard).toBeGreaterThan(10);
    const answered = await fromFile();
    expect(answered.filter((a) => a)).toHaveLength(asked);
  });

  it('the matrix, now and as of dates on both clocks, equals the model', async () => {
    for (const cut of cuts()) {
      const filter = { incidentIds: seeded.incidents.slice(0, 4), ...cut };
      const got = await app.ok(MATRIX, { filter });
      expect({ filter, got }).toEqual({ filter, got: await byModel('asOf' in cut, () => app.ok(MATRIX, { filter })) });
    }
    expect((await fromFile()).filter((a) => a)).toHaveLength(cuts().length);
  });

  it('a statement recorded shows at once, and from the file, equal, once it has folded it', async () => {
    const filter = { incidentIds: [seeded.incidents[0]] };
    const id = await speak(app, ['NOR'], 'CONDEMNATION', '2016-05-01', [seeded.incidents[0]]);
    const now = await app.ok<Report>(REPORT, { filter });
    const norway = now.speakOutReport.statesParties.find((l) => l.stateCode === 'NOR');
    expect(norway?.statementIds).toContain(id);
    await inStep();
    inStepSpy.mockClear();
    expect(await app.ok(REPORT, { filter })).toEqual(now);
    expect(await fromFile()).toEqual([true]);
  });
});
