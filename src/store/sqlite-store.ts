// The default store: one SQLite file in the data directory, shared safely by every process
// on the machine. Expired rows are swept as they lapse; the older JSON store beside it is
// imported once.

import Keyv from 'keyv';
import { GuardedAdapter } from './guarded-adapter.js';
import { importJsonStore } from './json-import.js';
import { openDatabase } from './sqlite-database.js';
import { SqliteTables } from './sqlite-kv.js';
import { StoreGuard } from './store-guard.js';
import type { Store, StoreOptions } from './store.js';

/** How often expired rows are deleted (reads never return them in between). */
export const SWEEP_MS = 30_000;

export function openSqliteStore(dbPath: string, jsonPath: string, warn: (m: string) => void, o: StoreOptions = {}): Store {
  const db = openDatabase(dbPath, warn);
  importJsonStore(db, jsonPath, warn);
  const tables = new SqliteTables(db);
  const guard = new StoreGuard({ deadlineMs: o.deadlineMs, probeMs: o.probeMs, warn, probe: () => db.prepare('SELECT 1').get() });
  const sweep = () => void guard.run('write', () => tables.sweep(), 0);
  sweep();
  const timer = setInterval(sweep, o.sweepMs ?? SWEEP_MS);
  timer.unref();

  const views = new Map<string, Keyv>();
  return {
    kv<T>(namespace: string) {
      let view = views.get(namespace);
      if (!view) {
        view = new Keyv({ store: new GuardedAdapter(tables.adapter(), guard, 'sqlite'), namespace });
        views.set(namespace, view);
      }
      return view as Keyv<T>;
    },
    hit: (namespace, key, windowMs) => guard.run('limit', () => tables.hit(`${namespace}:${key}`, windowMs), 0),
    health: () => guard.health(),
    onFault: (listener) => guard.onFault(listener),
    async close() {
      clearInterval(timer);
      guard.stop();
      if (db.open) db.close();
    },
  };
}
