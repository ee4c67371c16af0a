import { getInvestigation, getSource, listSources, listStates } from './source.queries';
import { assess } from '@app/domain';
import { buildEvidence } from './evidence';
import { evolveRegistry } from './registry.projection';
import { listStatements, modelStatusSource, modelTimeline as stateTimeline, statusThen } from './statement.queries';
import type { StatementFilter } from './statement.queries';
import {
  allege,
  ccmStates,
  corroborate,
  corroboration,
  EventLog,
  source,
  statement,
  yemenStory,
} from './testing/event-log.fixtures';
import { buildModel } from './time-travel';

const model = buildModel(yemenStory().events);
const states = ccmStates();
const rows = (filter: StatementFilter) =>
  listStatements(model, filter).edges.map((e) => [e.node.statementId, e.node.speaker]);

describe('listStatements', () => {
  it('lists every statement once, in delivery order, without a State filter', () => {
    const page = listStatements(model);
    expect(page.edges.map((e) => [e.node.statementId, e.node.speaker])).toEqual([
      ['st-sau', null],
      ['st-nld', null],
      ['st-joint', null],
      ['st-usa', null],
    ]);
    expect(page.totalCount).toBe(4);
  });

  it.each<[StatementFilter, (string | null)[][]]>([
    [{ stateCode: 'gbr' }, [['st-joint', 'GBR']]],
    [
      { stateCode: ['GBR', 'FRA', 'NLD'] },
      [
        ['st-nld', 'NLD'],
        ['st-joint', 'FRA'],
        ['st-joint', 'GBR'],
      ],
    ],
    [
      { incidentId: 'inc-2' },
      [
        ['st-sau', null],
        ['st-nld', null],
        ['st-joint', null],
        ['st-usa', null],
      ],
    ],
    [{ incidentId: 'inc-3' }, []],
    [
      { kind: 'CONCERN' },
      [
        ['st-nld', null],
        ['st-usa', null],
      ],
    ],
    [{ kind: ['DENIAL', 'CONDEMNATION'], stateCode: 'DEU' }, [['st-joint', 'DEU']]],
    [{ venue: 'NATIONAL' }, [['st-usa', null]]],
    [{ from: '2016-03-01', to: '2016-04-01' }, [['st-joint', null]]],
    [{ stateCode: 'FRA', incidentId: 'inc-1', from: '2016-04-02' }, []],
  ])('filters by %j', (filter, expected) => {
    expect(rows(filter)).toEqual(expected);
  });

  it('pages through the rows of a joint statement per co-signer', () => {
    const filter = { stateCode: ['GBR', 'FRA', 'DEU', 'USA'] };
    const first = listStatements(model, filter, { first: 2 });
    expect(first.edges.map((e) => e.node.speaker)).toEqual(['DEU', 'FRA']);
    const second = listStatements(model, filter, { first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => [e.node.statementId, e.node.speaker])).toEqual([
      ['st-joint', 'GBR'],
      ['st-usa', 'USA'],
    ]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});

describe('stateTimeline', () => {
  it('gives the status of each referred incident on the day the State spoke, and its CCM status then', () => {
    const nld = stateTimeline(model, states, 'NLD');
    expect(nld).toMatchObject({ stateCode: 'NLD', name: 'Netherlands' });
    expect(nld.entries.map((e) => [e.statement.statementId, e.ccmStatus, e.incidents.map((i) => i.status)])).toEqual([
      ['st-nld', 'STATE_PARTY', ['CORROBORATED']],
    ]);
    const gbr = stateTimeline(model, states, 'gbr').entries[0];
    expect(gbr.incidents).toEqual([
      {
        incidentId: 'inc-2',
        canonicalIncidentId: 'inc-1',
        status: 'CONFIRMED',
        readiness: 'CONDEMN',
        rule: expect.any(String),
      },
    ]);
  });

  it('shows the alleged user as a non-party, with the status when it denied', () => {
    const sau = stateTimeline(model, states, 'SAU');
    expect(sau.name).toBeNull();
    expect(sau.entries.map((e) => [e.statement.kind, e.ccmStatus, e.incidents[0].status])).toEqual([
      ['DENIAL', 'NOT_PARTY', 'ALLEGED'],
    ]);
    expect(stateTimeline(model, states, 'ISL').entries).toEqual([]);
  });

  it('answers from the model as it stands after a new event (nothing kept from before it)', () => {
    const log = yemenStory();
    const live = buildModel(log.events);
    const statusOfUsaTarget = () => stateTimeline(live, states, 'USA').entries[0].incidents[0];
    expect(statusOfUsaTarget()).toMatchObject({ status: 'CONFIRMED' });
    // A retraction dated before the statement takes the confirming evidence away as of that day.
    evolveRegistry(
      live,
      log.add({
        type: 'CorroborationRetracted',
        data: { incidentId: 'inc-1', corroborationId: 'c3', reason: 'misread', retractedOn: '2016-03-25' },
      }),
    );
    expect(statusOfUsaTarget()).toMatchObject({ status: 'CORROBORATED' });
  });
});

describe('statusThen', () => {
  it('gives, on every day, what the policy gives over the evidence known that day', () => {
    const days: string[] = [];
    for (let t = Date.parse('2015-12-30'); t <= Date.parse('2017-01-05'); t += 86_400_000)
      days.push(new Date(t).toISOString().slice(0, 10));
    const source = modelStatusSource(model);
    for (const incidentId of ['inc-1', 'inc-2', 'inc-3']) {
      const incident = model.incidents.get(model.mergedInto.get(incidentId) ?? incidentId)!;
      const evidence = buildEvidence(model, incident);
      for (const on of days) {
        const then = assess(evidence, model.policy, on);
        const known = then.rule !== 'NO_SUPPORTING_SOURCE';
        expect(statusThen(source, incidentId, on)).toEqual({
          incidentId,
          canonicalIncidentId: incident.incidentId,
          status: known ? then.status : null,
          readiness: known ? then.readiness : 'NONE',
          rule: then.rule,
        });
      }
    }
    expect(statusThen(modelStatusSource(model), 'nope', '2016-01-01')).toEqual({
      incidentId: 'nope',
      canonicalIncidentId: null,
      status: null,
      readiness: 'NONE',
      rule: null,
    });
  });
});

describe('sources, investigations and States', () => {
  it('lists sources by name, filtered by kind or grade', () => {
    expect(listSources(model).map((s) => s.sourceId)).toEqual(['ai', 'hrw', 'daily']);
    expect(listSources(model, { kind: 'MEDIA' }).map((s) => s.sourceId)).toEqual(['daily']);
    expect(listSources(model, { grade: 'A' }).map((s) => s.sourceId)).toEqual(['hrw']);
  });

  it('gives a source with its corroborations, on their canonical incidents', () => {
    const daily = getSource(model, 'daily')!;
    expect(daily.corroborations.map((c) => [c.corroborationId, c.incidentId])).toEqual([
      ['c4', 'inc-1'],
      ['c5', 'inc-3'],
    ]);
    expect(getSource(model, 'nope')).toBeNull();
  });

  it('gives an investigation with its incidents resolved', () => {
    expect(getInvestigation(model, 'inv-1')).toMatchObject({
      outcome: 'USE_CONFIRMED',
      canonicalIncidentIds: ['inc-1'],
      investigator: { kind: 'STATE', stateCode: 'GBR' },
    });
    expect(getInvestigation(model, 'nope')).toBeNull();
  });

  it('lists States with their CCM status on a date', () => {
    const on2016 = listStates(states, { status: 'STATE_PARTY', on: '2016-04-01' }).map((s) => s.stateCode);
    expect(on2016).toContain('GBR');
    expect(on2016).not.toContain('BEN'); // ratified 2017
    expect(on2016).toContain('LTU'); // withdrew in 2025
    const today = listStates(states, { status: 'STATE_PARTY' }).map((s) => s.stateCode);
    expect(today).toContain('BEN');
    expect(today).not.toContain('LTU');
    expect(
      listStates(states, { status: 'SIGNATORY', on: '2016-04-01' }).find((s) => s.stateCode === 'BEN'),
    ).toMatchObject({ name: 'Benin', signedOn: '2008-12-03', ratifiedOrAccededOn: '2017-07-10' });
  });

  it('takes a regrade as an evidence date: two statements on either side of it see two statuses', () => {
    const log = new EventLog();
    for (const event of [
      source('ai', 'Amnesty International', 'B'),
      source('daily', 'The Daily', 'D', 'MEDIA'),
      allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-10')),
      corroborate('inc-1', corroboration('c2', 'daily', '2016-02-01')),
      statement('st-1', ['NLD'], 'CONCERN', '2016-02-15', ['inc-1']),
      statement('st-2', ['NLD'], 'CONCERN', '2016-03-15', ['inc-1']),
    ])
      log.add(event);
    // Graded C from 2016-03-01: the Daily's report then counts as a second independent A-C source.
    log.add({
      type: 'SourceRegraded',
      data: { sourceId: 'daily', grade: 'C', previousGrade: 'D', reason: 'track record', regradedOn: '2016-03-01' },
    });
    const regraded = buildModel(log.events);
    const statuses = stateTimeline(regraded, states, 'NLD').entries.map((e) => e.incidents[0].status);
    expect(statuses).toEqual(['ALLEGED', 'CORROBORATED']);
  });
});
