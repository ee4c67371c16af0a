import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventStore, type StoredEvent } from '@app/event-store';
import { evidenceManifest, verifyEvidenceFiles } from '../apps/api/src/evidence/evidence-custody';
import { evidenceFilePath } from '../apps/api/src/evidence/evidence-layout';
import { baseUrlOf, eventually, startUpload, uploadChunked, uploadEvidence } from './support/evidence-http';
import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  CONCLUDE_INVESTIGATION,
  CORRECT_STATEMENT,
  expectRefusal,
  investigationInput,
  OPEN_INVESTIGATION,
  RECORD_STATEMENT,
  REGISTER_SOURCE,
  sourceInput,
  statementInput,
  yemenAllegation,
} from './support/fixtures';
import { TestApp } from './support/test-app';

jest.setTimeout(120_000);

const MAX_BYTES = 64 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
  randomBytes(20_000),
  Buffer.from('\n%%EOF\n'),
]);
/** A real 1x1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)]);
const ISSUE_TOKEN = 'mutation ($i: IssueTokenInput!) { issueToken(input: $i) { token } }';
const FILE_FIELDS = 'sha256 size mediaType originalName caption uploadedBy uploadedAt';

/** Every regular file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('evidence files over HTTP', () => {
  let app: TestApp;
  let base: string;
  let evidenceDir: string;
  let researcher: string;
  let viewer: string;
  let sourceId: string;

  beforeAll(async () => {
    app = await TestApp.start({ EVIDENCE_MAX_BYTES: String(MAX_BYTES) });
    base = baseUrlOf(app.url);
    evidenceDir = path.join(app.dir, 'evidence');
    const issue = async (holder: string, role: string) =>
      (await app.ok(ISSUE_TOKEN, { i: { holder, role } })).issueToken.token;
    researcher = await issue('Rita (researcher)', 'RESEARCHER');
    viewer = await issue('Vera (viewer)', 'VIEWER');
    sourceId = (await app.ok(REGISTER_SOURCE, { input: sourceInput() })).registerSource.id;
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  const storedFiles = () => filesUnder(path.join(evidenceDir, 'sha256'));
  const incoming = () => filesUnder(path.join(evidenceDir, 'tmp'));
  async function allEvents(): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const batch of app.app.get(EventStore).readAllBatches()) events.push(...batch);
    return events;
  }

  it('stores a PDF and an image by content, with the type read from the bytes, once for the same bytes', async () => {
    const pdf = await uploadEvidence(base, researcher, PDF, 'amnesty report.pdf');
    expect(pdf).toEqual({
      status: 201,
      body: {
        sha256: sha256(PDF),
        size: PDF.length,
        mediaType: 'application/pdf',
        originalName: 'amnesty report.pdf',
        uploadedBy: 'Rita (researcher)',
        uploadedAt: expect.any(String),
        alreadyStored: false,
      },
    });
    // Named .pdf, but the bytes are a PNG: the bytes win.
    const png = await uploadEvidence(base, researcher, PNG, 'remnant.pdf');
    expect(png.body).toMatchObject({ sha256: sha256(PNG), size: PNG.length, mediaType: 'image/png' });

    const again = await uploadEvidence(base, app.token, PDF, 'other-name.pdf');
    expect(again).toEqual({ status: 200, body: { ...pdf.body, alreadyStored: true } });
    const stored = evidenceFilePath(evidenceDir, sha256(PDF));
    expect(fs.readFileSync(stored).equals(PDF)).toBe(true);
    expect(storedFiles().sort()).toEqual([stored, evidenceFilePath(evidenceDir, sha256(PNG))].sort());
    expect(incoming()).toEqual([]);
  });

  it('refuses other types (415), oversized files (413), callers below RESEARCHER; keeps nothing', async () => {
    const before = storedFiles().length;
    const zip = await uploadEvidence(base, researcher, ZIP, 'bundle.zip');
    const unsupported = (detectedType: string | null) => ({
      status: 415,
      body: expect.objectContaining({ code: 'UNSUPPORTED_FILE_TYPE', detectedType }),
    });
    expect(zip).toEqual(unsupported('application/zip'));
    const text = await uploadEvidence(base, researcher, Buffer.from('just some words'), 'notes.pdf');
    expect(text).toEqual(unsupported(null));

    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(MAX_BYTES)]);
    expect(await uploadEvidence(base, researcher, big)).toEqual({
      status: 413,
      body: expect.objectContaining({ code: 'FILE_TOO_LARGE', maxBytes: MAX_BYTES }),
    });
    // Without a Content-Length, the server counts the bytes as they come.
    const chunks = [big.subarray(0, 30_000), big.subarray(30_000, 60_000), big.subarray(60_000)];
    expect(await uploadChunked(base, researcher, chunks)).toEqual({
      status: 413,
      body: expect.objectContaining({ code: 'FILE_TOO_LARGE' }),
    });

    expect((await uploadEvidence(base, viewer, PNG)).status).toBe(403);
    expect(await uploadEvidence(base, null, PNG)).toEqual({
      status: 401,
      body: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    });
    expect(storedFiles()).toHaveLength(before);
    expect(incoming()).toEqual([]);
  });

  it('leaves nothing behind when the connection breaks midway', async () => {
    const before = storedFiles();
    const half = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(30_000)]);
    const cut = await startUpload(base, researcher, 60_000, half);
    // The upload is under way (its temporary file exists) before the cut, so the check below means something.
    await eventually(() => incoming().length === 1);
    cut();
    await eventually(() => incoming().length === 0);
    expect(storedFiles()).toEqual(before);
    // The service is still well.
    expect((await uploadEvidence(base, researcher, PNG)).status).toBe(200);
  });

  it('serves a file byte for byte to a VIEWER, with its type and original name; not without a token', async () => {
    const res = await fetch(`${base}/evidence/${sha256(PDF)}`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="amnesty report.pdf"; filename*=UTF-8''amnesty%20report.pdf`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    const asViewer = { headers: { authorization: `Bearer ${viewer}` } };
    const png = await fetch(`${base}/evidence/${sha256(PNG).toUpperCase()}`, asViewer);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).equals(PNG)).toBe(true);

    expect((await fetch(`${base}/evidence/${sha256(PDF)}`)).status).toBe(401);
    const unknown = await fetch(`${base}/evidence/${'0'.repeat(64)}`, asViewer);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cites stored files in a corroboration, an investigation and a statement; the incident lists them', async () => {
    const pdfHash = sha256(PDF);
    const pngHash = sha256(PNG);
    const cite = (sha: string, caption?: string) => ({ sha256: sha, ...(caption && { caption }) });
    const allegation = yemenAllegation(sourceId);
    allegation.firstSource = {
      ...(allegation.firstSource as object),
      citation: {
        url: 'https://example.org/amnesty/report',
        files: [cite(pdfHash, 'The report as published')],
      },
    } as never;
    const incidentId = (await app.as(researcher).ok(ALLEGE_USE, { input: allegation })).allegeUse.id;

    const withFiles = ADD_CORROBORATION.replace(
      'corroborations {',
      `corroborations { citation { files { ${FILE_FIELDS} } }`,
    );
    const added = await app.as(researcher).ok(withFiles, {
      input: {
        incidentId,
        sourceId,
        stance: 'SUPPORTS',
        evidenceKinds: ['REMNANT_PHOTO'],
        publishedOn: '2016-05-25',
        summary: 'Photo',
        citation: {
          url: 'https://example.org/photo',
          files: [cite(pngHash.toUpperCase(), 'BL-755 remnant near Hajjah')],
        },
      },
    });
    expect(added.addCorroboration.corroborations[1].citation.files).toEqual([
      {
        sha256: pngHash,
        size: PNG.length,
        mediaType: 'image/png',
        originalName: 'remnant.pdf',
        caption: 'BL-755 remnant near Hajjah',
        uploadedBy: 'Rita (researcher)',
        uploadedAt: expect.any(String),
      },
    ]);

    const opened = (
      await app.as(researcher).ok(OPEN_INVESTIGATION, {
        input: investigationInput([incidentId], {
          citations: [{ url: 'https://example.org/gov-uk/mandate', files: [cite(pdfHash)] }],
        }),
      })
    ).openInvestigation;
    await app.as(researcher).ok(CONCLUDE_INVESTIGATION, {
      input: {
        investigationId: opened.id,
        outcome: 'USE_CONFIRMED',
        findings: 'BL-755 were used.',
        concludedOn: '2016-12-19',
        citations: [{ url: 'https://example.org/gov-uk/findings', files: [cite(pngHash, 'Annex photo')] }],
      },
    });
    const statement = (
      await app.as(researcher).ok(RECORD_STATEMENT, {
        input: statementInput([incidentId], {
          citation: { url: 'https://example.org/gov-uk/statement', files: [cite(pdfHash, 'Transcript')] },
        }),
      })
    ).recordStatement;

    const correctWithFiles = CORRECT_STATEMENT.replace('archivedSha256 }', 'files { sha256 } }');
    const corrected = await app.as(researcher).ok(correctWithFiles, {
      input: {
        statementId: statement.id,
        reason: 'The transcript and the video',
        correctedOn: '2016-05-25',
        changes: {
          citation: {
            url: 'https://example.org/gov-uk/statement',
            files: [cite(pdfHash, 'Transcript'), cite(pngHash)],
          },
        },
      },
    });
    expect(corrected.correctStatement.citation.files).toEqual([{ sha256: pdfHash }, { sha256: pngHash }]);

    const { investigation } = await app.as(viewer).ok(
      `query ($id: ID!) { investigation(id: $id) {
      citations { url files { sha256 caption } } } }`,
      { id: opened.id },
    );
    expect(investigation.citations).toEqual([
      { url: 'https://example.org/gov-uk/mandate', files: [{ sha256: pdfHash, caption: null }] },
      { url: 'https://example.org/gov-uk/findings', files: [{ sha256: pngHash, caption: 'Annex photo' }] },
    ]);
    const { incident } = await app.as(viewer).ok(
      `query ($id: ID!) { incident(id: $id) {
      corroborations { id } files { sha256 size mediaType originalName caption citedBy } } }`,
      { id: incidentId },
    );
    const [first, second] = incident.corroborations.map((c: { id: string }) => c.id);
    expect(incident.files).toEqual([
      {
        sha256: pdfHash,
        size: PDF.length,
        mediaType: 'application/pdf',
        originalName: 'amnesty report.pdf',
        caption: 'The report as published',
        citedBy: [first, opened.id, statement.id],
      },
      {
        sha256: pngHash,
        size: PNG.length,
        mediaType: 'image/png',
        originalName: 'remnant.pdf',
        caption: 'BL-755 remnant near Hajjah',
        citedBy: [second, opened.id, statement.id],
      },
    ]);

    // The events keep references with the upload record, never bytes; the manifest finds them all.
    const events = await allEvents();
    const citing = (sha: string) => events.filter((e) => JSON.stringify(e.data).includes(sha)).map((e) => e.id);
    expect(evidenceManifest(events)).toEqual([
      {
        sha256: pdfHash,
        size: PDF.length,
        mediaType: 'application/pdf',
        originalName: 'amnesty report.pdf',
        eventIds: citing(pdfHash),
      },
      {
        sha256: pngHash,
        size: PNG.length,
        mediaType: 'image/png',
        originalName: 'remnant.pdf',
        eventIds: citing(pngHash),
      },
    ]);
    expect(citing(pdfHash)).toHaveLength(4);
    expect(citing(pngHash)).toHaveLength(3);
  });

  it('refuses a citation of a hash the store does not hold (NOT_FOUND with field), appending nothing', async () => {
    const count = await app.eventCount();
    const incidentId = (await app.ok(ALLEGE_USE, { input: yemenAllegation(sourceId) })).allegeUse.id;
    const missing = 'ab'.repeat(32);
    const res = await app.as(researcher).gql(ADD_CORROBORATION, {
      input: {
        incidentId,
        sourceId,
        stance: 'SUPPORTS',
        evidenceKinds: [],
        publishedOn: '2016-05-25',
        summary: 'x',
        citation: { url: 'https://example.org/x', files: [{ sha256: sha256(PDF) }, { sha256: missing }] },
      },
    });
    expectRefusal(res, 'NOT_FOUND', 'citation.files.1.sha256');
    const statement = await app.as(researcher).gql(RECORD_STATEMENT, {
      input: statementInput([incidentId], {
        citation: { url: 'https://example.org/s', files: [{ sha256: 'not-a-hash' }] },
      }),
    });
    expectRefusal(statement, 'BAD_USER_INPUT', 'citation.files.0.sha256');
    expect(await app.eventCount()).toBe(count + 1);
  });

  it("cites a researcher's own photo by its stored file alone; a citation with neither is refused", async () => {
    const incidentId = (await app.ok(ALLEGE_USE, { input: yemenAllegation(sourceId) })).allegeUse.id;
    const corroborate = (citation: Record<string, unknown>) =>
      app
        .as(researcher)
        .gql(ADD_CORROBORATION.replace('corroborations {', 'corroborations { citation { url files { sha256 } }'), {
          input: {
            incidentId,
            sourceId,
            stance: 'SUPPORTS',
            evidenceKinds: ['REMNANT_PHOTO'],
            publishedOn: '2016-05-26',
            summary: 'My own photo of a remnant',
            citation,
          },
        });
    const photo = await corroborate({ files: [{ sha256: sha256(PNG), caption: 'Taken on site' }] });
    expect(photo.errors).toBeUndefined();
    expect(photo.data!.addCorroboration.corroborations[1].citation).toEqual({
      url: null,
      files: [{ sha256: sha256(PNG) }],
    });

    const count = await app.eventCount();
    expectRefusal(await corroborate({}), 'BAD_USER_INPUT', 'citation.url');
    expectRefusal(await corroborate({ files: [] }), 'BAD_USER_INPUT', 'citation.url');
    const statement = await app.as(researcher).gql(RECORD_STATEMENT, {
      input: statementInput([incidentId], {
        citation: { url: null },
      }),
    });
    expectRefusal(statement, 'BAD_USER_INPUT', 'citation.url');
    expect(await app.eventCount()).toBe(count);
  });

  it('verifyEvidenceFiles re-hashes every stored file; reports one corrupted on disk and one missing', async () => {
    const clean = await verifyEvidenceFiles(evidenceDir, [sha256(PDF), sha256(PNG)]);
    expect(clean).toEqual({ checked: 2, ok: 2, mismatches: [], missing: [], strays: [] });

    const file = evidenceFilePath(evidenceDir, sha256(PDF));
    fs.chmodSync(file, 0o600);
    const bytes = fs.readFileSync(file);
    bytes[100] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const absent = 'cd'.repeat(32);
    const cited = evidenceManifest(await allEvents()).map((e) => e.sha256);
    const report = await verifyEvidenceFiles(evidenceDir, [...cited, absent]);
    expect(report).toEqual({
      checked: 2,
      ok: 1,
      strays: [],
      mismatches: [{ sha256: sha256(PDF), path: file, actualSha256: sha256(bytes), size: PDF.length }],
      missing: [{ sha256: absent, path: evidenceFilePath(evidenceDir, absent) }],
    });
  });
});

describe('evidence file settings', () => {
  let open: TestApp;
  let closed: TestApp;
  beforeAll(async () => {
    open = await TestApp.start({ PUBLIC_READ: 'true', EVIDENCE_PUBLIC_READ: 'true' });
    closed = await TestApp.start({ PUBLIC_READ: 'true', EVIDENCE_UPLOAD_IDLE_MS: '1500' });
  }, 180_000);
  afterAll(async () => {
    await open?.stop();
    await closed?.stop();
  });

  it('opens files without a token only when EVIDENCE_PUBLIC_READ says so too', async () => {
    for (const app of [open, closed]) {
      expect((await uploadEvidence(baseUrlOf(app.url), app.token, PNG)).status).toBe(201);
    }
    const anonymous = async (app: TestApp) => fetch(`${baseUrlOf(app.url)}/evidence/${sha256(PNG)}`);
    const served = await anonymous(open);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await anonymous(closed)).status).toBe(401);
  });

  it('cuts an upload that stalls (EVIDENCE_UPLOAD_IDLE_MS), removing its temporary file', async () => {
    const incoming = () => filesUnder(path.join(closed.dir, 'evidence', 'tmp'));
    const stored = () => filesUnder(path.join(closed.dir, 'evidence', 'sha256'));
    const before = stored();
    const cut = await startUpload(baseUrlOf(closed.url), closed.token!, 10_000, Buffer.from('%PDF-1.4\n'));
    try {
      await eventually(() => incoming().length === 1);
      // Nothing more is sent: the server gives up on its own.
      await eventually(() => incoming().length === 0);
      expect(stored()).toEqual(before);
    } finally {
      cut();
    }
  });
});
