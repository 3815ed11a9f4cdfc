// One store for everything the bot remembers (GitHub cache, thread memory, rate limits,
// feedback), chosen by ONRAMP_STORE: `file:<path>` (embedded, default) or `redis://...`
// so several replicas share state. Callers get namespaced Keyv instances.

import { resolve } from 'node:path';
import Keyv from 'keyv';
import { AtomicFileStore } from './atomic-file-store.js';

export interface Store {
  /** A Keyv view over one namespace (`cache`, `threads`, `ratelimit`, `feedback` ...). */
  kv<T = unknown>(namespace: string): Keyv<T>;
  close(): Promise<void>;
}

export async function openStore(spec: string, warn?: (message: string) => void): Promise<Store> {
  if (spec.startsWith('redis://') || spec.startsWith('rediss://')) {
    const { default: KeyvRedis } = await import('@keyv/redis');
    const views = new Map<string, Keyv>();
    return {
      kv<T>(namespace: string) {
        let view = views.get(namespace);
        if (!view) {
          view = new Keyv({ store: new KeyvRedis(spec), namespace });
          view.on('error', (err: Error) => warn?.(`store error: ${err.message}`));
          views.set(namespace, view);
        }
        return view as Keyv<T>;
      },
      async close() {
        await Promise.all([...views.values()].map((v) => v.disconnect()));
      },
    };
  }
  if (!spec.startsWith('file:') || spec.length <= 5) {
    throw new Error('ONRAMP_STORE must be file:<path> or a redis:// URL');
  }
  const file = new AtomicFileStore(resolve(spec.slice(5)), warn);
  const views = new Map<string, Keyv>();
  return {
    kv<T>(namespace: string) {
      let view = views.get(namespace);
      if (!view) {
        view = new Keyv({ store: file, namespace });
        // Keyv's own iterator over a Map filters by the namespace of the last view created
        // on the shared Map; list this view's keys instead (get() drops expired entries).
        const own = view;
        own.iterator = async function* () {
          for (const key of file.keysIn(namespace)) {
            const value: unknown = await own.get(key);
            if (value !== undefined) yield [key, value];
          }
        };
        views.set(namespace, view);
      }
      return view as Keyv<T>;
    },
    async close() {
      file.flush();
    },
  };
}
