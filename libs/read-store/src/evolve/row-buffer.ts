import type { Database, Statement } from 'better-sqlite3';

/** Rows per INSERT statement: one call into SQLite for many rows is several times cheaper than one per row. */
const ROWS_PER_INSERT = 64;

/**
 * Rows for one append-only table, held for the page and written with multi-row INSERTs when the page ends (in
 * its transaction). Only for tables the fold never updates or reads back while folding a page.
 */
export class RowBuffer {
  private readonly values: unknown[] = [];
  /** By row count: a page's last INSERT has fewer rows, of a handful of sizes. */
  private readonly inserts = new Map<number, Statement>();

  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly columns: number,
  ) {}

  private insertOf(rows: number): Statement {
    let insert = this.inserts.get(rows);
    if (!insert) {
      const row = `(${Array.from({ length: this.columns }, () => '?').join(',')})`;
      insert = this.db.prepare(`INSERT INTO ${this.table} VALUES ${Array.from({ length: rows }, () => row).join(',')}`);
      this.inserts.set(rows, insert);
    }
    return insert;
  }

  push(...row: unknown[]): void {
    if (row.length !== this.columns) throw new Error(`${this.table} takes ${this.columns} columns, not ${row.length}`);
    for (const value of row) this.values.push(value);
  }

  /** Forgets the rows held (their page's transaction failed). */
  clear(): void {
    this.values.length = 0;
  }

  flush(): void {
    const perInsert = ROWS_PER_INSERT * this.columns;
    let at = 0;
    for (; at + perInsert <= this.values.length; at += perInsert) {
      this.insertOf(ROWS_PER_INSERT).run(this.values.slice(at, at + perInsert));
    }
    const rest = (this.values.length - at) / this.columns;
    if (rest > 0) this.insertOf(rest).run(this.values.slice(at));
    this.values.length = 0;
  }
}
