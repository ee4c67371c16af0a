import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { incidentStream, sourceStream } from '@app/domain';
import { type JsonObject, NO_STREAM, openSqliteEventStore, type SqliteEventStore, uuidv7 } from '@app/event-store';
import {
  allege,
  corroborate,
  corroboration,
  source,
} from '../../../../../libs/projections/src/testing/event-log.fixtures';
import { openReadStore, ReadStore } from '@app/read-store';
import { EvidenceManifest } from '../../evidence/evidence-custody';
import { verifyStore } from './verify-store';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const fileRef = (content: string, originalName: string) => ({
  sha256: sha(content),
  size: content.length,
  mediaType: 'image/jpeg',
  originalName,
  uploadedBy: 'r',
  uploadedAt: '2016-05-23T10:00:00Z',
});

describe('verify and the evidence manifest (contracts: EvidenceFileRef in citations)', () => {
  let dir: string;
  let store: SqliteEventStore;
  const meta = { actor: 'researcher', correlationId: 'c-1', schemaVersion: 1 };
  const append = (stream: string, revision: number, event: { type: string; data: unknown }) =>
    store.append(stream, [{ id: uuidv7(), type: event.type, data: event.data as JsonObject, metadata: meta }], {
      expectedRevision: revision === 0 ? NO_STREAM : revision - 1,
    });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-verify-'));
    store = openSqliteEventStore(':memory:');
    await append(sourceStream('s-1'), 0, source('s-1', 'Amnesty International', 'B'));
    const photo = fileRef('photo of remnants', 'remnants.jpg');
    const first = corroboration('c-1', 's-1', '2016-05-23', { citation: { url: 'https://a.org/1', files: [photo] } });
    await append(incidentStream('i-1'), 0, allege('i-1', '2016-05-23', first));
    const later = corroboration('c-2', 's-1', '2016-05-25', {
      citation: { url: 'https://a.org/2', files: [photo, fileRef('never stored', 'video.mp4')] },
    });
    await append(incidentStream('i-1'), 1, corroborate('i-1', later));
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const put = (content: string, name = sha(content)) => {
    const folder = path.join(dir, 'sha256', name.slice(0, 2), name.slice(2, 4));
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, name), content);
  };

  it('lists every distinct cited file once, with the events citing it', async () => {
    const manifest = new EvidenceManifest();
    const ids: string[] = [];
    for await (const e of store.readAll()) {
      manifest.add(e);
      ids.push(e.id);
    }
    expect(manifest.entries()).toEqual([
      {
        sha256: sha('photo of remnants'),
        size: 17,
        mediaType: 'image/jpeg',
        originalName: 'remnants.jpg',
        eventIds: [ids[1], ids[2]],
      },
      { sha256: sha('never stored'), size: 12, mediaType: 'image/jpeg', originalName: 'video.mp4', eventIds: [ids[2]] },
    ]);
  });

  it('passes a sound store; names a file that does not hash to its name and a cited file that is absent', async () => {
    put('photo of remnants');
    put('never stored');
    expect(await verifyStore(store, true, dir)).toEqual({
      events: 3,
      streams: 2,
      evidenceFiles: 2,
      projection: 'absent',
      problems: [],
    });

    fs.rmSync(path.join(dir, 'sha256'), { recursive: true });
    put('photo of remnants');
    put('tampered', sha('something else'));
    const report = await verifyStore(store, true, dir);
    expect(report.problems).toEqual([
      expect.stringContaining(`hashes to ${sha('tampered')}, not to its name`),
      `evidence file ${sha('never stored')} is cited but not in ${dir}`,
    ]);
  });

  it('names incidents and sources merged into one another (a cycle: two instances merging at once)', async () => {
    put('photo of remnants');
    put('never stored');
    await append(sourceStream('s-2'), 0, source('s-2', 'Amnesty (Yemen desk)', 'B'));
    await append(sourceStream('s-3'), 0, source('s-3', 'Human Rights Watch', 'A'));
    for (const id of ['i-2', 'i-3', 'i-4'])
      await append(incidentStream(id), 0, allege(id, '2016-05-23', corroboration(`c-${id}`, 's-1', '2016-05-23')));
    const merge = (duplicate: string, canonical: string) => ({
      type: 'IncidentMergedInto',
      data: { incidentId: duplicate, canonicalIncidentId: canonical, reason: 'same', mergedOn: '2016-06-01' },
    });
    const sourcesMerged = (duplicate: string, canonical: string) => ({
      type: 'SourcesMerged',
      data: { sourceId: duplicate, canonicalSourceId: canonical, reason: 'same', mergedOn: '2016-06-01' },
    });
    await append(incidentStream('i-2'), 1, merge('i-2', 'i-3'));
    await append(incidentStream('i-3'), 1, merge('i-3', 'i-4'));
    expect((await verifyStore(store, true, dir)).problems).toEqual([]); // a chain resolves to its end
    await append(incidentStream('i-4'), 1, merge('i-4', 'i-2'));
    await append(sourceStream('s-2'), 1, sourcesMerged('s-2', 's-3'));
    await append(sourceStream('s-3'), 1, sourcesMerged('s-3', 's-2'));
    expect((await verifyStore(store, true, dir)).problems).toEqual([
      'incidents i-2 → i-3 → i-4 → i-2 are merged into one another (a cycle)',
      'sources s-2 → s-3 → s-2 are merged into one another (a cycle)',
    ]);
  });

  it('compares the projection file with a rebuild from the log at its checkpoint: a changed row named', async () => {
    put('photo of remnants');
    put('never stored');
    const file = path.join(dir, 'projections.db');
    (await openReadStore(file, store)).close();
    expect(await verifyStore(store, true, dir, file)).toMatchObject({ projection: 'equal', problems: [] });
    expect(fs.readdirSync(dir).filter((name) => name.includes('.verify'))).toEqual([]); // the scratch file is gone

    const served = ReadStore.openFile(file);
    served.db.prepare("UPDATE corroborations SET stance = 'DISPUTES' WHERE corroboration_id = 'c-2'").run();
    served.close();
    const report = await verifyStore(store, true, dir, file);
    expect(report.projection).toBe('differs');
    expect(report.problems).toEqual([
      'projection file table corroborations differs from a rebuild from the log (2 rows in the file, 2 in the ' +
        'rebuild): delete the file, or run rebuild, to build it again',
    ]);

    // Folded page by page as a service folds (assessing as it goes), it equals the bulk rebuild.
    const live = ReadStore.openFile(path.join(dir, 'live.db'));
    await live.catchUp(store);
    live.close();
    expect(await verifyStore(store, true, dir, path.join(dir, 'live.db'))).toMatchObject({ projection: 'equal' });
    // Behind the log (a service catches it up), it is compared with the log up to its own checkpoint.
    const fresh = path.join(dir, 'fresh.db');
    (await openReadStore(fresh, store)).close();
    await append(sourceStream('s-2'), 0, source('s-2', 'Human Rights Watch', 'A'));
    expect(await verifyStore(store, true, dir, fresh)).toMatchObject({ projection: 'equal', problems: [] });
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('fresh.db'))).toEqual(['fresh.db']);
  });

  it('compares a projection file of an empty log', async () => {
    const empty = openSqliteEventStore(':memory:');
    const file = path.join(dir, 'empty.db');
    (await openReadStore(file, empty)).close();
    expect(await verifyStore(empty, true, dir, file)).toMatchObject({ events: 0, projection: 'equal', problems: [] });
    await empty.close();
  });
});
