import { upcast } from '@app/domain';
import type { PolicyConfig } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { isoDateOf } from './dates';
import { evidenceDateOf } from './event-facts';
import type { ModelOptions, RegistryModel } from './model';
import { createRegistryModel } from './model';
import { foldRegistry, settleRegistry } from './registry.projection';

/** RECORDED: what the registry showed at T. KNOWN: what was publicly known at T (evidence dates). */
export type Clock = 'RECORDED' | 'KNOWN';
export interface Cut { clock: Clock; at: Date }

/** Whether an event falls on or before the cut on its clock. */
export function withinCut(stored: StoredEvent, cut: Cut): boolean {
  if (cut.clock === 'RECORDED') return stored.recordedAt.getTime() <= cut.at.getTime();
  const event = upcast(stored.type, stored.data, stored.metadata?.schemaVersion ?? 1);
  // An unreadable event is let through so that the model skips and counts it as the live one does.
  if (event === null) return true;
  const date = evidenceDateOf(event);
  return date === null || date <= isoDateOf(cut.at);
}

/** Folds events in bulk (one assessment per incident at the end), e.g. for a rebuild. */
export function buildModel(events: Iterable<StoredEvent>, options: Omit<ModelOptions, 'deferAssessments'> = {}): RegistryModel {
  const model = createRegistryModel({ ...options, deferAssessments: true });
  for (const stored of events) foldRegistry(model, stored);
  settleRegistry(model);
  model.deferAssessments = false;
  return model;
}

/**
 * The registry as of a cut: a replay of `$all` (in store order) keeping only the events within it.
 * For a cut after the last event this equals the live model.
 */
export function buildModelAsOf(events: Iterable<StoredEvent>, cut: Cut, options: { policy?: PolicyConfig } = {}): RegistryModel {
  function* kept() {
    for (const stored of events) if (withinCut(stored, cut)) yield stored;
  }
  return buildModel(kept(), options);
}
