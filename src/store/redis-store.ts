// The store for replicas on several machines. One client for every namespace; it fails
// commands at once while disconnected (no offline queue, so nothing waits or lands late)
// and reconnects in the background, within a second of Redis coming back.

import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import { GuardedAdapter, type KvAdapter } from './guarded-adapter.js';
import { StoreGuard, withDeadline } from './store-guard.js';
import type { Store, StoreOptions } from './store.js';

/** Longest a shutdown waits for Redis to say goodbye before the socket is dropped. */
const CLOSE_MS = 1000;
const MAX_RECONNECT_DELAY_MS = 1000;
/** Longest startup waits for the first connection. */
const CONNECT_WAIT_MS = 1000;

// A count and its window in one round trip. A value that is not a small whole number, or a
// window missing or longer than asked for, is reset: a bad entry never limits anyone.
const HIT_SCRIPT = `
local k = KEYS[1]
local w = tonumber(ARGV[1])
local t = redis.call('TYPE', k)['ok']
if t ~= 'none' then
  local ok = false
  if t == 'string' then
    local v = redis.call('GET', k)
    local ttl = redis.call('PTTL', k)
    ok = string.len(v) < 16 and string.match(v, '^%d+$') ~= nil and ttl > 0 and ttl <= w
  end
  if not ok then redis.call('DEL', k) end
end
local n = redis.call('INCR', k)
if n == 1 then redis.call('PEXPIRE', k, w) end
return n`;

export async function openRedisStore(url: string, warn: (m: string) => void, o: StoreOptions = {}): Promise<Store> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * (retries + 1), MAX_RECONNECT_DELAY_MS) },
  });
  // Each namespace's Keyv adapter listens on the one client.
  client.setMaxListeners(100);
  const guard = new StoreGuard({ deadlineMs: o.deadlineMs, probeMs: o.probeMs, warn, probe: () => client.ping() });
  client.on('error', (err: Error) => guard.fail(`redis: ${err.message || 'connection lost'}`));
  // Waits for the first connection, or its first failure, or CONNECT_WAIT_MS: a bot started
  // while Redis is down starts anyway and answers without memory or limits.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, CONNECT_WAIT_MS);
    const done = () => {
      clearTimeout(timer);
      client.off('error', done);
      resolve();
    };
    client.once('error', done);
    client.connect().then(done, (err: Error) => {
      guard.fail(`redis: ${err.message}`);
      done();
    });
  });

  const views = new Map<string, Keyv>();
  return {
    kv<T>(namespace: string) {
      let view = views.get(namespace);
      if (!view) {
        const inner = new KeyvRedis(client as never, { throwOnConnectError: false, throwOnErrors: true });
        view = new Keyv({ store: new GuardedAdapter(inner as unknown as KvAdapter, guard, 'redis'), namespace });
        views.set(namespace, view);
      }
      return view as Keyv<T>;
    },
    hit: (namespace, key, windowMs) =>
      guard.run('limit', async () => Number(await client.sendCommand(['EVAL', HIT_SCRIPT, '1', `onramp:hit:${namespace}:${key}`, String(Math.max(1, Math.round(windowMs)))])), 0),
    health: () => guard.health(),
    onFault: (listener) => guard.onFault(listener),
    async close() {
      guard.stop();
      if (!client.isOpen) return;
      // QUIT waits for replies in flight; against a Redis that is down it could wait forever.
      await withDeadline(() => client.close(), CLOSE_MS).catch(() => {});
      if (client.isOpen) client.destroy();
    },
  };
}
