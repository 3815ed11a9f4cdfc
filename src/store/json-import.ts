// The older embedded store was one JSON file of Keyv entries. On first start beside one,
// its unexpired entries go into the database once: the import and its mark in `meta`
// commit together (two processes starting at once import it once), then the file is
// renamed `<name>.imported` so it is plain it is no longer read.

import { existsSync, renameSync, statSync, readFileSync } from 'node:fs';
import type { Db } from './sqlite-database.js';

/** Larger than any store the JSON format could serve; a bigger file is left alone. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Imports `jsonPath` into `db` unless already done; returns the entries imported. */
export function importJsonStore(db: Db, jsonPath: string, warn: (message: string) => void): number {
  const size = existsSync(jsonPath) ? statSync(jsonPath, { throwIfNoEntry: false })?.size : undefined;
  if (size === undefined) return 0;
  if (size > MAX_JSON_BYTES) {
    warn(`store file ${jsonPath} is larger than ${MAX_JSON_BYTES} bytes; not imported`);
    return 0;
  }
  const entries = readEntries(jsonPath, warn);
  if (!entries) return 0;
  const mark = `imported:${jsonPath}`;
  const insert = db.prepare<[string, string, number | null]>('INSERT OR IGNORE INTO kv (key, value, expires) VALUES (?, ?, ?)');
  const now = Date.now();
  const imported = db
    .transaction(() => {
      if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(mark)) return -1;
      let n = 0;
      for (const [key, raw] of entries) {
        const row = toRow(raw, now);
        if (row) n += insert.run(key, row.value, row.expires).changes;
      }
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(mark, JSON.stringify({ at: new Date(now).toISOString(), entries: n }));
      return n;
    })
    .immediate();
  try {
    renameSync(jsonPath, `${jsonPath}.imported`);
  } catch {
    // Another process renamed it first, or the directory is read-only: the mark still holds.
  }
  if (imported < 0) return 0;
  warn(`imported ${imported} entries from ${jsonPath} into the database; the file is now ${jsonPath}.imported`);
  return imported;
}

function readEntries(jsonPath: string, warn: (message: string) => void): Array<[string, unknown]> | undefined {
  let text: string;
  try {
    text = readFileSync(jsonPath, 'utf8');
  } catch {
    return undefined; // renamed by another process starting at the same time
  }
  try {
    const data = JSON.parse(text) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not an object');
    return Object.entries(data as Record<string, unknown>);
  } catch (err) {
    const aside = `${jsonPath}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(jsonPath, aside);
    } catch {
      return undefined;
    }
    warn(`store file ${jsonPath} is not valid JSON (${(err as Error).message}); moved it to ${aside}, nothing imported`);
    return undefined;
  }
}

/** A Keyv entry (`{ value, expires }`, serialized or not) as a row; undefined once lapsed. */
function toRow(raw: unknown, now: number): { value: string; expires: number | null } | undefined {
  let data: unknown = raw;
  if (typeof raw === 'string') {
    try {
      data = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (!data || typeof data !== 'object' || !('value' in data)) return undefined;
  const expires = (data as { expires?: unknown }).expires;
  if (typeof expires === 'number' && expires <= now) return undefined;
  return { value: typeof raw === 'string' ? raw : JSON.stringify(data), expires: typeof expires === 'number' ? expires : null };
}
