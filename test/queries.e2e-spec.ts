import { TestApp } from './support/test-app';
import { allege, logYearOfEvidence, merge, speak } from './support/read-side';

const OPEN_INVESTIGATION = /* GraphQL */ `
  mutation ($input: OpenInvestigationInput!) {
    openInvestigation(input: $input) {
      id
    }
  }
`;
const INCIDENTS = /* GraphQL */ `
  query ($filter: IncidentFilterInput, $orderBy: IncidentOrderInput, $first: Int, $after: String) {
    incidents(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`;
const STATEMENTS = /* GraphQL */ `
  query ($filter: StatementFilterInput, $orderBy: StatementOrderInput, $first: Int, $after: String) {
    statements(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        speaker
        node {
          id
          kind
          venue
          deliveredOn
        }
      }
    }
  }
`;

// Boots the app: sized for a loaded 2-core machine, not Jest's 5 s default (also for the hooks).
jest.setTimeout(120_000);

describe('read-side queries', () => {
  let app: TestApp;
  let s: Awaited<ReturnType<typeof logYearOfEvidence>>;
  let duplicate: string;
  let laos: string;
  let investigation: string;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await logYearOfEvidence(app);
    duplicate = await allege(
      app,
      s.sources.local,
      { reportedOn: '2016-02-02', summary: 'Cluster bombs in Hajjah (local report)' },
      { evidenceKinds: ['VIDEO'], publishedOn: '2016-02-02' },
    );
    await merge(app, duplicate, s.yemen, '2016-02-15');
    laos = await allege(
      app,
      s.sources.hrw,
      {
        occurredFrom: '2014-03-01',
        occurredTo: '2014-03-31',
        reportedOn: '2014-06-01',
        location: { countryCode: 'LAO', placeName: 'Xieng Khouang' },
        munition: { type: 'BLU-26', delivery: 'AIR_DROPPED' },
        allegedUser: { kind: 'UNKNOWN', stateCodes: [] },
        summary: 'Submunitions found after clearance work.',
      },
      { publishedOn: '2014-06-01' },
    );
    ({
      openInvestigation: { id: investigation },
    } = await app.ok(OPEN_INVESTIGATION, {
      input: {
        investigator: { kind: 'STATE', stateCode: 'GBR' },
        incidentIds: [duplicate],
        mandate: 'Full investigation',
        openedOn: '2016-05-24',
      },
    }));
    await speak(app, ['GBR'], 'INVESTIGATION_ANNOUNCED', '2016-05-24', [duplicate], { venue: 'NATIONAL' });
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  describe('incident(id)', () => {
    const QUERY = /* GraphQL */ `
      query ($id: ID!) {
        incident(id: $id) {
          id
          mergedDuplicates
          assessment {
            status
            statusSince
          }
          corroborations {
            publishedOn
            source {
              name
              grade
            }
          }
          investigations {
            id
            investigator {
              stateCode
            }
          }
          referringStatements {
            lagDays
            anticipatory
            statement {
              kind
              deliveredOn
              speakers {
                stateCode
              }
            }
          }
          statusHistory {
            status
            on
            eventIds
          }
          firstCorroboratedOn
          firstConfirmedOn
          history {
            type
            evidenceDate
            actor
            summary
          }
        }
      }
    `;

    it('gives details, sources, investigations, statements with lags and the status history with causes', async () => {
      const { incident } = await app.ok(QUERY, { id: s.yemen });
      expect(incident).toMatchObject({
        id: s.yemen,
        mergedDuplicates: [duplicate],
        firstCorroboratedOn: '2016-02-02',
        firstConfirmedOn: '2016-05-25',
      });
      expect(incident.corroborations.map((c: any) => [c.publishedOn, c.source.name])).toEqual(
        expect.arrayContaining([
          ['2016-01-10', 'Amnesty International'],
          ['2016-05-25', 'UN Panel of Experts on Yemen'],
          ['2016-03-01', 'Human Rights Watch'],
          ['2016-02-02', 'Aleppo Media Centre'],
        ]),
      );
      expect(incident.investigations).toEqual([{ id: investigation, investigator: { stateCode: 'GBR' } }]);
      expect(
        incident.referringStatements.map((r: any) => [
          r.statement.deliveredOn,
          r.statement.kind,
          r.lagDays,
          r.anticipatory,
        ]),
      ).toEqual([
        // The lag is for condemnations only: days from the first confirmation (2016-05-25); earlier is negative.
        ['2016-03-15', 'CONCERN', null, false],
        ['2016-05-24', 'INVESTIGATION_ANNOUNCED', null, false],
        ['2016-06-10', 'CONDEMNATION', 16, false],
        ['2016-07-01', 'CONCERN', null, false],
      ]);
      expect(incident.statusHistory.map((c: any) => [c.status, c.on])).toEqual([
        // The merged duplicate's local report (C, 2016-02-02) is the second independent source.
        ['ALLEGED', '2016-01-10'],
        ['CORROBORATED', '2016-02-02'],
        ['CONFIRMED', '2016-05-25'],
      ]);
      expect(incident.statusHistory.every((c: any) => c.eventIds.length > 0)).toBe(true);
      expect(incident.history.map((h: any) => h.type)).toContain('IncidentMergedInto');
    });

    it('resolves a merged duplicate id to the canonical incident', async () => {
      const { incident } = await app.ok(QUERY, { id: duplicate });
      expect(incident.id).toBe(s.yemen);
    });

    it('replays one incident with its merged duplicate, investigation and statements for time travel', async () => {
      const TRAVEL = QUERY.replace('query ($id: ID!)', 'query ($id: ID!, $asOf: DateTime, $clock: Clock)').replace(
        'incident(id: $id)',
        'incident(id: $id, filter: { asOf: $asOf, clock: $clock })',
      );
      expect(TRAVEL).toContain('incident(id: $id, filter: { asOf: $asOf, clock: $clock })');
      const live = await app.ok(QUERY, { id: duplicate });
      expect(await app.ok(TRAVEL, { id: duplicate, asOf: '2030-01-01T00:00:00Z', clock: 'KNOWN' })).toEqual(live);
      expect(await app.ok(TRAVEL, { id: duplicate, asOf: '2030-01-01T00:00:00Z', clock: 'RECORDED' })).toEqual(live);
      // Before the merge was dated, the duplicate was an incident of its own.
      const { incident } = await app.ok(TRAVEL, { id: duplicate, asOf: '2016-02-10T00:00:00Z', clock: 'KNOWN' });
      expect(incident).toMatchObject({ id: duplicate, mergedDuplicates: [], investigations: [] });
    });
  });

  describe('incidents', () => {
    const ids = async (variables: Record<string, unknown>) =>
      (await app.ok(INCIDENTS, { first: 50, ...variables })).incidents.edges.map((e: any) => e.node.id);

    it('lists canonical incidents only, newest occurrence first by default', async () => {
      expect(await ids({})).toEqual([s.syria, s.yemen, laos]);
      expect(await ids({ orderBy: { field: 'OCCURRED', direction: 'ASC' } })).toEqual([laos, s.yemen, s.syria]);
      expect(await ids({ orderBy: { field: 'OCCURRED', direction: 'DESC' } })).toEqual([s.syria, s.yemen, laos]);
    });

    it('filters by country, alleged user, status, readiness, munition, dates and text', async () => {
      expect(await ids({ filter: { countryCode: 'SYR' } })).toEqual([s.syria]);
      expect(await ids({ filter: { allegedUser: 'SAU' } })).toEqual([s.yemen]);
      expect(await ids({ filter: { status: ['CONFIRMED'] } })).toEqual([s.yemen]);
      expect(await ids({ filter: { status: ['ALLEGED', 'CORROBORATED'] } })).toEqual([s.syria, laos]);
      expect(await ids({ filter: { readiness: ['CONDEMN'] } })).toEqual([s.yemen]);
      expect(await ids({ filter: { munitionType: 'rbk-500' } })).toEqual([s.syria]);
      expect(await ids({ filter: { occurredFrom: '2015-01-01', occurredTo: '2015-12-31' } })).toEqual([s.yemen]);
      expect(await ids({ filter: { text: 'clearance' } })).toEqual([laos]);
      expect(await ids({ filter: { text: 'aleppo', status: ['CONFIRMED'] } })).toEqual([]);
    });

    it('sorts by status change', async () => {
      // statusSince: Syria 2016-08-01, Yemen 2016-05-25, Laos 2014-06-01.
      expect(await ids({ orderBy: { field: 'STATUS_CHANGED', direction: 'ASC' } })).toEqual([laos, s.yemen, s.syria]);
      expect(await ids({ orderBy: { field: 'STATUS_CHANGED', direction: 'DESC' } })).toEqual([s.syria, s.yemen, laos]);
    });

    it('pages with cursors', async () => {
      const first = (await app.ok(INCIDENTS, { first: 2 })).incidents;
      expect(first.totalCount).toBe(3);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(first.edges.map((e: any) => e.node.id)).toEqual([s.syria, s.yemen]);
      const next = (await app.ok(INCIDENTS, { first: 2, after: first.pageInfo.endCursor })).incidents;
      expect(next.edges.map((e: any) => e.node.id)).toEqual([laos]);
      expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    });

    it('counts the whole match by status and readiness, and maps it, in one request without a page', async () => {
      const OVERVIEW = /* GraphQL */ `
        query ($filter: IncidentFilterInput) {
          incidents(filter: $filter, first: 0) {
            totalCount
            tally {
              status
              readiness
              count
            }
            map {
              countryCodes
              withoutCoordinates
              groups {
                status
                coordinates
              }
            }
          }
        }
      `;
      const all = (await app.ok(OVERVIEW, {})).incidents;
      expect(all.totalCount).toBe(3);
      expect(all.tally.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(3);
      expect(all.tally).toContainEqual({ status: 'CONFIRMED', readiness: 'CONDEMN', count: 1 });
      expect(all.map).toEqual({
        countryCodes: ['LAO', 'SYR', 'YEM'],
        withoutCoordinates: 2,
        groups: [{ status: 'CONFIRMED', coordinates: [43.6, 15.69] }],
      });
      const confirmed = (await app.ok(OVERVIEW, { filter: { status: ['CONFIRMED'] } })).incidents;
      expect(confirmed.tally).toEqual([{ status: 'CONFIRMED', readiness: 'CONDEMN', count: 1 }]);
      expect(confirmed.map.countryCodes).toEqual(['YEM']);
    });

    it('refuses first above 500 and a foreign cursor with BAD_USER_INPUT', async () => {
      expect((await app.gql(INCIDENTS, { first: 501 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await app.gql(INCIDENTS, { after: 'not-a-cursor' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await app.gql(INCIDENTS, { filter: { countryCode: 'yem' } })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'filter.countryCode',
      });
      const badOrder = await app.gql(INCIDENTS, { orderBy: { field: 'OCCURRED', direction: 'SIDEWAYS' } });
      expect(badOrder.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('incidentHistory: every event with type, evidence date, recordedAt, actor and summary', async () => {
    const { incidentHistory } = await app.ok(
      `query ($id: ID!) { incidentHistory(id: $id) { eventId type evidenceDate recordedAt actor summary } }`,
      { id: s.yemen },
    );
    expect(incidentHistory.map((h: any) => [h.type, h.evidenceDate])).toEqual([
      ['UseAlleged', '2016-01-10'],
      ['CorroborationAdded', '2016-05-25'],
      ['CorroborationAdded', '2016-03-01'],
      ['StatementRecorded', '2016-03-15'],
      ['StatementRecorded', '2016-06-10'],
      ['StatementRecorded', '2016-07-01'],
      ['UseAlleged', '2016-02-02'],
      ['IncidentMergedInto', '2016-02-15'],
      ['InvestigationOpened', '2016-05-24'],
      ['StatementRecorded', '2016-05-24'],
    ]);
    for (const h of incidentHistory) {
      expect(typeof h.actor).toBe('string');
      expect(h.summary.length).toBeGreaterThan(10);
      expect(Number.isNaN(Date.parse(h.recordedAt))).toBe(false);
    }
    expect(
      (await app.gql('{ incidentHistory(id: "0190a0a0-0000-7000-8000-000000000000") { type } }')).errors?.[0].extensions
        ?.code,
    ).toBe('NOT_FOUND');
  });

  describe('statements', () => {
    const rows = async (filter: Record<string, unknown>) =>
      (await app.ok(STATEMENTS, { filter, first: 50 })).statements.edges.map((e: any) => [
        e.speaker,
        e.node.deliveredOn,
      ]);

    it('lists a joint statement once per co-signer when filtering by State', async () => {
      expect(await rows({ stateCodes: ['NOR', 'IRL'] })).toEqual([
        ['NOR', '2016-03-15'],
        ['IRL', '2016-06-10'],
        ['NOR', '2016-06-10'],
      ]);
      expect(await rows({})).toHaveLength(4);
    });

    it('filters by incident (merged duplicates included), kind, venue and dates', async () => {
      expect(await rows({ incidentId: duplicate })).toHaveLength(4);
      expect(await rows({ kind: ['CONCERN'] })).toEqual([
        [null, '2016-03-15'],
        [null, '2016-07-01'],
      ]);
      expect(await rows({ venue: ['MSP'] })).toEqual([[null, '2016-06-10']]);
      expect(await rows({ from: '2016-05-01', to: '2016-06-30' })).toEqual([
        [null, '2016-05-24'],
        [null, '2016-06-10'],
      ]);
    });

    it('orders by delivery, oldest first unless orderBy says DESC', async () => {
      const days = async (orderBy?: object) =>
        (await app.ok(STATEMENTS, { orderBy, first: 50 })).statements.edges.map((e: any) => e.node.deliveredOn);
      const oldestFirst = ['2016-03-15', '2016-05-24', '2016-06-10', '2016-07-01'];
      expect(await days()).toEqual(oldestFirst);
      expect(await days({ field: 'DELIVERED', direction: 'ASC' })).toEqual(oldestFirst);
      expect(await days({ field: 'DELIVERED', direction: 'DESC' })).toEqual([...oldestFirst].reverse());
    });

    it('pages', async () => {
      const page1 = (await app.ok(STATEMENTS, { first: 3 })).statements;
      expect(page1).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
      const page2 = (await app.ok(STATEMENTS, { first: 3, after: page1.pageInfo.endCursor })).statements;
      expect(page2.edges.map((e: any) => e.node.deliveredOn)).toEqual(['2016-07-01']);
    });
  });

  it("stateTimeline: statements in order with the incidents' status on each date and the CCM status then", async () => {
    const { stateTimeline } = await app.ok(`{ stateTimeline(stateCode: "NOR") { stateCode name
      entries { statement { kind deliveredOn } ccmStatus
        incidents { incidentId canonicalIncidentId status readiness } } } }`);
    expect(stateTimeline).toEqual({
      stateCode: 'NOR',
      name: 'Norway',
      entries: [
        {
          statement: { kind: 'CONCERN', deliveredOn: '2016-03-15' },
          ccmStatus: 'STATE_PARTY',
          incidents: [
            { incidentId: s.yemen, canonicalIncidentId: s.yemen, status: 'CORROBORATED', readiness: 'CONCERN' },
          ],
        },
        {
          statement: { kind: 'CONDEMNATION', deliveredOn: '2016-06-10' },
          ccmStatus: 'STATE_PARTY',
          incidents: [{ incidentId: s.yemen, canonicalIncidentId: s.yemen, status: 'CONFIRMED', readiness: 'CONDEMN' }],
        },
      ],
    });
    const usa = (await app.ok('{ stateTimeline(stateCode: "USA") { entries { ccmStatus } } }')).stateTimeline;
    expect(usa.entries).toEqual([{ ccmStatus: 'NOT_PARTY' }]);
  });

  it('speakOutReport: filtered by incidents, country, alleged user and occurrence dates', async () => {
    const REPORT = `query ($filter: SpeakOutFilterInput) { speakOutReport(filter: $filter) {
      incidentIds confirmedIncidentIds statesPartiesCount condemned { stateCode firstCondemnationOn }
      expressedConcern { stateCode } silent { stateCode } lags { stateCode days } medianLagDays maxLagDays
      nonPartiesThatSpoke { stateCode ccmStatus kinds } } }`;
    const byUser = (await app.ok(REPORT, { filter: { allegedUser: 'SAU' } })).speakOutReport;
    expect(byUser.incidentIds).toEqual([s.yemen]);
    expect(byUser.condemned.map((c: any) => c.stateCode)).toEqual(['DEU', 'IRL', 'NOR']);
    expect(byUser.silent.map((c: any) => c.stateCode)).toContain('FRA');
    expect(byUser.silent.length + byUser.condemned.length + byUser.expressedConcern.length).toBe(
      byUser.statesPartiesCount,
    );
    expect(byUser.nonPartiesThatSpoke).toEqual([{ stateCode: 'USA', ccmStatus: 'NOT_PARTY', kinds: ['CONCERN'] }]);
    expect(byUser).toMatchObject({ medianLagDays: 16, maxLagDays: 16 });
    expect((await app.ok(REPORT, { filter: { incidentIds: [duplicate] } })).speakOutReport.incidentIds).toEqual([
      s.yemen,
    ]);
    const syria = (await app.ok(REPORT, { filter: { countryCode: 'SYR' } })).speakOutReport;
    expect(syria).toMatchObject({ incidentIds: [s.syria], confirmedIncidentIds: [], condemned: [] });
    expect(syria.silent).toHaveLength(syria.statesPartiesCount); // nobody spoke about it, at any scope
    expect(
      (await app.ok(REPORT, { filter: { from: '2014-01-01', to: '2014-12-31' } })).speakOutReport.incidentIds,
    ).toEqual([laos]);
  });

  it('sources and source(id)', async () => {
    const { sources } = await app.ok('{ sources { id name grade } }');
    expect(sources.map((x: any) => x.name)).toEqual([
      'Aleppo Media Centre',
      'Amnesty International',
      'Human Rights Watch',
      'UN Panel of Experts on Yemen',
    ]);
    const { source } = await app.ok('query ($id: ID!) { source(id: $id) { name kind grade } }', { id: s.sources.un });
    expect(source).toEqual({ name: 'UN Panel of Experts on Yemen', kind: 'UN_BODY', grade: 'A' });
  });

  it('states: CCM status on a date, from entry into force (Article 17) until withdrawal', async () => {
    const STATES = `query ($filter: StateFilterInput) { states(filter: $filter) {
      stateCode name ccmStatus signedOn ratifiedOrAccededOn entryIntoForceOn withdrawnOn } }`;
    const parties = async (on?: string) => (await app.ok(STATES, { filter: { status: 'STATE_PARTY', on } })).states;
    expect(await parties('2010-06-01')).toEqual([]);
    expect(await parties('2010-08-01')).toHaveLength(30);
    const partiesNow = await parties();
    expect(partiesNow.find((x: any) => x.stateCode === 'NOR')).toMatchObject({
      name: 'Norway',
      ccmStatus: 'STATE_PARTY',
    });
    expect((await parties('2010-10-31')).find((x: any) => x.stateCode === 'GBR')).toBeUndefined();
    expect((await parties('2010-11-01')).find((x: any) => x.stateCode === 'GBR')).toEqual({
      stateCode: 'GBR',
      name: 'United Kingdom of Great Britain and Northern Ireland',
      ccmStatus: 'STATE_PARTY',
      signedOn: '2008-12-03',
      ratifiedOrAccededOn: '2010-05-04',
      entryIntoForceOn: '2010-11-01',
      withdrawnOn: null,
    });
    const lithuania = (await app.ok(STATES, { filter: { on: '2025-03-06' } })).states.find(
      (x: any) => x.stateCode === 'LTU',
    );
    expect(lithuania).toMatchObject({
      ccmStatus: 'NOT_PARTY',
      entryIntoForceOn: '2011-09-01',
      withdrawnOn: '2025-03-06',
    });
    expect((await app.gql(STATES, { filter: { on: '2009-02-30' } })).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });
});
