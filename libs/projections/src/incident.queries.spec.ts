import { DomainError } from '@app/domain';
import { getIncident, incidentHistory, listIncidents } from './incident.queries';
import type { IncidentFilter } from './incident.queries';
import { findIncident, type RegistryModel } from './model';
import { coveringResolutionsOf } from './referring';
import { evolveRegistry } from './registry.projection';
import { allege, corroboration, EventLog, source, yemenStory } from './testing/event-log.fixtures';
import { buildModel } from './time-travel';

const story = () => buildModel(yemenStory().events);
const ids = (model: RegistryModel, filter: IncidentFilter) =>
  listIncidents(model, filter).edges.map((e) => e.node.incidentId);

describe('getIncident', () => {
  const model = story();

  it('resolves a merged duplicate to its canonical incident', () => {
    const incident = getIncident(model, 'inc-2')!;
    expect(incident).toMatchObject({
      incidentId: 'inc-1',
      requestedId: 'inc-2',
      corroboratedOn: '2016-02-15',
      confirmedOn: '2016-03-20',
    });
    expect(incident.corroborations.map((c) => [c.corroborationId, c.source?.name])).toEqual([
      ['c1', 'Amnesty International'],
      ['c4', 'The Daily'],
      ['c2', 'Human Rights Watch'],
      ['c3', 'Human Rights Watch'],
    ]);
    expect(incident.investigations.map((i) => i.investigationId)).toEqual(['inv-1']);
    expect(getIncident(model, 'nope')).toBeNull();
  });

  it('gives a condemnation its lag after the first confirmation, and no other kind a lag', () => {
    const lags = getIncident(model, 'inc-1')!.statements.map((s) => [s.statementId, s.kind, s.lagDays, s.anticipatory]);
    expect(lags).toEqual([
      ['st-sau', 'DENIAL', null, false], // before confirmation, but a denial is not a condemnation
      ['st-nld', 'CONCERN', null, false],
      ['st-joint', 'CONDEMNATION', 12, false],
      ['st-usa', 'CONCERN', null, false],
    ]);
  });

  it('gives a resolution a lag only when it condemns (a CONCERN resolution has none)', () => {
    const log = yemenStory();
    const resolution = (resolutionId: string, kind: 'CONDEMNATION' | 'CONCERN', adoptedOn: string) =>
      log.add({
        type: 'ResolutionVoteRecorded',
        data: {
          resolutionId,
          symbol: `A/RES/71/${resolutionId}`,
          title: 'Yemen',
          venue: 'UNGA',
          adoptedOn,
          kind,
          incidentIds: ['inc-1'],
          votes: [{ stateCode: 'BEL', vote: 'YES' }],
        },
      });
    resolution('r-concern', 'CONCERN', '2016-03-01');
    resolution('r-condemn', 'CONDEMNATION', '2016-03-30');
    const built = buildModel(log.events);
    const lags = coveringResolutionsOf(built, findIncident(built, 'inc-1')!).map((r) => [
      r.resolution.resolutionId,
      r.lagDays,
      r.anticipatory,
    ]);
    expect(lags).toEqual([
      ['r-concern', null, false],
      ['r-condemn', 10, false],
    ]);
  });

  it('has no lag before the milestone is reached', () => {
    const log = new EventLog();
    log.add(source('ai', 'Amnesty International', 'B'));
    log.add(allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-10')));
    log.add({
      type: 'StatementRecorded',
      data: {
        statementId: 's',
        speakers: ['GBR'],
        kind: 'CONDEMNATION',
        venue: 'MSP',
        deliveredOn: '2016-02-01',
        incidentIds: ['inc-1'],
        namesUser: true,
        quote: 'q',
        citation: { url: 'u' },
      },
    });
    expect(getIncident(buildModel(log.events), 'inc-1')!.statements[0]).toMatchObject({
      lagDays: null,
      anticipatory: false,
    });
  });

  it('lists every status change with its evidence date and the events behind it', () => {
    const changes = getIncident(model, 'inc-1')!.statusChanges.map((c) => [c.status, c.on, c.eventIds]);
    expect(changes).toEqual([
      ['ALLEGED', '2016-01-10', ['evt-4']],
      ['CORROBORATED', '2016-02-15', ['evt-8']],
      ['CONFIRMED', '2016-03-20', ['evt-10']],
    ]);
    expect(getIncident(model, 'inc-3')!.statusChanges.map((c) => [c.status, c.eventIds])).toEqual([
      ['ALLEGED', ['evt-14']],
      ['WITHDRAWN', ['evt-15']],
    ]);
  });
});

describe('incidentHistory', () => {
  it("is the audit trail, the duplicate's events included, for either id", () => {
    const model = story();
    const history = incidentHistory(model, 'inc-2')!;
    expect(history).toBe(incidentHistory(model, 'inc-1'));
    expect(history.map((a) => [a.eventId, a.type, a.evidenceDate])).toEqual([
      ['evt-4', 'UseAlleged', '2016-01-10'],
      ['evt-5', 'UseAlleged', '2016-01-12'],
      ['evt-6', 'StatementRecorded', '2016-01-20'],
      ['evt-7', 'IncidentMergedInto', '2016-02-01'],
      ['evt-8', 'CorroborationAdded', '2016-02-15'],
      ['evt-9', 'StatementRecorded', '2016-02-20'],
      ['evt-10', 'CorroborationAdded', '2016-03-20'],
      ['evt-11', 'StatementRecorded', '2016-04-01'],
      ['evt-12', 'StatementRecorded', '2016-04-05'],
      ['evt-13', 'InvestigationOpened', '2016-05-01'],
      ['evt-16', 'InvestigationConcluded', '2016-12-19'],
    ]);
    expect(history[0]).toMatchObject({ actor: 'researcher', recordedAt: new Date('2017-01-02T12:00:00Z') });
    expect(history[10].summary).toBe('Investigation inv-1 concluded: USE_CONFIRMED');
    expect(incidentHistory(model, 'nope')).toBeNull();
  });
});

describe('listIncidents: filters', () => {
  const model = story();

  it('lists canonical incidents only, newest occurrence first', () => {
    const page = listIncidents(model);
    expect(page.edges.map((e) => e.node.incidentId)).toEqual(['inc-3', 'inc-1']);
    expect(page.totalCount).toBe(2);
  });

  it.each<[IncidentFilter, string[]]>([
    [{ countryCode: 'yem' }, ['inc-1']],
    [{ allegedUser: 'SYR' }, ['inc-3']],
    [{ status: 'CONFIRMED' }, ['inc-1']],
    [{ status: ['WITHDRAWN', 'ALLEGED'] }, ['inc-3']],
    [{ readiness: 'CONDEMN' }, ['inc-1']],
    [{ readiness: 'NONE' }, ['inc-3']],
    [{ munitionType: 'rbk-250' }, ['inc-3']],
    [{ occurredFrom: '2016-05-29', occurredTo: '2016-06-30' }, ['inc-3']],
    [{ occurredFrom: '2016-05-31' }, []],
    [{ occurredTo: '2016-01-06' }, ['inc-1']],
    [{ text: 'IDLIB' }, ['inc-3']],
    [{ text: 'residential' }, ['inc-1']],
    [{ text: 'bl-755', countryCode: 'SYR' }, []],
  ])('filters by %j', (filter, expected) => {
    expect(ids(model, filter)).toEqual(expected);
  });
});

describe('listIncidents: pagination', () => {
  function many(n: number): { model: RegistryModel; log: EventLog } {
    const log = new EventLog();
    log.add(source('ai', 'Amnesty International', 'B'));
    for (let i = 1; i <= n; i++) {
      const day = String(i).padStart(2, '0');
      log.add(
        allege(`inc-${day}`, `2016-03-${day}`, corroboration(`c-${day}`, 'ai', `2016-03-${day}`), {
          occurredFrom: `2016-01-${day}`,
          occurredTo: `2016-01-${day}`,
        }),
      );
    }
    return { model: buildModel(log.events), log };
  }

  it('walks every incident exactly once with opaque cursors', () => {
    const { model } = many(25);
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[][] = [];
    do {
      const page: ReturnType<typeof listIncidents> = listIncidents(
        model,
        {},
        { first: 10, after, sort: 'OCCURRED', descending: false },
      );
      seen.push(...page.edges.map((e) => e.node.incidentId));
      pages.push([page.pageInfo.hasPreviousPage, page.pageInfo.hasNextPage]);
      expect(page.totalCount).toBe(25);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `inc-${String(i + 1).padStart(2, '0')}`));
    expect(pages).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
  });

  it('sorts by status change', () => {
    const { model } = many(3);
    expect(
      listIncidents(model, {}, { sort: 'STATUS_CHANGED' }).edges.map((e) => e.node.assessment.statusSince),
    ).toEqual(['2016-03-03', '2016-03-02', '2016-03-01']);
  });

  it('keeps a cursor valid after its incident was merged away', () => {
    const { model, log } = many(5);
    const first = listIncidents(model, {}, { first: 2 });
    expect(first.edges.map((e) => e.node.incidentId)).toEqual(['inc-05', 'inc-04']);
    evolveRegistry(
      model,
      log.add({
        type: 'IncidentMergedInto',
        data: { incidentId: 'inc-04', canonicalIncidentId: 'inc-01', reason: 'dup', mergedOn: '2016-04-01' },
      }),
    );
    const next = listIncidents(model, {}, { first: 2, after: first.pageInfo.endCursor });
    expect(next.edges.map((e) => e.node.incidentId)).toEqual(['inc-03', 'inc-02']);
  });

  it('shows new incidents and new status dates on the next list (sorted order is kept while nothing changes)', () => {
    const { model, log } = many(3);
    const byStatusDate = () => listIncidents(model, {}, { sort: 'STATUS_CHANGED' }).edges.map((e) => e.node.incidentId);
    expect(byStatusDate()).toEqual(['inc-03', 'inc-02', 'inc-01']);
    expect(ids(model, {})).toEqual(['inc-03', 'inc-02', 'inc-01']);
    evolveRegistry(
      model,
      log.add(
        allege('inc-00', '2016-02-01', corroboration('c-00', 'ai', '2016-02-01'), {
          occurredFrom: '2016-01-20',
          occurredTo: '2016-01-20',
        }),
      ),
    );
    expect(ids(model, {})).toEqual(['inc-00', 'inc-03', 'inc-02', 'inc-01']);
    expect(byStatusDate()).toEqual(['inc-03', 'inc-02', 'inc-01', 'inc-00']);
  });

  it("keeps each country's list only while nothing changes, whatever the filter's case", () => {
    const { model, log } = many(3);
    expect(ids(model, { countryCode: 'yem' })).toEqual(['inc-03', 'inc-02', 'inc-01']);
    expect(ids(model, { countryCode: 'SYR' })).toEqual([]);
    evolveRegistry(
      model,
      log.add(
        allege('inc-00', '2016-02-01', corroboration('c-00', 'ai', '2016-02-01'), {
          occurredFrom: '2016-01-20',
          occurredTo: '2016-01-20',
          location: { countryCode: 'SYR', placeName: 'Idlib' },
        }),
      ),
    );
    evolveRegistry(
      model,
      log.add({
        type: 'IncidentCorrected',
        data: {
          incidentId: 'inc-02',
          changes: { location: { countryCode: 'SYR', placeName: 'Aleppo' } },
          reason: 'wrong country',
          correctedOn: '2016-03-01',
        },
      }),
    );
    expect(ids(model, { countryCode: 'SYR' })).toEqual(['inc-00', 'inc-02']);
    expect(ids(model, { countryCode: 'YEM' })).toEqual(['inc-03', 'inc-01']);
  });

  it('refuses a cursor it did not make, and an out-of-range page size', () => {
    const { model } = many(1);
    expect(() => listIncidents(model, {}, { after: 'garbage' })).toThrow(DomainError);
    expect(() => listIncidents(model, {}, { first: 501 })).toThrow(/first must be/);
    expect(listIncidents(model, {}, { first: 0 }).edges).toEqual([]);
  });
});
