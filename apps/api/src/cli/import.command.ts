import { Command, CommandRunner, Option } from 'nest-commander';
import { CliConfig, CliError, parseIsoDate } from './cli-support';
import { IMPORT_KINDS } from './import/import-file';
import type { ImportOptions } from './import/import-run';

const DATASET = /^[A-Za-z0-9_-]{1,32}$/;
const today = () => new Date().toISOString().slice(0, 10);

@Command({
  name: 'import',
  arguments: '<file>',
  description:
    `import a CSV or JSON file of ${IMPORT_KINDS.join(', ')} (columns: see the README); every row is validated ` +
    'before anything is written; a re-import appends only what changed (new rows, corrections, withdrawals of rows ' +
    'that disappeared)',
})
export class ImportCommand extends CommandRunner {
  constructor(private readonly config: CliConfig) {
    super();
  }

  async run([file]: string[], options: ImportOptions): Promise<void> {
    if (!DATASET.test(options.dataset)) throw new CliError('--dataset must be 1-32 letters, digits, _ or -', 2);
    // Loaded here: the command path (GraphQL DTOs, CQRS) is heavy, and `--help` or other commands need none of it.
    const { importFile } = await import('./import/import-run.js');
    process.exitCode = await importFile(file, { ...options, asOf: options.asOf ?? today() }, this.config.get());
  }

  @Option({
    flags: '--kind <kind>',
    description: `what the file holds (${IMPORT_KINDS.join('|')}); default: from the file name`,
  })
  parseKind(value: string): string {
    return value;
  }

  @Option({ flags: '--strict', description: 'write nothing if any row is bad' })
  parseStrict(): boolean {
    return true;
  }

  @Option({
    flags: '--as-of <date>',
    description:
      'the evidence date of this snapshot (YYYY-MM-DD, default today): ' +
      'corrections and withdrawals are dated with it, so that clock KNOWN reproduces each snapshot',
  })
  parseAsOf(value: string): string {
    return parseIsoDate(value, '--as-of');
  }

  @Option({
    flags: '--dataset <name>',
    description: 'the dataset the rows belong to (external ids are unique within it)',
    defaultValue: 'default',
  })
  parseDataset(value: string): string {
    return value;
  }

  @Option({ flags: '--actor <name>', description: 'who the events name as their actor', defaultValue: 'cli-import' })
  parseActor(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the summary as one JSON line' })
  parseJson(): boolean {
    return true;
  }
}
