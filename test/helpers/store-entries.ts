// What the embedded database in a directory holds, read straight from its file: for tests
// that check what was (and was not) written, whatever the store's own API shows.

import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Every unexpired-or-not row of `<dir>/onramp.db`, key to stored (serialized) value. */
export function storedEntries(dir: string): Record<string, string> {
  const db = new Database(join(dir, 'onramp.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM kv').all();
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } finally {
    db.close();
  }
}
