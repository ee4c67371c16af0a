import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TokenStore } from '../auth/token-store';
import { runTokensCli } from './tokens';

describe('tokens CLI', () => {
  let dir: string;
  let tokensPath: string;
  let out: string[];
  let err: string[];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  const run = (...args: string[]) => runTokensCli(args, { tokensPath }, io);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-cli-'));
    tokensPath = path.join(dir, 'tokens.db');
    out = [];
    err = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('issues a token that the service accepts, lists it without the secret, and revokes it', () => {
    expect(run('issue', 'Jane Doe', 'RESEARCHER')).toBe(0);
    const token = out[0];
    const check = TokenStore.open(tokensPath);
    const record = check.authenticate(token);
    expect(record).toMatchObject({ holder: 'Jane Doe', role: 'RESEARCHER', createdBy: 'cli' });

    out = [];
    expect(run('list')).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('Jane Doe');
    expect(out[0]).toContain('active');
    expect(out.join('\n')).not.toContain(token);

    out = [];
    expect(run('revoke', record!.id)).toBe(0);
    expect(check.authenticate(token)).toBeNull();
    check.close();
  });

  it('creates a token with `create` (the CLI sub-command name)', () => {
    expect(run('create', 'Ops Robot', 'VIEWER')).toBe(0);
    const check = TokenStore.open(tokensPath);
    expect(check.authenticate(out[0])).toMatchObject({ holder: 'Ops Robot', role: 'VIEWER' });
    check.close();
  });

  it('refuses unknown commands, roles and ids with usage or a clear message', () => {
    expect(run()).toBe(2);
    expect(run('issue', 'Jane', 'OWNER')).toBe(2);
    expect(run('revoke', '0190a0a0-0000-7000-8000-000000000000')).toBe(1);
    expect(err.join('\n')).toContain('No token with id');
  });
});
