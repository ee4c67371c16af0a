import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  CORRECT_INCIDENT,
  RECORD_STATEMENT,
  REGISTER_SOURCE,
  corroborationInput,
  expectRefusal,
  sourceInput,
  statementInput,
  yemenAllegation,
} from './support/fixtures';
import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import { STATEMENT_NODE } from './support/fixtures';
import { TestApp } from './support/test-app';
import { afterRebuild, fileInStep, fileReady } from './support/file-in-step';

jest.setTimeout(120_000);

const REGISTER_SITUATION = /* GraphQL */ `
  mutation ($input: RegisterSituationInput!) {
    registerSituation(input: $input) {
      id
      name
      countryCodes
      allegedUsers {
        stateCodes
        name
      }
      period {
        from
        to
      }
      incidentIds
    }
  }
`;
const RECORD_VOTE = /* GraphQL */ `
  mutation ($input: RecordResolutionVoteInput!) {
    recordResolutionVote(input: $input) {
      id
      symbol
      kind
      scope {
        situationIds
        generic
      }
      votes {
        stateCode
        vote
      }
    }
  }
`;
const LINE = 'stateCode ccmStatus kind scope on lagDays anticipatory genericCondemnationOn votes { symbol vote }';
const REPORT = /* GraphQL */ `query ($filter: SpeakOutFilterInput) {
  speakOutReport(filter: $filter) {
    asOf incidentIds firstConfirmations { incidentId firstConfirmedOn } statesPartiesCount
    statesParties { ${LINE} } silent { stateCode } nonPartiesThatSpoke { ${LINE} }
    medianLagDays minLagDays maxLagDays } }`;

/**
 * A situation with two confirmed incidents, national statements at each scope, a joint statement, a
 * resolution vote and the Lausanne Political Declaration (generic, 20 September 2021, on behalf of all
 * States Parties), read line by line from the speak-out report on two dates.
 */
describe('the speak-out report for a situation, through GraphQL', () => {
  let app: TestApp;
  let situation: string;
  let hajjah: string;
  let saada: string;
  beforeAll(async () => {
    app = await TestApp.start();
    const amnesty = (await app.ok(REGISTER_SOURCE, { input: sourceInput() })).registerSource.id;
    const hrw = (await app.ok(REGISTER_SOURCE, { input: sourceInput({ name: 'Human Rights Watch', grade: 'A' }) }))
      .registerSource.id;
    situation = (
      await app.ok(REGISTER_SITUATION, {
        input: {
          name: 'Yemen: the Saudi-led coalition',
          countryCodes: ['YEM'],
          allegedUsers: [{ stateCodes: ['SAU', 'ARE'], name: 'Saudi-led coalition' }],
          period: { from: '2015-03-26' },
        },
      })
    ).registerSituation.id;
    // Hajjah: in the situation from its allegation, CONFIRMED on 2016-05-25.
    hajjah = (await app.ok(ALLEGE_USE, { input: yemenAllegation(amnesty, { situationId: situation }) })).allegeUse.id;
    await app.ok(ADD_CORROBORATION, { input: corroborationInput(hajjah, hrw) });
    // Saada: put in the situation by a correction, CONFIRMED on 2016-08-10.
    saada = (
      await app.ok(ALLEGE_USE, {
        input: yemenAllegation(amnesty, {
          summary: 'CBU-97 in Saada',
          reportedOn: '2016-08-01',
          firstSource: { ...yemenAllegation(amnesty).firstSource, publishedOn: '2016-08-01' },
        }),
      })
    ).allegeUse.id;
    await app.ok(CORRECT_INCIDENT, {
      input: { incidentId: saada, changes: { situationId: situation }, reason: 'same war', correctedOn: '2016-08-02' },
    });
    await app.ok(ADD_CORROBORATION, { input: corroborationInput(saada, hrw, { publishedOn: '2016-08-10' }) });
    const say = (speakers: string[], kind: string, deliveredOn: string, incidentIds: string[], more: object = {}) =>
      app.ok(RECORD_STATEMENT, { input: statementInput(incidentIds, { speakers, kind, deliveredOn, ...more }) });
    await say(['NOR'], 'CONDEMNATION', '2016-06-01', [hajjah]);
    // before confirmation
    await say(['IRL'], 'CONDEMNATION', '2016-05-20', [], { scope: { situationIds: [situation] } });
    await say(['AUT'], 'CONCERN', '2016-07-01', [], { scope: { allegedUser: { stateCodes: ['SAU'] } } });
    await say(['DEU', 'FRA', 'BEL'], 'CONDEMNATION', '2016-09-01', [saada], {
      onBehalfOf: 'a group of States',
      venue: 'UNGA_FIRST_COMMITTEE',
    });
    await app.ok(RECORD_VOTE, {
      input: {
        symbol: 'A/RES/71/999',
        title: 'Use of cluster munitions in Yemen',
        venue: 'UNGA',
        adoptedOn: '2016-12-19',
        kind: 'CONCERN',
        scope: { situationIds: [situation] },
        votes: [
          { stateCode: 'MEX', vote: 'YES' },
          { stateCode: 'ESP', vote: 'ABSTAIN' },
          { stateCode: 'NZL', vote: 'NO' },
          { stateCode: 'USA', vote: 'YES' },
        ],
      },
    });
    const parties = (await app.ok('{ states(filter: { status: STATE_PARTY, on: "2021-09-20" }) { stateCode } }'))
      .states;
    await say(
      parties.map((p: { stateCode: string }) => p.stateCode),
      'CONDEMNATION',
      '2021-09-20',
      [],
      {
        venue: 'OTHER',
        onBehalfOf: 'the States Parties (Second Review Conference, Lausanne Political Declaration)',
        namesUser: false,
        quote: 'We condemn any use of cluster munitions by any actor.',
        scope: { generic: true },
      },
    );
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  const report = async (asOf: string) =>
    (await app.ok(REPORT, { filter: { situationId: situation, asOf: `${asOf}T23:59:59Z` } })).speakOutReport;
  const lineOf = (r: { statesParties: { stateCode: string }[] }, code: string) =>
    r.statesParties.find((l) => l.stateCode === code);
  const party = (
    kind: string | null,
    scope: string | null,
    on: string | null,
    lagDays: number | null,
    generic: string | null = null,
    votes: object[] = [],
  ) => ({
    ccmStatus: 'STATE_PARTY',
    kind,
    scope,
    on,
    lagDays,
    anticipatory: lagDays !== null && lagDays < 0,
    genericCondemnationOn: generic,
    votes,
  });

  it('at the end of 2016: each scope, the joint statement, the vote; IRL anticipatory; ESP, CHE silent', async () => {
    const r = await report('2016-12-31');
    expect(r.incidentIds.sort()).toEqual([hajjah, saada].sort());
    expect(r.firstConfirmations).toEqual(
      expect.arrayContaining([
        { incidentId: hajjah, firstConfirmedOn: '2016-05-25' },
        { incidentId: saada, firstConfirmedOn: '2016-08-10' },
      ]),
    );
    expect(lineOf(r, 'NOR')).toMatchObject(party('CONDEMNATION', 'INCIDENT', '2016-06-01', 7));
    expect(lineOf(r, 'IRL')).toMatchObject(party('CONDEMNATION', 'SITUATION', '2016-05-20', -5));
    expect(lineOf(r, 'AUT')).toMatchObject(party('CONCERN', 'USER', '2016-07-01', null));
    // joint: each co-signer
    expect(lineOf(r, 'DEU')).toMatchObject(party('CONDEMNATION', 'INCIDENT', '2016-09-01', 22));
    expect(lineOf(r, 'BEL')).toMatchObject(party('CONDEMNATION', 'INCIDENT', '2016-09-01', 22));
    expect(lineOf(r, 'MEX')).toMatchObject(
      party('CONCERN', 'SITUATION', '2016-12-19', null, null, [{ symbol: 'A/RES/71/999', vote: 'YES' }]),
    );
    expect(lineOf(r, 'ESP')).toMatchObject(
      party(null, null, null, null, null, [{ symbol: 'A/RES/71/999', vote: 'ABSTAIN' }]),
    );
    expect(r.silent.map((s: { stateCode: string }) => s.stateCode)).toEqual(
      expect.arrayContaining(['CHE', 'ESP', 'NZL']),
    );
    expect(r.nonPartiesThatSpoke).toEqual([
      expect.objectContaining({ stateCode: 'USA', ccmStatus: 'NOT_PARTY', kind: 'CONCERN', scope: 'SITUATION' }),
    ]);
  });

  it('at the end of 2021: the Lausanne declaration counts for every State Party, in the generic column', async () => {
    const r = await report('2021-12-31');
    const parties = (await app.ok('{ states(filter: { status: STATE_PARTY, on: "2021-12-31" }) { stateCode } }'))
      .states;
    expect(r.statesPartiesCount).toBe(parties.length);
    expect(r.silent).toEqual([]);
    expect(lineOf(r, 'NOR')).toMatchObject(party('CONDEMNATION', 'INCIDENT', '2016-06-01', 7, '2021-09-20'));
    expect(lineOf(r, 'IRL')).toMatchObject(party('CONDEMNATION', 'SITUATION', '2016-05-20', -5, '2021-09-20'));
    // beats its concern
    expect(lineOf(r, 'AUT')).toMatchObject(party('CONDEMNATION', 'GENERIC', '2021-09-20', 1944, '2021-09-20'));
    expect(lineOf(r, 'MEX')).toMatchObject(
      party('CONDEMNATION', 'GENERIC', '2021-09-20', 1944, '2021-09-20', [{ symbol: 'A/RES/71/999', vote: 'YES' }]),
    );
    expect(lineOf(r, 'CHE')).toMatchObject(party('CONDEMNATION', 'GENERIC', '2021-09-20', 1944, '2021-09-20'));
    expect(r.minLagDays).toBe(-5);
    expect(r.maxLagDays).toBe(1944);
  });

  it('the incident lists each statement and resolution the report counts, with its scope and the lag', async () => {
    const Q = `query ($id: ID!, $scopes: [ScopeLevel!]) { incident(id: $id) { firstConfirmedOn
      referringStatements(scopes: $scopes) { scope lagDays anticipatory
        statement { kind deliveredOn speakers { stateCode } } }
      referringResolutions(scopes: $scopes) { scope lagDays anticipatory resolution { symbol } } } }`;
    const { incident } = await app.ok(Q, { id: hajjah });
    expect(incident.firstConfirmedOn).toBe('2016-05-25');
    const rows = incident.referringStatements.map((r: any) => ({
      scope: r.scope,
      kind: r.statement.kind,
      on: r.statement.deliveredOn,
      lagDays: r.lagDays,
      anticipatory: r.anticipatory,
      first: r.statement.speakers[0].stateCode,
    }));
    expect(rows).toEqual([
      { scope: 'SITUATION', kind: 'CONDEMNATION', on: '2016-05-20', lagDays: -5, anticipatory: true, first: 'IRL' },
      { scope: 'INCIDENT', kind: 'CONDEMNATION', on: '2016-06-01', lagDays: 7, anticipatory: false, first: 'NOR' },
      // Concern is not a condemnation: no lag.
      { scope: 'USER', kind: 'CONCERN', on: '2016-07-01', lagDays: null, anticipatory: false, first: 'AUT' },
      { scope: 'GENERIC', kind: 'CONDEMNATION', on: '2021-09-20', lagDays: 1944, anticipatory: false, first: 'AFG' },
    ]);
    expect(incident.referringResolutions).toEqual([
      // A resolution of concern: only condemnations have a lag.
      { scope: 'SITUATION', lagDays: null, anticipatory: false, resolution: { symbol: 'A/RES/71/999' } },
    ]);
    // The same lags as the report's lines for the States whose first condemnation came in that scope.
    const r = await report('2021-12-31');
    const lags = Object.fromEntries(r.statesParties.map((l: any) => [l.stateCode, [l.scope, l.lagDays]]));
    const report1 = await report('2016-12-31');
    expect(lineOf(report1, 'IRL')).toMatchObject({ scope: 'SITUATION', lagDays: rows[0].lagDays });
    expect(lineOf(report1, 'NOR')).toMatchObject({ scope: 'INCIDENT', lagDays: rows[1].lagDays });
    expect(lineOf(report1, 'AUT')).toMatchObject({ kind: 'CONCERN', scope: rows[2].scope, lagDays: rows[2].lagDays });
    expect(lags.CHE).toEqual([rows[3].scope, rows[3].lagDays]);

    const AS_OF = `query ($id: ID!, $asOf: DateTime) { incident(id: $id, filter: { asOf: $asOf, clock: KNOWN }) {
      referringStatements { scope statement { deliveredOn } } } }`;
    const in2016 = (await app.ok(AS_OF, { id: hajjah, asOf: '2016-12-31T23:59:59Z' })).incident;
    expect(in2016.referringStatements.map((x: any) => [x.scope, x.statement.deliveredOn])).toEqual([
      ['SITUATION', '2016-05-20'],
      ['INCIDENT', '2016-06-01'],
      ['USER', '2016-07-01'],
    ]);

    const named = (await app.ok(Q, { id: hajjah, scopes: ['INCIDENT'] })).incident;
    expect(named.referringStatements.map((x: any) => [x.scope, x.statement.deliveredOn])).toEqual([
      ['INCIDENT', '2016-06-01'],
    ]);
    expect(named.referringResolutions).toEqual([]);
  });

  it('shows the scope on the statement and refuses a scope naming an unknown situation', async () => {
    const res = await app.gql(RECORD_STATEMENT, {
      input: statementInput([], { scope: { situationIds: ['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'] } }),
    });
    expectRefusal(res, 'NOT_FOUND', 'scope.situationIds');
    const { situation: s } = await app.ok('query ($id: ID!) { situation(id: $id) { incidentIds } }', { id: situation });
    expect(s.incidentIds.sort()).toEqual([hajjah, saada].sort());
    const { incident } = await app.ok('query ($id: ID!) { incident(id: $id) { situationId corrections { fields } } }', {
      id: saada,
    });
    expect(incident).toEqual({ situationId: situation, corrections: [{ fields: ['situationId'] }] });
  });

  it("answers the presidency's queries: not yet condemned, first confirmed in a range, response matrix", async () => {
    const LIST = `query ($filter: IncidentFilterInput) {
      incidents(filter: $filter, first: 500) { edges { node { id firstConfirmedOn } } } }`;
    const ids = async (filter: object, asOf = '2016-12-31T23:59:59Z') =>
      (await app.ok(LIST, { filter: { situationId: situation, ...filter, asOf, clock: 'KNOWN' } })).incidents.edges
        .map((e: any) => e.node.id)
        .sort();
    expect(await ids({})).toEqual([hajjah, saada].sort());
    expect(await ids({ firstConfirmedFrom: '2016-08-01', firstConfirmedTo: '2016-12-31' })).toEqual([saada]);
    expect(await ids({ notYetCondemnedBy: { stateCodes: ['NOR'] } })).toEqual([saada]); // NOR named Hajjah only
    expect(await ids({ notYetCondemnedBy: { stateCodes: ['ESP'] } })).toEqual([hajjah, saada].sort());
    expect(await ids({ notYetCondemnedBy: { statesParties: true } })).toEqual([]); // IRL condemned the situation
    // By 2021 ESP only condemned any use by any actor: that names neither incident, unless asked to count it.
    expect(await ids({ notYetCondemnedBy: { stateCodes: ['ESP'] } }, '2021-12-31T23:59:59Z')).toEqual(
      [hajjah, saada].sort(),
    );
    expect(
      await ids({ notYetCondemnedBy: { stateCodes: ['ESP'], countGeneric: true } }, '2021-12-31T23:59:59Z'),
    ).toEqual([]);

    const MATRIX = `query ($filter: ResponseMatrixFilterInput!) { responseMatrix(filter: $filter) {
      asOf rows { stateCode subjectKind subjectId kind scope on lagDays } } }`;
    const { responseMatrix } = await app.ok(MATRIX, {
      filter: { situationIds: [situation], incidentIds: [saada], asOf: '2016-12-31T23:59:59Z' },
    });
    const cell = (code: string, id: string) =>
      responseMatrix.rows.find((r: any) => r.stateCode === code && r.subjectId === id);
    expect(cell('NOR', situation)).toEqual({
      stateCode: 'NOR',
      subjectKind: 'SITUATION',
      subjectId: situation,
      kind: 'CONDEMNATION',
      scope: 'INCIDENT',
      on: '2016-06-01',
      lagDays: 7,
    });
    expect(cell('NOR', saada)).toMatchObject({ subjectKind: 'INCIDENT', kind: null });
    expect(cell('IRL', saada)).toMatchObject({ kind: 'CONDEMNATION', scope: 'SITUATION', lagDays: -82 });

    const { statements } = await app.ok(`{ statements(filter: { stateCodes: ["NOR"] }, first: 5) {
      edges { node { deliveredOn speakers { stateCode ccmStatus } } } } }`);
    expect(statements.edges[0].node.speakers).toEqual([{ stateCode: 'NOR', ccmStatus: 'STATE_PARTY' }]);
  });

  it("asks statements, a State's timeline and sources as of a date, on either clock", async () => {
    const Q = `query ($asOf: DateTime, $clock: Clock) {
      statements(filter: { stateCodes: ["NOR"], asOf: $asOf, clock: $clock }, first: 10) { totalCount }
      stateTimeline(stateCode: "AUT", filter: { asOf: $asOf, clock: $clock }) {
        entries { statement { kind deliveredOn } } }
      sources(filter: { asOf: $asOf, clock: $clock }) { name } }`;
    const known2016 = await app.ok(Q, { asOf: '2016-12-31T23:59:59Z', clock: 'KNOWN' });
    expect(known2016.statements.totalCount).toBe(1);
    expect(known2016.stateTimeline.entries).toEqual([{ statement: { kind: 'CONCERN', deliveredOn: '2016-07-01' } }]);
    expect(known2016.sources.map((x: any) => x.name)).toEqual(['Amnesty International', 'Human Rights Watch']);
    const now = await app.ok(Q, {});
    expect(now.statements.totalCount).toBe(2); // and the Lausanne declaration
    const beforeAnything = await app.ok(Q, { asOf: '2000-01-01T00:00:00Z', clock: 'RECORDED' });
    expect(beforeAnything).toEqual({ statements: { totalCount: 0 }, stateTimeline: { entries: [] }, sources: [] });
  });
  it('an incident now: its referring statements and resolutions, as a file rebuilt from scratch answers', async () => {
    const file = app.app.get(ReadStoreService);
    await fileReady(file);
    await fileInStep(file);
    const FIELDS = `referringStatements(scopes: $scopes) { scope lagDays anticipatory statement { ${STATEMENT_NODE} } }
      referringResolutions(scopes: $scopes) { scope lagDays anticipatory resolution { id revision symbol title venue
        adoptedOn kind scope { incidentIds situationIds allegedUser { stateCodes name } generic }
        votes { stateCode vote } citation { url } recordedAt } }`;
    const ONE = `query ($id: ID!, $scopes: [ScopeLevel!]) { incident(id: $id) { id ${FIELDS} } }`;
    const LIST = `query ($scopes: [ScopeLevel!]) { incidents(first: 10) { edges { node { id ${FIELDS} } } } }`;
    type Shown = { incident: { referringStatements: unknown[]; referringResolutions: unknown[] } };
    const ask = async () => {
      const got: unknown[] = [];
      for (const scopes of [undefined, ['INCIDENT'], ['SITUATION', 'GENERIC'], ['USER']]) {
        for (const id of [hajjah, saada]) got.push({ id, scopes, got: await app.ok(ONE, { id, scopes }) });
        got.push({ scopes, listed: await app.ok(LIST, { scopes }) });
      }
      return got;
    };
    const got = await ask();
    expect(got).toEqual(await afterRebuild(file, ask));
    const shown = await app.ok<Shown>(ONE, { id: hajjah });
    expect(shown.incident.referringStatements.length).toBeGreaterThan(0);
    expect(shown.incident.referringResolutions).toHaveLength(1);
  });
});
