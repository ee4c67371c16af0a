import { TestApp } from './support/test-app';
import { logYearOfEvidence } from './support/read-side';

const INCIDENT_AT = /* GraphQL */ `
  query ($id: ID!, $asOf: DateTime, $clock: Clock) {
    incident(id: $id, filter: { asOf: $asOf, clock: $clock }) {
      id
      assessment {
        status
        readiness
        statusSince
        independentSupportingSources
      }
      statusHistory {
        status
        on
      }
      corroborations {
        source {
          name
        }
        publishedOn
      }
      firstCorroboratedOn
      firstConfirmedOn
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
      statements {
        id
      }
    }
  }
`;
const LIST_AT = /* GraphQL */ `
  query ($asOf: DateTime, $clock: Clock, $status: [Status!]) {
    incidents(filter: { asOf: $asOf, clock: $clock, status: $status }, first: 50) {
      totalCount
      edges {
        node {
          id
          assessment {
            status
          }
        }
      }
    }
  }
`;
const REPORT_AT = /* GraphQL */ `
  query ($asOf: DateTime, $clock: Clock) {
    speakOutReport(filter: { countryCode: "YEM", asOf: $asOf, clock: $clock }) {
      asOf
      confirmedIncidentIds
      condemned {
        stateCode
        firstCondemnationOn
      }
      expressedConcern {
        stateCode
      }
      lags {
        stateCode
        days
      }
      medianLagDays
      maxLagDays
      nonPartiesThatSpoke {
        stateCode
        kinds
      }
    }
  }
`;
const day = (d: string) => `${d}T23:59:59Z`;

// Boots the app: sized for a loaded 2-core machine, not Jest's 5 s default (also for the hooks).
jest.setTimeout(120_000);

describe('time travel on two clocks over a year of backfilled evidence', () => {
  let app: TestApp;
  let seeded: Awaited<ReturnType<typeof logYearOfEvidence>>;
  beforeAll(async () => {
    app = await TestApp.start();
    seeded = await logYearOfEvidence(app);
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  const incidentAt = (asOf: string | Date | undefined, clock?: string) =>
    app.gql(INCIDENT_AT, { id: seeded.yemen, asOf: asOf instanceof Date ? asOf.toISOString() : asOf, clock });

  describe('KNOWN: what was publicly known on a date', () => {
    it('does not know the incident before its allegation was published', async () => {
      const res = await incidentAt(day('2016-01-09'), 'KNOWN');
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const list = await app.ok(LIST_AT, { asOf: day('2016-01-09'), clock: 'KNOWN' });
      expect(list.incidents.totalCount).toBe(0);
    });

    it('shows ALLEGED on the day of the allegation', async () => {
      const { data } = await incidentAt(day('2016-01-10'), 'KNOWN');
      expect(data!.incident.assessment).toMatchObject({
        status: 'ALLEGED',
        readiness: 'CONCERN',
        statusSince: '2016-01-10',
      });
      expect(data!.incident.corroborations.map((c: any) => c.source.name)).toEqual(['Amnesty International']);
    });

    it('shows CORROBORATED between corroboration and confirmation: no lag before the first confirmation', async () => {
      const { data } = await incidentAt(day('2016-04-01'), 'KNOWN');
      const incident = data!.incident;
      expect(incident.assessment).toMatchObject({
        status: 'CORROBORATED',
        statusSince: '2016-03-01',
      });
      expect(incident.firstCorroboratedOn).toBe('2016-03-01');
      expect(incident.firstConfirmedOn).toBeNull();
      expect(incident.statusHistory).toEqual([
        { status: 'ALLEGED', on: '2016-01-10' },
        { status: 'CORROBORATED', on: '2016-03-01' },
      ]);
      expect(incident.referringStatements).toEqual([
        {
          lagDays: null,
          anticipatory: false,
          statement: { kind: 'CONCERN', deliveredOn: '2016-03-15', speakers: [{ stateCode: 'NOR' }] },
        },
      ]);
    });

    it('shows CONFIRMED after the field visit, before the joint condemnation', async () => {
      const { data } = await incidentAt(day('2016-06-01'), 'KNOWN');
      expect(data!.incident.assessment).toMatchObject({
        status: 'CONFIRMED',
        readiness: 'CONDEMN',
        statusSince: '2016-05-25',
      });
      expect(data!.incident.referringStatements.map((s: any) => s.statement.deliveredOn)).toEqual(['2016-03-15']);
    });

    it('lists incidents as they stood, filtered by the status then', async () => {
      const then = await app.ok(LIST_AT, {
        asOf: day('2016-04-01'),
        clock: 'KNOWN',
        status: ['CORROBORATED'],
      });
      expect(then.incidents.edges.map((e: any) => e.node.id)).toEqual([seeded.yemen]);
      const before = await app.ok(LIST_AT, { asOf: day('2016-07-31'), clock: 'KNOWN' });
      expect(before.incidents.totalCount).toBe(1);
      const after = await app.ok(LIST_AT, { asOf: day('2016-08-01'), clock: 'KNOWN' });
      expect(after.incidents.totalCount).toBe(2);
    });

    it('gives each listed incident the audit trail it had then', async () => {
      const HISTORY_AT = `query ($asOf: DateTime, $clock: Clock) {
        incidents(filter: { asOf: $asOf, clock: $clock }, first: 5) {
          edges { node { id history { eventId type evidenceDate } } } } }`;
      const now = await app.ok(HISTORY_AT, {});
      const then = await app.ok(HISTORY_AT, { asOf: day('2016-04-01'), clock: 'KNOWN' });
      const liveTrail = now.incidents.edges.find((e: any) => e.node.id === seeded.yemen).node.history;
      const trailThen = then.incidents.edges.find((e: any) => e.node.id === seeded.yemen).node.history;
      expect(trailThen.length).toBeGreaterThan(1);
      expect(trailThen.length).toBeLessThan(liveTrail.length);
      expect(trailThen).toEqual(
        liveTrail.filter((h: any) => h.evidenceDate === null || h.evidenceDate <= '2016-04-01'),
      );
    });

    it('reports who had spoken by a date', async () => {
      const may = await app.ok(REPORT_AT, { asOf: day('2016-05-01'), clock: 'KNOWN' });
      expect(may.speakOutReport).toMatchObject({
        asOf: '2016-05-01',
        confirmedIncidentIds: [],
        condemned: [],
        expressedConcern: [{ stateCode: 'NOR' }],
        lags: [],
        medianLagDays: null,
        nonPartiesThatSpoke: [],
      });
      const summer = await app.ok(REPORT_AT, { asOf: day('2016-07-15'), clock: 'KNOWN' });
      expect(summer.speakOutReport.confirmedIncidentIds).toEqual([seeded.yemen]);
      expect(summer.speakOutReport.condemned.map((c: any) => c.stateCode)).toEqual(['DEU', 'IRL', 'NOR']);
      expect(summer.speakOutReport.lags.map((l: any) => l.days)).toEqual([16, 16, 16]);
      expect(summer.speakOutReport).toMatchObject({ medianLagDays: 16, maxLagDays: 16 });
      expect(summer.speakOutReport.nonPartiesThatSpoke).toEqual([{ stateCode: 'USA', kinds: ['CONCERN'] }]);
    });
  });

  describe('RECORDED: what the registry showed at an instant', () => {
    it('did not hold the incident before it was logged', async () => {
      const res = await incidentAt(seeded.marks.beforeAllegation, 'RECORDED');
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('showed only the allegation right after it was logged, whatever its evidence date', async () => {
      const { data } = await incidentAt(seeded.marks.afterAllegation, 'RECORDED');
      expect(data!.incident.assessment.status).toBe('ALLEGED');
      expect(data!.incident.statements).toEqual([]);
    });

    it('showed CONFIRMED without a CORROBORATED step before the earlier-dated HRW report was backfilled', async () => {
      const { data } = await incidentAt(seeded.marks.afterFieldVisit, 'RECORDED');
      expect(data!.incident.assessment).toMatchObject({
        status: 'CONFIRMED',
        statusSince: '2016-05-25',
        independentSupportingSources: 2,
      });
      expect(data!.incident.statusHistory).toEqual([
        { status: 'ALLEGED', on: '2016-01-10' },
        { status: 'CONFIRMED', on: '2016-05-25' },
      ]);
      // The KNOWN clock on that date gives the other answer: the backfilled report is dated earlier.
      const known = await incidentAt(day('2016-05-25'), 'KNOWN');
      expect(known.data!.incident.statusHistory.map((h: any) => h.status)).toEqual([
        'ALLEGED',
        'CORROBORATED',
        'CONFIRMED',
      ]);
    });

    it('is the default clock', async () => {
      const { data } = await incidentAt(seeded.marks.afterAllegation);
      expect(data!.incident.assessment.status).toBe('ALLEGED');
    });
  });

  it('answers exactly as the live model for an instant after the last event, on both clocks', async () => {
    const live = await app.ok(INCIDENT_AT, { id: seeded.yemen });
    const liveList = await app.ok(LIST_AT, {});
    const liveReport = await app.ok(REPORT_AT, {});
    for (const [asOf, clock] of [
      [seeded.marks.afterAll.toISOString(), 'RECORDED'],
      ['2030-01-01T00:00:00Z', 'KNOWN'],
      ['2030-01-01T00:00:00Z', 'RECORDED'],
    ]) {
      expect(await app.ok(INCIDENT_AT, { id: seeded.yemen, asOf, clock })).toEqual(live);
      expect(await app.ok(LIST_AT, { asOf, clock })).toEqual(liveList);
    }
    // The live report speaks for the latest evidence date (2016-08-01): the same date on the KNOWN
    // clock holds everything.
    const reportThen = await app.ok(REPORT_AT, { asOf: day('2016-08-01'), clock: 'KNOWN' });
    expect(reportThen.speakOutReport).toEqual(liveReport.speakOutReport);
  });

  it('refuses a malformed asOf with BAD_USER_INPUT', async () => {
    const res = await app.gql(INCIDENT_AT, { id: seeded.yemen, asOf: 'last tuesday', clock: 'KNOWN' });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.asOf' });
    // The same inside a whole filter given as one variable, beside what it selects.
    const LIST = 'query ($filter: IncidentFilterInput) { incidents(filter: $filter) { totalCount } }';
    const list = await app.gql(LIST, { filter: { countryCode: 'YEM', asOf: 'last tuesday' } });
    expect(list.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.asOf' });
    // Not an ISO string (a variable or written in the query), a day the calendar lacks, a time without its offset, a
    // year past four digits: refused the same way, never taken for 1970, for now, or for another day.
    for (const asOf of [5, true, '5', '2016-02-30', '2016-06-01T00:00:00', '+010000-01-01T00:00:00Z']) {
      const answer = await app.gql(REPORT_AT, { asOf, clock: 'KNOWN' });
      expect({ asOf, extensions: answer.errors?.[0].extensions }).toMatchObject({
        asOf,
        extensions: { code: 'BAD_USER_INPUT', field: 'filter.asOf' },
      });
    }
    for (const literal of ['5', 'true', '{ day: 1 }']) {
      const answer = await app.gql(`{ incidents(filter: { asOf: ${literal} }) { totalCount } }`);
      expect({ literal, extensions: answer.errors?.[0].extensions }).toMatchObject({
        literal,
        extensions: { code: 'BAD_USER_INPUT', field: 'filter.asOf' },
      });
    }
    const nested = await app.gql(LIST, { filter: { notYetCondemnedBy: { stateCodes: ['gbr'] } } });
    expect(nested.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.notYetCondemnedBy.stateCodes',
    });
  });
});
