import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyConflictError, EventTooLargeError, StoreUnavailableError } from '../errors';
import type { EventStore, NewEvent } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb.event-store';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  isStreamNotFound,
  toReadStreamOptions,
  toStoreError,
  toStoredEvent,
  toStreamState,
} from './kurrentdb.mapping';

const connectionString = process.env.KURRENTDB_CONNECTION_STRING;
if (connectionString) {
  describeEventStoreContract('KurrentDB', async () => KurrentDbEventStore.fromConnectionString(connectionString));
} else {
  // One line, not a passing placeholder test: nobody should mistake a skip for a pass.
  process.stdout.write('KurrentDB contract skipped: KURRENTDB_CONNECTION_STRING not set\n');
}

const event = (id: string, data: NewEvent['data']): NewEvent => ({
  id,
  type: 'UseAlleged',
  data,
  metadata: { actor: 'tester', correlationId: 'c-1' },
});

describe('KurrentDB mapping: expected revision', () => {
  it('maps the port states onto the client stream states', () => {
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState(undefined)).toBe('any');
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
  });

  it('rejects a revision the server could not mean', () => {
    expect(() => toStreamState(-1)).toThrow(RangeError);
    expect(() => toStreamState(1.5)).toThrow(RangeError);
  });

  it('maps stream read options onto the client constants, reading backwards from the end by default', () => {
    expect(toReadStreamOptions()).toEqual({ fromRevision: 'start', direction: 'forwards' });
    expect(toReadStreamOptions({ direction: 'backwards' })).toEqual({ fromRevision: 'end', direction: 'backwards' });
    expect(toReadStreamOptions({ fromRevision: 7, maxCount: 2 })).toEqual({
      fromRevision: 7n,
      direction: 'forwards',
      maxCount: 2,
    });
    expect(toReadStreamOptions({ fromRevision: 'end', direction: 'forwards' }).fromRevision).toBe('end');
  });
});

describe('KurrentDB mapping: positions', () => {
  const max = 18446744073709551615n; // the largest unsigned 64-bit position

  it('encodes {commit, prepare} as fixed-width "<commit>/<prepare>" and decodes it back', () => {
    expect(encodePosition({ commit: 10n, prepare: 9n })).toBe('00000000000000000010/00000000000000000009');
    expect(decodePosition(encodePosition({ commit: max, prepare: 3n }))).toEqual({ commit: max, prepare: 3n });
  });

  it('orders by commit, then prepare, as bigints', () => {
    const p = (commit: bigint, prepare: bigint) => encodePosition({ commit, prepare });
    expect(comparePositions(p(9n, 9n), p(10n, 0n))).toBeLessThan(0);
    expect(comparePositions(p(10n, 5n), p(10n, 4n))).toBeGreaterThan(0);
    expect(comparePositions(p(max, 0n), p(max - 1n, max))).toBeGreaterThan(0);
    expect(comparePositions(p(7n, 7n), p(7n, 7n))).toBe(0);
  });

  it('sorts the same way as plain strings, so a stored cursor never misorders', () => {
    const positions = [
      { commit: 1000n, prepare: 1000n },
      { commit: 99n, prepare: 99n },
      { commit: 100n, prepare: 2n },
      { commit: 100n, prepare: 10n },
    ].map(encodePosition);
    expect([...positions].sort()).toEqual([...positions].sort(comparePositions));
  });

  it('refuses a cursor that is not one of its own', () => {
    expect(() => decodePosition('42')).toThrow(RangeError);
    expect(() => comparePositions('1/2', 'x/y')).toThrow(RangeError);
  });
});

describe('KurrentDB mapping: errors', () => {
  it('turns WrongExpectedVersionError into a concurrency conflict with the server-reported revisions', () => {
    const wrong = new WrongExpectedVersionError(undefined, { streamName: 'incident-1', expected: 3n, current: 5n });
    const mapped = toStoreError(wrong, { stream: 'incident-1' });
    expect(mapped).toBeInstanceOf(ConcurrencyConflictError);
    expect(mapped).toMatchObject({ stream: 'incident-1', expected: 3, actual: 5 });
  });

  it("prefers the caller's expected revision to the server's report of it", () => {
    const wrong = new WrongExpectedVersionError(undefined, { streamName: 'incident-3', expected: 'any', current: 1n });
    expect(toStoreError(wrong, { stream: 'incident-3', expected: 0 })).toMatchObject({ expected: 0, actual: 1 });
  });

  it('reports a stream that does not exist as no_stream', () => {
    const wrong = new WrongExpectedVersionError(undefined, {
      streamName: 'incident-2',
      expected: 'stream_exists',
      current: 'no_stream',
    });
    expect(toStoreError(wrong)).toMatchObject({ stream: 'incident-2', expected: 'stream_exists', actual: 'no_stream' });
  });

  it('turns both shapes of "no server" into StoreUnavailableError', () => {
    const plain = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    const leaderMetadata = { 'leader-endpoint-host': '10.0.0.2', 'leader-endpoint-port': '2113' };
    const notLeader = new NotLeaderError({
      code: 5,
      message: 'not leader',
      metadata: leaderMetadata,
    } as unknown as ConstructorParameters<typeof NotLeaderError>[0]);
    for (const error of [plain, new UnavailableError(), new DeadlineExceededError(), notLeader]) {
      const mapped = toStoreError(error);
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect((mapped as StoreUnavailableError).cause).toBe(error);
    }
  });

  it('turns the server maximum-append-size error into EventTooLargeError naming the largest event', () => {
    const events = [event('a', { note: 'small' }), event('b', { note: 'x'.repeat(2000) })];
    const mapped = toStoreError(MaxAppendSizeExceededError.fromMaxAppendSize(1024), { stream: 's', events });
    expect(mapped).toBeInstanceOf(EventTooLargeError);
    expect(mapped).toMatchObject({ eventId: 'b', limit: 1024 });
    expect((mapped as EventTooLargeError).size).toBeGreaterThan(2000);
  });

  it('passes any other error through unchanged, and recognises StreamNotFoundError', () => {
    const other = new Error('boom');
    expect(toStoreError(other)).toBe(other);
    expect(toStoreError(Object.assign(new Error('bad'), { code: 3 }))).toBeInstanceOf(Error);
    expect(toStoreError(Object.assign(new Error('bad'), { code: 3 }))).not.toBeInstanceOf(StoreUnavailableError);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'incident-9'))).toBe(true);
    expect(isStreamNotFound(other)).toBe(false);
  });
});

describe('KurrentDB mapping: resolved events', () => {
  const recorded = (type: string) =>
    ({
      event: {
        streamId: 'incident-7',
        id: '9b5e2a8e-8c1b-4f7e-9d55-0d3b7a1c2e11',
        isJson: true,
        revision: 4n,
        type,
        created: new Date('2026-11-29T10:00:00.000Z'),
        data: { place: 'Харків', note: 'ذخائر عنقودية' },
        metadata: { actor: 'tester', correlationId: 'c-1' },
        position: { commit: 500n, prepare: 480n },
      },
    }) as ResolvedEvent;

  it('maps the server record onto StoredEvent (server clock, bigint revision to number, opaque position)', () => {
    expect(toStoredEvent(recorded('UseAlleged'))).toEqual({
      id: '9b5e2a8e-8c1b-4f7e-9d55-0d3b7a1c2e11',
      type: 'UseAlleged',
      data: { place: 'Харків', note: 'ذخائر عنقودية' },
      metadata: { actor: 'tester', correlationId: 'c-1' },
      stream: 'incident-7',
      revision: 4,
      position: encodePosition({ commit: 500n, prepare: 480n }),
      recordedAt: new Date('2026-11-29T10:00:00.000Z'),
    });
  });

  it('drops system events and unresolved links', () => {
    expect(toStoredEvent(recorded('$metadata'))).toBeUndefined();
    expect(toStoredEvent({})).toBeUndefined();
  });
});

describe('KurrentDbEventStore without a server', () => {
  // Port 1 refuses connections at once; the deadline bounds anything that would wait.
  let store: EventStore;
  beforeEach(() => {
    store = KurrentDbEventStore.fromConnectionString('kurrentdb://127.0.0.1:1?tls=false&defaultDeadline=2000');
  });
  afterEach(() => store.close());

  it('rejects append with StoreUnavailableError', async () => {
    await expect(
      store.append('incident-1', [event('e-1', { n: 1 })], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('rejects ping with StoreUnavailableError', async () => {
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('rejects reads with StoreUnavailableError instead of reading as empty', async () => {
    const drain = async (events: AsyncIterable<unknown>) => {
      for await (const _ of events);
    };
    await expect(drain(store.readStream('incident-1'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(drain(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('fails a subscription with StoreUnavailableError', async () => {
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBeInstanceOf(StoreUnavailableError);
    await subscription.close();
  });
});
