import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TokenStore } from './token-store';

export interface AdminAccessOptions {
  adminToken?: string;
  adminTokenFile: string;
}
export interface AdminAccessLog {
  log(message: string): void;
  warn(message: string): void;
}

/** Writes the secret to a new file only its owner can read (created 0600, then moved into place). */
export function writeSecretFile(file: string, secret: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  fs.renameSync(temporary, file);
  fs.chmodSync(file, 0o600);
}

/**
 * Makes sure someone can administer the registry, without a default password:
 * - ADMIN_TOKEN, when set, is registered as an admin token (hashed; a revoked one stays revoked);
 * - with no active admin token at all, one is created and written to the admin token file; the log
 *   names the file, never the token.
 */
export function ensureAdminAccess(store: TokenStore, options: AdminAccessOptions, logger: AdminAccessLog): void {
  if (options.adminToken) {
    const record = store.register(options.adminToken, 'admin', 'ADMIN', 'ADMIN_TOKEN');
    if (record.revokedAt) logger.warn(`ADMIN_TOKEN matches token ${record.id}, which was revoked: it stays revoked`);
    else if (record.role !== 'ADMIN')
      logger.warn(`ADMIN_TOKEN matches token ${record.id}, which has role ${record.role}`);
  }
  if (store.hasActiveAdmin()) return;
  const { token, record } = store.issue('admin', 'ADMIN', 'first start');
  writeSecretFile(options.adminTokenFile, token);
  logger.log(
    `No admin token existed: created token ${record.id}; ` +
      `its secret is in ${options.adminTokenFile} (readable by its owner only)`,
  );
}
