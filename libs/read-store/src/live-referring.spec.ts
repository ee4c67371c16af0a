import {
  buildModel,
  type Coverage,
  coveringResolutionsOf,
  coveringStatementsOf,
  findIncident,
  milestonesOf,
  SCOPE_LEVELS,
  type ScopeLevel,
} from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { liveReferring } from './live-referring';
import { ReadStore } from './read-store';
import { withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for an incident's referring statements and resolutions asked about now: for random histories (scoped
 * statements and resolutions, statements corrected to name others or to change scope, incidents merged), every
 * incident by any id it had, for each scope set, gets from the live rows what the live replay gives (ids, scope,
 * lag, anticipatory, in its order).
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 2001 + i);
const SCOPE_SETS: ScopeLevel[][] = [[...SCOPE_LEVELS], ['INCIDENT'], ['SITUATION', 'USER'], ['GENERIC'], []];

const shown = (c: Coverage) => ({ scope: c.scope, lagDays: c.lagDays, anticipatory: c.anticipatory });

describe("an incident's referring statements and resolutions now from the live rows, against the live replay", () => {
  const seen = { scoped: 0, named: 0, resolutions: 0, lags: 0 };

  it.each(SEEDS)('history %i: every incident, by any id it had, each scope set', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const model = buildModel(events);
    for (const id of [...model.incidents.keys(), 'no-such-incident']) {
      const view = findIncident(model, id);
      const from = view ? milestonesOf(view).confirmedOn : null;
      for (const scopes of SCOPE_SETS) {
        const expected =
          view === undefined
            ? null
            : {
                statements: coveringStatementsOf(model, view, scopes, from).map((c) => ({
                  id: c.statement.statementId,
                  ...shown(c),
                })),
                resolutions: coveringResolutionsOf(model, view, scopes, from).map((c) => ({
                  id: c.resolution.resolutionId,
                  ...shown(c),
                })),
              };
        const got = liveReferring(store.db, id, scopes, from);
        const gotShown = got && {
          statements: got.statements.map((c) => ({ id: c.statement.statementId, ...shown(c) })),
          resolutions: got.resolutions.map((c) => ({ id: c.resolution.resolutionId, ...shown(c) })),
        };
        expect({ id, scopes, got: gotShown }).toEqual({ id, scopes, got: expected });
        for (const c of expected?.statements ?? []) {
          if (c.scope === 'INCIDENT') seen.named++;
          else seen.scoped++;
          if (c.lagDays !== null) seen.lags++;
        }
        seen.resolutions += expected?.resolutions.length ?? 0;
      }
    }
    store.close();
  });

  it('the histories had statements naming incidents and scoped beyond them, resolutions and lags', () => {
    expect(seen.named).toBeGreaterThan(0);
    expect(seen.scoped).toBeGreaterThan(0);
    expect(seen.resolutions).toBeGreaterThan(0);
    expect(seen.lags).toBeGreaterThan(0);
  });
});
