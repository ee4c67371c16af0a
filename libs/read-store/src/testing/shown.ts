import type { IncidentView, RegistryModel } from '@app/projections';
import type { IncidentAtCut } from '../incidents-at';

/** What the file's readers give of an incident, taken from any incident (a replayed view or one read): to compare. */
export const shownOf = (i: IncidentAtCut): IncidentAtCut => ({
  incidentId: i.incidentId,
  details: i.details,
  reportedOn: i.reportedOn,
  recordedAt: i.recordedAt,
  mergedDuplicates: i.mergedDuplicates,
  withdrawal: i.withdrawal,
  assessment: i.assessment,
  statusHistory: i.statusHistory,
});

/**
 * An incident's corroborations as the reference model holds them, in the shape the file's readers give them
 * (`LiveCorroboration`; JSON: dates as text): a source not registered shows as its id, graded F.
 */
export function corroborationsShown(model: RegistryModel, view: IncidentView) {
  return view.corroborationIds.flatMap((cid) => {
    const c = model.corroborations.get(cid);
    if (!c) return [];
    const source = model.sources.get(c.sourceId);
    return [
      {
        corroborationId: c.corroborationId,
        source: { id: c.sourceId, name: source?.name ?? c.sourceId, grade: source?.grade ?? 'F' },
        stance: c.stance,
        evidenceKinds: c.evidenceKinds,
        publishedOn: c.publishedOn,
        citation: c.citation,
        derivedFrom: c.derivedFrom ?? null,
        summary: c.summary,
        credibility: c.credibility ?? null,
        geolocationPrecisionMeters: c.geolocationPrecisionMeters ?? null,
        retractedOn: c.retraction?.retractedOn ?? null,
        retractionReason: c.retraction?.reason ?? null,
        recordedAt: c.recordedAt.toISOString(),
      },
    ];
  });
}
