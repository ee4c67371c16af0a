'use strict';
/** Starts a built service as a child process on a loopback port and always kills it (by its pid). */
const { spawn } = require('node:child_process');
const net = require('node:net');
const { now } = require('./common');

const children = new Set();
process.on('exit', () => {
  for (const c of children)
    try {
      c.kill('SIGKILL');
    } catch {
      /* gone */
    }
});

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function gql(url, query, variables, headers = {}, timeoutMs = 120_000) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = await res.json();
  return { status: res.status, json };
}

const PROBE_MS = 25;

/**
 * Spawns `node script` with env; resolves once `{ __typename }` answers (and, with `readyPath`, once that
 * path answers 200: the registry listens before its read model has caught up), or rejects at the deadline.
 * `listenMs` is when it first answered, `startMs` when it was ready, each within a probe interval (25 ms) of the
 * instant: a coarser probe would add up to its own interval to a start-up measured in seconds.
 */
async function startServer(script, env, { deadlineMs, headers = {}, args = [], readyPath = null }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const t0 = now();
  let stderr = '';
  const child = spawn(process.execPath, [...args, script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    children.delete(child);
  });
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
      setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 5000).unref();
    });
  let listenMs = null;
  for (;;) {
    if (exited)
      throw new Error(
        `server exited (${exited.code ?? exited.signal}) before answering: ` +
          stderr.trim().split('\n').slice(-3).join(' | '),
      );
    if (now() - t0 > deadlineMs) {
      await stop();
      throw new Error(`server did not answer within ${Math.round(deadlineMs / 1000)} s`);
    }
    try {
      if (listenMs === null) {
        const r = await gql(url, '{ __typename }', undefined, headers);
        if (r.status === 200) listenMs = now() - t0;
      }
      if (listenMs !== null) {
        if (!readyPath) break;
        const ready = await fetch(url.replace(/\/graphql$/, readyPath), { signal: AbortSignal.timeout(10_000) });
        if (ready.status === 200) break;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, PROBE_MS));
  }
  return { url, port, pid: child.pid, listenMs, startMs: now() - t0, stop, stderr: () => stderr };
}

/** Waits until a bare query answers quickly again (work left by abandoned requests is done); returns the wait. */
async function drain(url, headers, maxMs = 120_000) {
  const t0 = now();
  while (now() - t0 < maxMs) {
    const t = now();
    try {
      await gql(url, '{ __typename }', undefined, headers, maxMs);
      if (now() - t < 50) break;
    } catch {
      /* timed out: keep waiting */
    }
  }
  return now() - t0;
}

module.exports = { startServer, gql, freePort, drain };
