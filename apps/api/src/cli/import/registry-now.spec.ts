import { buildModel, findIncident } from '@app/projections';
import { ReadStore } from '@app/read-store';
import type { StoredEvent } from '@app/event-store';
import { randomHistory } from '../../../../../libs/projections/src/testing/random-history';
import { memorySource } from '../../../../../libs/read-store/src/testing/memory-source';
import { withRevisions } from '../../../../../libs/read-store/src/testing/cuts';
import { RegistryNow } from './registry-now';

/**
 * What an import compares a row with, read from the projection file, against the reference fold of the same
 * random histories: every id the history names (and one it does not), whether it exists, its revision (the
 * correction's idempotency key carries it) and the fields an import compares.
 */
const SEEDS = [31, 32, 33, 34, 35, 36];

const idsOf = (events: readonly StoredEvent[], field: string): string[] => {
  const ids = new Set<string>(['no-such-id']);
  for (const e of events) {
    const value = (e.data as Record<string, unknown>)[field];
    if (typeof value === 'string') ids.add(value);
  }
  return [...ids];
};

const pick = <T extends object>(value: T | undefined, fields: readonly string[]) =>
  value &&
  Object.fromEntries(
    fields.map((f) => [f, (value as Record<string, unknown>)[f] ?? null]).filter(([, v]) => v !== null),
  );

const STATEMENT = ['revision', 'speakers', 'onBehalfOf', 'kind', 'venue', 'deliveredOn', 'incidentIds', 'namesUser'];
const RESOLUTION = ['revision', 'symbol', 'title', 'venue', 'adoptedOn', 'kind', 'incidentIds', 'scope', 'votes'];
const SITUATION = ['revision', 'name', 'countryCodes', 'allegedUsers', 'period', 'note'];
const SOURCE = ['revision', 'name', 'kind', 'grade', 'homepage'];

describe('RegistryNow: the registry an import plans against, from the projection file', () => {
  it.each(SEEDS)('history %i equals the reference fold for every id it names', async (seed) => {
    const events = withRevisions(randomHistory(seed, 240).events);
    const file = ReadStore.openFile(':memory:');
    await file.catchUp(memorySource(events, 9));
    const model = buildModel(events);
    const now = new RegistryNow(file);
    const seen = { merged: 0, withdrawn: 0, corrected: 0, situations: 0, resolutions: 0 };

    for (const id of [...idsOf(events, 'sourceId'), ...idsOf(events, 'canonicalSourceId')]) {
      expect({ id, exists: now.sourceExists(id) }).toEqual({ id, exists: model.sources.has(id) });
      expect({ id, source: pick(now.source(id), SOURCE) }).toEqual({ id, source: pick(model.sources.get(id), SOURCE) });
    }
    for (const id of [...idsOf(events, 'incidentId'), ...idsOf(events, 'duplicateIncidentId')]) {
      expect({ id, exists: now.incidentExists(id) }).toEqual({ id, exists: !!findIncident(model, id) });
      const want = model.incidents.get(id);
      const got = now.incident(id);
      expect({ id, merged: got?.merged, withdrawn: got?.withdrawn }).toEqual({
        id,
        merged: want && !!want.mergedInto,
        withdrawn: want && !want.mergedInto && !!want.withdrawal,
      });
      if (want === undefined || want.mergedInto) continue;
      expect({ id, revision: got?.revision, details: got?.details }).toEqual({
        id,
        revision: want.revision,
        details: want.details,
      });
      seen.withdrawn += want.withdrawal ? 1 : 0;
      seen.corrected += want.corrections.length > 0 ? 1 : 0;
    }
    seen.merged = [...model.incidents.values()].filter((i) => i.mergedInto).length;
    for (const id of idsOf(events, 'statementId')) {
      const got = pick(now.statement(id), STATEMENT);
      expect({ id, got }).toEqual({ id, got: pick(model.statements.get(id), STATEMENT) });
    }
    for (const id of idsOf(events, 'resolutionId')) {
      const got = pick(now.resolution(id), RESOLUTION);
      expect({ id, got }).toEqual({ id, got: pick(model.resolutions.get(id), RESOLUTION) });
      seen.resolutions += got ? 1 : 0;
    }
    for (const id of idsOf(events, 'situationId')) {
      expect({ id, exists: now.situationExists(id) }).toEqual({ id, exists: model.situations.has(id) });
      const got = pick(now.situation(id), SITUATION);
      expect({ id, got }).toEqual({ id, got: pick(model.situations.get(id), SITUATION) });
      seen.situations += got ? 1 : 0;
    }
    // The histories hold what the comparison is about.
    expect(seen.merged).toBeGreaterThan(0);
    expect(seen.corrected).toBeGreaterThan(0);
    expect(seen.situations).toBeGreaterThan(0);
    expect(seen.resolutions).toBeGreaterThan(0);
    file.close();
  });
});
