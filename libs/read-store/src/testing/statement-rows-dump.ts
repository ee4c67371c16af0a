import type { StatementRows } from '@app/projections';

/** Every row as the report scans it, by name, not by number (two loads may number incidents and States apart). */
export const dumpRows = (rows: StatementRows) =>
  Array.from({ length: rows.length }, (_, row) => {
    const { statementId, kind, deliveredOn, speakers, incidentIds, scope } = rows.view(row);
    const day = rows.dayOf(row);
    return { day, statementId, kind, deliveredOn, speakers, incidentIds, scope, scoped: rows.scoped.has(row) };
  });
