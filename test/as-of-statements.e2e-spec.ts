import { modelTimeline } from '@app/projections';
import { EventStore } from '@app/event-store';
import { foldStore } from './support/fold-store';
import { PastReads } from '../apps/api/src/read-store/past-reads.service';
import { ReferenceData } from '../apps/api/src/reference/reference-data';
import { CORRECT_STATEMENT, STATEMENT_NODE, STATEMENT_PAGE } from './support/fixtures';
import { logYearOfEvidence, merge, registerSource, sleep, speak, startRebuilt } from './support/read-side';
import { seedRegistry, type SeededRegistry } from './support/seeded-registry';
import { TestApp } from './support/test-app';

/**
 * Statements by State or incident, every statement (a page of it, by kind, venue and dates too), and sources, as of
 * a date read the projection file; the list to compare with is the same query answered while the file does not
 * serve, which a replay of the store up to the cut answers. On a registry with merged incidents, a joint
 * statement, statements corrected (speakers, incidents, date, words) on dates before and after the cuts, a
 * regraded and a merged source, the file's lists equal what the replayed list gives for the same State or
 * incident at every cut on both clocks, every field of a statement included (its words as of the cut); the
 * sources as of a date after everything equal the live list, and earlier ones show the grade and merge then.
 */
jest.setTimeout(240_000);

const SOURCES = /* GraphQL */ `
  query ($filter: TimeTravelInput) {
    sources(filter: $filter) {
      id
      revision
      name
      kind
      grade
      homepage
      recordedAt
      stateCode
      stateCodeUnresolved
      parentOrganisation
      organisationId
      aliases
      mergedDuplicates
      mergedInto {
        canonicalSourceId
        reason
        mergedOn
      }
      grades {
        grade
        previousGrade
        regradedOn
        reason
        recordedAt
      }
    }
  }
`;
const REGRADE = /* GraphQL */ `
  mutation ($input: RegradeSourceInput!) {
    regradeSource(input: $input) {
      id
    }
  }
`;
const MERGE_SOURCES = /* GraphQL */ `
  mutation ($input: MergeSourcesInput!) {
    mergeSources(input: $input) {
      id
    }
  }
`;
const INCIDENT = /* GraphQL */ `
  query ($id: ID!, $asOf: DateTime, $clock: Clock) {
    incident(id: $id, filter: { asOf: $asOf, clock: $clock }) {
      id
    }
  }
`;

const TIMELINE = /* GraphQL */ `
  query ($code: String!, $filter: TimeTravelInput) {
    stateTimeline(stateCode: $code, filter: $filter) {
      stateCode name
      entries {
        statement { ${STATEMENT_NODE} }
        ccmStatus incidents { incidentId canonicalIncidentId status readiness rule }
      }
    }
  }
`;

type Node = { id: string; deliveredOn: string; speakers: { stateCode: string }[]; incidentIds: string[] };
type Edge = { cursor: string; speaker: string | null; node: Node };

describe('statements and sources as of a date, from the projection file', () => {
  let app: TestApp;
  /** The reference: the same store, its projection file built from scratch once the registry is seeded. */
  let rebuilt: TestApp;
  let seeded: SeededRegistry;
  let incidents: string[];
  const instants: Date[] = [];
  const mark = async () => {
    await sleep(3);
    instants.push(new Date());
    await sleep(3);
  };

  beforeAll(async () => {
    app = await TestApp.start();
    seeded = await seedRegistry(app);
    await mark();
    const year = await logYearOfEvidence(app);
    instants.push(...Object.values(year.marks));
    incidents = [...seeded.incidents, year.yemen, year.syria];
    const correct = (statementId: string, correctedOn: string, changes: Record<string, unknown>) =>
      app.ok(CORRECT_STATEMENT, { input: { statementId, reason: 'Checked against the record', correctedOn, changes } });
    await correct(year.statements.joint, '2016-06-20', { speakers: ['NOR', 'IRL', 'DEU', 'AUT'] });
    await mark();
    await correct(year.statements.concern, '2016-04-01', { quote: 'NOR: deep concern', kind: 'CONDEMNATION' });
    await correct(year.statements.usa, '2016-09-10', {
      incidentIds: [year.yemen, year.syria],
      deliveredOn: '2016-07-02',
    });
    await mark();
    // A statement naming an incident merged later: listed under the canonical incident from the merge on.
    const later = await registerSource(app, 'Syria Civil Defence', 'B');
    await speak(app, ['GBR', 'FRA'], 'CONDEMNATION', '2016-08-05', [year.syria], { quote: 'Aleppo strike' });
    await merge(app, year.syria, seeded.incidents[2], '2016-08-20');
    await mark();
    await app.ok(REGRADE, {
      input: { sourceId: later, newGrade: 'A', reason: 'Verified record', regradedOn: '2016-08-15' },
    });
    await app.ok(MERGE_SOURCES, {
      input: {
        duplicateSourceId: year.sources.amnesty,
        canonicalSourceId: seeded.sources[0],
        reason: 'Registered twice',
        mergedOn: '2016-08-25',
      },
    });
    await mark();
    rebuilt = await startRebuilt(app);
  }, 240_000);
  afterAll(async () => {
    await rebuilt?.stop();
    await app?.stop();
  });

  const KNOWN_DAYS = ['2016-01-10', '2016-03-20', '2016-04-01', '2016-06-15', '2016-07-01', '2016-08-10', '2016-08-22'];
  const cuts = () => [
    ...[...KNOWN_DAYS, '2016-09-10', '2030-01-01'].map((day) => ({ asOf: `${day}T23:59:59Z`, clock: 'KNOWN' })),
    ...instants.map((at) => ({ asOf: at.toISOString(), clock: 'RECORDED' })),
  ];

  const list = async (filter: Record<string, unknown>, args: Record<string, unknown> = {}) =>
    (await app.ok(STATEMENT_PAGE, { filter, first: 500, ...args })).statements as { totalCount: number; edges: Edge[] };

  /** The same list answered by a service whose projection file was built from scratch (see startRebuilt). */
  const replayed = async (filter: Record<string, unknown>, args: Record<string, unknown> = {}) =>
    (await rebuilt.ok(STATEMENT_PAGE, { filter, first: 500, ...args })).statements as {
      totalCount: number;
      edges: Edge[];
    };

  /** What the replayed list gives for these States: once per co-signer, in order. */
  const byStates = (all: Edge[], codes: string[]) =>
    [...new Set(codes)]
      .flatMap((code) =>
        all.filter((e) => e.node.speakers.some((s) => s.stateCode === code)).map((e) => ({ ...e, speaker: code })),
      )
      .sort((a, b) =>
        a.node.deliveredOn !== b.node.deliveredOn
          ? a.node.deliveredOn < b.node.deliveredOn
            ? -1
            : 1
          : a.node.id !== b.node.id
            ? a.node.id < b.node.id
              ? -1
              : 1
            : (a.speaker ?? '') < (b.speaker ?? '')
              ? -1
              : 1,
      );
  const shown = (edges: Edge[]) => edges.map((e) => ({ speaker: e.speaker, node: e.node }));

  it('by State, alone and with kind and dates: every cut on both clocks equals the replayed list', async () => {
    let listed = 0;
    for (const cut of cuts()) {
      const all = (await replayed(cut)).edges;
      for (const codes of [['NOR'], ['IRL', 'NOR', 'AUT'], ['GBR'], ['USA', 'DEU'], ['ZZZ']]) {
        const got = await list({ ...cut, stateCodes: codes });
        const expected = byStates(all, codes);
        expect({ cut, codes, got: shown(got.edges) }).toEqual({ cut, codes, got: shown(expected) });
        expect(got.totalCount).toBe(expected.length);
        listed += got.totalCount;
        const narrowed = await list({ ...cut, stateCodes: codes, kind: ['CONDEMNATION'], from: '2016-03-20' });
        const kept = expected.filter(
          (e) => (e.node as any).kind === 'CONDEMNATION' && e.node.deliveredOn >= '2016-03-20',
        );
        expect({ cut, codes, narrowed: shown(narrowed.edges) }).toEqual({ cut, codes, narrowed: shown(kept) });
      }
    }
    expect(listed).toBeGreaterThan(50);
  });

  it('by incident (a merged duplicate resolved as of the cut): every cut, both clocks, equals the replay', async () => {
    let listed = 0;
    for (const cut of cuts()) {
      const all = (await replayed(cut)).edges;
      for (const id of incidents) {
        const one = await app.gql(INCIDENT, { id, ...cut });
        const canonical: string | null = one.data?.incident?.id ?? null;
        const got = await list({ ...cut, incidentId: id });
        const expected = canonical === null ? [] : all.filter((e) => e.node.incidentIds.includes(canonical));
        expect({ cut, id, got: shown(got.edges) }).toEqual({ cut, id, got: shown(expected) });
        listed += got.totalCount;
        if (canonical === null) continue;
        const joint = await list({ ...cut, incidentId: id, stateCodes: ['NOR', 'GBR'] });
        const both = byStates(expected, ['NOR', 'GBR']);
        expect({ cut, id, joint: shown(joint.edges) }).toEqual({ cut, id, joint: shown(both) });
      }
    }
    expect(listed).toBeGreaterThan(30);
  });

  it('shows the words, speakers and incidents a statement had on each date', async () => {
    const concern = async (day: string) =>
      (await list({ asOf: `${day}T23:59:59Z`, clock: 'KNOWN', stateCodes: ['NOR'], kind: ['CONCERN', 'CONDEMNATION'] }))
        .edges;
    const before = (await concern('2016-03-31')).find((e) => e.node.deliveredOn === '2016-03-15')!.node as any;
    const after = (await concern('2016-04-01')).find((e) => e.node.deliveredOn === '2016-03-15')!.node as any;
    expect([before.kind, before.quote, before.corrections]).toEqual(['CONCERN', 'NOR: concern', []]);
    expect([after.kind, after.quote, after.revision]).toEqual(['CONDEMNATION', 'NOR: deep concern', 1]);
    expect(after.corrections.map((c: any) => ({ ...c, fields: [...c.fields].sort() }))).toEqual([
      { fields: ['kind', 'quote'], reason: 'Checked against the record', correctedOn: '2016-04-01' },
    ]);
    const aut = (day: string) => list({ asOf: `${day}T23:59:59Z`, clock: 'KNOWN', stateCodes: ['AUT'] });
    expect((await aut('2016-06-19')).edges.map((e) => e.node.deliveredOn)).not.toContain('2016-06-10');
    expect((await aut('2016-06-20')).edges.map((e) => e.node.deliveredOn)).toContain('2016-06-10');
  });

  it('all, or by dates, kinds and venues: every cut, both clocks, paged both ways, equals the replay', async () => {
    let listed = 0;
    const filters = [
      {},
      { from: '2016-03-20' },
      { to: '2016-07-01' },
      { kind: ['CONDEMNATION'] },
      { kind: ['CONCERN', 'CALL_FOR_INVESTIGATION'], from: '2016-03-20' },
      { venue: ['UNGA_FIRST_COMMITTEE'] },
      { venue: ['NATIONAL', 'HUMAN_RIGHTS_COUNCIL'], kind: ['CONDEMNATION', 'CONCERN'], to: '2016-07-01' },
    ];
    for (const cut of cuts()) {
      for (const filter of filters) {
        for (const direction of ['ASC', 'DESC']) {
          const orderBy = { field: 'DELIVERED', direction };
          const expected = await replayed({ ...cut, ...filter }, { orderBy });
          const whole = await list({ ...cut, ...filter }, { orderBy });
          expect({ cut, filter, whole }).toEqual({ cut, filter, whole: expected });
          const paged: Edge[] = [];
          let after: string | undefined;
          do {
            const page = (await app.ok(STATEMENT_PAGE, { filter: { ...cut, ...filter }, first: 2, after, orderBy }))
              .statements;
            expect(page.totalCount).toBe(expected.totalCount);
            paged.push(...page.edges);
            after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
          } while (after);
          expect({ cut, filter, paged }).toEqual({ cut, filter, paged: expected.edges });
          listed += whole.totalCount;
        }
      }
    }
    expect(listed).toBeGreaterThan(80);
  });

  it('pages by cursor in both directions as the whole list orders it; a bad cursor is BAD_USER_INPUT', async () => {
    const filter = { asOf: '2030-01-01T00:00:00Z', clock: 'KNOWN', stateCodes: ['NOR', 'IRL', 'DEU', 'GBR'] };
    for (const direction of ['ASC', 'DESC']) {
      const orderBy = { field: 'DELIVERED', direction };
      const whole = await list(filter, { orderBy });
      const paged: Edge[] = [];
      let after: string | undefined;
      do {
        const page = (await app.ok(STATEMENT_PAGE, { filter, first: 2, after, orderBy })).statements;
        paged.push(...page.edges);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
      } while (after);
      expect(paged).toEqual(whole.edges);
      expect(paged.length).toBeGreaterThan(4);
    }
    const bad = await app.gql(STATEMENT_PAGE, { filter, after: 'not-a-cursor' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badDate = await app.gql(STATEMENT_PAGE, { filter: { ...filter, asOf: 'yesterday' } });
    expect(badDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is read from the file (the service answers these lists without a replay)', async () => {
    const past = app.app.get(PastReads);
    const at = new Date('2030-01-01T00:00:00Z');
    expect(await past.statementsAt(at, 'KNOWN', { stateCode: ['NOR'] })).not.toBeNull();
    expect(await past.sourcesAt(at, 'RECORDED')).not.toBeNull();
    expect(await past.statementPageAt(at, 'RECORDED', {}, { first: 5 })).not.toBeNull();
    expect(await past.statementPageAt(at, 'KNOWN', { kind: ['CONCERN'], venue: 'MSP' }, { first: 5 })).not.toBeNull();
    expect(await past.statementsAt(at, 'KNOWN', { kind: ['CONCERN'] })).toBeNull(); // by neither: not a list
  });

  it('sources: after everything equal the live list on both clocks; earlier, the grade and merge then', async () => {
    const live = (await app.ok(SOURCES)).sources;
    for (const clock of ['KNOWN', 'RECORDED']) {
      const { sources } = await app.ok(SOURCES, { filter: { asOf: '2030-01-01T00:00:00Z', clock } });
      expect({ clock, sources }).toEqual({ clock, sources: live });
    }
    const at = async (asOf: string, clock: string) => (await app.ok(SOURCES, { filter: { asOf, clock } })).sources;
    const named = (list: any[], name: string) => list.filter((s) => s.name === name);
    const beforeRegrade = named(await at('2016-08-14T23:59:59Z', 'KNOWN'), 'Syria Civil Defence')[0];
    const afterRegrade = named(await at('2016-08-15T23:59:59Z', 'KNOWN'), 'Syria Civil Defence')[0];
    expect([beforeRegrade.grade, beforeRegrade.revision, beforeRegrade.grades.length]).toEqual(['B', 0, 1]);
    expect([afterRegrade.grade, afterRegrade.revision, afterRegrade.grades.length]).toEqual(['A', 1, 2]);
    const beforeMerge = named(await at('2016-08-24T23:59:59Z', 'KNOWN'), 'Amnesty International');
    const afterMerge = named(await at('2016-08-25T23:59:59Z', 'KNOWN'), 'Amnesty International');
    expect(beforeMerge.map((s) => s.mergedInto)).toEqual([null, null]);
    expect(afterMerge.map((s) => s.mergedInto?.mergedOn ?? null).sort()).toEqual(['2016-08-25', null].sort());
    // Recorded before the regrade and the merge: the list the registry showed then.
    const recorded = await at(instants[instants.length - 2].toISOString(), 'RECORDED');
    expect(named(recorded, 'Syria Civil Defence')[0].grade).toBe('B');
    expect(named(recorded, 'Amnesty International').map((s) => s.mergedInto)).toEqual([null, null]);
    expect(named(recorded, 'Amnesty International').every((s) => s.mergedDuplicates.length === 0)).toBe(true);
  });

  describe('stateTimeline as of a date', () => {
    type Timeline = { entries: { statement: Node & { kind: string }; ccmStatus: string; incidents: any[] }[] };
    const timeline = async (code: string, filter?: Record<string, unknown>) =>
      (await app.ok(TIMELINE, { code, filter })).stateTimeline as Timeline;
    const CODES = ['NOR', 'IRL', 'AUT', 'DEU', 'USA', 'GBR', 'FRA', 'ZZZ'];

    it('after everything equals the live timeline on both clocks', async () => {
      for (const code of CODES) {
        const live = await timeline(code);
        for (const clock of ['KNOWN', 'RECORDED']) {
          const then = await timeline(code, { asOf: '2030-01-01T00:00:00Z', clock });
          expect({ code, clock, then }).toEqual({ code, clock, then: live });
        }
      }
      expect((await timeline('NOR')).entries.length).toBeGreaterThan(2);
    });

    it('at every cut on both clocks: the State statements then and the statuses the replay gives', async () => {
      const store = app.app.get<EventStore>(EventStore);
      const states = app.app.get(ReferenceData).ccmStates;
      let statuses = 0;
      for (const cut of cuts()) {
        // The reference: the store folded up to the cut (the command line's fold).
        const model = await foldStore(store, { at: new Date(cut.asOf), clock: cut.clock as 'KNOWN' | 'RECORDED' });
        for (const code of CODES) {
          const got = await timeline(code, cut);
          const listed = await list({ ...cut, stateCodes: [code] });
          expect({ cut, code, got: got.entries.map((e) => e.statement) }).toEqual({
            cut,
            code,
            got: listed.edges.map((e) => e.node),
          });
          const replayed = modelTimeline(model, states, code).entries;
          expect({ cut, code, got: got.entries.map(({ ccmStatus, incidents }) => ({ ccmStatus, incidents })) }).toEqual(
            {
              cut,
              code,
              got: replayed.map(({ ccmStatus, incidents }) => ({ ccmStatus, incidents })),
            },
          );
          statuses += got.entries.flatMap((e) => e.incidents).filter((i) => i.status !== null).length;
        }
      }
      expect(statuses).toBeGreaterThan(30);
    });

    it("gives what the registry's dates imply: statements not yet made absent, an incident's status then", async () => {
      const known = (code: string, day: string) => timeline(code, { asOf: `${day}T23:59:59Z`, clock: 'KNOWN' });
      const days = (t: Timeline) => t.entries.map((e) => e.statement.deliveredOn);
      expect(days(await known('NOR', '2016-03-14'))).toEqual([]);
      const nor = await known('NOR', '2016-06-15');
      expect(nor.entries.map((e) => [e.statement.deliveredOn, e.statement.kind])).toEqual([
        ['2016-03-15', 'CONDEMNATION'],
        ['2016-05-24', 'CONDEMNATION'],
        ['2016-06-10', 'CONDEMNATION'],
      ]);
      const yemen = nor.entries[0].incidents[0].incidentId as string;
      const statusOn = async (id: string, day: string) =>
        (
          await app.ok(
            `query ($id: ID!, $asOf: DateTime) {
              incident(id: $id, filter: { asOf: $asOf, clock: KNOWN }) { assessment { status readiness rule } } }`,
            { id, asOf: `${day}T23:59:59Z` },
          )
        ).incident.assessment;
      // The status on the day the State spoke is what the registry knew of the incident that day.
      for (const entry of [nor.entries[0], nor.entries[2]]) {
        const then = await statusOn(yemen, entry.statement.deliveredOn);
        expect(entry.incidents).toEqual([{ incidentId: yemen, canonicalIncidentId: yemen, ...then }]);
      }
      expect(nor.entries[0].incidents[0].status).not.toBe(nor.entries[2].incidents[0].status);
      expect(days(await known('AUT', '2016-06-19'))).toEqual(['2016-05-24']);
      expect(days(await known('AUT', '2016-06-20'))).toEqual(['2016-05-24', '2016-06-10']);
      const usaBefore = (await known('USA', '2016-09-09')).entries;
      expect(usaBefore.map((e) => [e.statement.deliveredOn, e.incidents.length])).toEqual([['2016-07-01', 1]]);
      const usaAfter = (await known('USA', '2016-09-10')).entries;
      expect(usaAfter.map((e) => e.statement.deliveredOn)).toEqual(['2016-07-02']);
      // The Syrian incident, named from 09-10 on, was merged on 08-20: the status then is its canonical incident's.
      expect(usaAfter[0].incidents[1]).toEqual({
        incidentId: usaAfter[0].incidents[1].incidentId,
        canonicalIncidentId: seeded.incidents[2],
        ...(await statusOn(seeded.incidents[2], '2016-07-02')),
      });
      expect(usaAfter[0].incidents[1].incidentId).not.toBe(seeded.incidents[2]);
      // Recorded: before the year of evidence, NOR had spoken only in the seeded registry.
      const recorded = await timeline('NOR', { asOf: instants[0].toISOString(), clock: 'RECORDED' });
      expect(days(recorded)).toEqual(['2016-05-24']);
      // Recorded after the joint statement's correction, before the concern's (instants[1-4]: the year's marks).
      const corrected = await timeline('NOR', { asOf: instants[5].toISOString(), clock: 'RECORDED' });
      expect(corrected.entries.map((e) => e.statement.kind)).toEqual(['CONCERN', 'CONDEMNATION', 'CONDEMNATION']);
    });

    it('is read from the file; a bad stateCode or asOf is BAD_USER_INPUT', async () => {
      const states = app.app.get(ReferenceData).ccmStates;
      const at = new Date('2016-06-15T23:59:59Z');
      const past = app.app.get(PastReads);
      const filed = await past.stateTimelineAt(at, 'KNOWN', 'NOR', states);
      expect(filed.entries.map((e) => e.statement.deliveredOn)).toEqual(['2016-03-15', '2016-05-24', '2016-06-10']);
      // The resolver answers from the file.
      const reads = jest.spyOn(past, 'stateTimelineAt');
      try {
        const asked = await timeline('NOR', { asOf: at.toISOString(), clock: 'KNOWN' });
        expect(asked.entries.length).toBe(3);
        expect(reads).toHaveBeenCalledTimes(1);
      } finally {
        reads.mockRestore();
      }
      const bad = await app.gql(TIMELINE, { code: 'nor', filter: { asOf: '2016-01-01T00:00:00Z' } });
      expect([bad.errors?.[0].extensions?.code, bad.errors?.[0].extensions?.field]).toEqual([
        'BAD_USER_INPUT',
        'stateCode',
      ]);
      const badDate = await app.gql(TIMELINE, { code: 'NOR', filter: { asOf: 'yesterday' } });
      expect(badDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
