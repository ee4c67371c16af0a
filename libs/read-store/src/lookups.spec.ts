import type { StoredEvent } from '@app/event-store';
import { buildModel, canonicalSourceId, type CorroborationView, findIncident, stateSourceOf } from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { ReadStore } from './read-store';
import { withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * What commands look up (`Lookups`) against the live model of the same random histories: every id the history
 * names (and some it does not), followed through merges; and the idempotency keys, some reused on other streams
 * (the first stream keeps the key) and some for several events of one append (the last one's position).
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => 901 + i);
const STATES = ['GBR', 'SAU', 'RUS', 'SYR', 'FRA'];

/** Every third event under one of a few keys, each with its own input hash: keys meet other streams. */
function keyed(events: StoredEvent[]): StoredEvent[] {
  return events.map((e, n) =>
    n % 3 === 0 ? { ...e, metadata: { ...e.metadata, idempotencyKey: `key-${n % 11}`, inputHash: `hash-${n}` } } : e,
  );
}

/** What the model holds of a corroboration as the event logged it. */
const loggedOf = ({ originalIncidentId, retraction, ...c }: CorroborationView) => ({
  corroborationId: c.corroborationId,
  incidentId: originalIncidentId,
  sourceId: c.sourceId,
  stance: c.stance,
  evidenceKinds: c.evidenceKinds,
  publishedOn: c.publishedOn,
  citation: c.citation,
  ...(c.derivedFrom !== undefined && { derivedFrom: c.derivedFrom }),
  summary: c.summary,
  ...(c.credibility !== undefined && { credibility: c.credibility }),
  ...(c.geolocationPrecisionMeters !== undefined && { geolocationPrecisionMeters: c.geolocationPrecisionMeters }),
  retracted: retraction !== null,
});

const idsOf = (events: readonly StoredEvent[], field: string): Set<string> => {
  const ids = new Set<string>(['no-such-id']);
  for (const e of events) {
    const value = (e.data as Record<string, unknown>)[field];
    if (typeof value === 'string') ids.add(value);
  }
  return ids;
};

describe('lookups by key from the live rows against the live model', () => {
  it.each(SEEDS)('history %i: references, merges and idempotency keys', async (seed) => {
    const events = keyed(withRevisions(randomHistory(seed, 200).events));
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const model = buildModel(events);
    const { lookups } = store;

    for (const id of [...idsOf(events, 'sourceId'), ...idsOf(events, 'canonicalSourceId')]) {
      expect({ id, name: lookups.sourceName(id) }).toEqual({ id, name: model.sources.get(id)?.name });
      if (model.sources.has(id))
        expect({ id, canonical: lookups.canonicalSourceId(id) }).toEqual({
          id,
          canonical: canonicalSourceId(model, id),
        });
    }
    for (const code of STATES) {
      expect({ code, got: lookups.stateSourceId(code) }).toEqual({ code, got: stateSourceOf(model, code)?.sourceId });
    }
    for (const id of [...idsOf(events, 'incidentId'), ...idsOf(events, 'duplicateIncidentId')]) {
      expect({ id, got: lookups.canonicalIncidentId(id) }).toEqual({ id, got: findIncident(model, id)?.incidentId });
    }
    for (const id of idsOf(events, 'corroborationId')) {
      const want = model.corroborations.get(id)?.originalIncidentId;
      expect({ id, got: lookups.corroborationIncidentId(id) }).toEqual({ id, got: want });
      const c = model.corroborations.get(id);
      expect({ id, got: lookups.loggedCorroboration(id) }).toEqual({ id, got: c && loggedOf(c) });
    }
    for (const id of idsOf(events, 'investigationId'))
      expect({ id, got: lookups.investigationExists(id) }).toEqual({ id, got: model.investigations.has(id) });
    for (const id of idsOf(events, 'statementId'))
      expect({ id, got: lookups.statementExists(id) }).toEqual({ id, got: model.statements.has(id) });
    for (const id of idsOf(events, 'situationId'))
      expect({ id, got: lookups.situationExists(id) }).toEqual({ id, got: model.situations.has(id) });
    for (let k = 0; k < 12; k++) {
      const key = `key-${k}`;
      expect({ key, got: lookups.keyedWrite(key) }).toEqual({ key, got: model.idempotency.get(key) });
    }
    for (const prefix of ['key-1', 'key-', 'key-10', 'key-9', 'kex', 'key-1\uffff', '']) {
      const want = [...model.idempotency.keys()].filter((k) => k.startsWith(prefix)).sort();
      expect({ prefix, got: lookups.keysStartingWith(prefix) }).toEqual({ prefix, got: want });
    }
    store.close();
  });

  it('the histories merge sources and incidents, register a State source, and reuse keys on other streams', () => {
    let mergedSources = 0;
    let mergedIncidents = 0;
    let reused = 0;
    let stateSources = 0;
    for (const seed of SEEDS) {
      const events = keyed(withRevisions(randomHistory(seed, 200).events));
      const model = buildModel(events);
      mergedSources += [...model.sources.values()].filter((s) => s.mergedInto !== null).length;
      mergedIncidents += [...model.incidents.values()].filter((i) => i.mergedInto).length;
      stateSources += STATES.filter((code) => stateSourceOf(model, code) !== undefined).length;
      const streams = new Map<string, Set<string>>();
      for (const e of events) {
        const key = e.metadata.idempotencyKey;
        if (typeof key === 'string') streams.set(key, (streams.get(key) ?? new Set()).add(e.stream));
      }
      reused += [...streams.values()].filter((s) => s.size > 1).length;
    }
    expect(mergedSources).toBeGreaterThan(3);
    expect(mergedIncidents).toBeGreaterThan(3);
    expect(reused).toBeGreaterThan(10);
    expect(stateSources).toBeGreaterThan(3);
  });
});
