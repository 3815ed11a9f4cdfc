// One store for everything the bot remembers (GitHub cache, thread memory, rate limits,
// feedback). Unset ONRAMP_STORE: the embedded SQLite database in the data directory
// (`sqlite:<path>` here), safe for several processes on one machine; `redis://...` for
// replicas on several machines; `file:<path>`, the older JSON store, is imported once into
// `onramp.db` beside it, which is used from then on. Callers get namespaced Keyv views and
// an atomic counter; every call has a short deadline and degrades when the store is down.

import { dirname, join, resolve } from 'node:path';
import type Keyv from 'keyv';
import type { StoreHealth, StoreOp } from './store-guard.js';

export type { StoreHealth, StoreOp } from './store-guard.js';

export interface Store {
  /** A Keyv view over one namespace (`cache`, `threads`, `feedback` ...). */
  kv<T = unknown>(namespace: string): Keyv<T>;
  /**
   * Counts a hit on `key` in a fixed window of `windowMs` (started by the first hit) and
   * returns the count so far, atomically across every process and replica on the store.
   * 0 when the store cannot be reached: limits then let requests through.
   */
  hit(namespace: string, key: string, windowMs: number): Promise<number>;
  /** Down (with the reason) from a failed call until the store answers again. */
  health(): StoreHealth;
  /** Called for every call answered by its fallback: a read with nothing, a dropped write. */
  onFault(listener: (op: StoreOp) => void): void;
  /** Bounded: never waits long on a store that is down. */
  close(): Promise<void>;
}

export interface StoreOptions {
  deadlineMs?: number;
  probeMs?: number;
  /** SQLite: how often expired rows are deleted. */
  sweepMs?: number;
}

export const STORE_SPEC_MESSAGE = 'ONRAMP_STORE must be file:<path> or a redis:// URL';

export async function openStore(spec: string, warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`), options: StoreOptions = {}): Promise<Store> {
  if (spec.startsWith('redis://') || spec.startsWith('rediss://')) {
    const { openRedisStore } = await import('./redis-store.js');
    return openRedisStore(spec, warn, options);
  }
  const files = embeddedFiles(spec);
  if (!files) throw new Error(STORE_SPEC_MESSAGE);
  const { openSqliteStore } = await import('./sqlite-store.js');
  return openSqliteStore(files.db, files.json, warn, options);
}

/** The database and the older JSON store to import for a `sqlite:` or `file:` spec. */
function embeddedFiles(spec: string): { db: string; json: string } | undefined {
  if (spec.startsWith('sqlite:') && spec.length > 7) {
    const db = resolve(spec.slice(7));
    return { db, json: join(dirname(db), 'store.json') };
  }
  if (spec.startsWith('file:') && spec.length > 5) {
    const json = resolve(spec.slice(5));
    return { db: join(dirname(json), 'onramp.db'), json };
  }
  return undefined;
}
