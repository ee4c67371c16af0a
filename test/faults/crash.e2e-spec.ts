import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChildService, ensureBuilt } from '../support/child-service';
import {
  type Op,
  type OpKind,
  eventsByKey,
  makeOp,
  oneSetProblems,
  prng,
  readStoredEvents,
  send,
  snapshot,
} from './workload';

/**
 * The built service on a SQLite file, SIGKILLed at random moments while clients write, restarted on the
 * same file. Every acknowledged mutation must be stored exactly once, no command half-written, and the
 * read model after the restarts must equal one rebuilt from scratch.
 */
const SEED = Number(process.env.FAULTS_SEED ?? 20160526);
const KILLS = 12;
const WRITERS = 8;

jest.setTimeout(600_000); // 12 kills and restarts take minutes on a busy 2-core machine

describe('crash: SIGKILL under concurrent writes', () => {
  let dir: string;
  let dbPath: string;
  const services: ChildService[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-crash-'));
    dbPath = path.join(dir, 'registry.db');
  }, 200_000);
  afterAll(async () => {
    for (const s of services) await s.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(file = dbPath): Promise<ChildService> {
    const service = await ChildService.start({ SQLITE_PATH: file, LOG_LEVEL: 'log' });
    services.push(service);
    return service;
  }

  it(`keeps every acknowledged mutation exactly once through ${KILLS} kills (seed ${SEED})`, async () => {
    console.log(`crash test seed: ${SEED} (set FAULTS_SEED to replay)`);
    const random = prng(SEED);
    const ops: Op[] = [];
    const refs = { sourceIds: [] as string[], incidentIds: [] as string[] };
    let counter = 0;
    const cut = new Set<string>(); // keys of requests a kill left without an answer
    const nextOp = (kind?: OpKind): Op => {
      const r = random();
      const k: OpKind = kind ?? (r < 0.2 ? 'registerSource' : r < 0.5 ? 'allegeUse' : 'addCorroboration');
      const op = makeOp(k, `crash-${SEED}-${++counter}`, refs, random);
      ops.push(op);
      return op;
    };
    const remember = (op: Op) => {
      if (op.outcome !== 'acked') return;
      if (op.kind === 'registerSource' && !refs.sourceIds.includes(op.id!)) refs.sourceIds.push(op.id!);
      if (op.kind === 'allegeUse' && !refs.incidentIds.includes(op.id!)) refs.incidentIds.push(op.id!);
    };

    // Something to corroborate from the first moment on.
    let service = await start();
    for (const kind of ['registerSource', 'registerSource', 'allegeUse'] as OpKind[]) {
      const op = nextOp(kind);
      await send(service, op);
      expect(op.outcome).toBe('acked');
      remember(op);
    }

    for (let kill = 1; kill <= KILLS; kill++) {
      if (kill > 1) service = await start();
      // Retry, with the same key and input, part of what the last crash left without an answer.
      for (const op of ops.filter((o) => o.outcome === 'unknown')) {
        if (random() < 0.5) continue;
        await send(service, op);
        expect(op.error ?? op.outcome).toBe('acked');
        remember(op);
      }
      const killAfterMs = Math.floor(random() * 700);
      let dead = false;
      const writer = async () => {
        while (!dead) {
          const op = nextOp();
          await send(service, op);
          remember(op);
          if (op.outcome === 'refused') throw new Error(`refused while the service was up: ${op.error}`);
        }
      };
      const writers = Array.from({ length: WRITERS }, writer);
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      dead = true; // writers stop after their request in flight, which the kill cuts off
      const exit = await service.kill('SIGKILL');
      await Promise.all(writers);
      expect(exit.signal).toBe('SIGKILL');
      for (const op of ops) if (op.outcome === 'unknown') cut.add(op.key);
    }

    // Every kill cut off requests in flight (the writers never pause), whose outcome the client never learnt.
    const cutOff = cut.size;
    expect(cutOff).toBeGreaterThanOrEqual(KILLS);

    // A last start: retry every unanswered op, write live for a while, then compare with rebuilds.
    service = await start();
    for (const op of ops.filter((o) => o.outcome === 'unknown')) {
      await send(service, op);
      expect(op.error ?? op.outcome).toBe('acked');
      remember(op);
    }
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        for (let i = 0; i < 10; i++) {
          const op = nextOp();
          await send(service, op);
          expect(op.error ?? op.outcome).toBe('acked');
          remember(op);
        }
      }),
    );
    const live = await snapshot(service);
    const rebuilt = await service.ok(`mutation { rebuildProjections { eventsApplied } }`);
    expect(rebuilt.rebuildProjections.eventsApplied).toBeGreaterThan(0);
    expect(await snapshot(service)).toEqual(live);
    expect((await service.kill('SIGTERM')).code).toBe(0);

    // A second service on a copy of the file builds its read model from scratch.
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(dbPath, copy);
    const fresh = await start(copy);
    expect(await snapshot(fresh)).toEqual(live);
    await fresh.kill('SIGTERM');

    // The store itself: every acknowledged op exactly once, and nothing half-written.
    const byKey = eventsByKey(await readStoredEvents(dbPath));
    const acked = ops.filter((o) => o.outcome === 'acked');
    expect(acked.length).toBe(ops.length);
    const problems = acked.flatMap((op) =>
      byKey.has(op.key) ? oneSetProblems(op.key, byKey.get(op.key)!) : [`${op.key}: acknowledged, not stored`],
    );
    expect(problems).toEqual([]);
    const perKind = new Map<OpKind, Set<number>>();
    for (const op of acked) perKind.set(op.kind, (perKind.get(op.kind) ?? new Set()).add(byKey.get(op.key)!.length));
    for (const counts of perKind.values()) expect(counts.size).toBe(1);
    expect([...byKey.keys()].filter((key) => !ops.some((o) => o.key === key))).toEqual([]);
    const status = (live as { status: { sources: number; incidents: number; corroborations: number } }).status;
    expect(status.sources).toBe(acked.filter((o) => o.kind === 'registerSource').length);
    expect(status.incidents).toBe(acked.filter((o) => o.kind === 'allegeUse').length);
    console.log(
      `crash test: ${KILLS} kills, ${ops.length} mutations (${cutOff} cut off by a kill, then retried), ` +
        `${byKey.size} stored commands`,
    );
  });
});
