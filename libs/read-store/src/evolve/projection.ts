import type { RegistryEvent } from '@app/domain';
import type { Database } from 'better-sqlite3';
import type { RowBuffer } from './row-buffer';

/** What every fact row records of the event that made it. */
export interface RowMeta {
  /** The read store's own count of events folded: store order, whatever the store's position format. */
  seq: number;
  /** evidenceDateOf(event): when the fact became publicly known; null when known once registered. */
  evidenceDate: string | null;
  /** The store's commit time, ms since the epoch. */
  recordedAt: number;
  /** The stored event's id (texts left in the store are read by it). */
  eventId: string;
  /** Its revision in its stream (an entity's revision is its stream's last). */
  revision: number;
}

/** Folds one event into its tables: an exhaustive switch over the event union, so a new event type must decide. */
export type Evolve = (event: RegistryEvent, meta: RowMeta) => void;

/** What a projection may hold for the page being folded: rows written when the page ends (see RowBuffer). */
export interface PageBuffers {
  buffer(table: string, columns: number): RowBuffer;
}

/** A projection prepares its statements once per database and hands back its evolve function. */
export type Projection = (db: Database, page: PageBuffers) => Evolve;

/** JSON text for a column; null stays SQL NULL. */
export const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
