/**
 * Notices commits made by other connections to the same SQLite file (another process, a CLI import, a
 * restore). Our own commits wake subscriptions directly; another connection's commit changes the file's
 * `PRAGMA data_version` as seen from this connection, which costs a few microseconds to read. Polled only
 * while someone listens, and unref'd, so that it never keeps the process alive.
 */
export class SqliteCommitWatch {
  private timer: NodeJS.Timeout | undefined;
  private version = 0;

  constructor(
    private readonly readVersion: () => number,
    private readonly intervalMs: number,
    private readonly onForeignCommit: () => void,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer !== undefined) return;
    this.version = this.readVersion();
    this.timer = setInterval(() => this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private poll(): void {
    let version: number;
    try {
      version = this.readVersion();
    } catch {
      return; // a closed or failing file: the subscribers' next read reports it
    }
    if (version === this.version) return;
    this.version = version;
    this.onForeignCommit();
  }
}
