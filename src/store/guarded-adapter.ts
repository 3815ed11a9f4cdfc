// The object handed to Keyv as its `store`: the real adapter (SQLite or Redis) with every
// call run through the StoreGuard, so a Keyv view never waits on, or throws from, a store
// that is down. Keyv sets `namespace` on its store; it is passed through.

import type { StoreGuard } from './store-guard.js';

/** The part of a Keyv store adapter Onramp uses. */
export interface KvAdapter {
  namespace?: string | undefined;
  get(key: string): Promise<unknown> | unknown;
  set(key: string, value: unknown, ttl?: number): Promise<unknown> | unknown;
  delete(key: string): Promise<boolean> | boolean;
  clear(): Promise<void> | void;
  has?(key: string): Promise<boolean> | boolean;
  iterator?(namespace?: string): AsyncGenerator<unknown[], void>;
}

export class GuardedAdapter {
  /** Keyv lists a store only when its `opts.dialect` is one it knows to be iterable. */
  readonly opts: { dialect: string; url: string };

  constructor(
    private readonly inner: KvAdapter,
    private readonly guard: StoreGuard,
    dialect: 'sqlite' | 'redis',
  ) {
    this.opts = { dialect, url: dialect };
  }

  get namespace(): string | undefined {
    return this.inner.namespace;
  }

  set namespace(value: string | undefined) {
    this.inner.namespace = value;
  }

  get(key: string): Promise<unknown> {
    return this.guard.run('read', () => this.inner.get(key), undefined);
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    // Keyv reports `false` from set() when the store returns it: a dropped write.
    return this.guard.run('write', async () => (await this.inner.set(key, value, ttl), true), false);
  }

  delete(key: string): Promise<boolean> {
    return this.guard.run('write', () => this.inner.delete(key), false);
  }

  clear(): Promise<void> {
    return this.guard.run('write', () => this.inner.clear(), undefined);
  }

  has(key: string): Promise<boolean> {
    return this.guard.run('read', async () => (this.inner.has ? this.inner.has(key) : (await this.inner.get(key)) !== undefined), false);
  }

  /** Each step of the listing has its own deadline; a fault ends the listing early. */
  async *iterator(namespace?: string): AsyncGenerator<unknown[], void> {
    if (!this.inner.iterator) return;
    const source = this.inner.iterator(namespace);
    const done: IteratorResult<unknown[], void> = { done: true, value: undefined };
    try {
      for (;;) {
        const step = await this.guard.run('read', () => source.next(), done);
        if (step.done) return;
        yield step.value;
      }
    } finally {
      void source.return?.(undefined).catch(() => {});
    }
  }

  /** The store is closed by its owner (Store.close), not by each view. */
  async disconnect(): Promise<void> {}
}
