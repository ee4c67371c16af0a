import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import { speak } from './support/read-side';
import { seedRegistry, type SeededRegistry } from './support/seeded-registry';
import { TestApp } from './support/test-app';
import { afterRebuild, fileReady, fileInStep } from './support/file-in-step';

/**
 * The speak-out report and the response matrix, now and as of a date on both clocks, read from the projection
 * file: the file the service folded live answers as one rebuilt from scratch from the same store (`afterRebuild`).
 * A statement recorded shows in the report at once, and the same once the file has folded it.
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
  const inStep = () => fileInStep(file);

  const CUTS = [
    {},
    { asOf: '2016-03-01T12:00:00Z', clock: 'KNOWN' },
    { asOf: '2017-06-30T12:00:00Z', clock: 'KNOWN' },
    { asOf: new Date().toISOString(), clock: 'RECORDED' },
  ];

  /** Every report and matrix of the first tests, in a fixed order: asked of the live file, then of a rebuilt one. */
  const askAll = async () => {
    const filters = [
      {},
      { incidentIds: seeded.incidents.slice(0, 3) },
      { allegedUser: 'SAU' },
      { countryCode: 'YEM', from: '2015-01-01', to: '2016-12-31' },
    ];
    const reports: { filter: unknown; got: Report }[] = [];
    const matrices: { filter: unknown; got: unknown }[] = [];
    for (const cut of CUTS) {
      for (const f of filters) {
        const filter = { ...f, ...cut };
        reports.push({ filter, got: await app.ok<Report>(REPORT, { filter }) });
      }
      const filter = { incidentIds: seeded.incidents.slice(0, 4), ...cut };
      matrices.push({ filter, got: await app.ok(MATRIX, { filter }) });
    }
    return { reports, matrices };
  };
  let live: Awaited<ReturnType<typeof askAll>>;
  let rebuilt: Awaited<ReturnType<typeof askAll>>;

  beforeAll(async () => {
    app = await TestApp.start();
    file = app.app.get(ReadStoreService);
    seeded = await seedRegistry(app);
    await fileReady(file);
    await inStep();
    live = await askAll();
    rebuilt = await afterRebuild(file, askAll);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('the report, for several filters, now and as of dates on both clocks, equals a file rebuilt from scratch', () => {
    const heard = live.reports.reduce(
      (sum, { got }) => sum + got.speakOutReport.statesParties.reduce((n, l) => n + l.statementIds.length, 0),
      0,
    );
    expect(heard).toBeGreaterThan(10);
    expect(live.reports).toEqual(rebuilt.reports);
  });

  it('the matrix, now and as of dates on both clocks, equals a file rebuilt from scratch', () => {
    expect(live.matrices).toHaveLength(CUTS.length);
    expect(live.matrices).toEqual(rebuilt.matrices);
  });

  it('a statement recorded shows at once, the same once the file has folded it, and as rebuilt', async () => {
    const filter = { incidentIds: [seeded.incidents[0]] };
    const id = await speak(app, ['NOR'], 'CONDEMNATION', '2016-05-01', [seeded.incidents[0]]);
    const now = await app.ok<Report>(REPORT, { filter });
    const norway = now.speakOutReport.statesParties.find((l) => l.stateCode === 'NOR');
    expect(norway?.statementIds).toContain(id);
    await inStep();
    expect(await app.ok(REPORT, { filter })).toEqual(now);
    expect(await afterRebuild(file, () => app.ok(REPORT, { filter }))).toEqual(now);
  });
});
