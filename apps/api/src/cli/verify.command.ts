import { Command, CommandRunner } from 'nest-commander';
import { CliConfig, CliError, configuredStore, print, withStore } from './cli-support';
import { verifyStore } from './store/verify-store';

@Command({
  name: 'verify',
  description:
    'check the configured store: gap-free positions, revisions in order, every event parses and upcasts, the ' +
    'projection file equals a rebuild from the log, no merges into one another, and evidence files re-hash to their ' +
    'names',
})
export class VerifyCommand extends CommandRunner {
  constructor(private readonly config: CliConfig) {
    super();
  }

  async run(): Promise<void> {
    const config = this.config.get();
    const sequential = config.eventStore === 'sqlite';
    const report = await withStore(
      configuredStore(config),
      (store) => verifyStore(store, sequential, this.config.evidenceDir(), config.projectionsDb),
      config,
    );
    print(JSON.stringify(report, null, 2));
    if (report.problems.length > 0) throw new CliError(`${report.problems.length} problem(s) found`);
  }
}
