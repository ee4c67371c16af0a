import type { Database } from 'better-sqlite3';
import type { ReadCut } from './cut';
import { incidentResolver } from './incident-resolution';
import { readStatements, type StatementAtCut } from './statements-at';

/**
 * The statements `ids` names as of a cut, in the order asked (an id not recorded by then left out), their incidents
 * resolved at the cut (by `resolve`: pass one resolver to every call at one cut and checkpoint): one read of their
 * versions, in one read transaction (the statements a live page recorded).
 */
export function statementsByIdAt(
  db: Database,
  cut: ReadCut,
  ids: readonly string[],
  resolve: (incidentId: string) => string = incidentResolver(db, cut),
): StatementAtCut[] {
  const read = () => {
    const found = readStatements(
      db,
      cut,
      'SELECT value AS id FROM json_each(@ids)',
      { ids: JSON.stringify(ids) },
      null,
    );
    const byId = new Map(found.map((s) => [s.statementId, s]));
    return ids.flatMap((id) => {
      const statement = byId.get(id);
      if (statement === undefined) return [];
      return [{ ...statement, canonicalIncidentIds: [...new Set(statement.incidentIds.map(resolve))] }];
    });
  };
  return db.inTransaction ? read() : db.transaction(read)();
}
