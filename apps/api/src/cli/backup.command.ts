import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner } from 'nest-commander';
import { openSqliteEventStore } from '@app/event-store';
import { TokenStore } from '../auth/token-store';
import { CONTENT_FOLDER, UPLOAD_INDEX_FILE } from '../evidence/evidence-layout';
import { UploadIndex } from '../evidence/upload-index';
import { CliConfig, CliError, note, print } from './cli-support';
import { idChecksum } from './store/copy-events';

export const BACKUP_FILES = {
  events: 'registry.db',
  tokens: 'tokens.db',
  evidence: 'evidence',
  manifest: 'backup.json',
} as const;

@Command({
  name: 'backup',
  arguments: '<dir>',
  description:
    'a consistent copy of the SQLite event store and tokens.db (SQLite online backup: the service may keep ' +
    'running and writing), plus the evidence folder, into a new directory',
})
export class BackupCommand extends CommandRunner {
  constructor(private readonly config: CliConfig) {
    super();
  }

  async run([dir]: string[]): Promise<void> {
    const config = this.config.get();
    if (config.eventStore !== 'sqlite')
      throw new CliError('backup copies the SQLite files; for KurrentDB use its own backups, or `export events`', 2);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new CliError(`${dir} is not empty`, 2);
    fs.mkdirSync(dir, { recursive: true });
    const store = openSqliteEventStore(config.sqlitePath, { synchronous: config.sqliteSynchronous });
    let copied: { events: number; checksum: string };
    try {
      await store.backup(path.join(dir, BACKUP_FILES.events));
    } finally {
      await store.close();
    }
    // The counts of the copy itself (the live store may have moved on since).
    const copy = openSqliteEventStore(path.join(dir, BACKUP_FILES.events));
    try {
      copied = await idChecksum(copy);
    } finally {
      await copy.close();
    }
    const tokens = config.tokensPath !== ':memory:' && fs.existsSync(config.tokensPath);
    if (tokens) {
      const tokenStore = TokenStore.open(config.tokensPath);
      try {
        await tokenStore.backup(path.join(dir, BACKUP_FILES.tokens));
      } finally {
        tokenStore.close();
      }
    }
    const evidence = await copyEvidence(this.config.evidenceDir(), path.join(dir, BACKUP_FILES.evidence));
    const manifest = { createdAt: new Date().toISOString(), ...copied, tokens, evidence };
    fs.writeFileSync(path.join(dir, BACKUP_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    note(`backed up ${copied.events} events${tokens ? ', tokens' : ''}${evidence ? ', evidence files' : ''} to ${dir}`);
    print(JSON.stringify(manifest));
  }
}

/**
 * Stored files never change once written (their name is their hash), so a plain copy of them is consistent;
 * the upload index is a live SQLite file, so it goes through SQLite's online backup.
 */
async function copyEvidence(from: string, to: string): Promise<boolean> {
  if (!fs.existsSync(from)) return false;
  fs.mkdirSync(to, { recursive: true });
  const content = path.join(from, CONTENT_FOLDER);
  if (fs.existsSync(content)) fs.cpSync(content, path.join(to, CONTENT_FOLDER), { recursive: true });
  const indexFile = path.join(from, UPLOAD_INDEX_FILE);
  if (fs.existsSync(indexFile)) {
    const index = UploadIndex.open(indexFile);
    try {
      await index.backup(path.join(to, UPLOAD_INDEX_FILE));
    } finally {
      index.close();
    }
  }
  return true;
}
