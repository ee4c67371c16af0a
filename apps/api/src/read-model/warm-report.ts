import { deriveAsOf, isoDateOf, type RegistryModel, speakOutReport } from '@app/projections';

/**
 * Derives the registry as of one past day and reports on it once, before the service says it is ready, keeping
 * nothing: a report as of a date names its own cut, so the first visitor's is still new, but the code deriving
 * and scanning (a few hundred functions over every incident, corroboration and statement row) is then compiled
 * instead of cold. The day halfway between the first incident reported and the latest evidence, on the KNOWN
 * clock: evidence on both sides of the cut, so the derivation takes all of its paths (live assessments kept, the
 * policy run again, corrections undone). Bounded: one derivation and one report, what a visitor's first report as
 * of a date costs (logged). Null when the registry holds no evidence, or irregular events (reports as of a date
 * replay the store then).
 */
export function warmReportAsOf(model: RegistryModel): string | null {
  if (model.latestEvidenceDate === null) return null;
  const latest = Date.parse(`${model.latestEvidenceDate}T00:00:00Z`);
  let first = latest;
  for (const incident of model.incidents.values())
    first = Math.min(first, Date.parse(`${incident.reportedOn}T00:00:00Z`));
  const at = new Date(first + Math.floor((latest - first) / 2));
  const derived = deriveAsOf(model, { clock: 'KNOWN', at });
  if (derived === null) return null;
  const day = isoDateOf(at);
  // No States: the scan reads every row the same, and the lines of States Parties are not the cold part.
  void speakOutReport(derived, [], {}, day).statesPartiesCount;
  return day;
}
