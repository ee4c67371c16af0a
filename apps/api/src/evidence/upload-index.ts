import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '@app/event-store';

/** What the server knows of a stored file between its upload and a citation (which copies it into an event). */
export interface UploadRecord {
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  uploadedBy: string;
  /** ISO instant. */
  uploadedAt: string;
}

interface UploadRow {
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  uploaded_by: string;
  uploaded_at: string;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS uploads (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  original_name TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
)`;

const toRecord = (row: UploadRow): UploadRecord => ({
  sha256: row.sha256,
  size: row.size,
  mediaType: row.media_type,
  originalName: row.original_name,
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at,
});

/**
 * One row per stored file, in a small SQLite file inside EVIDENCE_DIR (so that a copy of the folder
 * carries it). The first upload of some bytes is the one kept: custody starts when the registry first
 * held them. Losing this file loses no evidence: events keep what was cited, and uploading the same
 * bytes again recreates the row.
 */
export class UploadIndex {
  private readonly insert: Database.Statement;
  private readonly byHash: Database.Statement;

  private constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(`INSERT OR IGNORE INTO uploads
      (sha256, size, media_type, original_name, uploaded_by, uploaded_at)
      VALUES (@sha256, @size, @mediaType, @originalName, @uploadedBy, @uploadedAt)`);
    this.byHash = db.prepare('SELECT * FROM uploads WHERE sha256 = ?');
  }

  static open(file: string): UploadIndex {
    let db: Database.Database | undefined;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      return new UploadIndex(db);
    } catch (error) {
      db?.close();
      const why = (error as Error).message;
      throw new StoreUnavailableError(`Cannot open the evidence upload index '${file}' (set EVIDENCE_DIR): ${why}`);
    }
  }

  /** Records an upload unless these bytes were uploaded before; returns the record kept (the first). */
  record(upload: UploadRecord): UploadRecord {
    this.insert.run(upload);
    return this.get(upload.sha256)!;
  }

  get(sha256: string): UploadRecord | null {
    const row = this.byHash.get(sha256) as UploadRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** A consistent copy while uploads go on (SQLite's online backup). */
  async backup(destination: string): Promise<void> {
    await this.db.backup(destination);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
