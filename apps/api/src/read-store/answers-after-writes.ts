import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_POLICY } from '@app/domain';
import { EventStore } from '@app/event-store';
import type { ReadStore } from '@app/read-store';
import type { WriteReceipt } from '../shared/write-receipt';
import { ReadStoreService } from './read-store.service';
import { foldWritten } from './written-fold';

/**
 * Where a mutation's answer is read: the projection file's live rows once they show the request's writes (the
 * executor waited for them: `WriteReceipt.visible`), through the readers the questions about now use; when the
 * file is late (or not serving), an in-memory fold of the written streams and what they link to, read by the same
 * readers, so that a write that happened is shown, never NOT_FOUND (the response then says the read side is behind:
 * graphql/read-your-writes.hook.ts).
 */
@Injectable()
export class AnswersAfterWrites {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly file: ReadStoreService,
  ) {}

  /**
   * `read` of rows that show `writes`; `lasting` true for the projection file. Otherwise an in-memory fold, closed
   * once `read` returns: what it returns must have read all it needs by then.
   */
  async read<T>(
    writes: readonly WriteReceipt[] | undefined,
    read: (file: ReadStore, lasting: boolean) => T,
  ): Promise<T> {
    const receipts = writes ?? [];
    if (receipts.every((w) => w.visible)) {
      const live = this.file.readShowing(
        receipts.map((w) => w.position),
        (file) => read(file, true),
      );
      if (live) return live.read;
    }
    const streams = [...new Set(receipts.map((w) => w.stream))];
    const fold = await foldWritten(this.store, streams, DEFAULT_POLICY, this.file.servingFile);
    try {
      return read(fold, false);
    } finally {
      fold.close();
    }
  }
}
