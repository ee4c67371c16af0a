import {
  buildModel,
  buildModelAsOf,
  type Coverage,
  coveringResolutionsOf,
  findIncident,
  milestonesOf,
  SCOPE_LEVELS,
  type ScopeLevel,
  statementLagsOf,
} from '@app/projections';
import type { StoredEvent } from '@app/event-store';
import { randomHistory } from '../../projections/src/testing/random-history';
import { ReadStore } from './read-store';
import { referringAt } from './referring-at';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for an incident's referring statements and resolutions asked about as of a cut: for random histories
 * (scoped statements and resolutions, statements corrected to name others or to change scope, incidents merged), at
 * four cuts on each clock and live, every incident the replay knows then, by any id it had, for each scope set,
 * gets from the rows as of the cut what the replay to that cut gives (ids, scope, lag, anticipatory, in its order).
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 3001 + i);
const SCOPE_SETS: ScopeLevel[][] = [[...SCOPE_LEVELS], ['INCIDENT'], ['SITUATION', 'USER'], ['GENERIC']];

/**
 * The history with statements delivered, corrections of delivery dates and resolutions adopted on the first of
 * their month: many of an incident's statements then share a day, so the order ties keep (the order they were
 * linked: a correction re-links a statement, a merge appends the duplicate's) decides the answer's order.
 */
function monthly(events: readonly StoredEvent[]): StoredEvent[] {
  const month = (day: string) => `${day.slice(0, 7)}-01`;
  return events.map((e) => {
    const data = e.data as Record<string, unknown>;
    if (e.type === 'StatementRecorded')
      return { ...e, data: { ...data, deliveredOn: month(data.deliveredOn as string) } };
    if (e.type === 'ResolutionVoteRecorded')
      return { ...e, data: { ...data, adoptedOn: month(data.adoptedOn as string) } };
    const changes = data.changes as { deliveredOn?: string } | undefined;
    if (e.type !== 'StatementCorrected' || changes?.deliveredOn === undefined) return e;
    return { ...e, data: { ...data, changes: { ...changes, deliveredOn: month(changes.deliveredOn) } } };
  });
}

const shown = (c: Coverage) => ({ scope: c.scope, lagDays: c.lagDays, anticipatory: c.anticipatory });

describe("an incident's referring statements and resolutions as of a cut (referringAt) against the replay", () => {
  /** What the past cuts exercised (live is live-referring.spec.ts' too); `ties`: one day's, so order counted. */
  const seen = { compared: 0, scoped: 0, named: 0, resolutions: 0, lags: 0, merged: 0, ties: 0 };

  it.each(SEEDS)('history %i: every incident, by any id it had then, each scope set, at every cut', async (seed) => {
    const events = withRevisions(monthly(randomHistory(seed, 200).events));
    const recorded = new Map(
      events
        .filter((e) => e.type === 'StatementRecorded')
        .map((e, i) => [(e.data as { statementId: string }).statementId, i]),
    );
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      const where = whereOf(cut);
      const past = cut !== 'LIVE';
      for (const id of [...model.incidents.keys(), 'no-such-incident']) {
        const view = findIncident(model, id);
        const milestones = view && milestonesOf(view);
        const from = milestones?.confirmedOn ?? null;
        for (const scopes of SCOPE_SETS) {
          const expected =
            view === undefined
              ? null
              : {
                  statements: statementLagsOf(model, view, milestones, scopes).map((c) => ({
                    id: c.statement.statementId,
                    on: c.statement.deliveredOn,
                    ...shown(c),
                  })),
                  resolutions: coveringResolutionsOf(model, view, scopes).map((c) => ({
                    id: c.resolution.resolutionId,
                    ...shown(c),
                  })),
                };
          const got = referringAt(store.db, cut, id, scopes, from);
          const gotShown = got && {
            statements: got.statements.map((c) => ({
              id: c.statement.statementId,
              on: c.statement.deliveredOn,
              ...shown(c),
            })),
            resolutions: got.resolutions.map((c) => ({ id: c.resolution.resolutionId, ...shown(c) })),
          };
          expect({ where, id, scopes, got: gotShown }).toEqual({ where, id, scopes, got: expected });
          if (!past || expected === null) continue;
          seen.compared++;
          for (const c of expected.statements) {
            if (c.scope === 'INCIDENT') seen.named++;
            else seen.scoped++;
            if (c.lagDays !== null) seen.lags++;
          }
          // One day's statements naming it, not in the order they were recorded: re-linked, or a merge appended.
          const named = expected.statements.filter((c) => c.scope === 'INCIDENT');
          seen.ties += named.filter(
            (c, i) => i > 0 && named[i - 1].on === c.on && recorded.get(named[i - 1].id)! > recorded.get(c.id)!,
          ).length;
          seen.resolutions += expected.resolutions.length;
          if (view!.incidentId !== id) seen.merged++;
        }
      }
    }
    store.close();
  });

  it('past cuts had statements naming incidents and scoped beyond them, resolutions, lags, merges and ties', () => {
    expect(seen.compared).toBeGreaterThan(1000);
    expect(seen.named).toBeGreaterThan(0);
    expect(seen.scoped).toBeGreaterThan(0);
    expect(seen.resolutions).toBeGreaterThan(0);
    expect(seen.lags).toBeGreaterThan(0);
    expect(seen.merged).toBeGreaterThan(0);
    expect(seen.ties).toBeGreaterThan(0);
  });
});
