import { Command, CommandRunner, Option } from 'nest-commander';
import { CliConfig, configuredStore, print, withStore } from './cli-support';
import { rebuildProjectionFile } from './store/rebuild-projection-file';
import { rebuildRemote, replayStore } from './store/replay-store';

interface RebuildOptions {
  url?: string;
}

@Command({
  name: 'rebuild',
  description:
    'rebuild the projection file (PROJECTIONS_DB) from the configured store into a new file swapped in whole, and ' +
    'print its counts beside those of a one-shot fold of the store (a check): stop the service first, or use --url ' +
    'to ask a running instance to rebuild its file (token from API_TOKEN or ADMIN_TOKEN)',
})
export class RebuildCommand extends CommandRunner {
  constructor(private readonly config: CliConfig) {
    super();
  }

  async run(_args: string[], options: RebuildOptions): Promise<void> {
    if (options.url) {
      const result = await rebuildRemote(options.url, process.env.API_TOKEN || process.env.ADMIN_TOKEN);
      print(JSON.stringify(result, null, 2));
      return;
    }
    const config = this.config.get();
    const rebuilt = await withStore(
      configuredStore(config),
      async (store) => {
        // The file first: refused at once when a running service keeps it.
        const projectionFile = await rebuildProjectionFile(config.projectionsDb, store);
        return { ...(await replayStore(store)), projectionFile };
      },
      config,
    );
    print(JSON.stringify(rebuilt, null, 2));
  }

  @Option({ flags: '--url <graphql>', description: 'a running instance, e.g. http://localhost:3000/graphql' })
  parseUrl(value: string): string {
    return value;
  }
}
