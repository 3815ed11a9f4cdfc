import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { storedEntries } from './helpers/store-entries.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'store-'));

describe('embedded store (SQLite)', () => {
  it('keeps values across a restart, each namespace apart', async () => {
    const dir = tempDir();
    const a = await openStore(`sqlite:${join(dir, 'onramp.db')}`);
    await a.kv('threads').set('t1', { question: 'what is a BSL?' });
    await a.kv('feedback').set('f1', 'helpful');
    await a.close();

    const b = await openStore(`sqlite:${join(dir, 'onramp.db')}`);
    expect(await b.kv('threads').get('t1')).toEqual({ question: 'what is a BSL?' });
    expect(await b.kv('feedback').get('f1')).toBe('helpful');
    expect(await b.kv('threads').get('f1')).toBeUndefined();
    expect(await b.kv('threads').delete('t1')).toBe(true);
    expect(await b.kv('threads').get('t1')).toBeUndefined();
    await b.close();
  });

  it('expires entries with a ttl', async () => {
    const s = await openStore(`sqlite:${join(tempDir(), 'onramp.db')}`);
    await s.kv('threads').set('u1', 3, 20);
    expect(await s.kv('threads').get('u1')).toBe(3);
    await new Promise((r) => setTimeout(r, 40));
    expect(await s.kv('threads').get('u1')).toBeUndefined();
    await s.close();
  });

  it('lists one namespace, in pages, without its neighbours or expired entries', async () => {
    const s = await openStore(`sqlite:${join(tempDir(), 'onramp.db')}`);
    const kv = s.kv<number>('questionlog');
    for (let i = 0; i < 1203; i++) await kv.set(`k${i}`, i);
    await kv.set('gone', -1, 1);
    await s.kv('questionlog2').set('k1', 99);
    await s.kv('question').set('k1', 98);
    await new Promise((r) => setTimeout(r, 5));
    const seen = new Map<string, number>();
    for await (const [k, v] of kv.iterator!(undefined) as AsyncIterable<[string, number]>) seen.set(k, v);
    expect(seen.size).toBe(1203);
    expect(seen.get('k1202')).toBe(1202);
    expect(seen.has('gone')).toBe(false);
    await kv.clear();
    expect(await s.kv('questionlog2').get('k1')).toBe(99);
    expect(await kv.get('k1')).toBeUndefined();
    await s.close();
  });

  it('counts hits in a fixed window that starts with the first hit', async () => {
    const s = await openStore(`sqlite:${join(tempDir(), 'onramp.db')}`);
    expect([await s.hit('ratelimit', 'u', 60), await s.hit('ratelimit', 'u', 60), await s.hit('ratelimit', 'v', 60)]).toEqual([1, 2, 1]);
    await new Promise((r) => setTimeout(r, 80));
    expect(await s.hit('ratelimit', 'u', 60)).toBe(1);
    await s.close();
  });

  it('rejects an unknown store URL', async () => {
    await expect(openStore('ftp://x')).rejects.toThrow(/ONRAMP_STORE must be/);
    await expect(openStore('file:')).rejects.toThrow(/ONRAMP_STORE must be/);
  });
});

describe('older JSON store (file:<path>)', () => {
  // What the JSON store wrote: Keyv's serialized `{ value, expires }` under `<namespace>:<key>`.
  const legacy = (now: number) => ({
    'threads:t1': JSON.stringify({ value: 'bsl restore', expires: now + 60_000 }),
    'feedback:f1': JSON.stringify({ value: { vote: 'up' } }),
    'threads:old': JSON.stringify({ value: 'lapsed', expires: now - 1 }),
    'threads:broken': '{not json',
  });

  it('imports unexpired entries once into onramp.db beside it, then renames the file', async () => {
    const dir = tempDir();
    const json = join(dir, 'store.json');
    writeFileSync(json, JSON.stringify(legacy(Date.now())));
    const warnings: string[] = [];
    const a = await openStore(`file:${json}`, (m) => warnings.push(m));
    expect(warnings).toEqual([`imported 2 entries from ${json} into the database; the file is now ${json}.imported`]);
    expect(await a.kv('threads').get('t1')).toBe('bsl restore');
    expect(await a.kv('feedback').get('f1')).toEqual({ vote: 'up' });
    expect(await a.kv('threads').get('old')).toBeUndefined();
    await a.kv('threads').set('t1', 'changed since');
    await a.close();
    expect(existsSync(json)).toBe(false);
    expect(existsSync(`${json}.imported`)).toBe(true);
    expect(Object.keys(storedEntries(dir)).sort()).toEqual(['feedback:f1', 'threads:t1']);

    // The same file put back is not imported again: the database remembers.
    writeFileSync(json, JSON.stringify(legacy(Date.now())));
    const b = await openStore(`file:${json}`, (m) => warnings.push(m));
    expect(await b.kv('threads').get('t1')).toBe('changed since');
    expect(warnings).toHaveLength(1);
    await b.close();
  });

  it('imports store.json beside the default database (an older default data directory)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'store.json'), JSON.stringify(legacy(Date.now())));
    const s = await openStore(`sqlite:${join(dir, 'onramp.db')}`, () => {});
    expect(await s.kv('threads').get('t1')).toBe('bsl restore');
    await s.close();
    expect(readdirSync(dir).sort()).toContain('store.json.imported');
  });

  it('moves a corrupt JSON store aside with a warning and starts with the database', async () => {
    const dir = tempDir();
    const json = join(dir, 'store.json');
    writeFileSync(json, '{"half-written": ');
    const warnings: string[] = [];
    const s = await openStore(`file:${json}`, (m) => warnings.push(m));
    expect(warnings[0]).toMatch(/is not valid JSON .*moved it to .*corrupt-.*nothing imported/);
    expect(readdirSync(dir).some((f) => f.startsWith('store.json.corrupt-'))).toBe(true);
    await s.kv('cache').set('k', 'v');
    expect(await s.kv('cache').get('k')).toBe('v');
    await s.close();
  });
});

// Runs against the Redis server that .ci/run starts; see README "Tests".
const redisUrl = process.env.ONRAMP_TEST_REDIS_URL;
describe.runIf(Boolean(redisUrl))('redis store', () => {
  it('shares state between two store instances (two replicas)', async () => {
    const a = await openStore(redisUrl!);
    const b = await openStore(redisUrl!);
    const key = `k-${process.pid}-${Date.now()}`;
    await a.kv('threads').set(key, { q: 'and for restores?' }, 5000);
    expect(await b.kv('threads').get(key)).toEqual({ q: 'and for restores?' });
    await a.close();
    await b.close();
  });
});
