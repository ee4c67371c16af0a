import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REGISTER_SOURCE, sourceInput } from '../support/fixtures';
import { ChildService, ensureBuilt } from '../support/child-service';

/**
 * A store the service cannot use. SQLite: an unusable database path stops the start with one clear
 * line and a non-zero exit. KurrentDB: an unreachable server must not stop the start; the service
 * reports not-ready and answers mutations UNAVAILABLE.
 */
jest.setTimeout(120_000);

const isRoot = process.getuid?.() === 0;

describe('store unavailable', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-unavailable-'));
    fs.chmodSync(dir, 0o755);
  }, 200_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** stderr holds exactly one line, naming the cause; stdout no error. */
  function expectOneStartupErrorLine(
    run: { code: number | null; stdout: string; stderr: string },
    cause: RegExp,
  ): void {
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Start-up failed: /);
    expect(lines[0]).toMatch(cause);
    expect(run.stdout).not.toMatch(/ERROR|at .*\.js:\d+/);
  }

  describe('SQLite', () => {
    it('a read-only database directory: one clear start-up error line, exit code 1', async () => {
      const readOnly = path.join(dir, 'read-only');
      fs.mkdirSync(readOnly, { mode: 0o555 });
      fs.chmodSync(readOnly, 0o555);
      // root writes anywhere: run the service as nobody then, with its tokens file somewhere writable.
      const writable = path.join(dir, 'writable');
      fs.mkdirSync(writable);
      fs.chmodSync(writable, 0o777);
      const run = await ChildService.runToExit(
        { SQLITE_PATH: path.join(readOnly, 'registry.db'), TOKENS_PATH: path.join(writable, 'tokens.db') },
        30_000,
        isRoot ? { uid: 65534, gid: 65534 } : {},
      );
      expectOneStartupErrorLine(run, new RegExp(`${readOnly}.*(CANTOPEN|READONLY|EACCES)`));
    });

    it('a database directory that cannot exist (its parent is a file): one clear line, exit code 1', async () => {
      const file = path.join(dir, 'a-file');
      fs.writeFileSync(file, 'not a directory');
      const run = await ChildService.runToExit({
        SQLITE_PATH: path.join(file, 'registry.db'),
        TOKENS_PATH: path.join(dir, 'tokens-f.db'),
      });
      expectOneStartupErrorLine(run, new RegExp(`directory '${file}'`));
    });

    it('a file that is not a database: one clear line, exit code 1, and the file is left alone', async () => {
      const file = path.join(dir, 'garbage.db');
      const garbage = 'this is not an SQLite database\n'.repeat(200);
      fs.writeFileSync(file, garbage);
      const run = await ChildService.runToExit({ SQLITE_PATH: file });
      expectOneStartupErrorLine(run, /garbage\.db.*NOTADB/);
      expect(fs.readFileSync(file, 'utf8')).toBe(garbage);
    });

    it('a missing database directory is created, and the service serves', async () => {
      const nested = path.join(dir, 'missing', 'deeper', 'registry.db');
      const service = await ChildService.start({ SQLITE_PATH: nested });
      try {
        expect((await service.get('/health/ready')).status).toBe(200);
        expect((await service.ok(REGISTER_SOURCE, { input: sourceInput() })).registerSource.name).toBe(
          'Amnesty International',
        );
      } finally {
        expect((await service.kill('SIGTERM')).code).toBe(0);
      }
      expect(fs.existsSync(nested)).toBe(true);
    });
  });

  describe('KurrentDB configured but unreachable', () => {
    const env = () => ({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: 'kurrentdb://127.0.0.1:1?tls=false',
      SQLITE_PATH: path.join(dir, 'kurrent', 'unused.db'), // tokens live next to it
    });

    // The read model retries its catch-up in the background; queries answer UNAVAILABLE until it succeeds.
    it('starts: not ready on /health/ready (503), live on /health/live; mutations answer UNAVAILABLE', async () => {
      const service = await ChildService.start(env(), 60_000);
      try {
        const ready = await service.get('/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.body).toMatchObject({ status: 'unavailable', store: 'down' });
        expect((await service.get('/health/live')).status).toBe(200);
        const res = await service.gql(REGISTER_SOURCE, { input: sourceInput() });
        expect(res.errors?.[0].extensions?.code).toBe('UNAVAILABLE');
        expect(res.errors?.[0].message).toMatch(/unavailable/i);
        const query = await service.gql('{ sources { id } }');
        expect(query.errors?.[0].extensions?.code).toBe('UNAVAILABLE');
      } finally {
        await service.kill('SIGTERM');
      }
    });
  });
});
