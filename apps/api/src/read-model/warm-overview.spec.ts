import { buildModel, incidentMap, tallyIncidents } from '@app/projections';
import { yemenStory } from '../../../../libs/projections/src/testing/event-log.fixtures';
import { warmOverview } from './warm-overview';

describe('warmOverview', () => {
  it("keeps the unfiltered overview's tally and map, so that the first visitor's requests find them", () => {
    const model = buildModel(yemenStory().events);
    const warmed = warmOverview(model);
    expect(warmed.map.countryCodes).toEqual(['SYR', 'YEM']);
    // The same objects, not equal ones worked out again: the requests are answered from what the warm-up kept.
    expect(tallyIncidents(model, {})).toBe(warmed.tally);
    expect(incidentMap(model, {})).toBe(warmed.map);
  });
});
