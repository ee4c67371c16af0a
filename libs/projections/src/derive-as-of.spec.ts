import { assess, assessWithHistory, evidenceDates, knownBy, statusHistory } from '@app/domain';
import type { Assessment, StatusChange } from '@app/domain';
import { deriveAsOf } from './derive-as-of';
import { buildEvidence } from './evidence';
import type { RegistryModel } from './model';
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

/**
 * What of an assessment and a status history does not depend on the order the evidence was linked in (a model
 * derived as of a cut links it in the live model's order, a replay in its own, so the ids a rule names and the
 * wording may differ): statuses, rules, dates and counts, all that the reports read.
 */
const unordered = ({ assessment: a, history }: { assessment: Assessment; history: StatusChange[] }) => ({
  assessment: [a.status, a.readiness, a.rule, a.statusSince, a.independentSupportingSources, a.policyVersion],
  counts: [a.independentCorroboratingSources, [...a.missing].sort()],
  history: history.map((change) => [change.status, change.readiness, change.on, change.rule]),
});

/** Each canonical incident's assessment and status history as the model holds them. */
function assessedOn(model: RegistryModel, _day: string) {
  const out: Record<string, unknown> = {};
  for (const i of model.incidents.values())
    if (!i.mergedInto) out[i.incidentId] = plain(unordered({ assessment: i.assessment, history: i.statusHistory }));
  return out;
}

/** Each canonical incident of a replay, assessed by the policy as of the day. */
function asOfDay(model: RegistryModel, day: string) {
  const out: Record<string, unknown> = {};
  for (const i of model.incidents.values()) {
    if (i.mergedInto) continue;
    const { assessment, history } = assessWithHistory(buildEvidence(model, i), model.policy, day);
    out[i.incidentId] = plain(unordered({ assessment, history }));
  }
  return out;
}

const knownJson = (model: RegistryModel, id: string, day: string) =>
  JSON.stringify(knownBy(buildEvidence(model, model.incidents.get(id)!), day));

describe('knownBy: the evidence known by a day, regrades still listed', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'random history %i: the policy gives it what it gives the evidence, up to that day',
    (seed) => {
      const model = buildModel(randomHistory(seed).events);
      let regraded = 0;
      for (const incident of model.incidents.values()) {
        const evidence = buildEvidence(model, incident);
        if (evidence.corroborations.some((c) => (c.regrades?.length ?? 0) > 0)) regraded++;
        for (const day of DAYS) {
          const known = knownBy(evidence, day);
          expect(plain(statusHistory(known, model.policy, day))).toEqual(
            plain(statusHistory(evidence, model.policy, day)),
          );
          for (const on of [...evidenceDates(evidence).filter((d) => d <= day), day])
            expect(plain(assess(known, model.policy, on))).toEqual(plain(assess(evidence, model.policy, on)));
        }
      }
      expect(regraded).toBeGreaterThan(0);
    },
  );
});

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
    )('%s clock, %s: the same speak-out reports, and every assessment as of the day', (clock, day) => {
      for (const filter of FILTERS) {
        const { derived, replayed } = reports(log.events, live, cutOn(clock, day), filter);
        expect(derived).toEqual(replayed);
      }
      const cut = cutOn(clock, day);
      expect(assessedOn(deriveAsOf(live, cut)!, day)).toEqual(asOfDay(buildModelAsOf(log.events, cut), day));
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

  it('takes the live status history up to the day when the evidence known by it is the same, else the policy', () => {
    const taken = { KNOWN: 0, RECORDED: 0 };
    let replayedAll = 0;
    for (const seed of [1, 2, 3, 4]) {
      const live = buildModel(randomHistory(seed).events);
      for (const clock of ['KNOWN', 'RECORDED'] as const) {
        const day = DAYS[3];
        const derived = deriveAsOf(live, cutOn(clock, day))!;
        for (const then of derived.incidents.values()) {
          const now = live.incidents.get(then.incidentId)!;
          if (then.mergedInto || then.assessment === now.assessment) continue;
          if (!now.mergedInto && knownJson(derived, then.incidentId, day) === knownJson(live, now.incidentId, day))
            taken[clock]++;
          else replayedAll++;
        }
      }
    }
    expect(taken.KNOWN).toBeGreaterThan(0);
    expect(taken.RECORDED).toBeGreaterThan(0);
    expect(replayedAll).toBeGreaterThan(0);
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
