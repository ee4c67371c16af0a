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
