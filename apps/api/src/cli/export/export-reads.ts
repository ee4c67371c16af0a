import type { EventStore } from '@app/event-store';
import {
  type Clock,
  createRegistryModel,
  type Cut,
  cutFilter,
  knownOnOf,
  foldRegistry,
  type RegistryModel,
  settleRegistry,
} from '@app/projections';
import { CliError } from '../cli-support';

/** `--as-of`: a day (its end, UTC) or an instant. */
export function parseAsOfInstant(value: string): Date {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
  if (Number.isNaN(instant.getTime()))
    throw new CliError(`--as-of must be YYYY-MM-DD or an ISO instant (got "${value}")`, 2);
  return instant;
}

export function parseClock(value: string): Clock {
  if (value !== 'KNOWN' && value !== 'RECORDED') throw new CliError('--clock must be KNOWN or RECORDED', 2);
  return value;
}

/**
 * The registry now, or as of a cut: the projections library's fold (as a rebuild does, with the cut filter
 * time travel uses), reading the store page by page. Statement texts and audit entries are kept.
 */
export async function foldStore(store: EventStore, cut?: Cut): Promise<RegistryModel> {
  const model = createRegistryModel({ deferAssessments: true, knownOn: cut && knownOnOf(cut) });
  const within = cut ? cutFilter(cut) : () => true;
  for await (const batch of store.readAllBatches()) {
    for (const stored of batch) if (within(stored)) foldRegistry(model, stored);
  }
  settleRegistry(model);
  model.deferAssessments = false;
  return model;
}
