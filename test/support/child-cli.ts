import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { type StoredEvent, openSqliteEventStore } from '@app/event-store';
import { builtFile } from './child-service';

const ROOT = path.resolve(__dirname, '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the BUILT CLI (`node <build>/apps/api/src/cli/main.js …`, the build of child-service.ts: call
 * ensureBuilt() first) as a real process with only the given environment.
 */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
  meanwhile?: (child: ChildProcess) => Promise<void>,
): Promise<CliRun> {
  const child = spawn(process.execPath, [builtFile('apps/api/src/cli/main.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  await meanwhile?.(child);
  const code = await exited;
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** Every event of a SQLite event-store file, in order, read through the store port. */
export async function readEventsFile(file: string): Promise<StoredEvent[]> {
  const store = openSqliteEventStore(file);
  const events: StoredEvent[] = [];
  try {
    for await (const event of store.readAll()) events.push(event);
  } finally {
    await store.close();
  }
  return events;
}
