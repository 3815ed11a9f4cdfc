// Keyv's store over the embedded database: one row per key, written as it changes (no
// whole-file rewrites), expiry kept in its own column so expired rows are never returned
// and a periodic sweep deletes them. Counters (`hit`) are one UPSERT each, atomic across
// every process on the database.

import type { Db } from './sqlite-database.js';
import type { KvAdapter } from './guarded-adapter.js';

/** Rows listed per query while iterating; bounds memory however large a namespace is. */
const PAGE = 500;
/** Rows deleted per statement by the sweep, so a writer never holds the lock for long. */
const SWEEP_BATCH = 5000;

type Statements = ReturnType<typeof statements>;

function statements(db: Db) {
  return {
    get: db.prepare<[string, number], { value: string }>('SELECT value FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)'),
    set: db.prepare<[string, string, number | null]>(
      'INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires',
    ),
    delete: db.prepare<[string]>('DELETE FROM kv WHERE key = ?'),
    // `;` is the character after `:`: the range is exactly the keys starting `<namespace>:`.
    clear: db.prepare<[string, string]>('DELETE FROM kv WHERE key >= ? AND key < ?'),
    page: db.prepare<[string, string, number], { key: string; value: string }>(
      `SELECT key, value FROM kv WHERE key > ? AND key < ? AND (expires IS NULL OR expires > ?) ORDER BY key LIMIT ${PAGE}`,
    ),
    // A stored count that is not a whole number, or a window that is over or longer than
    // asked for, counts as absent: a bad row must never keep anyone limited.
    hit: db.prepare<{ key: string; now: number; window: number }, { count: number }>(`
      INSERT INTO hits (key, count, expires) VALUES (@key, 1, @now + @window)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN ${VALID_HIT} THEN count + 1 ELSE 1 END,
        expires = CASE WHEN ${VALID_HIT} THEN expires ELSE excluded.expires END
      RETURNING count`),
    sweepKv: db.prepare<[number]>(`DELETE FROM kv WHERE key IN (SELECT key FROM kv WHERE expires <= ? LIMIT ${SWEEP_BATCH})`),
    sweepHits: db.prepare<[number]>(`DELETE FROM hits WHERE key IN (SELECT key FROM hits WHERE expires <= ? LIMIT ${SWEEP_BATCH})`),
  };
}

const VALID_HIT = `typeof(count) = 'integer' AND count >= 0 AND typeof(expires) = 'integer' AND expires > @now AND expires <= @now + @window`;

/** The tables of one database, shared by every namespace view on it. */
export class SqliteTables {
  private readonly st: Statements;

  constructor(readonly db: Db) {
    this.st = statements(db);
  }

  adapter(): KvAdapter {
    return new SqliteKvAdapter(this.st);
  }

  /** Counts one hit on `key` in a fixed window of `windowMs` that starts with the first hit. */
  hit(key: string, windowMs: number): number {
    const window = Math.max(1, Math.round(windowMs));
    return this.st.hit.get({ key, now: Date.now(), window })!.count;
  }

  /** Deletes every expired row; returns how many went. */
  sweep(now = Date.now()): number {
    let removed = 0;
    for (const st of [this.st.sweepKv, this.st.sweepHits]) {
      for (;;) {
        const n = st.run(now).changes;
        removed += n;
        if (n < SWEEP_BATCH) break;
      }
    }
    return removed;
  }
}

class SqliteKvAdapter implements KvAdapter {
  namespace: string | undefined;

  constructor(private readonly st: Statements) {}

  get(key: string): string | undefined {
    return this.st.get.get(key, Date.now())?.value;
  }

  set(key: string, value: unknown, ttl?: number): void {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const expires = typeof ttl === 'number' && ttl > 0 ? Date.now() + ttl : null;
    this.st.set.run(key, text, expires);
  }

  delete(key: string): boolean {
    return this.st.delete.run(key).changes > 0;
  }

  clear(): void {
    const ns = this.namespace ?? '';
    this.st.clear.run(`${ns}:`, `${ns};`);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Keys come back whole (`<namespace>:<key>`), as Keyv expects of its store. */
  async *iterator(namespace?: string): AsyncGenerator<unknown[], void> {
    const ns = namespace ?? this.namespace ?? '';
    let after = `${ns}:`;
    for (;;) {
      const rows = this.st.page.all(after, `${ns};`, Date.now());
      for (const row of rows) yield [row.key, row.value];
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.key;
    }
  }
}
