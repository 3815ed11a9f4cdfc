import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'store-')), 'store.json');

describe('file store', () => {
  it('keeps values across a restart', async () => {
    const path = tempFile();
    const a = await openStore(`file:${path}`);
    await a.kv('threads').set('t1', { question: 'what is a BSL?' });
    await a.kv('feedback').set('f1', 'helpful');
    await a.close();

    const b = await openStore(`file:${path}`);
    expect(await b.kv('threads').get('t1')).toEqual({ question: 'what is a BSL?' });
    expect(await b.kv('feedback').get('f1')).toBe('helpful');
    expect(await b.kv('threads').get('f1')).toBeUndefined();
    await b.close();
  });

  it('expires entries with a ttl', async () => {
    const path = tempFile();
    const s = await openStore(`file:${path}`);
    await s.kv('ratelimit').set('u1', 3, 20);
    await new Promise((r) => setTimeout(r, 40));
    expect(await s.kv('ratelimit').get('u1')).toBeUndefined();
    await s.close();
  });

  it('writes through a temp file and leaves no temp file behind', async () => {
    const path = tempFile();
    const s = await openStore(`file:${path}`);
    await s.kv('cache').set('k', 'v');
    await s.close();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toBeTypeOf('object');
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('moves a corrupt file aside with a warning instead of emptying it', async () => {
    const path = tempFile();
    writeFileSync(path, '{"half-written": ');
    const warnings: string[] = [];
    const s = await openStore(`file:${path}`, (m) => warnings.push(m));
    expect(warnings[0]).toMatch(/not valid JSON; moved it to .*corrupt/);
    const aside = readdirSync(join(path, '..')).find((f) => f.includes('.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(path, '..', aside!), 'utf8')).toBe('{"half-written": ');
    await s.kv('cache').set('k', 'v');
    await s.close();
    expect(existsSync(path)).toBe(true);
  });

  it('rejects an unknown store URL', async () => {
    await expect(openStore('ftp://x')).rejects.toThrow(/ONRAMP_STORE must be/);
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
