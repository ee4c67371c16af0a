import { SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { EventStore } from '@app/event-store';
import { CliConfig, CliError, note, openStore, print, type StoreAddress, type StoreKind } from './cli-support';
import { copyEvents, eventsAfter, idChecksum } from './store/copy-events';

interface MigrateOptions {
  from: StoreKind;
  to: StoreKind;
  fromPath?: string;
  toPath?: string;
  fromUrl?: string;
  toUrl?: string;
  resume?: boolean;
}

const storeKind = (value: string, option: string): StoreKind => {
  if (value !== 'sqlite' && value !== 'kurrentdb') throw new CliError(`${option} must be sqlite or kurrentdb`, 2);
  return value;
};

/** The target's events must be the source's first events, in order, for a copy to resume after them. */
async function verifiedPrefix(source: EventStore, target: EventStore): Promise<number> {
  const targetIds: string[] = [];
  for await (const batch of target.readAllBatches()) for (const e of batch) targetIds.push(e.id);
  let index = 0;
  for await (const batch of source.readAllBatches()) {
    for (const e of batch) {
      if (index >= targetIds.length) return index;
      if (e.id !== targetIds[index])
        throw new CliError(
          `cannot resume: the target's event ${index + 1} (${targetIds[index]}) is not the source's (${e.id})`,
        );
      index++;
    }
  }
  if (index < targetIds.length) throw new CliError('cannot resume: the target holds more events than the source');
  return index;
}

@Command({
  name: 'migrate',
  description:
    'copy every event (id, type, data, metadata, order) from one store to another (sqlite or kurrentdb, either ' +
    'way); counts and a checksum over the ids are compared at the end; refuses a non-empty target unless --resume',
})
export class MigrateCommand extends CommandRunner {
  constructor(private readonly config: CliConfig) {
    super();
  }

  private address(
    kind: StoreKind,
    path: string | undefined,
    url: string | undefined,
    side: 'from' | 'to',
  ): StoreAddress {
    const config = this.config.get();
    if (kind === 'sqlite') return { kind, sqlitePath: path ?? (side === 'from' ? config.sqlitePath : undefined) };
    return { kind, connectionString: url ?? config.kurrentdbConnectionString };
  }

  async run(_args: string[], o: MigrateOptions): Promise<void> {
    if (!o.from || !o.to) throw new CliError('give --from and --to (sqlite or kurrentdb)', 2);
    const from = this.address(o.from, o.fromPath, o.fromUrl, 'from');
    const to = this.address(o.to, o.toPath, o.toUrl, 'to');
    if (to.kind === 'sqlite' && !to.sqlitePath) throw new CliError('--to sqlite needs --to-path <file>', 2);
    if (from.kind === to.kind && from.sqlitePath === to.sqlitePath && from.connectionString === to.connectionString) {
      throw new CliError('source and target are the same store', 2);
    }
    const source = await openStore(from);
    try {
      const target = await openStore(to);
      try {
        await this.migrate(source, target, o.resume === true);
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  }

  private async migrate(source: EventStore, target: EventStore, resume: boolean): Promise<void> {
    const expected = await idChecksum(source);
    let skip = 0;
    for await (const _event of target.readAll({ maxCount: 1 })) {
      if (!resume)
        throw new CliError('the target store is not empty: give --resume to continue an interrupted migration');
      skip = await verifiedPrefix(source, target);
    }
    if (skip > 0) note(`resuming after ${skip} events already in the target`);
    const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr }) : undefined;
    bar?.start(expected.events, skip);
    await copyEvents(eventsAfter(source, skip), target, (copied) => bar?.update(skip + copied));
    bar?.stop();
    const actual = await idChecksum(target);
    const verified = actual.events === expected.events && actual.checksum === expected.checksum;
    print(JSON.stringify({ source: expected, target: actual, resumedAfter: skip, verified }));
    if (!verified)
      throw new CliError('the target does not hold the same events as the source (count or checksum differ)');
  }

  @Option({ flags: '--from <store>', description: 'sqlite or kurrentdb', required: true })
  parseFrom(value: string): StoreKind {
    return storeKind(value, '--from');
  }

  @Option({ flags: '--to <store>', description: 'sqlite or kurrentdb', required: true })
  parseTo(value: string): StoreKind {
    return storeKind(value, '--to');
  }

  @Option({ flags: '--from-path <file>', description: 'source SQLite file (default SQLITE_PATH)' })
  parseFromPath(value: string): string {
    return value;
  }

  @Option({ flags: '--to-path <file>', description: 'target SQLite file' })
  parseToPath(value: string): string {
    return value;
  }

  @Option({
    flags: '--from-url <connection>',
    description: 'source KurrentDB connection string (default KURRENTDB_CONNECTION_STRING)',
  })
  parseFromUrl(value: string): string {
    return value;
  }

  @Option({
    flags: '--to-url <connection>',
    description: 'target KurrentDB connection string (default KURRENTDB_CONNECTION_STRING)',
  })
  parseToUrl(value: string): string {
    return value;
  }

  @Option({
    flags: '--resume',
    description: 'continue an interrupted migration into a target holding a prefix of the source',
  })
  parseResume(): boolean {
    return true;
  }
}
