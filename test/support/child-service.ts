import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GraphQLResponse } from './test-app';

/**
 * The BUILT service (`node <build>/apps/api/src/main.js`, bundled as `npm run build` bundles it) as a child
 * process, for the tests that kill, restart and starve it. Each instance listens on a port of its own choosing
 * (PORT=0); the URL is read from its start-up log line.
 *
 * The build is private (.cache/child-service-dist/build-<time>, same compiler, config and bundler as
 * `npm run build`): `npm run build` run by someone else at the same moment rewrites dist/ in steps (tsc,
 * tsc-alias, the bundle), and a service started in between cannot resolve `@app/*`.
 */
const ROOT = path.resolve(__dirname, '../..');
const BUILDS = path.join(ROOT, '.cache/child-service-dist');
const LOCK_DIR = path.join(ROOT, '.cache/child-service-build.lock');
let mainJs = '';

/** Sent as a bearer token and registered through ADMIN_TOKEN, so the child works with or without auth. */
export const CHILD_ADMIN_TOKEN = 'faults-test-admin-token-7f3c9a2e5b1d4806';

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'testing') newest = Math.max(newest, newestSourceMtime(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** The newest complete build started after the last source change, if any. */
function freshBuild(): string | undefined {
  if (!fs.existsSync(BUILDS)) return undefined;
  const newest = Math.max(
    newestSourceMtime(path.join(ROOT, 'apps')),
    newestSourceMtime(path.join(ROOT, 'libs')),
    fs.statSync(path.join(ROOT, 'scripts/bundle-service.js')).mtimeMs,
  );
  const builds = fs
    .readdirSync(BUILDS)
    .filter((name) => /^build-\d+$/.test(name))
    .sort()
    .reverse();
  const latest = builds.find((name) => fs.existsSync(path.join(BUILDS, name, 'complete')));
  return latest && Number(latest.slice(6)) > newest ? path.join(BUILDS, latest, 'apps/api/src/main.js') : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(args: string[]): void {
  try {
    execFileSync('npx', args, { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`build failed: ${e.message}\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`, {
      cause: error,
    });
  }
}

/**
 * Builds the service when no build is newer than the sources. Specs in parallel workers take turns
 * through a lock directory, so only one of them builds; builds older than the one in use are removed.
 */
export async function ensureBuilt(): Promise<void> {
  for (;;) {
    const fresh = freshBuild();
    if (fresh) {
      mainJs = fresh;
      return;
    }
    fs.mkdirSync(BUILDS, { recursive: true });
    try {
      fs.mkdirSync(LOCK_DIR);
    } catch {
      // Another worker builds; a lock older than 3 minutes belongs to a dead one.
      const lock = fs.statSync(LOCK_DIR, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 180_000) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (freshBuild()) continue;
      const name = `build-${Date.now()}`;
      const out = path.relative(ROOT, path.join(BUILDS, name));
      run(['tsc', '-p', 'tsconfig.build.json', '--outDir', out]);
      run(['tsc-alias', '-p', 'tsconfig.build.json', '--outDir', out]);
      run(['node', 'scripts/bundle-service.js', out]);
      fs.writeFileSync(path.join(BUILDS, name, 'complete'), '');
      // Keep the previous build a while: a spec in another worker may still start children from it.
      for (const old of fs.readdirSync(BUILDS)) {
        if (old !== name && Date.now() - Number(old.slice(6)) > 600_000)
          fs.rmSync(path.join(BUILDS, old), { recursive: true, force: true });
      }
    } finally {
      fs.rmSync(LOCK_DIR, { recursive: true, force: true });
    }
  }
}

/** A file of the private build (call ensureBuilt() first), e.g. `apps/api/src/cli/main.js`, for child processes. */
export function builtFile(relative: string): string {
  return path.join(path.dirname(mainJsOrThrow()), '../../..', relative);
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function mainJsOrThrow(): string {
  if (!mainJs) throw new Error('call ensureBuilt() (in beforeAll) before starting the service');
  return mainJs;
}

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'log',
    ADMIN_TOKEN: CHILD_ADMIN_TOKEN,
    ...env,
  };
}

export class ChildService {
  private lines: string[] = [];
  readonly exited: Promise<Exit>;
  private exit: Exit | null = null;

  private constructor(
    private readonly child: ChildProcess,
    public url = '',
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => this.lines.push(...chunk.split('\n').filter((l) => l !== '')));
    }
  }

  /** Spawns the service and resolves once it listens; rejects, with its output, if it exits first. */
  static async start(env: Record<string, string>, timeoutMs = 30_000): Promise<ChildService> {
    const service = new ChildService(
      spawn(process.execPath, [mainJsOrThrow()], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = service.lines.find((l) => /GraphQL API at (\S+\/graphql)/.test(l));
      if (line) {
        service.url = /GraphQL API at (\S+\/graphql)/.exec(line)![1].replace('0.0.0.0', '127.0.0.1');
        return service;
      }
      if (service.exit || Date.now() > deadline) {
        if (!service.exit) await service.kill('SIGKILL');
        throw new Error(`service did not start (${JSON.stringify(service.exit)}):\n${service.output}`);
      }
      await sleep(20);
    }
  }

  /** Runs the service expecting it to exit by itself (a start-up failure); kills it after the timeout. */
  static async runToExit(
    env: Record<string, string>,
    timeoutMs = 30_000,
    as: { uid?: number; gid?: number } = {},
  ): Promise<Exit & { stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [mainJsOrThrow()], {
      cwd: ROOT,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...as,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const exit = await new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    clearTimeout(timer);
    return { ...exit, stdout, stderr };
  }

  get pid(): number {
    return this.child.pid!;
  }

  get output(): string {
    return this.lines.join('\n');
  }

  get baseUrl(): string {
    return this.url.replace(/\/graphql$/, '');
  }

  async gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CHILD_ADMIN_TOKEN}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  }

  async ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await this.gql<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  async get(pathname: string): Promise<{ status: number; body: any }> {
    const res = await fetch(this.baseUrl + pathname, { headers: { authorization: `Bearer ${CHILD_ADMIN_TOKEN}` } });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  }

  /** Sends the signal and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    if (!this.exit) this.child.kill(signal);
    return this.exited;
  }
}
