import { randomFillSync } from 'node:crypto';

// Random bytes are drawn in pools: one syscall per 256 ids instead of one per id.
const POOL_IDS = 256;
const BYTES_PER_ID = 10; // 2 seed the sequence, 8 fill the random tail
const pool = Buffer.alloc(POOL_IDS * BYTES_PER_ID);
let poolOffset = pool.length;

let lastMs = -1;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): a 48-bit Unix-millisecond timestamp, then a 12-bit sequence
 * (method 3: monotonic within this process, seeded at random each millisecond), then 62 random bits.
 * Time-ordered ids keep the event-id index append-mostly instead of dirtying random pages.
 */
export function uuidv7(): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const rnd = pool.subarray(poolOffset, poolOffset + BYTES_PER_ID);
  poolOffset += BYTES_PER_ID;

  let ms = Date.now();
  if (ms > lastMs) {
    sequence = ((rnd[0] << 8) | rnd[1]) & 0x7ff; // leave headroom so the counter rarely overflows
    lastMs = ms;
  } else {
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1; // borrow the next millisecond rather than break monotonicity
      sequence = 0;
    }
    ms = lastMs;
  }

  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (rnd[2] & 0x3f);
  rnd.copy(bytes, 9, 3, 10);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
