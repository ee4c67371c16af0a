import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { Command, CommandRunner } from 'nest-commander';
import { openSqliteEventStore, type SqliteEventStore } from '@app/event-store';
import { BACKUP_FILES } from './backup.command';
import { CliConfig, CliError, configuredStore, isEmptyStore, note, print, withStore } from './cli-support';
import { copyEvents, eventsAfter, idChecksum, type PortableEvent } from './store/copy-events';

async function* ndjsonEvents(file: string): AsyncIterable<PortableEvent> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let e: PortableEvent;
    try {
      e = JSON.parse(line) as PortableEvent;
    } catch (error) {
      throw new CliError(`${file}:${n}: not JSON (${(error as Error).message})`);
    }
    if (
      typeof e.id !== 'string' ||
      typeof e.stream !== 'string' ||
      typeof e.type !== 'string' ||
      !Number.isInteger(e.revision)
    ) {
      throw new CliError(`${file}:${n}: not an exported event (id, stream, revision, type, data, metadata)`);
    }
    yield e;
  }
}

@Command({
  name: 'restore',
  arguments: '<source>',
  description:
    'restore an exported event log (.ndjson) or a backup directory into the configured store, which must be empty',
})
export class RestoreCommand extends CommandRunner {
  constructor(private readonly config: CliConfig) {
    super();
  }

  async run([source]: string[]): Promise<void> {
    const config = this.config.get();
    if (!fs.existsSync(source)) throw new CliError(`${source} does not exist`, 2);
    const directory = fs.statSync(source).isDirectory();
    const eventsFile = path.join(source, BACKUP_FILES.events);
    if (directory && !fs.existsSync(eventsFile))
      throw new CliError(`${source} holds no ${BACKUP_FILES.events}: not a backup directory`, 2);
    await withStore(
      configuredStore(config),
      async (target) => {
        if (!(await isEmptyStore(target)))
          throw new CliError('the configured store is not empty: restore only into an empty store');
        if (!directory) await copyEvents(ndjsonEvents(source), target);
        else if (config.eventStore !== 'sqlite')
          await this.copyBackup(eventsFile, (backup) => copyEvents(eventsAfter(backup, 0), target));
      },
      config,
    );
    // Into SQLite, the backup's pages are copied whole (online backup again): recording times are kept too.
    if (directory && config.eventStore === 'sqlite')
      await this.copyBackup(eventsFile, (backup) => backup.backup(config.sqlitePath));
    if (directory) this.restoreFiles(source);
    print(JSON.stringify(await withStore(configuredStore(config), idChecksum, config)));
  }

  private async copyBackup(file: string, task: (backup: SqliteEventStore) => Promise<unknown>): Promise<void> {
    const backup = openSqliteEventStore(file);
    try {
      await task(backup);
    } finally {
      await backup.close();
    }
  }

  /** Tokens and evidence files, only where there are none yet. */
  private restoreFiles(dir: string): void {
    const config = this.config.get();
    const tokens = path.join(dir, BACKUP_FILES.tokens);
    if (fs.existsSync(tokens)) {
      if (config.tokensPath !== ':memory:' && !fs.existsSync(config.tokensPath)) {
        fs.mkdirSync(path.dirname(config.tokensPath), { recursive: true });
        fs.copyFileSync(tokens, config.tokensPath);
        fs.chmodSync(config.tokensPath, 0o600);
      } else note(`tokens not restored: ${config.tokensPath} exists already`);
    }
    const evidence = path.join(dir, BACKUP_FILES.evidence);
    if (fs.existsSync(evidence)) fs.cpSync(evidence, this.config.evidenceDir(), { recursive: true, force: false });
  }
}
