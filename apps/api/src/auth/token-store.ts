import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError, uuidv7 } from '@app/event-store';
import { isRole, type Role } from './roles';

/** A token as listed: never its secret, not even its hash. */
export interface TokenRecord {
  id: string;
  holder: string;
  role: Role;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
}

export interface IssuedToken {
  token: string;
  record: TokenRecord;
}

interface TokenRow {
  id: string;
  holder: string;
  role: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

/** Tokens are 256-bit random values, so a plain SHA-256 is a safe verifier (no slow KDF needed). */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
export const newToken = (): string => `cmur_${randomBytes(32).toString('base64url')}`;

const SCHEMA = `CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  holder TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('VIEWER', 'RESEARCHER', 'ADMIN')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
)`;

function toRecord(row: TokenRow): TokenRecord {
  if (!isRole(row.role)) throw new Error(`token ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    holder: row.holder,
    role: row.role,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  };
}

/**
 * API tokens in their own SQLite file (credentials, not evidence: they stay out of the event log). Only
 * SHA-256 hashes are stored.
 *
 * Active tokens found by `authenticate` are remembered by hash, but a revocation still holds from the next
 * request: every `authenticate` first reads SQLite's `data_version`, which changes whenever another
 * connection (the `tokens` CLI, another instance) commits to the file, and then forgets everything; this
 * connection's own writes forget everything directly. Unknown tokens are never remembered, so guessing
 * cannot grow the cache (it holds at most the active tokens).
 */
export class TokenStore {
  private readonly active = new Map<string, TokenRecord>();
  private dataVersion: unknown;

  private constructor(private readonly db: Database.Database) {}

  /** Opens (creating if needed) the token file; any failure is one clear error naming the file. */
  static open(file: string): TokenStore {
    let db: Database.Database | undefined;
    try {
      if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
      db = new Database(file);
      if (file !== ':memory:') {
        db.pragma('journal_mode = WAL');
        fs.chmodSync(file, 0o600);
      }
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      return new TokenStore(db);
    } catch (error) {
      db?.close();
      throw new StoreUnavailableError(
        `Cannot open the token file '${file}' (set TOKENS_PATH to move it): ${(error as Error).message}`,
      );
    }
  }

  /** Issues a new random token; its secret is returned here only. */
  issue(holder: string, role: Role, createdBy: string, now = new Date()): IssuedToken {
    const token = newToken();
    return { token, record: this.register(token, holder, role, createdBy, now) };
  }

  /** Stores a given token (ADMIN_TOKEN); registering the same token again returns the existing record. */
  register(token: string, holder: string, role: Role, createdBy: string, now = new Date()): TokenRecord {
    const hash = hashToken(token);
    const existing = this.db.prepare('SELECT * FROM tokens WHERE hash = ?').get(hash) as TokenRow | undefined;
    if (existing) return toRecord(existing);
    const row: TokenRow = {
      id: uuidv7(),
      holder,
      role,
      created_at: now.toISOString(),
      created_by: createdBy,
      revoked_at: null,
    };
    this.db
      .prepare('INSERT INTO tokens (id, hash, holder, role, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.id, hash, holder, role, row.created_at, createdBy);
    this.active.clear();
    return toRecord(row);
  }

  /** On every request: prepared once. */
  private readonly activeByHash = this.db.prepare('SELECT * FROM tokens WHERE hash = ? AND revoked_at IS NULL');
  private readonly dataVersionNow = this.db.prepare('PRAGMA data_version').pluck();

  /** The active token with this secret, or null (unknown or revoked). */
  authenticate(token: string): TokenRecord | null {
    const hash = hashToken(token);
    const version = this.dataVersionNow.get();
    if (version !== this.dataVersion) {
      this.active.clear();
      this.dataVersion = version;
    }
    const known = this.active.get(hash);
    if (known) return known;
    const row = this.activeByHash.get(hash) as (TokenRow & { hash: string }) | undefined;
    // The index lookup already matched; compare again in constant time so timing says nothing about near-misses.
    if (!row || !timingSafeEqual(Buffer.from(row.hash), Buffer.from(hash))) return null;
    const record = Object.freeze(toRecord(row));
    this.active.set(hash, record);
    return record;
  }

  list(): TokenRecord[] {
    return (this.db.prepare('SELECT * FROM tokens ORDER BY created_at, id').all() as TokenRow[]).map(toRecord);
  }

  get(id: string): TokenRecord | null {
    const row = this.db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Revokes a token; revoking twice keeps the first revocation time. Null when there is no such token. */
  revoke(id: string, now = new Date()): TokenRecord | null {
    this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id);
    // data_version does not change for this connection's own commits.
    this.active.clear();
    return this.get(id);
  }

  hasActiveAdmin(): boolean {
    return (
      this.db.prepare("SELECT 1 FROM tokens WHERE role = 'ADMIN' AND revoked_at IS NULL LIMIT 1").get() !== undefined
    );
  }

  /** A consistent copy of the token file (SQLite's online backup), taken while the service uses it. */
  async backup(destination: string): Promise<void> {
    await this.db.backup(destination);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
