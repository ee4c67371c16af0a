import type { StatementDetails } from '@app/domain';
import { type Connection, type RegistryModel, resolveIncidentId, type StatementNode } from '@app/projections';
import type { StatementAtCut } from '../statements-at';

const withoutWords = <T extends Partial<StatementDetails>>({ quote: _q, citation: _c, ...rest }: T) => rest;

/** What the file gives of a replayed statement (its words stay in the store). */
export const fromReplay =
  (model: RegistryModel) =>
  ({ seq: _seq, corrections, ...node }: StatementNode) => ({
    ...withoutWords(node),
    canonicalIncidentIds: [...new Set(node.incidentIds.map((id) => resolveIncidentId(model, id)))],
    corrections: corrections.map((c) => ({
      changes: withoutWords(c.changes),
      reason: c.reason,
      correctedOn: c.correctedOn,
      eventId: c.eventId,
      recordedAt: c.recordedAt,
    })),
  });

/** A statement read from the file, without what only the API uses (the events to read its words from). */
export const fromFile = ({ eventIds: _ids, ...node }: StatementAtCut) => node;

/** A page with each node put in the shape both sides are compared in. */
export const shape = <T, U>(page: Connection<T>, node: (n: T) => U) => ({
  ...page,
  edges: page.edges.map((e) => ({ cursor: e.cursor, node: node(e.node) })),
});
