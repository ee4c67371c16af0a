/** The overview's counts, summed from the server's tally (incidents by status and readiness). */
import type { TallyCell } from './api/documents';
import type { Readiness, Status } from './words';

export type Counts = Record<Status | Readiness | 'all', number>;

/**
 * Each status counts under the chosen readiness, each readiness under the chosen status, and `all` under
 * both: the tally is taken with neither in its filter, so one request answers all three.
 */
export function countsFromTally(
  cells: readonly TallyCell[],
  chosen: { status?: readonly Status[]; readiness?: readonly Readiness[] },
): Counts {
  const counts: Partial<Counts> = { all: 0 };
  const add = (key: keyof Counts, n: number) => (counts[key] = (counts[key] ?? 0) + n);
  const statusOk = (c: TallyCell) => !chosen.status?.length || chosen.status.includes(c.status);
  const readinessOk = (c: TallyCell) => !chosen.readiness?.length || chosen.readiness.includes(c.readiness);
  for (const cell of cells) {
    if (readinessOk(cell)) add(cell.status, cell.count);
    if (statusOk(cell)) add(cell.readiness, cell.count);
    if (statusOk(cell) && readinessOk(cell)) add('all', cell.count);
  }
  return counts as Counts;
}
