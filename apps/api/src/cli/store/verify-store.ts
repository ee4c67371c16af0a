import { existsSync } from 'node:fs';
import { upcast } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { compareWithRebuild, type ProjectionCheck } from '@app/read-store';
import { EvidenceManifest, verifyEvidenceFiles } from '../../evidence/evidence-custody';

export interface VerifyReport {
  events: number;
  streams: number;
  evidenceFiles: number;
  projection: ProjectionCheck;
  problems: string[];
}

const MAX_LISTED = 20;

/** The projection file against a rebuild from the log (see `compareWithRebuild`): each table that differs named. */
async function verifyProjection(
  store: EventStore,
  file: string | null,
  problem: (text: string) => void,
): Promise<ProjectionCheck> {
  if (file === null || file === ':memory:' || !existsSync(file)) return 'absent';
  const { check, differing } = await compareWithRebuild(file, store);
  for (const { table, fileRows, rebuiltRows } of differing)
    problem(
      `projection file table ${table} differs from a rebuild from the log (${fileRows} rows in the file, ` +
        `${rebuiltRows} in the rebuild): delete the file, or run rebuild, to build it again`,
    );
  return check;
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
 * each stream's revisions 0, 1, 2… in log order, every event readable by its upcaster; then the projection file
 * (`projectionFile`, when there is one) must equal a rebuild from the log.
 */
export async function verifyStore(
  store: EventStore,
  sequential: boolean,
  evidenceDir: string,
  projectionFile: string | null = null,
): Promise<VerifyReport> {
  const problems: string[] = [];
  const problem = (text: string) => problems.length < MAX_LISTED * 4 && problems.push(text);
  const revisions = new Map<string, number>();
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
      manifest.add(e);
    }
  }
  for (const cycle of mergeCycles(incidentMerges)) problem(`incidents ${cycle} are merged into one another (a cycle)`);
  for (const cycle of mergeCycles(sourceMerges)) problem(`sources ${cycle} are merged into one another (a cycle)`);
  const evidenceFiles = await verifyEvidence(evidenceDir, manifest, problems);
  const projection = await verifyProjection(store, projectionFile, problem);
  return { events, streams: revisions.size, evidenceFiles, projection, problems };
}
