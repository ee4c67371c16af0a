import type { ScopeLevel } from '@app/projections';
import type { Database } from 'better-sqlite3';
import { type LiveReferring, referringAt } from './referring-at';

export type { LiveReferring } from './referring-at';

/**
 * The statements and resolutions covering the incident `id` resolves to now, at one of `scopes`: `referringAt` at
 * the LIVE cut (the same reads: the live index for the statements naming it). Null when there is no such incident.
 */
export function liveReferring(
  db: Database,
  id: string,
  scopes: readonly ScopeLevel[],
  from: string | null,
): LiveReferring | null {
  return referringAt(db, 'LIVE', id, scopes, from);
}
