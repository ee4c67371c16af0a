import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evidenceFilePath } from './evidence-layout';
import { FileTooLargeError } from './evidence-store.port';
import { FsEvidenceStore } from './fs-evidence-store';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function* chunks(...parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield part;
}
async function* failingAfter(part: Buffer): AsyncGenerator<Buffer> {
  yield part;
  throw new Error('aborted');
}
const filesUnder = (dir: string) =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);

describe('FsEvidenceStore', () => {
  let dir: string;
  let store: FsEvidenceStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-evidence-'));
    store = new FsEvidenceStore(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores bytes under their hash, read-only, once for the same bytes', async () => {
    const bytes = Buffer.from('%PDF-1.4 some report');
    const staged = await store.stage(chunks(bytes.subarray(0, 5), bytes.subarray(5)), 1000);
    expect(staged).toMatchObject({ sha256: sha(bytes), size: bytes.length });
    expect(staged.head.equals(bytes)).toBe(true);
    expect(await staged.commit()).toBe(true);
    const file = evidenceFilePath(dir, sha(bytes));
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mode & 0o222).toBe(0);
    expect(await (await store.stage(chunks(bytes), 1000)).commit()).toBe(false);
    expect(filesUnder(dir)).toEqual([sha(bytes)]);
    expect(await store.size(sha(bytes))).toBe(bytes.length);
    expect(await store.size('0'.repeat(64))).toBeNull();
  });

  it('never replaces a stored file, even one whose bytes no longer match', async () => {
    const bytes = Buffer.from('original');
    await (await store.stage(chunks(bytes), 100)).commit();
    const file = evidenceFilePath(dir, sha(bytes));
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, 'tampered');
    expect(await (await store.stage(chunks(bytes), 100)).commit()).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('tampered');
  });

  it('keeps nothing of an upload over the limit, a discarded one, or one whose source fails midway', async () => {
    const tooLarge = store.stage(chunks(Buffer.alloc(60), Buffer.alloc(60)), 100);
    await expect(tooLarge).rejects.toBeInstanceOf(FileTooLargeError);
    await (await store.stage(chunks(Buffer.from('refused')), 100)).discard();
    await expect(store.stage(failingAfter(Buffer.alloc(10)), 100)).rejects.toThrow('aborted');
    expect(filesUnder(dir)).toEqual([]);
  });
});
