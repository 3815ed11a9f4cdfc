// Opens the embedded database: WAL (readers never block the one writer, and a crash leaves
// the last committed state), a busy timeout (several processes take turns instead of
// failing), and the schema. A file that is not a readable database is moved aside with a
// warning and a fresh one started: the bot never starts empty without saying so.

import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../errors.js';

export type Db = Database.Database;

/** How long a writer waits for another process's write to finish. */
const BUSY_TIMEOUT_MS = 2000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER);
  CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires IS NOT NULL;
  CREATE TABLE IF NOT EXISTS hits (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS hits_expires ON hits (expires);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export function openDatabase(path: string, warn: (message: string) => void): Db {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw new ConfigError(`cannot create the data directory ${dirname(path)}: ${(err as Error).message}`);
  }
  try {
    return preparedWhenFree(path);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (!CORRUPT_CODES.has(code)) throw new ConfigError(`cannot open the database ${path}: ${(err as Error).message}`);
    let aside: string;
    try {
      aside = moveAside(path);
    } catch {
      return preparedWhenFree(path); // another process starting at the same time moved it first
    }
    warn(`database ${path} is not readable (${(err as Error).message}); moved it to ${aside} and started a fresh one`);
    return preparedWhenFree(path);
  }
}

/** How often, and how far apart, opening is retried while another process holds the lock. */
const OPEN_RETRIES = { times: 40, delayMs: 50 };

/**
 * Two processes opening a fresh file at once both switch it to WAL and create the schema;
 * SQLite answers one of them "database is locked" at once, without its busy handler (it
 * would deadlock otherwise), so opening is retried for a couple of seconds.
 */
function preparedWhenFree(path: string): Db {
  for (let attempt = 1; ; attempt++) {
    try {
      return prepared(path);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) throw err;
      if (attempt >= OPEN_RETRIES.times) throw err;
      // Opening is synchronous already (better-sqlite3); a short blocking wait keeps it so.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, OPEN_RETRIES.delayMs);
    }
  }
}

function prepared(path: string): Db {
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL is crash-safe (a crash loses no committed transaction's integrity),
    // and it saves an fsync per write.
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    // Reading one row of each table finds a damaged file now rather than mid-request.
    db.prepare('SELECT key FROM kv LIMIT 1').get();
    db.prepare('SELECT key FROM hits LIMIT 1').get();
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Renames the database (and its WAL) to `<path>.corrupt-<time>`; the shared-memory file goes. */
function moveAside(path: string): string {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  if (existsSync(`${path}-wal`)) renameSync(`${path}-wal`, `${aside}-wal`);
  rmSync(`${path}-shm`, { force: true });
  return aside;
}
