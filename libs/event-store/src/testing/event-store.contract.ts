import { ConcurrencyConflictError, EventTooLargeError } from '../errors';
import { MAX_APPEND_BYTES, eventSize } from '../size-limits';
import {
  ANY,
  NO_STREAM,
  READ_BATCH_SIZE,
  STREAM_EXISTS,
  type EventStore,
  type NewEvent,
  type Position,
  type StoredEvent,
  type Subscription,
} from '../event-store.port';
import { uuidv7 } from '../uuid';
import { collect, newEvent, nextMatching, serialised } from './contract-helpers';

/**
 * The promises every EventStore adapter keeps. Each adapter's spec calls this with a factory.
 * Streams get random names and $all is read only after a position observed during the test, so
 * the suite also runs against a shared, persistent server where other events exist.
 */
export function describeEventStoreContract(name: string, create: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await create();
    });
    afterAll(async () => {
      await store?.close();
    });

    const streamName = (label: string) => `contract_${label}-${uuidv7()}`;
    /** A position at (or after) the current end of $all: append a marker and use its position. */
    const headPosition = async (): Promise<Position> =>
      (await store.append(streamName('marker'), [newEvent('MarkerSet')])).position;
    const readAllOf = async (streams: string[], fromPosition: Position): Promise<StoredEvent[]> =>
      (await collect(store.readAll({ fromPosition }))).filter((e) => streams.includes(e.stream));

    it('stores every field and reads the stream back, revisions from 0', async () => {
      const stream = streamName('roundtrip');
      const events = [newEvent('UseAlleged', { n: 1 }), newEvent('CorroborationAdded', { n: 2, list: [1, 'a', null] })];
      const before = Date.now();
      const result = await store.append(stream, events, { expectedRevision: NO_STREAM });
      const after = Date.now();
      const read = await collect(store.readStream(stream));

      expect(result.nextExpectedRevision).toBe(1);
      expect(read.map((e) => [e.id, e.type, e.data, e.metadata, e.stream, e.revision])).toEqual(
        events.map((e, i) => [e.id, e.type, e.data, e.metadata, stream, i]),
      );
      expect(read[1].position).toBe(result.position);
      expect(store.comparePositions(read[0].position, read[1].position)).toBeLessThan(0);
      for (const e of read) {
        expect(e.recordedAt).toBeInstanceOf(Date);
        // The store's clock: allow a remote server's clock some skew against ours.
        expect(e.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
        expect(e.recordedAt.getTime()).toBeLessThanOrEqual(after + 60_000);
      }
    });

    it('reads an unknown stream as empty', async () => {
      expect(await collect(store.readStream(streamName('unknown')))).toEqual([]);
      expect(await collect(store.readStream(streamName('unknown'), { direction: 'backwards' }))).toEqual([]);
    });

    describe('expected revision', () => {
      const conflict = (expected: unknown, actual: unknown) =>
        expect.objectContaining({ name: 'ConcurrencyConflictError', code: 'CONFLICT', expected, actual });

      it('no_stream: creates a stream, refuses an existing one', async () => {
        const stream = streamName('nostream');
        await expect(store.append(stream, [newEvent('A')], { expectedRevision: NO_STREAM })).resolves.toMatchObject({
          nextExpectedRevision: 0,
        });
        const refused = store.append(stream, [newEvent('B')], { expectedRevision: NO_STREAM });
        await expect(refused).rejects.toBeInstanceOf(ConcurrencyConflictError);
        await expect(refused).rejects.toEqual(conflict(NO_STREAM, 0));
        expect((await collect(store.readStream(stream))).map((e) => e.type)).toEqual(['A']);
      });

      it('stream_exists: refuses a missing stream, accepts an existing one', async () => {
        const stream = streamName('exists');
        await expect(store.append(stream, [newEvent('A')], { expectedRevision: STREAM_EXISTS })).rejects.toEqual(
          conflict(STREAM_EXISTS, NO_STREAM),
        );
        expect(await collect(store.readStream(stream))).toEqual([]);
        await store.append(stream, [newEvent('A')], { expectedRevision: NO_STREAM });
        await expect(
          store.append(stream, [newEvent('B'), newEvent('C')], { expectedRevision: STREAM_EXISTS }),
        ).resolves.toMatchObject({ nextExpectedRevision: 2 });
      });

      it('any (also the default): appends whether or not the stream exists', async () => {
        const stream = streamName('any');
        await expect(store.append(stream, [newEvent('A')], { expectedRevision: ANY })).resolves.toMatchObject({
          nextExpectedRevision: 0,
        });
        await expect(store.append(stream, [newEvent('B')], { expectedRevision: ANY })).resolves.toMatchObject({
          nextExpectedRevision: 1,
        });
        await expect(store.append(stream, [newEvent('C')])).resolves.toMatchObject({ nextExpectedRevision: 2 });
      });

      it('a number: accepts the current revision, refuses any other with expected and actual', async () => {
        const stream = streamName('number');
        await expect(store.append(stream, [newEvent('A')], { expectedRevision: 0 })).rejects.toEqual(
          conflict(0, NO_STREAM),
        );
        await store.append(stream, [newEvent('A'), newEvent('B')]);
        await expect(store.append(stream, [newEvent('C')], { expectedRevision: 0 })).rejects.toEqual(conflict(0, 1));
        await expect(store.append(stream, [newEvent('C')], { expectedRevision: 2 })).rejects.toEqual(conflict(2, 1));
        await expect(store.append(stream, [newEvent('C')], { expectedRevision: 1 })).resolves.toMatchObject({
          nextExpectedRevision: 2,
        });
        expect((await collect(store.readStream(stream))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('a number that is no revision (negative, fractional): a RangeError, nothing appended', async () => {
        const stream = streamName('no-revision');
        for (const expectedRevision of [-1, 1.5, Number.NaN]) {
          await expect(store.append(stream, [newEvent('A')], { expectedRevision })).rejects.toThrow(RangeError);
        }
        await store.append(stream, [newEvent('B')]);
        await expect(store.append(stream, [newEvent('C')], { expectedRevision: -1 })).rejects.toThrow(RangeError);
        expect((await collect(store.readStream(stream))).map((e) => e.type)).toEqual(['B']);
      });
    });

    it('reads a stream from a revision, backwards, and at most maxCount', async () => {
      const stream = streamName('slices');
      await store.append(
        stream,
        ['E0', 'E1', 'E2', 'E3', 'E4'].map((type) => newEvent(type)),
      );
      const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
        (await collect(store.readStream(stream, options))).map((e) => e.revision);

      expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
      expect(await revisions({ fromRevision: 'start' })).toEqual([0, 1, 2, 3, 4]);
      expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
      expect(await revisions({ fromRevision: 2, maxCount: 2 })).toEqual([2, 3]);
      expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
      expect(await revisions({ direction: 'backwards', fromRevision: 'end', maxCount: 2 })).toEqual([4, 3]);
      expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
      expect(await revisions({ fromRevision: 5 })).toEqual([]);
    });

    it('reads many streams at once as each alone, an unknown one as empty', async () => {
      const [a, b, unknown] = [streamName('many-a'), streamName('many-b'), streamName('many-unknown')];
      await store.append(a, [newEvent('E0'), newEvent('E1')]);
      await store.append(b, [newEvent('F0')]);
      await store.append(a, [newEvent('E2')]);
      const read = await store.readStreams([b, unknown, a, b]);

      expect([...read.keys()].sort()).toEqual([a, b, unknown].sort());
      for (const stream of [a, b, unknown]) expect(read.get(stream)).toEqual(await collect(store.readStream(stream)));
      expect(read.get(a)!.map((e) => e.type)).toEqual(['E0', 'E1', 'E2']);
      expect(await store.readStreams([])).toEqual(new Map());
    });

    it('orders $all across streams and reads it after a position, at most maxCount', async () => {
      const start = await headPosition();
      const [a, b] = [streamName('all-a'), streamName('all-b')];
      await store.append(a, [newEvent('A0')]);
      await store.append(b, [newEvent('B0')]);
      await store.append(a, [newEvent('A1'), newEvent('A2')]);
      await store.append(b, [newEvent('B1')]);

      const ours = await readAllOf([a, b], start);
      expect(ours.map((e) => e.type)).toEqual(['A0', 'B0', 'A1', 'A2', 'B1']);
      for (let i = 1; i < ours.length; i++) {
        expect(store.comparePositions(ours[i - 1].position, ours[i].position)).toBeLessThan(0);
      }
      expect(store.comparePositions(start, ours[0].position)).toBeLessThan(0);
      expect(store.comparePositions(ours[2].position, ours[2].position)).toBe(0);

      // fromPosition is exclusive; maxCount caps the read.
      const two = await collect(store.readAll({ fromPosition: start, maxCount: 2 }));
      expect(two).toHaveLength(2);
      expect(store.comparePositions(start, two[0].position)).toBeLessThan(0);
      const next = await collect(store.readAll({ fromPosition: two[0].position, maxCount: 1 }));
      expect(next.map((e) => e.id)).toEqual([two[1].id]);
      const afterB1 = await readAllOf([a, b], ours[4].position);
      expect(afterB1).toEqual([]);
      expect((await readAllOf([a, b], ours[1].position)).map((e) => e.type)).toEqual(['A1', 'A2', 'B1']);
    });

    it('reads $all in pages: as readAll does, in order, none empty, after a position, at most maxCount', async () => {
      const start = await headPosition();
      const stream = streamName('batches');
      const count = READ_BATCH_SIZE * 2 + 7;
      await store.append(
        stream,
        Array.from({ length: count }, (_, n) => newEvent('Paged', { n })),
      );

      const batches = await collect(store.readAllBatches({ fromPosition: start }));
      expect(batches.length).toBeGreaterThan(2);
      for (const batch of batches) {
        expect(batch.length).toBeGreaterThan(0);
        expect(batch.length).toBeLessThanOrEqual(READ_BATCH_SIZE);
      }
      const flat = batches.flat();
      expect(flat).toEqual(await collect(store.readAll({ fromPosition: start })));
      const ours = flat.filter((e) => e.stream === stream);
      expect(ours.map((e) => e.data.n)).toEqual([...Array(count).keys()]);

      const capped = (
        await collect(store.readAllBatches({ fromPosition: start, maxCount: READ_BATCH_SIZE + 3 }))
      ).flat();
      expect(capped.map((e) => e.id)).toEqual(flat.slice(0, READ_BATCH_SIZE + 3).map((e) => e.id));
      const rest = (await collect(store.readAllBatches({ fromPosition: ours[count - 2].position }))).flat();
      expect(rest.filter((e) => e.stream === stream).map((e) => e.id)).toEqual([ours[count - 1].id]);
    });

    it('lets exactly one of two concurrent writers at the same revision win; the loser writes nothing', async () => {
      for (const expectedRevision of [NO_STREAM, 0] as const) {
        const stream = streamName('race');
        if (expectedRevision === 0) await store.append(stream, [newEvent('Seed')]);
        const writers = ['W1', 'W2'].map((type) => [newEvent(type), newEvent(`${type}-bis`)]);
        const outcomes = await Promise.allSettled(
          writers.map((events) => store.append(stream, events, { expectedRevision })),
        );

        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toBeInstanceOf(ConcurrencyConflictError);
        expect(lost[0].reason).toMatchObject({ expected: expectedRevision, actual: expectedRevision === 0 ? 2 : 1 });
        const winner = writers[outcomes.indexOf(won[0])];
        const stored = (await collect(store.readStream(stream))).filter((e) => e.type !== 'Seed');
        expect(stored.map((e) => e.id)).toEqual(winner.map((e) => e.id));
      }
    });

    describe('retries (the same event ids again)', () => {
      /** The stream's event ids, in order. */
      const idsOf = async (stream: string) => (await collect(store.readStream(stream))).map((e) => e.id);

      it('with the exact expected revision of the first append (no_stream): first result, none written', async () => {
        const start = await headPosition();
        const stream = streamName('retry');
        const events = [newEvent('A'), newEvent('B')];
        const first = await store.append(stream, events, { expectedRevision: NO_STREAM });
        const again = await store.append(stream, events, { expectedRevision: NO_STREAM });
        expect(again).toEqual(first);
        const later = await store.append(stream, [newEvent('C')], { expectedRevision: 1 });
        expect(await store.append(stream, events, { expectedRevision: NO_STREAM })).toEqual(first);
        expect(later.nextExpectedRevision).toBe(2);
        expect((await collect(store.readStream(stream))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
        expect(await readAllOf([stream], start)).toHaveLength(3);
      });

      it('with the exact expected revision of the first append (a number), also after later writes', async () => {
        const stream = streamName('retry-number');
        await store.append(stream, [newEvent('Seed')], { expectedRevision: NO_STREAM });
        const events = [newEvent('A'), newEvent('B')];
        const first = await store.append(stream, events, { expectedRevision: 0 });
        expect(await store.append(stream, events, { expectedRevision: 0 })).toEqual(first);
        await store.append(stream, [newEvent('C')], { expectedRevision: 2 });
        expect(await store.append(stream, events, { expectedRevision: 0 })).toEqual(first);
        expect((await collect(store.readStream(stream))).map((e) => e.type)).toEqual(['Seed', 'A', 'B', 'C']);
      });

      /**
       * Not promised to write nothing: KurrentDB writes the events again when the expected revision is the
       * stream's current one, and dedupes `any` and `stream_exists` only from a cache of recent ids. What
       * both stores keep: the append succeeds, the stream holds whole copies of the events, in order, and
       * the result points at the last event of a copy.
       */
      type Loose = 'any' | 'stream_exists' | number;
      const retriedLoosely = async (label: string, expectedFor: (current: number) => Loose) => {
        const stream = streamName(label);
        const events = [newEvent('A'), newEvent('B')];
        const first = await store.append(stream, events, { expectedRevision: NO_STREAM });
        const again = await store.append(stream, events, { expectedRevision: expectedFor(first.nextExpectedRevision) });
        const ids = await idsOf(stream);
        const copy = events.map((e) => e.id);
        expect([copy, [...copy, ...copy]]).toContainEqual(ids);
        expect(again.nextExpectedRevision).toBeGreaterThanOrEqual(first.nextExpectedRevision);
        expect(ids[again.nextExpectedRevision]).toBe(copy[copy.length - 1]);
        const [last] = await collect(store.readStream(stream, { fromRevision: again.nextExpectedRevision }));
        expect(last.position).toBe(again.position);
        // Whatever happened, the stream goes on from the revision the retry reported.
        const next = store.append(stream, [newEvent('C')], { expectedRevision: ids.length - 1 });
        await expect(next).resolves.toMatchObject({ nextExpectedRevision: ids.length });
      };

      it('with any: succeeds, whole copies only, the result points at one', () =>
        retriedLoosely('retry-any', () => ANY));
      it('with stream_exists: succeeds, whole copies only, the result points at one', () =>
        retriedLoosely('retry-exists', () => STREAM_EXISTS));
      it('with a revision read after the first append: succeeds, whole copies only, the result points at one', () =>
        retriedLoosely('retry-reread', (current) => current));
    });

    describe('size limits (per event and per append, counted alike by every store)', () => {
      const limit = MAX_APPEND_BYTES;
      /** An event of exactly `bytes` bytes as the stores count them. */
      const eventOf = (bytes: number): NewEvent => {
        const event = newEvent('Sized', { text: '' });
        const text = 'x'.repeat(bytes - eventSize(serialised(event)));
        event.data = { text };
        expect(eventSize(serialised(event))).toBe(bytes);
        return event;
      };

      it('accepts an event just under the limit and refuses one just over it, naming it and its size', async () => {
        const stream = streamName('size-event');
        await expect(store.append(stream, [eventOf(limit - 1)])).resolves.toMatchObject({ nextExpectedRevision: 0 });
        const over = eventOf(limit + 1);
        const refused = store.append(stream, [newEvent('Small'), over]);
        await expect(refused).rejects.toBeInstanceOf(EventTooLargeError);
        await expect(refused).rejects.toMatchObject({ eventId: over.id, size: limit + 1, limit });
        await expect(refused).rejects.toThrow(new RegExp(`${over.id} is ${limit + 1} bytes`));
        expect(await collect(store.readStream(stream))).toHaveLength(1);
      });

      it('accepts an append just under the limit and refuses one just over it, naming its largest event', async () => {
        const stream = streamName('size-append');
        const half = Math.floor(limit / 2);
        await expect(store.append(stream, [eventOf(half), eventOf(limit - 1 - half)])).resolves.toMatchObject({
          nextExpectedRevision: 1,
        });
        const [a, b] = [eventOf(half - 10), eventOf(limit + 1 - (half - 10))];
        const refused = store.append(stream, [a, b]);
        const size = limit + 1 - (half - 10);
        await expect(refused).rejects.toMatchObject({ eventId: b.id, size, limit, appendSize: limit + 1 });
        await expect(refused).rejects.toThrow(new RegExp(`${b.id}, is ${size} bytes`));
        expect(await collect(store.readStream(stream))).toHaveLength(2);
      });
    });

    it('counts the lag after a checkpoint (up to a cap) and names the head', async () => {
      const from = await headPosition();
      const streams = [streamName('lag-a'), streamName('lag-b')];
      await store.append(streams[0], [newEvent('A'), newEvent('B')]);
      const last = await store.append(streams[1], [newEvent('C')]);
      // A shared server may hold other writers' events after ours: at least ours are counted.
      const lag = await store.lagAfter(from);
      expect(lag.exact).toBe(true);
      expect(lag.events).toBeGreaterThanOrEqual(3);
      expect(store.comparePositions(lag.head!, last.position)).toBeGreaterThanOrEqual(0);
      expect(await store.lagAfter(from, 2)).toEqual({ events: 2, exact: false, head: null });
      const caughtUp = await store.lagAfter(lag.head);
      expect(caughtUp.events).toBe(0);
      expect(caughtUp.head).toBe(lag.head);
    });

    describe('subscribeToAll', () => {
      let subscriptions: Subscription[] = [];
      afterEach(async () => {
        await Promise.all(subscriptions.map((s) => s.close()));
        subscriptions = [];
      });
      const subscribe = (fromPosition: Position) => {
        const subscription = store.subscribeToAll({ fromPosition });
        subscriptions.push(subscription);
        return subscription;
      };

      it('catches up, then goes live, then resumes from a checkpoint with nothing lost or repeated', async () => {
        const start = await headPosition();
        const stream = streamName('sub');
        const ours = (e: StoredEvent) => e.stream === stream;
        await store.append(stream, [newEvent('E0'), newEvent('E1')]);

        const first = subscribe(start);
        const caughtUp = await nextMatching(first, ours, 2);
        expect(caughtUp.map((e) => e.type)).toEqual(['E0', 'E1']);
        const live = nextMatching(first, ours, 1); // waiting before the append happens
        await store.append(stream, [newEvent('E2')]);
        expect((await live).map((e) => e.type)).toEqual(['E2']);
        const checkpoint = (await live)[0].position;
        await first.close();

        await store.append(stream, [newEvent('E3'), newEvent('E4')]);
        const resumed = subscribe(checkpoint);
        expect((await nextMatching(resumed, ours, 2)).map((e) => e.type)).toEqual(['E3', 'E4']);
        const more = nextMatching(resumed, ours, 1);
        await store.append(stream, [newEvent('E5')]);
        const [e5] = await more;
        expect(e5).toMatchObject({ type: 'E5', revision: 5, stream });
      });

      it('delivers full stored events, in $all order, to a live subscriber', async () => {
        const start = await headPosition();
        const [a, b] = [streamName('sub-a'), streamName('sub-b')];
        const subscription = subscribe(start);
        const received = nextMatching(subscription, (e) => e.stream === a || e.stream === b, 3);
        const sent = [newEvent('A0', { x: 'ﻉ' }), newEvent('B0'), newEvent('A1')];
        await Promise.all([store.append(a, [sent[0]]), store.append(b, [sent[1]])]);
        await store.append(a, [sent[2]]);
        const events = await received;
        expect(events).toEqual(await readAllOf([a, b], start));
        expect(new Set(events.map((e) => e.id))).toEqual(new Set(sent.map((e) => e.id)));
      });

      it('ends for good when its consumer leaves the loop early: nothing more is delivered', async () => {
        const start = await headPosition();
        const stream = streamName('left');
        await store.append(stream, [newEvent('E0'), newEvent('E1')]);
        const subscription = subscribe(start);
        for await (const event of subscription) if (event.stream === stream) break;
        await store.append(stream, [newEvent('E2')]);
        const after: StoredEvent[] = [];
        for await (const event of subscription) after.push(event);
        expect(after).toEqual([]);
      });

      it('ends iteration when closed', async () => {
        const subscription = subscribe(await headPosition());
        const iteration = (async () => {
          let count = 0;
          for await (const _ of subscription) count++;
          return count;
        })();
        await subscription.close();
        await expect(iteration).resolves.toBe(0);
      });
    });

    it('round-trips a 1 MB event and non-Latin text byte for byte', async () => {
      const stream = streamName('large');
      const text = {
        ar: 'استُخدمت الذخائر العنقودية في منطقة سكنية؛ شهادة الشاهد رقم ٣',
        uk: 'Касетні боєприпаси влучили в житловий квартал: ґанок, їжак, єнот, Київ',
        mixed: 'e\u0301 \u{1F4A3} \u00A0 "quotes" \\ back\nslash \u2028',
      };
      const blob = `${text.ar} ${text.uk} `.repeat(8000).slice(0, 1_000_000 / 2); // ~1 MB in UTF-8
      const big: NewEvent = newEvent('EvidenceAttached', { blob, ...text });
      big.metadata = { ...big.metadata, note: text.uk };
      const size = Buffer.byteLength(JSON.stringify(big.data));
      expect(size).toBeGreaterThan(900_000);

      // Two appends: KurrentDB's default limit is 1 MiB per append, not per event.
      await store.append(stream, [big]);
      await store.append(stream, [newEvent('NoteAdded', text)]);
      const [readBig, readText] = await collect(store.readStream(stream));
      const [readBytes, sentBytes] = [readBig.data, big.data].map((d) => Buffer.from(JSON.stringify(d)));
      expect(readBytes.length).toBe(sentBytes.length);
      expect(readBytes.equals(sentBytes)).toBe(true); // not toEqual: a 1 MB Buffer diff is slow
      expect(readBig.data).toEqual(big.data);
      expect(readBig.metadata).toEqual(big.metadata);
      expect(readText.data).toEqual(text);
    });
  });
}
