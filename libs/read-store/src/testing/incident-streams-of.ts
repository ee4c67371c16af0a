import { incidentStream, investigationStream, sourceStream, statementStream } from '@app/domain';
import type { RegistryModel } from '@app/projections';

/**
 * The oracle for `incidentStreams`: the streams an incident's view is folded from (its own, its merged
 * duplicates', its sources', its investigations' and its statements', also those that once referred to it), as
 * `model` links them.
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
