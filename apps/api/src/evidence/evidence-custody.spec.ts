import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EvidenceFileRef } from '@app/domain';
import { evidenceManifest, verifyEvidenceFiles } from './evidence-custody';
import { evidenceFilePath } from './evidence-layout';
import { FsEvidenceStore } from './fs-evidence-store';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}
const ref = (sha256: string, size = 1): EvidenceFileRef => ({
  sha256,
  size,
  mediaType: 'application/pdf',
  originalName: `${sha256.slice(0, 4)}.pdf`,
  uploadedBy: 'Rita',
  uploadedAt: '2026-01-01T00:00:00Z',
});

describe('verifyEvidenceFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-custody-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports changed bytes, missing hashes and files that are not where a stored file would be', async () => {
    const store = new FsEvidenceStore(dir);
    const [a, b] = [Buffer.from('first file'), Buffer.from('second file')];
    for (const bytes of [a, b]) await (await store.stage(once(bytes), 100)).commit();
    expect(await verifyEvidenceFiles(dir, [sha(a), { sha256: sha(b) }])).toEqual({
      checked: 2,
      ok: 2,
      mismatches: [],
      missing: [],
      strays: [],
    });

    const fileB = evidenceFilePath(dir, sha(b));
    fs.chmodSync(fileB, 0o600);
    fs.appendFileSync(fileB, '!');
    const stray = path.join(dir, 'sha256', 'zz', 'notes.txt');
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, 'x');
    const gone = sha(Buffer.from('never stored'));
    expect(await verifyEvidenceFiles(dir, [sha(a), sha(b), gone, gone])).toEqual({
      checked: 2,
      ok: 1,
      strays: [stray],
      mismatches: [{ sha256: sha(b), path: fileB, actualSha256: sha(Buffer.from('second file!')), size: b.length + 1 }],
      missing: [{ sha256: gone, path: evidenceFilePath(dir, gone) }],
    });
  });

  it('finds nothing wrong in a folder that holds nothing yet', async () => {
    const report = await verifyEvidenceFiles(path.join(dir, 'absent'));
    expect(report).toEqual({ checked: 0, ok: 0, mismatches: [], missing: [], strays: [] });
  });
});

describe('evidenceManifest', () => {
  it('lists each cited file once, from any citation of any event, with the ids of the events citing it', () => {
    const [x, y] = ['a'.repeat(64), 'b'.repeat(64)];
    const events = [
      { id: 'e1', data: { firstCorroboration: { citation: { url: 'u', files: [ref(x, 10)] } } } },
      { id: 'e2', data: { citation: { url: 'u' } } },
      {
        id: 'e3',
        data: {
          citations: [
            { url: 'u', files: [ref(y, 20)] },
            { url: 'v', files: [ref(x, 10)] },
          ],
        },
      },
      { id: 'e4', data: { changes: { citation: { url: 'u', files: [ref(y, 20), ref(x, 10)] } } } },
      // `files` outside a citation is not a citation.
      { id: 'e5', data: { files: [ref('c'.repeat(64))] } },
    ];
    expect(evidenceManifest(events)).toEqual([
      { sha256: x, size: 10, mediaType: 'application/pdf', originalName: 'aaaa.pdf', eventIds: ['e1', 'e3', 'e4'] },
      { sha256: y, size: 20, mediaType: 'application/pdf', originalName: 'bbbb.pdf', eventIds: ['e3', 'e4'] },
    ]);
  });
});
