import type { EventStore } from '@app/event-store';
import {
  createRegistryModel,
  type Cut,
  cutFilter,
  foldRegistry,
  knownOnOf,
  type RegistryModel,
  settleRegistry,
} from '@app/projections';

/**
 * A reference: the registry now, or as of a cut, as the projections library's fold gives it (with the cut filter
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
