import { Command, CommandRunner, Option } from 'nest-commander';
import { CliConfig, configuredStore, print, withStore } from './cli-support';
import { rebuildProjectionFile } from './store/rebuild-projection-file';
import { rebuildRemote } from './store/rebuild-remote';

interface RebuildOptions {
  url?: string;
}

@Command({
  name: 'rebuild',
  description:
    'rebuild the projection file (PROJECTIONS_DB) from the configured store into a new file swapped in whole, and ' +
    'print what it holds (checkpoint, counts, events it could not read): stop the service first, or use --url ' +
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
      (store) => rebuildProjectionFile(config.projectionsDb, store),
      config,
    );
    print(JSON.stringify(rebuilt, null, 2));
  }

  @Option({ flags: '--url <graphql>', description: 'a running instance, e.g. http://localhost:3000/graphql' })
  parseUrl(value: string): string {
    return value;
  }
}
