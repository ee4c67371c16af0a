import { Readable } from 'node:stream';
import { type KurrentDBClient, NotLeaderError } from '@kurrent/kurrentdb-client';
// The client's own conversions of what the server sends: the bridge's records (reads) and gRPC (subscriptions).
import { convertRustEvent } from '@kurrent/kurrentdb-client/dist/utils/convertRustEvent';
import { convertGrpcEvent } from '@kurrent/kurrentdb-client/dist/utils/convertGrpcEvent';
import { ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { StreamIdentifier, UUID } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import type * as bridge from '@kurrent/bridge';
import { StoreUnavailableError } from '../errors';
import type { NewEvent, StoredEvent } from '../event-store.port';
import { collect } from '../testing/contract-helpers';
import { KurrentDbEventStore } from './kurrentdb.event-store';
import { encodePosition, toStoredEvent } from './kurrentdb.mapping';

/** A record as the bridge hands it to the client (@kurrent/bridge RecordedEvent): bytes as written. */
function rawRecord(revision: number, fields: Partial<bridge.RecordedEvent> = {}): bridge.RecordedEvent {
  const json = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));
  return {
    streamId: 'shared-stream',
    id: `0190f0a8-0000-7000-8000-00000000000${revision}`,
    type: 'UseAlleged',
    isJson: true,
    revision: BigInt(revision),
    created: Date.UTC(2026, 10, 29, 10, revision),
    data: json({ incidentId: `i-${revision}` }),
    metadata: json({ actor: 'a', correlationId: 'c' }),
    position: { commit: BigInt(100 + revision), prepare: BigInt(100 + revision) },
    ...fields,
  };
}
const fromBridge = (record: bridge.RecordedEvent) => convertRustEvent({ event: record });

/** The same through gRPC, as a subscription receives it. */
function grpcEvent(record: bridge.RecordedEvent, contentType: string): ReadResp.ReadEvent {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.id))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(record.streamId)))
    .setStreamRevision(String(record.revision))
    .setCommitPosition(String(record.position!.commit))
    .setPreparePosition(String(record.position!.prepare))
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  const ticks = String(BigInt(record.created) * 10_000n); // .NET ticks: 100 ns
  recorded.getMetadataMap().set('type', record.type).set('content-type', contentType).set('created', ticks);
  return new ReadResp.ReadEvent().setEvent(recorded);
}

const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

describe('KurrentDB adapter: events another application wrote', () => {
  const cases: [string, Partial<bridge.RecordedEvent>, string][] = [
    ['binary data', { isJson: false, data: binary }, 'binary data'],
    ['non-JSON metadata', { metadata: new Uint8Array(Buffer.from('trace=1;user=x')) }, 'metadata is not a JSON object'],
    ['malformed JSON data', { data: new Uint8Array(Buffer.from('{"incidentId": ')) }, 'data is not a JSON object'],
    ['JSON data that is not an object', { data: new Uint8Array(Buffer.from('[1,2]')) }, 'data is not a JSON object'],
  ];

  it.each(cases)('marks %s unreadable, keeping where it is, as the client converted it', (_, fields, reason) => {
    const record = rawRecord(3, fields);
    const contentType = record.isJson ? 'application/json' : 'application/octet-stream';
    for (const resolved of [fromBridge(record), convertGrpcEvent(grpcEvent(record, contentType))]) {
      expect(toStoredEvent(resolved)).toEqual({
        id: record.id,
        type: 'UseAlleged',
        stream: 'shared-stream',
        revision: 3,
        position: encodePosition(record.position!),
        recordedAt: new Date(record.created),
        data: {},
        metadata: { actor: '', correlationId: '' },
        unreadable: reason,
      });
    }
  });

  it('reads one of our events as it was written, through both conversions', () => {
    const record = rawRecord(2);
    for (const resolved of [fromBridge(record), convertGrpcEvent(grpcEvent(record, 'application/json'))]) {
      const stored = toStoredEvent(resolved)!;
      expect(stored).toMatchObject({ data: { incidentId: 'i-2' }, metadata: { actor: 'a', correlationId: 'c' } });
      expect(stored.unreadable).toBeUndefined();
    }
  });

  it('reads on past a foreign event in $all and in a stream: it is delivered marked, never thrown', async () => {
    const records = [rawRecord(1), rawRecord(2, { isJson: false, data: binary, metadata: binary }), rawRecord(3)];
    const pages = async function* () {
      for (const r of records) yield fromBridge(r);
    };
    const client = { readAll: pages, readStream: pages } as unknown as KurrentDBClient;
    const store = new KurrentDbEventStore(client);
    for (const events of [await collect(store.readAll()), await collect(store.readStream('shared-stream'))]) {
      const read = events.map((e) => [e.revision, e.unreadable]);
      expect(read).toEqual([
        [1, undefined],
        [2, 'binary data'],
        [3, undefined],
      ]);
    }
  });
});

const newEvent = (n: number): NewEvent => ({
  id: `0190f0a8-0000-7000-8000-0000000000a${n}`,
  type: 'UseAlleged',
  data: { n },
  metadata: { actor: 'a', correlationId: 'c' },
});

describe('KurrentDB adapter: a committed append whose read-back fails', () => {
  const leader = { 'leader-endpoint-host': 'h', 'leader-endpoint-port': '1' };
  const notLeader = () => new NotLeaderError({ code: 5, message: 'not leader', metadata: leader } as never);
  const clientWith = (position: { commit: bigint; prepare: bigint } | undefined, appended: { count: number }) =>
    ({
      appendToStream: async () => {
        appended.count++;
        return { success: true, nextExpectedRevision: 4n, position };
      },
      readStream: async function* () {
        yield* [];
        throw notLeader();
      },
    }) as unknown as KurrentDBClient;

  it('is reported done with the write position the server gave, not as a failed append', async () => {
    const appended = { count: 0 };
    const store = new KurrentDbEventStore(clientWith({ commit: 900n, prepare: 880n }, appended));
    await expect(store.append('incident-1', [newEvent(1), newEvent(2)], { expectedRevision: 2 })).resolves.toEqual({
      nextExpectedRevision: 4,
      position: encodePosition({ commit: 900n, prepare: 880n }),
    });
    expect(appended.count).toBe(1);
  });

  it('is reported done with the start of $all as lower bound when the server gave no position (a retry)', async () => {
    const store = new KurrentDbEventStore(clientWith(undefined, { count: 0 }));
    await expect(store.append('incident-1', [newEvent(1), newEvent(2)], { expectedRevision: 2 })).resolves.toEqual({
      nextExpectedRevision: 4,
      position: encodePosition({ commit: 0n, prepare: 0n }),
    });
  });

  it('still fails when the append itself fails', async () => {
    const client = { appendToStream: async () => Promise.reject(notLeader()) } as unknown as KurrentDBClient;
    const appending = new KurrentDbEventStore(client).append('incident-1', [newEvent(1)]);
    await expect(appending).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('KurrentDB adapter: connection strings', () => {
  const problem = KurrentDbEventStore.connectionStringProblem;

  it('accepts exactly the schemes the client lists, with and without discovery', () => {
    // The client's own list, from its own refusal: nothing kept here by hand.
    const listed = problem('eventstoredb://localhost:2113')!;
    const schemes = [...listed.matchAll(/([a-z+]+):\/\//g)].map((m) => m[1]).filter((s) => s !== 'eventstoredb');
    expect(schemes).toEqual(expect.arrayContaining(['kurrentdb', 'kurrent', 'kdb', 'kurrentdb+discover']));
    for (const scheme of schemes) {
      expect([scheme, problem(`${scheme}://localhost:2113?tls=false`)]).toEqual([scheme, undefined]);
    }
  });

  it('refuses what the client would refuse at start, with its reason', () => {
    expect(problem('eventstoredb://localhost:2113')).toMatch(/Unexpected "eventstoredb:\/\/"/);
    expect(problem('http://localhost:2113')).toMatch(/expected kurrentdb:\/\//);
    expect(problem('kurrentdb://localhost:2113?tls=maybe')).toMatch(/expected true or false/);
    expect(problem('kurrentdb://')).toBeDefined();
    expect(problem('')).toBeDefined();
  });
});

/** A stand-in for the client's subscription: a Readable of resolved events that can be unsubscribed. */
function upstream(events: ReturnType<typeof fromBridge>[], end: boolean) {
  const readable = new Readable({ objectMode: true, read() {} });
  for (const e of events) readable.push(e);
  if (end) readable.push(null);
  return Object.assign(readable, { unsubscribe: jest.fn(async () => undefined) });
}

describe('KurrentDB adapter: subscriptions that end or are left', () => {
  it('subscribes again from the last event delivered when the server ends the stream without an error', async () => {
    const opened: { from: unknown; stream: ReturnType<typeof upstream> }[] = [];
    const streams = [
      upstream([fromBridge(rawRecord(1)), fromBridge(rawRecord(2))], true),
      upstream([fromBridge(rawRecord(3))], false),
    ];
    const client = {
      subscribeToAll: (options: { fromPosition: unknown }) => {
        const stream = streams[opened.length];
        opened.push({ from: options.fromPosition, stream });
        return stream;
      },
    } as unknown as KurrentDBClient;
    const subscription = new KurrentDbEventStore(client).subscribeToAll();
    const seen: StoredEvent[] = [];
    for await (const event of subscription) {
      seen.push(event);
      if (seen.length === 3) break; // the consumer leaves early
    }
    expect(seen.map((e) => e.revision)).toEqual([1, 2, 3]);
    expect(opened.map((o) => o.from)).toEqual(['start', rawRecord(2).position]);
    // Leaving the loop unsubscribed the live stream: the server does not stream on to no one.
    expect(opened[1].stream.unsubscribe).toHaveBeenCalledTimes(1);
    expect(opened[1].stream.destroyed).toBe(true);
  });

  it('fails with StoreUnavailableError, instead of ending quietly, when the server keeps ending it', async () => {
    const client = { subscribeToAll: () => upstream([], true) } as unknown as KurrentDBClient;
    const iterator = new KurrentDbEventStore(client).subscribeToAll()[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBeInstanceOf(StoreUnavailableError);
  }, 20_000);
});
