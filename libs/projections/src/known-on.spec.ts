import { knownOn } from './known-on';
import { speakOutReport, type SpeakOutFilter } from './speak-out.report';
import { ccmStates, yemenStory } from './testing/event-log.fixtures';
import { dayOf, randomHistory } from './testing/random-history';
import { buildModel, buildModelAsOf } from './time-travel';

const states = ccmStates();
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
const FILTERS: SpeakOutFilter[] = [{}, { countryCode: 'YEM' }, { allegedUser: 'RUS' }];
const DAYS = [100, 400, 700, 900, 1100, 1300, 1500].map(dayOf);

describe('knownOn: the KNOWN clock derived from the live model', () => {
  describe.each(Array.from({ length: 40 }, (_, i) => i + 1))('random history %i', (seed) => {
    const log = randomHistory(seed);
    const live = buildModel(log.events);

    it.each(DAYS)('gives the speak-out reports a replay of the events dated up to %s gives', (day) => {
      const replayed = buildModelAsOf(log.events, { clock: 'KNOWN', at: new Date(`${day}T23:59:59Z`) });
      const derived = knownOn(live, day)!;
      for (const filter of FILTERS) {
        expect(plain(speakOutReport(derived, states, filter, day))).toEqual(plain(speakOutReport(replayed, states, filter, day)));
      }
    });
  });

  it('is not the live model in disguise: the random histories change the answers between days', () => {
    let differing = 0;
    let confirmedSomewhere = 0;
    for (const seed of [1, 2, 3]) {
      const live = buildModel(randomHistory(seed).events);
      const liveReport = plain(speakOutReport(live, states, {}, DAYS[3]));
      const derived = plain(speakOutReport(knownOn(live, DAYS[3])!, states, {}, DAYS[3]));
      if (JSON.stringify(liveReport) !== JSON.stringify(derived)) differing++;
      confirmedSomewhere += derived.confirmedIncidentIds.length;
    }
    expect(differing).toBeGreaterThan(0);
    expect(confirmedSomewhere).toBeGreaterThan(0);
  });

  it("takes the alleged user's own statement as it stood, when it was corrected after the day", () => {
    const log = yemenStory();
    // SAU's denial of 2016-01-20, corrected in March 2017 into an acknowledgement.
    log.add({ type: 'StatementCorrected', data: { statementId: 'st-sau', changes: { kind: 'ACKNOWLEDGEMENT' }, reason: 'mistranslated',
      correctedOn: '2017-03-01' } });
    const live = buildModel(log.events);
    for (const day of ['2016-02-10', '2017-01-15', '2017-03-01']) {
      const replayed = buildModelAsOf(log.events, { clock: 'KNOWN', at: new Date(`${day}T23:59:59Z`) });
      expect(plain(speakOutReport(knownOn(live, day)!, states, {}, day))).toEqual(plain(speakOutReport(replayed, states, {}, day)));
      expect(knownOn(live, day)!.incidents.get('inc-1')!.assessment).toEqual(replayed.incidents.get('inc-1')!.assessment);
    }
  });

  it('declines (null) a model holding an event the deciders never emit, so that the registry replays instead', () => {
    const log = yemenStory();
    expect(knownOn(buildModel(log.events), '2016-06-01')).not.toBeNull();
    // inc-2 was merged into inc-1: a correction addressed to it lands on inc-1 only if it is recorded after the merge.
    log.add({ type: 'IncidentCorrected', data: { incidentId: 'inc-2', changes: { summary: 'x' }, reason: 'late', correctedOn: '2016-01-15' } });
    const model = buildModel(log.events);
    expect(model.irregularEvents).toBe(1);
    expect(knownOn(model, '2016-06-01')).toBeNull();
  });
});
