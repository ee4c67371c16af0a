import { incidentMap, tallyIncidents } from './incident-overview';
import { type IncidentFilter, listIncidents } from './incident.queries';
import { evolveRegistry } from './registry.projection';
import { allege, corroborate, corroboration, source, yemenStory } from './testing/event-log.fixtures';
import { buildModel } from './time-travel';

/** The Yemen story (inc-1 CONFIRMED in YEM, inc-2 merged into it, inc-3 WITHDRAWN in SYR) and three more. */
function model() {
  return withLog().model;
}
function withLog() {
  const log = yemenStory();
  log.add(source('x', 'X', 'A'));
  const at = (latitude: number, longitude: number) => ({
    location: { countryCode: 'UKR', placeName: 'Kharkiv', latitude, longitude },
  });
  log.add(allege('inc-4', '2022-03-01', corroboration('c40', 'x', '2022-03-01'), at(49.99352, 36.230381)));
  log.add(corroborate('inc-4', corroboration('c41', 'ai', '2022-03-02')));
  log.add(allege('inc-5', '2022-03-03', corroboration('c50', 'x', '2022-03-03'), at(50.1, 36.3)));
  log.add(allege('inc-6', '2022-03-04', corroboration('c60', 'x', '2022-03-04'), at(-12.5, -77.25)));
  return { model: buildModel(log.events), log };
}

describe('tallyIncidents', () => {
  const m = model();

  it('counts canonical incidents by status and readiness, the pairs that occur only', () => {
    const cells = [...tallyIncidents(m)].sort((a, b) => b.count - a.count || a.status.localeCompare(b.status));
    expect(cells.reduce((n, c) => n + c.count, 0)).toBe(5);
    expect(cells.map((c) => c.status)).toEqual(['ALLEGED', 'CONFIRMED', 'CORROBORATED', 'WITHDRAWN']);
    expect(cells[0].count).toBe(2);
  });

  it.each<IncidentFilter>([
    {},
    { countryCode: 'ukr' },
    { status: 'ALLEGED' },
    { text: 'kharkiv', readiness: ['NONE', 'CONCERN'] },
    { countryCode: 'YEM', occurredTo: '2016-12-31' },
  ])('agrees with the list under %j, cell by cell', (filter) => {
    const listed = new Map<string, number>();
    for (const { node } of listIncidents(m, filter, { first: 500 }).edges) {
      const key = `${node.assessment.status}|${node.assessment.readiness}`;
      listed.set(key, (listed.get(key) ?? 0) + 1);
    }
    const tallied = new Map(tallyIncidents(m, filter).map((c) => [`${c.status}|${c.readiness}`, c.count]));
    expect(tallied).toEqual(listed);
  });
});

describe('incidentMap', () => {
  const m = model();

  it('groups the coordinates by status (longitude first, four decimals) and names every country to shade', () => {
    const map = incidentMap(m);
    expect(map.countryCodes).toEqual(['SYR', 'UKR', 'YEM']);
    expect(map.withoutCoordinates).toBe(2);
    const byStatus = Object.fromEntries(map.groups.map((g) => [g.status, g.coordinates]));
    expect(byStatus).toEqual({ CORROBORATED: [36.2304, 49.9935], ALLEGED: [36.3, 50.1, -77.25, -12.5] });
  });

  it('draws only what the filter matches', () => {
    const map = incidentMap(m, { status: ['CORROBORATED', 'WITHDRAWN'] });
    expect(map.countryCodes).toEqual(['SYR', 'UKR']);
    expect(map.groups).toEqual([{ status: 'CORROBORATED', coordinates: [36.2304, 49.9935] }]);
    expect(map.withoutCoordinates).toBe(1);
    expect(incidentMap(m, { countryCode: 'FRA' })).toEqual({ countryCodes: [], groups: [], withoutCoordinates: 0 });
  });
});

describe('answers kept while the model stands still', () => {
  it('gives the same answer until the next event, then a new one', () => {
    const { model: m, log } = withLog();
    const before = { tally: tallyIncidents(m, { countryCode: 'UKR' }), map: incidentMap(m, { countryCode: 'UKR' }) };
    expect(tallyIncidents(m, { countryCode: 'UKR' })).toBe(before.tally);
    expect(incidentMap(m, { countryCode: 'UKR' })).toBe(before.map);
    expect(tallyIncidents(m, { countryCode: 'SYR' })).not.toBe(before.tally);
    evolveRegistry(m, log.add(corroborate('inc-5', corroboration('c51', 'ai', '2022-03-05'))));
    const after = tallyIncidents(m, { countryCode: 'UKR' });
    expect(after).not.toBe(before.tally);
    // inc-5 joins inc-4 as corroborated; inc-6 (UKR too) is still alleged.
    expect(after.map((c) => [c.status, c.count])).toEqual([
      ['CORROBORATED', 2],
      ['ALLEGED', 1],
    ]);
    const groups = incidentMap(m, { countryCode: 'UKR' }).groups;
    expect(groups.map((g) => [g.status, g.coordinates.length / 2])).toEqual([
      ['CORROBORATED', 2],
      ['ALLEGED', 1],
    ]);
  });
});
