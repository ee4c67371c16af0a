import { incidentStream, investigationStream, sourceStream, statementStream } from '@app/domain';
import type { EventStore, StoredEvent } from '@app/event-store';
import { buildModel, type RegistryModel } from '@app/projections';

/** Enough to answer for one written entity; a link-rich entity stops here rather than reading the world. */
const MAX_STREAMS = 400;
const MAX_ROUNDS = 4;

/**
 * The streams an incident's view is folded from: its own, its merged duplicates', its sources', its
 * investigations' and its statements' (also those that once referred to it), as `model` links them.
 */
export function incidentStreamsOf(model: RegistryModel, canonicalId: string, into = new Set<string>()): Set<string> {
  const pending = [canonicalId];
  const seen = new Set<string>();
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const view = model.incidents.get(id);
    if (!view || seen.has(id)) continue;
    seen.add(id);
    into.add(incidentStream(id));
    pending.push(...view.mergedDuplicates);
    for (const cid of view.corroborationIds) {
      const c = model.corroborations.get(cid);
      if (c) into.add(sourceStream(c.sourceId));
    }
    for (const iid of view.investigationIds) into.add(investigationStream(iid));
    for (const sid of view.statementIds) into.add(statementStream(sid));
    for (const sid of view.formerStatementIds) into.add(statementStream(sid));
  }
  return into;
}

/** Streams the entities of `model` link to, in `model` and in the live model (which may know more links). */
function linkedStreams(model: RegistryModel, live: RegistryModel, streams: Set<string>): Set<string> {
  const next = new Set(streams);
  const incidents = new Set<string>(model.incidents.keys());
  for (const investigation of model.investigations.values())
    for (const id of investigation.incidentIds) incidents.add(id);
  for (const statement of model.statements.values()) for (const id of statement.incidentIds) incidents.add(id);
  for (const id of incidents) {
    next.add(incidentStream(id));
    incidentStreamsOf(model, id, next);
    incidentStreamsOf(live, id, next);
  }
  return next;
}

/**
 * A model of what a mutation wrote, read straight from the store: the written streams and those they link
 * to (an incident's sources, investigations and statements; the incidents an investigation or statement
 * names), followed for a few rounds. It answers a mutation whose write the live model has not folded yet,
 * so that the write is shown instead of NOT_FOUND. Links that only events in other, unread streams make
 * (a statement recorded meanwhile by someone else) are missing until the live model catches up: the answer
 * says that the read side is behind.
 */
export async function writtenModel(store: EventStore, written: string[], live: RegistryModel): Promise<RegistryModel> {
  let streams = new Set(written);
  let model = buildModel([], { policy: live.policy });
  for (let round = 0; round < MAX_ROUNDS; round++) {
    model = buildModel(await readStreams(store, streams), { policy: live.policy });
    const next = linkedStreams(model, live, streams);
    if (next.size === streams.size || next.size > MAX_STREAMS) break;
    streams = next;
  }
  return model;
}

async function readStreams(store: EventStore, streams: Iterable<string>): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (const stream of streams) for await (const stored of store.readStream(stream)) events.push(stored);
  return events.sort((a, b) => store.comparePositions(a.position, b.position));
}
