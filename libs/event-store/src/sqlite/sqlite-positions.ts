import type { Position } from '../event-store.port';

/**
 * SQLite positions: the decimal global sequence number (1, 2, 3, ...). "0" means "before the
 * first event". Kept as strings at the port so that callers treat them as opaque cursors.
 */
export function toSqlitePosition(sequence: number): Position {
  return String(sequence);
}

export function parseSqlitePosition(position: Position): number {
  if (!/^\d{1,16}$/.test(position)) throw new TypeError(`Not a SQLite event-store position: '${position}'`);
  const sequence = Number(position);
  if (!Number.isSafeInteger(sequence)) throw new TypeError(`SQLite event-store position out of range: '${position}'`);
  return sequence;
}

export function compareSqlitePositions(a: Position, b: Position): number {
  return Math.sign(parseSqlitePosition(a) - parseSqlitePosition(b));
}
