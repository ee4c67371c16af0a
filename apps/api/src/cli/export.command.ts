import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { EventStore } from '@app/event-store';
import { type Clock, type Cut, isoDateOf } from '@app/projections';
import { CliConfig, CliError, configuredStore, note, withStore } from './cli-support';
import { writeChunks, writeEventLog, writeText } from './export/event-lines';
import { EvidenceManifest } from '../evidence/evidence-custody';
import { incidentsCsv, incidentsGeoJson } from './export/export-formats';
import { ExportReads, parseAsOfInstant, parseClock } from './export/export-reads';
import { MATRIX_SUBJECTS, type MatrixSubjects, matrixCsv } from './export/matrix-csv';
import { openRegistry } from './registry-context';

const WHAT = ['incidents', 'statements', 'matrix', 'events', 'evidence', 'all'] as const;
type What = (typeof WHAT)[number];

interface ExportOptions {
  format?: 'csv' | 'geojson';
  asOf?: Date;
  clock: Clock;
  out?: string;
  dir?: string;
  subjects?: MatrixSubjects;
}

@Command({
  name: 'export',
  arguments: '<what>',
  description:
    'export incidents with their assessment (CSV or GeoJSON), statements (CSV), the response matrix (CSV: ' +
    'States Parties x situations/incidents), the event log (NDJSON: a complete, ordered backup), the evidence ' +
    'manifest (JSON), or all of them into --dir',
})
export class ExportCommand extends CommandRunner {
  constructor(private readonly config: CliConfig) {
    super();
  }

  async run([what]: string[], options: ExportOptions): Promise<void> {
    if (!(WHAT as readonly string[]).includes(what)) throw new CliError(`export what? one of ${WHAT.join(', ')}`, 2);
    const kind = what as What;
    if (kind === 'all' && !options.dir) throw new CliError('export all needs --dir <directory>', 2);
    const config = this.config.get();
    const cut: Cut | undefined = options.asOf ? { clock: options.clock, at: options.asOf } : undefined;
    if (kind === 'events' || kind === 'evidence')
      return withStore(configuredStore(config), (store) => this.exportLog(kind, store, options.out), config);
    // The rest is read from the projection file, caught up first and then held at that checkpoint.
    const registry = await openRegistry(config);
    const release = registry.hold();
    try {
      const reads = new ExportReads(registry.file, registry.statements, cut ?? 'LIVE');
      const matrix = (subjects: MatrixSubjects = 'all') =>
        matrixCsv(
          reads.matrix(
            registry.reference.ccmStates,
            { situations: subjects !== 'incidents', incidents: subjects !== 'situations' },
            // The report date is the --as-of day; without it, the latest evidence date (as the query does).
            cut ? isoDateOf(cut.at) : undefined,
          ),
        );
      switch (kind) {
        case 'all':
          return await this.exportAll(registry.store, reads, matrix, options.dir!);
        case 'incidents': {
          const incidents = reads.incidents();
          const text = options.format === 'geojson' ? incidentsGeoJson(incidents) : incidentsCsv(incidents);
          return await writeText(options.out, text);
        }
        case 'statements':
          return await writeChunks(options.out, reads.statementsCsv());
        case 'matrix':
          return await writeText(options.out, matrix(options.subjects));
        default: {
          const _exhaustive: never = kind;
          return _exhaustive;
        }
      }
    } finally {
      release();
      await registry.close();
    }
  }

  private async exportLog(what: 'events' | 'evidence', store: EventStore, out: string | undefined): Promise<void> {
    if (what === 'events') {
      const count = await writeEventLog(store, out, new EvidenceManifest());
      return note(`${count} events`);
    }
    const manifest = new EvidenceManifest();
    for await (const batch of store.readAllBatches()) for (const stored of batch) manifest.add(stored);
    return writeText(out, `${JSON.stringify({ files: manifest.entries() }, null, 1)}\n`);
  }

  private async exportAll(store: EventStore, reads: ExportReads, matrix: () => string, dir: string): Promise<void> {
    fs.mkdirSync(dir, { recursive: true });
    const manifest = new EvidenceManifest();
    const count = await writeEventLog(store, path.join(dir, 'events.ndjson'), manifest);
    const incidents = reads.incidents();
    fs.writeFileSync(path.join(dir, 'incidents.csv'), incidentsCsv(incidents));
    fs.writeFileSync(path.join(dir, 'incidents.geojson'), incidentsGeoJson(incidents));
    let statements = 0;
    await writeChunks(
      path.join(dir, 'statements.csv'),
      reads.statementsCsv((n) => (statements = n)),
    );
    fs.writeFileSync(path.join(dir, 'matrix.csv'), matrix());
    // Only when some event cites files (evidence files, issue 16).
    if (manifest.entries().length > 0)
      fs.writeFileSync(
        path.join(dir, 'evidence-manifest.json'),
        `${JSON.stringify({ files: manifest.entries() }, null, 1)}\n`,
      );
    note(
      `${count} events; ${incidents.length} incidents; ${statements} statements; ` +
        `${manifest.entries().length} evidence files -> ${dir}`,
    );
  }

  @Option({ flags: '--format <format>', description: 'incidents: csv (default) or geojson' })
  parseFormat(value: string): string {
    if (value !== 'csv' && value !== 'geojson') throw new CliError('--format must be csv or geojson', 2);
    return value;
  }

  @Option({ flags: '--as-of <date>', description: 'the registry as of a day (YYYY-MM-DD) or an ISO instant' })
  parseAsOf(value: string): Date {
    return parseAsOfInstant(value);
  }

  @Option({
    flags: '--clock <clock>',
    description: 'with --as-of: RECORDED (what the registry held; default) or KNOWN (evidence dates)',
    defaultValue: 'RECORDED',
  })
  parseClock(value: string): Clock {
    return parseClock(value);
  }

  @Option({
    flags: '--subjects <subjects>',
    description: 'matrix: all (default: every situation, then every incident), situations or incidents',
  })
  parseSubjects(value: string): MatrixSubjects {
    if (!(MATRIX_SUBJECTS as readonly string[]).includes(value))
      throw new CliError(`--subjects must be one of ${MATRIX_SUBJECTS.join(', ')}`, 2);
    return value as MatrixSubjects;
  }

  @Option({ flags: '--out <file>', description: 'write to this file instead of stdout' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--dir <directory>', description: 'for `all`: the directory to write every export into' })
  parseDir(value: string): string {
    return value;
  }
}
