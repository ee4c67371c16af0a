import { ABSENT_DAY, type StatementRows } from '@app/projections';

/**
 * Every row as the report scans it, by name, not by number (two loads may number incidents and States apart); of a
 * row outside the cut, only that it is outside.
 */
export const dumpRows = (rows: StatementRows) =>
  Array.from({ length: rows.length }, (_, row) => {
    const day = rows.dayOf(row);
    if (day === ABSENT_DAY) return { day, statementId: rows.statementIdOf(row) };
    const { statementId, kind, deliveredOn, speakers, incidentIds, scope } = rows.view(row);
    return { day, statementId, kind, deliveredOn, speakers, incidentIds, scope, scoped: rows.scoped.has(row) };
  });
