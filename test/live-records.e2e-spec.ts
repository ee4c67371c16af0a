import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import {
  ALLEGE_USE,
  CONCLUDE_INVESTIGATION,
  OPEN_INVESTIGATION,
  REGISTER_SOURCE,
  investigationInput,
  sourceInput,
  yemenAllegation,
} from './support/fixtures';
import { seedRegistry, type SeededRegistry } from './support/seeded-registry';
import { TestApp } from './support/test-app';
import { afterRebuild, fileReady, fileInStep } from './support/file-in-step';

/**
 * Resolutions, and the incidents two policy versions assess apart, asked about now read the projection file
 * (`LiveReads.fromFile`): the file the service folded live answers as one rebuilt from scratch from the same store
 * (`afterRebuild`), and a recorded resolution shows at once.
 */
jest.setTimeout(180_000);

const RESOLUTION = /* GraphQL */ `
  id revision symbol title venue adoptedOn kind recordedAt
  scope { incidentIds situationIds allegedUser { stateCodes name } generic }
  votes { stateCode vote } citation { url }
`;
const RECORD_VOTE = `mutation ($input: RecordResolutionVoteInput!) {
  recordResolutionVote(input: $input) { ${RESOLUTION} } }`;
const ALL = `{ resolutions { ${RESOLUTION} } }`;
const ONE = `query ($id: ID!) { resolution(id: $id) { ${RESOLUTION} } }`;
const ASSESSMENT = 'status readiness rule reasons evidenceIds missing statusSince policyVersion';
const DIFFERENCES = `query ($from: String!, $to: String!) {
  policyDifferences(from: $from, to: $to) { incidentId from { ${ASSESSMENT} } to { ${ASSESSMENT} } } }`;

describe('records asked about now, from the projection file', () => {
  let app: TestApp;
  let seeded: SeededRegistry;
  let file: ReadStoreService;
  const inStep = () => fileInStep(file);
  const vote = async (input: Record<string, unknown>) => (await app.ok(RECORD_VOTE, { input })).recordResolutionVote;

  beforeAll(async () => {
    app = await TestApp.start();
    file = app.app.get(ReadStoreService);
    seeded = await seedRegistry(app);
    const [alleged, corroborated, , , , , duplicate] = seeded.incidents;
    await vote({
      symbol: 'A/RES/71/1',
      title: 'Use of cluster munitions',
      venue: 'UNGA',
      adoptedOn: '2016-12-19',
      kind: 'CONDEMNATION',
      // Not in State order, and naming a merged duplicate: the answer keeps the order and resolves the merge.
      incidentIds: [duplicate, corroborated, alleged],
      votes: [
        { stateCode: 'NZL', vote: 'YES' },
        { stateCode: 'ESP', vote: 'ABSTAIN' },
        { stateCode: 'MEX', vote: 'NO' },
      ],
    });
    await vote({
      symbol: 'A/RES/72/2',
      title: 'Any use by any actor',
      venue: 'UNGA',
      adoptedOn: '2015-05-01',
      kind: 'CONCERN',
      scope: { generic: true },
      votes: [{ stateCode: 'USA', vote: 'YES' }],
      citation: { url: 'https://undocs.org/A/RES/72/2' },
    });
    // An NGO's own investigation confirms under 1.0.0, not under 2.0.0: the versions then assess it apart.
    const source = async (name: string) =>
      (await app.ok(REGISTER_SOURCE, { input: sourceInput({ name, grade: 'C' }) })).registerSource.id as string;
    const ngo = await source('An NGO of its own');
    const confirmedByItself = (await app.ok(ALLEGE_USE, { input: yemenAllegation(await source('A newspaper')) }))
      .allegeUse.id;
    const investigation = { investigator: { kind: 'NGO', sourceId: ngo } };
    const { openInvestigation } = await app.ok(OPEN_INVESTIGATION, {
      input: investigationInput([confirmedByItself], investigation),
    });
    await app.ok(CONCLUDE_INVESTIGATION, {
      input: {
        investigationId: openInvestigation.id,
        outcome: 'USE_CONFIRMED',
        findings: 'Confirmed.',
        concludedOn: '2016-07-01',
      },
    });
    await fileReady(file);
    await inStep();
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('every resolution, and each by id, equals the answer of a file rebuilt from scratch', async () => {
    const ask = async () => {
      const { resolutions } = await app.ok(ALL);
      const each: unknown[] = [];
      for (const { id } of resolutions) each.push((await app.ok(ONE, { id })).resolution);
      return { resolutions, each };
    };
    const asked = await ask();
    expect(asked).toEqual(await afterRebuild(file, ask));
    const got = asked.resolutions;
    expect(asked.each).toEqual(got);
    expect(got.map((r: { symbol: string }) => r.symbol)).toEqual(['A/RES/72/2', 'A/RES/71/1']);
    expect(got[1].votes.map((v: { stateCode: string }) => v.stateCode)).toEqual(['NZL', 'ESP', 'MEX']);
    expect(got[1].scope.incidentIds).toEqual([seeded.incidents[2], seeded.incidents[1], seeded.incidents[0]]);
    const unknown = await app.gql(ONE, { id: '00000000-0000-7000-8000-000000000000' });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('a resolution recorded shows at once in the answer and in the list', async () => {
    const recorded = await vote({
      symbol: 'A/RES/73/3',
      title: 'Yemen',
      venue: 'UNGA',
      adoptedOn: '2017-03-01',
      kind: 'CONCERN',
      incidentIds: [seeded.incidents[3]],
      votes: [{ stateCode: 'GBR', vote: 'YES' }],
    });
    expect(recorded.symbol).toBe('A/RES/73/3');
    const listed = (await app.ok(ALL)).resolutions.map((r: { id: string }) => r.id);
    expect(listed).toContain(recorded.id);
    await inStep();
    expect((await app.ok(ONE, { id: recorded.id })).resolution).toEqual(recorded);
  });

  it('the incidents two policy versions assess apart, both ways, equal the answer of a rebuilt file', async () => {
    const pairs = [
      ['1.0.0', '2.0.0'],
      ['2.0.0', '1.0.0'],
      ['2.0.0', '2.0.0'],
    ];
    const ask = async () => {
      const got: { from: string; to: string; got: unknown[] }[] = [];
      for (const [from, to] of pairs)
        got.push({ from, to, got: (await app.ok(DIFFERENCES, { from, to })).policyDifferences });
      return got;
    };
    const got = await ask();
    expect(got).toEqual(await afterRebuild(file, ask));
    expect(got.map((d) => d.got.length > 0)).toEqual([true, true, false]);
    const current = (await app.ok('{ policyVersions { version current } }')).policyVersions;
    expect(current.filter((p: { current: boolean }) => p.current).map((p: { version: string }) => p.version)).toEqual([
      '2.0.0',
    ]);
  });

  it("each source's warnings (close names among every source now) equal the answer of a rebuilt file", async () => {
    const names = ['Human Rights Watch', 'HRW', 'Human Rights Wacth', 'Amnesty Internationale'];
    for (const name of names) await app.ok(REGISTER_SOURCE, { input: sourceInput({ name, grade: 'B' }) });
    await inStep();
    const WARNINGS = '{ sources { id name warnings { code message candidates { id name aliases } } } }';
    const got = (await app.ok(WARNINGS)).sources;
    expect(got).toEqual((await afterRebuild(file, () => app.ok(WARNINGS))).sources);
    const warned = got.filter((s: { warnings: unknown[] }) => s.warnings.length > 0);
    expect(warned.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['HRW', 'Human Rights Wacth']));
  });
});
