import { upcast } from '@app/domain';
import type { IsoDate, PolicyConfig } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { isoDateOf } from './dates';
import { evidenceDateOf } from './event-facts';
import type { ModelOptions, RegistryModel } from './model';
import { createRegistryModel } from './model';
import { foldRegistry, settleRegistry } from './registry.projection';

/** RECORDED: what the registry showed at T. KNOWN: what was publicly known at T (evidence dates). */
export type Clock = 'RECORDED' | 'KNOWN';
export interface Cut {
  clock: Clock;
  at: Date;
}

/** Whether a fact falls within a cut, from its event's evidence date (KNOWN) or its recording time (RECORDED). */
export type Within = (evidenceDate: IsoDate | null, recordedAt: Date) => boolean;

/** The cut as a test on an evidence date and a recording time, made once per cut. */
export function withinOf(cut: Cut): Within {
  if (cut.clock === 'RECORDED') {
    const at = cut.at.getTime();
    return (_date, recordedAt) => recordedAt.getTime() <= at;
  }
  const day = isoDateOf(cut.at);
  return (date) => date === null || date <= day;
}

/** The day a replay's fold cuts at (`ModelOptions.knownOn`): the KNOWN clock's day, none on the RECORDED clock. */
export const knownOnOf = (cut: Cut): IsoDate | undefined => (cut.clock === 'KNOWN' ? isoDateOf(cut.at) : undefined);

/**
 * Whether an event falls on or before the cut on its clock: a test made once per cut, run on every event of a
 * replay.
 */
export function cutFilter(cut: Cut): (stored: StoredEvent) => boolean {
  const within = withinOf(cut);
  if (cut.clock === 'RECORDED') return (stored) => within(null, stored.recordedAt);
  return (stored) => {
    const event = upcast(stored.type, stored.data, stored.metadata?.schemaVersion ?? 1);
    // An unreadable event is let through so that the model skips and counts it as the live one does.
    return event === null || within(evidenceDateOf(event), stored.recordedAt);
  };
}

/** Folds events in bulk (one assessment per incident at the end), e.g. for a rebuild. */
export function buildModel(
  events: Iterable<StoredEvent>,
  options: Omit<ModelOptions, 'deferAssessments'> = {},
): RegistryModel {
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
export function buildModelAsOf(
  events: Iterable<StoredEvent>,
  cut: Cut,
  options: { policy?: PolicyConfig } = {},
): RegistryModel {
  const within = cutFilter(cut);
  function* kept() {
    for (const stored of events) if (within(stored)) yield stored;
  }
  return buildModel(kept(), { ...options, knownOn: knownOnOf(cut) });
}
