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
 * SIGTERM while clients write: the service finishes what it accepted, closes the store (flushing the
 * pending group commit) and exits 0; everything it acknowledged is in a file that reopens cleanly.
 */
const SEED = Number(process.env.FAULTS_SEED ?? 20160526);
const WRITERS = 16;

jest.setTimeout(120_000);

describe('graceful shutdown', () => {
  let dir: string;
  let service: ChildService | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-shutdown-'));
  }, 200_000);
  afterAll(async () => {
    await service?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('on SIGTERM mid-flight: keeps every acknowledged mutation, exits 0, leaves a consistent store', async () => {
    const dbPath = path.join(dir, 'registry.db');
    const random = prng(SEED);
    const refs = { sourceIds: [] as string[], incidentIds: [] as string[] };
    const ops: Op[] = [];
    let n = 0;
    const run = async (kind: OpKind) => {
      const op = makeOp(kind, `shutdown-${++n}`, refs, random);
      ops.push(op);
      await send(service!, op);
      if (op.outcome === 'acked' && kind === 'registerSource') refs.sourceIds.push(op.id!);
      if (op.outcome === 'acked' && kind === 'allegeUse') refs.incidentIds.push(op.id!);
      return op;
    };
    service = await ChildService.start({ SQLITE_PATH: dbPath });
    for (const kind of ['registerSource', 'allegeUse'] as OpKind[]) expect((await run(kind)).outcome).toBe('acked');

    let stopping = false;
    let inFlight = 0;
    const writer = async () => {
      while (!stopping) {
        inFlight++;
        await run(random() < 0.3 ? 'allegeUse' : 'addCorroboration');
        inFlight--;
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(random() * 300)));
    const inFlightAtSignal = inFlight;
    const ackedBefore = ops.filter((o) => o.outcome === 'acked').length;
    const exited = service.kill('SIGTERM');
    stopping = true;
    await Promise.all(writers);
    const ackedAfterSignal = ops.filter((o) => o.outcome === 'acked').length - ackedBefore;
    const exit = await exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(inFlightAtSignal).toBeGreaterThan(0);
    // Requests in flight when the signal came were finished and answered.
    expect(ackedAfterSignal).toBeGreaterThan(0);
    expect(service.output).toMatch(/event store closed/);
    // Refusals during the shutdown may only say "unavailable"; none may be a crash.
    const refusals = ops.filter((o) => o.outcome === 'refused').map((o) => o.error!.split(':')[0]);
    expect(refusals.filter((code) => code !== 'UNAVAILABLE')).toEqual([]);

    // Reopen the file: it reads, and holds each acknowledged command exactly once.
    const byKey = eventsByKey(await readStoredEvents(dbPath));
    const acked = ops.filter((o) => o.outcome === 'acked');
    const problems = acked.flatMap((op) =>
      byKey.has(op.key) ? oneSetProblems(op.key, byKey.get(op.key)!) : [`${op.key}: acknowledged, not stored`],
    );
    expect(problems).toEqual([]);
    for (const op of ops.filter((o) => o.outcome === 'refused')) expect(byKey.has(op.key)).toBe(false);
    // Nothing was done without the client being told: a request cut off had not started.
    expect(ops.filter((o) => o.outcome === 'unknown' && byKey.has(o.key)).map((o) => o.key)).toEqual([]);

    // And the service starts again on it and serves what was acknowledged.
    service = await ChildService.start({ SQLITE_PATH: dbPath });
    const after = (await snapshot(service)) as { incidents: { id: string }[] };
    const ids = new Set(after.incidents.map((i) => i.id));
    for (const op of acked.filter((o) => o.kind === 'allegeUse')) expect(ids.has(op.id!)).toBe(true);
    expect((await service.kill('SIGTERM')).code).toBe(0);
    console.log(
      `shutdown test: ${inFlightAtSignal} in flight at SIGTERM, ${ackedAfterSignal} of them answered; ` +
        `${acked.length} acknowledged in all`,
    );
  });
});
