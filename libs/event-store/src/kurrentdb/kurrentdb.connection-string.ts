// The client's own parser (not re-exported at its top level): validating with it accepts exactly the
// schemes and options the client accepts, in this version and the next.
import { parseConnectionString } from '@kurrent/kurrentdb-client/dist/Client/parseConnectionString';

/** What the client's parser finds wrong with a connection string, or undefined when it accepts it. */
export function connectionStringProblem(connectionString: string): string | undefined {
  try {
    const options = parseConnectionString(connectionString);
    return options.hosts.length === 0 ? 'it names no host' : undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
