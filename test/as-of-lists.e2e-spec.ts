import { CORRECT_INCIDENT, RETRACT_CORROBORATION } from './support/fixtures';
import { logYearOfEvidence, sleep, speak, startRebuilt } from './support/read-side';
import { seedRegistry, type SeededRegistry } from './support/seeded-registry';
import { PastReads } from '../apps/api/src/read-store/past-reads.service';
import { TestApp } from './support/test-app';

/**
 * Lists, tallies and maps as of a date read the projection file (every incident as of the cut in one pass over
 * its tables; a page asked without tally or map, sorted by date, assesses only its own incidents; who had not yet
 * condemned them, from its statements and resolutions); the same list answered while the file does not serve,
 * from a replay of the store up to the cut, is the one to compare with. On a
 * registry with merges, a withdrawal, corrections, a retraction, conclusions and statements, both give the same
 * answer at every cut on both clocks, the fields a listed incident gets from a replay of its own streams
 * (revision, nested lists, history) included; so does `incident(id, asOf)`, which reads one incident from the
 * file.
 */
jest.setTimeout(240_000);

const NODE = /* GraphQL */ `
  id revision occurredFrom occurredTo reportedOn recordedAt mergedDuplicates summary situationId
  location { countryCode countryName placeName latitude longitude }
  munition { type delivery } allegedUser { kind stateCodes name }
  withdrawal { reason withdrawnOn }
  assessment { status readiness rule reasons statusSince independentSupportingSources policyVersion }
  statusHistory { status on eventIds } firstCorroboratedOn firstConfirmedOn
  corroborations { id publishedOn retractedOn } statements { id } corrections { reason }
  history { eventId type }
`;
const OVERVIEW =
  'tally { status readiness count } map { countryCodes groups { status coordinates } withoutCoordinates }';
const list = (condemners: string, overview = true) => /* GraphQL */ `
  query ($asOf: DateTime, $clock: Clock, $sort: IncidentOrderField!, $country: String, $from: String) {
    incidents(
      filter: { asOf: $asOf, clock: $clock, countryCode: $country, occurredFrom: $from ${condemners} }
      orderBy: { field: $sort, direction: DESC }
      first: 100
    ) {
      totalCount
      edges { cursor node { ${NODE} } }
      ${overview ? OVERVIEW : ''}
    }
  }
`;
const FROM_FILE = list('');
// Without tally or map, sorted by date: only the page's own incidents are assessed.
const PAGE_FROM_FILE = list('', false);
const ONE = /* GraphQL */ `
  query ($id: ID!, $asOf: DateTime, $clock: Clock) {
    incident(id: $id, filter: { asOf: $asOf, clock: $clock }) { ${NODE} }
  }
`;

describe('incident lists as of a date, from the projection file', () => {
  let app: TestApp;
  /** The reference: the same store, its projection file built from scratch once the registry is seeded. */
  let rebuilt: TestApp;
  let seeded: SeededRegistry;
  const instants: Date[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    const mark = async () => {
      await sleep(3);
      instants.push(new Date());
      await sleep(3);
    };
    await mark();
    seeded = await seedRegistry(app);
    await mark();
    const year = await logYearOfEvidence(app);
    instants.push(...Object.values(year.marks));
    await app.ok(CORRECT_INCIDENT, {
      input: {
        incidentId: year.syria,
        reason: 'The strike was two days earlier',
        correctedOn: '2016-08-10',
        changes: { occurredFrom: '2016-07-18', occurredTo: '2016-07-18' },
      },
    });
    await mark();
    // Condemnations of any use by any actor, and of one alleged user's use: counted or not as the filter says.
    await speak(app, ['IRL', 'AUT'], 'CONDEMNATION', '2016-08-11', [], { scope: { generic: true } });
    await speak(app, ['MEX'], 'CONDEMNATION', '2016-08-11', [], { scope: { allegedUser: { stateCodes: ['SAU'] } } });
    await mark();
    const [incidentId, corroborationId] = seeded.corroborations[1];
    await app.ok(RETRACT_CORROBORATION, {
      input: { incidentId, corroborationId, reason: 'Source withdrew it', retractedOn: '2016-08-15' },
    });
    await mark();
    rebuilt = await startRebuilt(app);
  }, 240_000);
  afterAll(async () => {
    await rebuilt?.stop();
    await app?.stop();
  });

  // Around the seed's dates: the merge (06-02), the withdrawal (06-03), the Syrian allegation (08-01), its
  // correction (08-10), the retraction (08-15), the conclusion (09-01).
  const KNOWN_DAYS = ['2015-06-01', '2016-01-10', '2016-03-10', '2016-06-02', '2016-06-03', '2016-08-05', '2016-08-12'];

  /** The same query answered by a service whose projection file was built from scratch (see startRebuilt). */
  const replayed = (query: string, variables: Record<string, unknown>) => rebuilt.ok(query, variables);

  const both = async (asOf: string, clock: string, sort: string, country?: string, from?: string) => {
    const variables = { asOf, clock, sort, country, from };
    const [file, page] = await Promise.all([app.ok(FROM_FILE, variables), app.ok(PAGE_FROM_FILE, variables)]);
    const replay = await replayed(FROM_FILE, variables);
    const { tally: _tally, map: _map, ...withoutOverview } = replay.incidents;
    expect({ asOf, sort, country, page: page.incidents }).toEqual({ asOf, sort, country, page: withoutOverview });
    // One incident as of the cut reads the file too: each equals the replayed list's node.
    for (const { node } of replay.incidents.edges) {
      const one = await app.ok(ONE, { id: node.id, asOf, clock });
      expect({ asOf, incident: one.incident }).toEqual({ asOf, incident: node });
    }
    return { file: file.incidents, replay: replay.incidents };
  };

  it.each(['OCCURRED', 'STATUS_CHANGED'])('KNOWN: every day asked, sorted by %s, equals the replay', async (sort) => {
    let listed = 0;
    for (const day of [...KNOWN_DAYS, '2016-08-20', '2016-09-01', '2030-01-01']) {
      const { file, replay } = await both(`${day}T23:59:59Z`, 'KNOWN', sort);
      expect({ day, ...file }).toEqual({ day, ...replay });
      listed += file.totalCount;
    }
    expect(listed).toBeGreaterThan(20);
  });

  it('filtered by country (a filter on details): every day asked equals the replay', async () => {
    for (const day of KNOWN_DAYS) {
      const { file, replay } = await both(`${day}T23:59:59Z`, 'KNOWN', 'OCCURRED', 'YEM');
      expect({ day, ...file }).toEqual({ day, ...replay });
    }
  });

  // A page filtered by nothing but dates is found by SQL on the dates index before its incidents are assessed.
  it('filtered by date (the Syrian incident moved across it by its correction): equals the replay', async () => {
    const listed = new Set<number>();
    for (const at of [...KNOWN_DAYS.map((day) => `${day}T23:59:59Z`), ...instants.map((i) => i.toISOString())]) {
      const clock = at.endsWith('T23:59:59Z') ? 'KNOWN' : 'RECORDED';
      const { file, replay } = await both(at, clock, 'OCCURRED', undefined, '2016-07-19');
      expect({ at, ...file }).toEqual({ at, ...replay });
      listed.add(file.totalCount);
    }
    expect(listed.size).toBeGreaterThan(1);
  });

  it('RECORDED: every instant asked equals the replay', async () => {
    const counts = new Set<number>();
    for (const at of instants) {
      const { file, replay } = await both(at.toISOString(), 'RECORDED', 'OCCURRED');
      expect({ at, ...file }).toEqual({ at, ...replay });
      counts.add(file.totalCount);
    }
    expect(counts.size).toBeGreaterThan(2);
  });

  it('not yet condemned by these States or every State Party, generic or not: equals the replay', async () => {
    const asked = [
      '{ stateCodes: ["ZZZ"] }',
      '{ stateCodes: ["NOR", "GBR"] }',
      '{ stateCodes: ["NOR"], countGeneric: true }',
      '{ stateCodes: ["IRL", "MEX"] }',
      '{ stateCodes: ["IRL", "MEX"], countGeneric: true }',
      '{ statesParties: true }',
      '{ statesParties: true, countGeneric: true }',
    ];
    const kept = new Set<number>();
    const cuts = [
      ...[...KNOWN_DAYS, '2016-09-01', '2030-01-01'].map((day) => ({ asOf: `${day}T23:59:59Z`, clock: 'KNOWN' })),
      ...instants.map((at) => ({ asOf: at.toISOString(), clock: 'RECORDED' })),
    ];
    for (const notYet of asked) {
      const query = list(`, notYetCondemnedBy: ${notYet}`);
      for (const cut of cuts) {
        const variables = { ...cut, sort: 'OCCURRED' };
        const file = (await app.ok(query, variables)).incidents;
        const replay = (await replayed(query, variables)).incidents;
        expect({ notYet, cut, file }).toEqual({ notYet, cut, file: replay });
        kept.add(file.totalCount);
      }
    }
    expect(kept.size).toBeGreaterThan(3); // the lists differ from State to State and from date to date
    const past = app.app.get(PastReads);
    const listed = await past.incidentsAt(new Date('2030-01-01T00:00:00Z'), 'KNOWN');
    expect('fixed' in listed).toBe(true); // read from the file, not replayed
    if ('fixed' in listed) {
      const at = new Date('2030-01-01T00:00:00Z');
      expect(await past.condemnersAt(at, 'KNOWN', listed.incidents.values(), '2030-01-01', false)).not.toBeNull();
    }
  });

  it('page by page with cursors, both directions, filtered by date or not: each page equals the replay', async () => {
    const pages = /* GraphQL */ `
      query ($asOf: DateTime, $clock: Clock, $from: String, $after: String, $dir: OrderDirection!) {
        incidents(
          filter: { asOf: $asOf, clock: $clock, occurredFrom: $from }
          orderBy: { field: OCCURRED, direction: $dir }
          first: 2
          after: $after
        ) {
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
              occurredFrom
              assessment {
                status
                readiness
              }
            }
          }
        }
      }
    `;
    const cuts = [
      ...['2016-03-10', '2016-08-12', '2030-01-01'].map((day) => ({ asOf: `${day}T23:59:59Z`, clock: 'KNOWN' })),
      ...instants.slice(-2).map((at) => ({ asOf: at.toISOString(), clock: 'RECORDED' })),
    ];
    let walked = 0;
    for (const cut of cuts) {
      for (const from of [undefined, '2016-07-19']) {
        for (const dir of ['DESC', 'ASC']) {
          let after: string | undefined;
          for (let n = 0; n < 50; n++) {
            const variables = { ...cut, from, after, dir };
            const file = (await app.ok(pages, variables)).incidents;
            const replay = (await replayed(pages, variables)).incidents;
            expect({ variables, file }).toEqual({ variables, file: replay });
            walked += file.edges.length;
            if (!file.pageInfo.hasNextPage) break;
            after = file.pageInfo.endCursor;
          }
        }
      }
    }
    expect(walked).toBeGreaterThan(40);
  });

  it('shows the merge and the withdrawal only from their dates on, for lists and one incident', async () => {
    const before = (await both('2016-06-01T23:59:59Z', 'KNOWN', 'OCCURRED')).file;
    const after = (await both('2030-01-01T00:00:00Z', 'KNOWN', 'OCCURRED')).file;
    const mergedNow = after.edges.filter((e: any) => e.node.mergedDuplicates.length > 0);
    expect(mergedNow.length).toBe(1);
    expect(before.edges.filter((e: any) => e.node.mergedDuplicates.length > 0)).toEqual([]);
    expect(before.edges.filter((e: any) => e.node.withdrawal !== null)).toEqual([]);
    expect(after.edges.filter((e: any) => e.node.withdrawal !== null).length).toBe(1);
    // One incident: a duplicate is itself before the merge, its canonical incident after; nothing before it existed.
    const duplicate = seeded.incidents[seeded.incidents.length - 1];
    const one = async (asOf: string) =>
      (await app.ok(ONE, { id: duplicate, asOf, clock: 'KNOWN' })).incident as { id: string; mergedDuplicates: [] };
    expect((await one('2016-06-01T23:59:59Z')).id).toBe(duplicate);
    const canonical = await one('2030-01-01T00:00:00Z');
    expect(canonical.id).not.toBe(duplicate);
    expect(canonical.mergedDuplicates).toEqual([duplicate]);
    const none = await app.gql(ONE, { id: duplicate, asOf: '2000-01-01T00:00:00Z', clock: 'KNOWN' });
    expect(none.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
