import { resolutionStream, statementStream, type StatementScope } from '@app/domain';
import { buildModel, findIncident, type RegistryModel } from '@app/projections';
import { incidentStreamsOf } from './testing/incident-streams-of';
import { randomHistory } from '../../projections/src/testing/random-history';
import { incidentStreams } from './incident-streams';
import { ReadStore } from './read-store';
import { withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for the streams a one-incident replay reads: for random histories (merges, corrections naming other
 * incidents, scoped statements, resolutions), every incident by any id it had gets from the live rows the canonical
 * id and the streams the model links (`incidentStreamsOf`); the covering set adds every statement that had a scope
 * in any version and every resolution.
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 3101 + i);

const hasTargets = (scope: StatementScope | undefined): boolean =>
  scope !== undefined &&
  ((scope.situationIds?.length ?? 0) > 0 ||
    (scope.allegedUser?.stateCodes?.length ?? 0) > 0 ||
    scope.allegedUser?.name !== undefined ||
    scope.generic === true);

function everScoped(model: RegistryModel): string[] {
  const ids: string[] = [];
  for (const s of model.statements.values()) {
    const scopes = [s.scope, ...s.corrections.flatMap((c) => [c.changes.scope, c.before.scope])];
    if (scopes.some(hasTargets)) ids.push(s.statementId);
  }
  return ids;
}

describe('the streams of one incident from the live rows, against the model', () => {
  const seen = { merged: 0, former: 0, scoped: 0, resolutions: 0 };

  it.each(SEEDS)('history %i: every incident by any id it had, own and covering', async (seed) => {
    const events = withRevisions(randomHistory(seed, 200).events);
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const model = buildModel(events);
    const covering = [
      ...everScoped(model).map(statementStream),
      ...[...model.resolutions.keys()].map(resolutionStream),
    ];
    for (const id of [...model.incidents.keys(), 'no-such-incident']) {
      const view = findIncident(model, id);
      const got = incidentStreams(store.db, id, false);
      const gotCovering = incidentStreams(store.db, id, true);
      if (view === undefined) {
        expect({ id, got, gotCovering }).toEqual({ id, got: null, gotCovering: null });
        continue;
      }
      const own = incidentStreamsOf(model, view.incidentId);
      expect({ id, canonical: got?.canonicalId, streams: new Set(got?.streams) }).toEqual({
        id,
        canonical: view.incidentId,
        streams: own,
      });
      expect({ id, streams: new Set(gotCovering?.streams) }).toEqual({
        id,
        streams: new Set([...own, ...covering]),
      });
      if (view.mergedDuplicates.length > 0) seen.merged++;
      if (view.formerStatementIds.length > 0) seen.former++;
    }
    seen.scoped += everScoped(model).length;
    seen.resolutions += model.resolutions.size;
    store.close();
  });

  afterAll(() => {
    // The histories exercise what the streams depend on.
    expect(seen.merged).toBeGreaterThan(0);
    expect(seen.former).toBeGreaterThan(0);
    expect(seen.scoped).toBeGreaterThan(0);
    expect(seen.resolutions).toBeGreaterThan(0);
  });
});
