import { deriveAsOf } from './derive-as-of';
import { speakOutReport, type SpeakOutFilter } from './speak-out.report';
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
import { dayOf, randomHistory } from './testing/random-history';
import { buildModel, buildModelAsOf, type Clock, type Cut } from './time-travel';
import { isoDateOf } from './dates';

const states = ccmStates();
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
const FILTERS: SpeakOutFilter[] = [
  {},
  { countryCode: 'YEM' },
  { allegedUser: 'RUS' },
  { situationId: 'sit-a' },
  { allegedGroup: 'Saudi-led coalition' },
];
const DAYS = [100, 400, 700, 900, 1100, 1300, 1500].map(dayOf);
/** More histories on demand (e.g. ORACLE_SEEDS=200, or ORACLE_FIRST_SEED=31 for fresh ones); 30 by default. */
const SEED_COUNT = Number(process.env.ORACLE_SEEDS ?? 30);
const FIRST_SEED = Number(process.env.ORACLE_FIRST_SEED ?? 1);
const cutOn = (clock: Clock, day: string): Cut => ({ clock, at: new Date(`${day}T23:59:59Z`) });

/** The reports on the model derived from the live one, and on a replay of the events within the cut. */
function reports(
  events: Parameters<typeof buildModel>[0],
  live: ReturnType<typeof buildModel>,
  cut: Cut,
  filter: SpeakOutFilter = {},
) {
  const day = isoDateOf(cut.at);
  return {
    derived: plain(speakOutReport(deriveAsOf(live, cut)!, states, filter, day)),
    replayed: plain(speakOutReport(buildModelAsOf(events, cut), states, filter, day)),
  };
}

describe('deriveAsOf: a past registry derived from the live model, as a replay would give it', () => {
  describe.each(Array.from({ length: SEED_COUNT }, (_, i) => i + FIRST_SEED))('random history %i', (seed) => {
    const log = randomHistory(seed);
    const live = buildModel(log.events);

    it.each(
      DAYS.flatMap(
        (day) =>
          [
            ['KNOWN', day],
            ['RECORDED', day],
          ] as const,
      ),
    )('%s clock, %s: the same speak-out reports', (clock, day) => {
      for (const filter of FILTERS) {
        const { derived, replayed } = reports(log.events, live, cutOn(clock, day), filter);
        expect(derived).toEqual(replayed);
      }
    });
  });

  it('is not the live model in disguise: the random histories change the answers between days, on both clocks', () => {
    for (const clock of ['KNOWN', 'RECORDED'] as const) {
      let differing = 0;
      let confirmed = 0;
      for (const seed of [1, 2, 3]) {
        const live = buildModel(randomHistory(seed).events);
        const cut = cutOn(clock, DAYS[3]);
        const derived = plain(speakOutReport(deriveAsOf(live, cut)!, states, {}, DAYS[3]));
        if (JSON.stringify(plain(speakOutReport(live, states, {}, DAYS[3]))) !== JSON.stringify(derived)) differing++;
        confirmed += derived.confirmedIncidentIds.length;
      }
      expect(differing).toBeGreaterThan(0);
      expect(confirmed).toBeGreaterThan(0);
    }
  });

  it('exercises every scope and resolution votes: the random reports hold responses at each scope and by vote', () => {
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4]) {
      const live = buildModel(randomHistory(seed).events);
      for (const filter of FILTERS) {
        const report = speakOutReport(deriveAsOf(live, cutOn('KNOWN', DAYS[5]))!, states, filter, DAYS[5]);
        for (const line of [...report.statesParties, ...report.nonPartiesThatSpoke]) {
          if (line.scope) seen.add(line.scope);
          if (line.resolutionId) seen.add('VOTE');
          if (line.anticipatory) seen.add('ANTICIPATORY');
        }
      }
    }
    expect([...seen].sort()).toEqual(['ANTICIPATORY', 'GENERIC', 'INCIDENT', 'SITUATION', 'USER', 'VOTE']);
  });

  it('holds a regrade recorded before a RECORDED cut but dated after its day as not yet in effect', () => {
    const log = new EventLog();
    const at = (d: string) => ({ recordedAt: `${d}T12:00:00Z` });
    log.add(source('ai', 'Amnesty International', 'B'), at('2016-01-01'));
    log.add(source('lab', 'Some Lab', 'D'), at('2016-01-01'));
    log.add(
      allege(
        'inc-1',
        '2016-01-10',
        corroboration('c1', 'ai', '2016-01-10', { evidenceKinds: ['EXPERT_IDENTIFICATION'] }),
      ),
      at('2016-01-11'),
    );
    log.add(corroborate('inc-1', corroboration('c2', 'lab', '2016-02-01')), at('2016-02-02'));
    log.add(statement('st-nor', ['NOR'], 'CONDEMNATION', '2016-04-01', ['inc-1']), at('2016-04-02'));
    // The lab is trusted from September on: decided (and recorded) in March, before the cut of June.
    log.add(
      {
        type: 'SourceRegraded',
        data: { sourceId: 'lab', grade: 'B', previousGrade: 'D', reason: 'track record', regradedOn: '2016-09-01' },
      },
      at('2016-03-01'),
    );
    const live = buildModel(log.events);
    expect(live.incidents.get('inc-1')!.assessment).toMatchObject({ status: 'CONFIRMED', statusSince: '2016-09-01' });
    for (const [day, confirmed] of [
      ['2016-06-01', []],
      ['2016-09-01', ['inc-1']],
    ] as const) {
      const { derived, replayed } = reports(log.events, live, cutOn('RECORDED', day));
      expect(derived.confirmedIncidentIds).toEqual(confirmed);
      expect(derived).toEqual(replayed);
    }
  });

  it("takes the alleged user's own statement as it stood, when it was corrected after the cut", () => {
    const log = yemenStory();
    // SAU's denial of 2016-01-20, corrected in March 2017 (recorded then too) into an acknowledgement.
    log.add(
      {
        type: 'StatementCorrected',
        data: {
          statementId: 'st-sau',
          changes: { kind: 'ACKNOWLEDGEMENT' },
          reason: 'mistranslated',
          correctedOn: '2017-03-01',
        },
      },
      { recordedAt: '2017-03-01T10:00:00Z' },
    );
    const live = buildModel(log.events);
    for (const [clock, day] of [
      ['KNOWN', '2016-02-10'],
      ['KNOWN', '2017-01-15'],
      ['KNOWN', '2017-03-01'],
      ['RECORDED', '2017-02-01'],
      ['RECORDED', '2017-03-01'],
    ] as const) {
      const { derived, replayed } = reports(log.events, live, cutOn(clock, day));
      expect(derived).toEqual(replayed);
      const cut = cutOn(clock, day);
      expect(deriveAsOf(live, cut)!.incidents.get('inc-1')!.assessment).toEqual(
        buildModelAsOf(log.events, cut).incidents.get('inc-1')!.assessment,
      );
    }
  });

  it('declines (null) a model holding an event the deciders never emit, so that the registry replays instead', () => {
    const log = yemenStory();
    expect(deriveAsOf(buildModel(log.events), cutOn('KNOWN', '2016-06-01'))).not.toBeNull();
    // inc-2 was merged into inc-1: a correction addressed to it lands on inc-1 only if it is recorded after the merge.
    log.add({
      type: 'IncidentCorrected',
      data: { incidentId: 'inc-2', changes: { summary: 'x' }, reason: 'late', correctedOn: '2016-01-15' },
    });
    const model = buildModel(log.events);
    expect(model.irregularEvents).toBe(1);
    expect(deriveAsOf(model, cutOn('KNOWN', '2016-06-01'))).toBeNull();
  });

  it('is read-only', () => {
    const derived = deriveAsOf(buildModel(yemenStory().events), cutOn('KNOWN', '2016-06-01'))!;
    expect(derived.statements.get('st-sau')?.kind).toBe('DENIAL');
    expect(() => derived.statements.set('x', derived.statements.get('st-sau')!)).toThrow(/read-only/);
  });
});
