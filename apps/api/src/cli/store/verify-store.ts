import { upcast } from '@app/domain';
import type { EventStore } from '@app/event-store';
import {
  createRegistryModel,
  evolveRegistry,
  foldRegistry,
  type RegistryModel,
  settleRegistry,
} from '@app/projections';
import { EvidenceManifest, verifyEvidenceFiles } from '../../evidence/evidence-custody';

export interface VerifyReport {
  events: number;
  streams: number;
  evidenceFiles: number;
  problems: string[];
}

const MAX_LISTED = 20;

/** What a projection shows, in a comparable form: incidents with their assessments, sources, statements. */
function snapshot(model: RegistryModel): string {
  const incidents = [...model.incidents.values()].map((i) => [
    i.incidentId,
    i.mergedInto?.canonicalIncidentId ?? null,
    i.withdrawal?.withdrawnOn ?? null,
    i.details,
    i.assessment,
    i.corroborationIds,
    [...i.investigationIds].sort(),
    i.statementIds,
  ]);
  const sources = [...model.sources.values()].map((s) => [s.sourceId, s.grade, s.name]);
  const statements = [...model.statements.values()].map((s) => [
    s.statementId,
    s.kind,
    s.deliveredOn,
    s.speakers,
    s.incidentIds,
  ]);
  return JSON.stringify([incidents, sources, statements, model.skipped, model.checkpoint]);
}

/** The evidence folder: every file's content hashes to its name, and every cited file is there. */
async function verifyEvidence(dir: string, manifest: EvidenceManifest, problems: string[]): Promise<number> {
  const report = await verifyEvidenceFiles(dir, manifest.entries());
  for (const bad of report.mismatches)
    problems.push(`evidence file ${bad.path} hashes to ${bad.actualSha256}, not to its name`);
  for (const stray of report.strays) problems.push(`evidence folder holds ${stray}, which is not named by its hash`);
  for (const missing of report.missing) problems.push(`evidence file ${missing.sha256} is cited but not in ${dir}`);
  return report.checked;
}

/**
 * Merges, as the log records them (duplicate to canonical), that lead back to where they started, each once (from
 * its smallest id), as `a → b → a`. One service runs the merges of one kind one at a time; two services on one store
 * merging in opposite directions at once can still write such a cycle, which the folds do not read alike.
 */
function mergeCycles(into: ReadonlyMap<string, string>): string[] {
  const cycles: string[] = [];
  for (const start of into.keys()) {
    const path = [start];
    let id = into.get(start);
    while (id !== undefined && id !== start && !path.includes(id)) {
      path.push(id);
      id = into.get(id);
    }
    if (id === start && path.every((member) => member >= start)) cycles.push([...path, start].join(' → '));
  }
  return cycles;
}

/**
 * Reads the whole log once: positions strictly increasing (and gap-free where they are sequence numbers),
 * each stream's revisions 0, 1, 2… in log order, every event readable by its upcaster; then the projection
 * folded event by event (as a live instance does) must equal the bulk rebuild.
 */
export async function verifyStore(store: EventStore, sequential: boolean, evidenceDir: string): Promise<VerifyReport> {
  const problems: string[] = [];
  const problem = (text: string) => problems.length < MAX_LISTED * 4 && problems.push(text);
  const revisions = new Map<string, number>();
  const live = createRegistryModel({ keepAuditEntries: false, keepStatementTexts: false });
  const rebuilt = createRegistryModel({ deferAssessments: true, keepAuditEntries: false, keepStatementTexts: false });
  const manifest = new EvidenceManifest();
  const incidentMerges = new Map<string, string>();
  const sourceMerges = new Map<string, string>();
  let previous: string | null = null;
  let events = 0;
  for await (const batch of store.readAllBatches()) {
    for (const e of batch) {
      events++;
      if (previous !== null && store.comparePositions(previous, e.position) >= 0)
        problem(`position ${e.position} does not follow ${previous}`);
      if (sequential && e.position !== String(events))
        problem(`position ${e.position} where ${events} was expected (a gap)`);
      previous = e.position;
      const expected = (revisions.get(e.stream) ?? -1) + 1;
      if (e.revision !== expected) problem(`${e.stream}: revision ${e.revision} where ${expected} was expected`);
      revisions.set(e.stream, e.revision);
      const event = upcast(e.type, e.data, e.metadata?.schemaVersion ?? 1);
      if (!event) problem(`event ${e.id} (${e.type}) does not parse or upcast`);
      else if (event.type === 'IncidentMergedInto')
        incidentMerges.set(event.data.incidentId, event.data.canonicalIncidentId);
      else if (event.type === 'SourcesMerged') sourceMerges.set(event.data.sourceId, event.data.canonicalSourceId);
      evolveRegistry(live, e);
      foldRegistry(rebuilt, e);
      manifest.add(e);
    }
  }
  settleRegistry(rebuilt);
  if (snapshot(live) !== snapshot(rebuilt))
    problem('the projection folded event by event differs from the bulk rebuild');
  for (const cycle of mergeCycles(incidentMerges)) problem(`incidents ${cycle} are merged into one another (a cycle)`);
  for (const cycle of mergeCycles(sourceMerges)) problem(`sources ${cycle} are merged into one another (a cycle)`);
  const evidenceFiles = await verifyEvidence(evidenceDir, manifest, problems);
  return { events, streams: revisions.size, evidenceFiles, problems };
}
