import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TokenStore } from './token-store';

/** authenticate remembers active tokens: these check that a revocation still holds from the next request. */
describe('TokenStore.authenticate', () => {
  let dir: string;
  let file: string;
  const open: TokenStore[] = [];
  const openStore = (at = file) => {
    const store = TokenStore.open(at);
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-tokens-'));
    file = path.join(dir, 'tokens.db');
  });
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails a token revoked through the same store on its next check', () => {
    const store = openStore(':memory:');
    const { token, record } = store.issue('Jane', 'RESEARCHER', 'test');
    expect(store.authenticate(token)).toMatchObject({ id: record.id, role: 'RESEARCHER' });
    expect(store.authenticate(token)).toMatchObject({ id: record.id });
    store.revoke(record.id);
    expect(store.authenticate(token)).toBeNull();
  });

  it('fails a token revoked by another connection (the tokens CLI, another instance) on its next check', () => {
    const service = openStore();
    const cli = openStore();
    const { token, record } = cli.issue('Jane', 'VIEWER', 'cli');
    const other = cli.issue('Omar', 'ADMIN', 'cli');
    expect(service.authenticate(token)).toMatchObject({ holder: 'Jane' });
    expect(service.authenticate(other.token)).toMatchObject({ holder: 'Omar' });

    cli.revoke(record.id);
    expect(service.authenticate(token)).toBeNull();
    expect(service.authenticate(other.token)).toMatchObject({ holder: 'Omar', role: 'ADMIN' });
  });

  it('accepts a token issued elsewhere after it was refused as unknown (refusals are not remembered)', () => {
    const service = openStore();
    const cli = openStore();
    const token = 'cmur_issued-later-0123456789abcdef0123456789';
    expect(service.authenticate(token)).toBeNull();
    cli.register(token, 'Jane', 'VIEWER', 'cli');
    expect(service.authenticate(token)).toMatchObject({ holder: 'Jane', role: 'VIEWER' });
  });

  it('hands out records that a caller cannot alter for the next request', () => {
    const store = openStore(':memory:');
    const { token } = store.issue('Jane', 'VIEWER', 'test');
    const record = store.authenticate(token)!;
    expect(() => {
      (record as { role: string }).role = 'ADMIN';
    }).toThrow(TypeError);
    expect(store.authenticate(token)).toMatchObject({ role: 'VIEWER' });
  });
});
