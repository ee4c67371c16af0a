/** What one command appended (or found appended by an earlier run of its idempotency key). */
export interface WriteReceipt {
  stream: string;
  /** Ids of the events appended; empty for an idempotent replay, which appends nothing. */
  eventIds: string[];
  /** Revisions of the first and last event appended in the stream (a replay's are not known: null). */
  fromRevision: number | null;
  revision: number | null;
  /** Global position of the last event (opaque: compare it with projectionStatus.checkpoint only for equality). */
  position: string;
  replayed: boolean;
  /** Whether this instance's projection file showed the write when the mutation answered. */
  visible: boolean;
}

/** Where the receipts of one GraphQL request are collected: on its context, read by the onResolution hook. */
export interface WriteReceiptSink {
  writes?: WriteReceipt[];
}

/** The request's receipt list, created on first use. */
export function writeReceiptsOf(context: WriteReceiptSink): WriteReceipt[] {
  return (context.writes ??= []);
}
