import { getIncident, listIncidents } from './incident.queries';
import { createRegistryModel } from './model';
import type { RegistryModel } from './model';
import { evolveRegistry } from './registry.projection';
import { speakOutReport } from './speak-out.report';
import { listStatements } from './statement.queries';
import { allege, ccmStates, corroboration, EventLog, source, yemenStory } from './testing/event-log.fixtures';
import { buildModelAsOf } from './time-travel';
import type { Clock } from './time-travel';

const events = yemenStory().events;
const asOf = (clock: Clock, at: string) => buildModelAsOf(events, { clock, at: new Date(at) });
const statusOf = (model: RegistryModel, id: string) => getIncident(model, id)?.assessment.status ?? null;
const statementIds = (model: RegistryModel) => listStatements(model).edges.map((e) => e.node.statementId);

function liveModel(): RegistryModel {
  const model = createRegistryModel();
  for (const e of events) evolveRegistry(model, e);
  return model;
}

describe('time travel on the KNOWN clock (evidence dates)', () => {
  it('shows nothing of an incident before it was reported, though sources are always known', () => {
    const model = asOf('KNOWN', '2016-01-09T23:59:59Z');
    expect(model.incidents.size).toBe(0);
    expect(model.sources.size).toBe(3);
  });

  it('counts an event dated on the cut day', () => {
    const model = asOf('KNOWN', '2016-01-10T00:00:00Z');
    expect(statusOf(model, 'inc-1')).toBe('ALLEGED');
    expect(getIncident(model, 'inc-2')).toBeNull();
  });

  it('shows a corroborated, not yet confirmed incident between corroboration and confirmation', () => {
    const model = asOf('KNOWN', '2016-03-01T12:00:00Z');
    const incident = getIncident(model, 'inc-2')!;
    expect(incident).toMatchObject({ incidentId: 'inc-1', corroboratedOn: '2016-02-15', confirmedOn: null });
    expect(incident.assessment).toMatchObject({ status: 'CORROBORATED', readiness: 'CONCERN' });
    expect(incident.corroborations.map((c) => c.corroborationId)).toEqual(['c1', 'c4', 'c2']);
    expect(statementIds(model)).toEqual(['st-sau', 'st-nld']);
    expect(listIncidents(model, { status: 'CONFIRMED' }).totalCount).toBe(0);
  });

  it('shows the confirmation and the condemnations once they are dated', () => {
    const model = asOf('KNOWN', '2016-04-02T00:00:00Z');
    expect(getIncident(model, 'inc-1')).toMatchObject({
      confirmedOn: '2016-03-20',
      assessment: { status: 'CONFIRMED' },
    });
    expect(statementIds(model)).toEqual(['st-sau', 'st-nld', 'st-joint']);
    expect(model.investigations.size).toBe(0);
    expect(statusOf(asOf('KNOWN', '2016-06-15T00:00:00Z'), 'inc-3')).toBe('ALLEGED');
    expect(statusOf(asOf('KNOWN', '2016-07-01T00:00:00Z'), 'inc-3')).toBe('WITHDRAWN');
  });
});

describe('an allegation whose first source was published after it became public', () => {
  // One event carries two facts, each known from its own date: the allegation (reportedOn) and its first source
  // (publishedOn).
  const log = new EventLog();
  log.add(source('ai', 'Amnesty International', 'B'), { recordedAt: '2017-01-01T12:00:00Z' });
  log.add(allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-20')), {
    recordedAt: '2017-01-02T12:00:00Z',
  });
  const known = (at: string) => getIncident(buildModelAsOf(log.events, { clock: 'KNOWN', at: new Date(at) }), 'inc-1');

  it('is shown without that source until the source was published, on the KNOWN clock', () => {
    const before = known('2016-01-15T12:00:00Z');
    expect(before).toMatchObject({ incidentId: 'inc-1', reportedOn: '2016-01-10', corroboratedOn: null });
    expect(before!.corroborations).toEqual([]);
    expect(known('2016-01-20T00:00:00Z')!.corroborations.map((c) => c.corroborationId)).toEqual(['c1']);
  });

  it('is shown with it once recorded, on the RECORDED clock', () => {
    const model = buildModelAsOf(log.events, { clock: 'RECORDED', at: new Date('2017-01-02T12:00:00Z') });
    expect(getIncident(model, 'inc-1')!.corroborations.map((c) => c.corroborationId)).toEqual(['c1']);
  });
});

describe('time travel on the RECORDED clock (what the registry showed)', () => {
  it('shows nothing before the backfill was recorded, whatever the evidence dates', () => {
    const model = asOf('RECORDED', '2016-06-01T00:00:00Z');
    expect(model.incidents.size).toBe(0);
    expect(model.sources.size).toBe(0);
  });

  it('includes an event recorded exactly at the cut', () => {
    const model = asOf('RECORDED', '2017-01-02T12:00:00Z');
    expect(statusOf(model, 'inc-1')).toBe('ALLEGED');
    expect(model.incidents.has('inc-2')).toBe(false);
  });

  it('shows the corroborated incident as it stood after the corroboration was recorded', () => {
    const model = asOf('RECORDED', '2017-01-07T00:00:00Z');
    expect(statusOf(model, 'inc-2')).toBe('CORROBORATED');
    expect(statementIds(model)).toEqual(['st-sau']);
    const later = asOf('RECORDED', '2017-01-08T13:00:00Z');
    expect(statusOf(later, 'inc-1')).toBe('CONFIRMED');
    expect(statementIds(later)).toEqual(['st-sau', 'st-nld']);
  });
});

describe('a cut after the last event', () => {
  it.each<Clock>(['RECORDED', 'KNOWN'])('on the %s clock equals the live model', (clock) => {
    const live = liveModel();
    const cut = asOf(clock, '2030-01-01T00:00:00Z');
    expect({ ...cut, knownOn: null }).toEqual(live);
    const states = ccmStates();
    expect(speakOutReport(cut, states, {}, '2017-01-01')).toEqual(speakOutReport(live, states, {}, '2017-01-01'));
    expect(getIncident(cut, 'inc-2')).toEqual(getIncident(live, 'inc-2'));
  });
});
