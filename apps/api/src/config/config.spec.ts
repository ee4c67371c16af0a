import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from './config';

describe('config: KURRENTDB_CONNECTION_STRING', () => {
  const load = (connectionString: string) =>
    loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: connectionString, SQLITE_PATH: ':memory:' });

  it('accepts every scheme the KurrentDB client accepts', () => {
    for (const scheme of ['kurrentdb', 'kurrent', 'kdb', 'kurrentdb+discover', 'kurrent+discover', 'kdb+discover']) {
      const connectionString = `${scheme}://localhost:2113?tls=false`;
      expect(load(connectionString).kurrentdbConnectionString).toBe(connectionString);
    }
  });

  it('refuses at start what the client would refuse at its first call, saying why', () => {
    expect(() => load('eventstoredb://localhost:2113')).toThrow(
      /must look like kurrentdb:\/\/.*Unexpected "eventstoredb:\/\/"/,
    );
    expect(() => load('kurrentdb://localhost:2113?tls=perhaps')).toThrow(/expected true or false/);
  });
});

describe('config: PROJECTIONS_DB', () => {
  const dir = path.join(os.tmpdir(), 'cmur-config-spec');

  it('defaults to projections.db next to the event store file, also with KurrentDB; in memory with :memory:', () => {
    expect(loadConfig({ SQLITE_PATH: path.join(dir, 'registry.db') }).projectionsDb).toBe(
      path.join(dir, 'projections.db'),
    );
    const kurrent = loadConfig({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: 'kurrentdb://localhost:2113?tls=false',
      SQLITE_PATH: path.join(dir, 'registry.db'),
    });
    expect(kurrent.projectionsDb).toBe(path.join(dir, 'projections.db'));
    expect(loadConfig({ SQLITE_PATH: ':memory:' }).projectionsDb).toBe(':memory:');
  });

  it('takes a path of its own, made absolute, or :memory:', () => {
    const env = { SQLITE_PATH: path.join(dir, 'registry.db') };
    expect(loadConfig({ ...env, PROJECTIONS_DB: 'relative/p.db' }).projectionsDb).toBe(path.resolve('relative/p.db'));
    expect(loadConfig({ ...env, PROJECTIONS_DB: ':memory:' }).projectionsDb).toBe(':memory:');
  });

  it("refuses the event store's file, the tokens' file and a directory, saying why", () => {
    const env = { SQLITE_PATH: path.join(dir, 'registry.db') };
    expect(() => loadConfig({ ...env, PROJECTIONS_DB: path.join(dir, 'registry.db') })).toThrow(
      /PROJECTIONS_DB must be a file of its own, not SQLITE_PATH's/,
    );
    expect(() => loadConfig({ ...env, PROJECTIONS_DB: path.join(dir, 'tokens.db') })).toThrow(/not TOKENS_PATH's/);
    expect(() => loadConfig({ ...env, PROJECTIONS_DB: os.tmpdir() })).toThrow(/must name a file, not a directory/);
  });
});

describe('config: GRAPHQL_JIT', () => {
  it('compiles a query text after its second run by default; 0 turns compiling off; anything else is refused', () => {
    expect(loadConfig({ SQLITE_PATH: ':memory:' }).graphqlJit).toBe(2);
    expect(loadConfig({ SQLITE_PATH: ':memory:', GRAPHQL_JIT: '0' }).graphqlJit).toBe(0);
    expect(loadConfig({ SQLITE_PATH: ':memory:', GRAPHQL_JIT: '10' }).graphqlJit).toBe(10);
    expect(() => loadConfig({ SQLITE_PATH: ':memory:', GRAPHQL_JIT: 'on' })).toThrow(/GRAPHQL_JIT must be an integer/);
  });
});
