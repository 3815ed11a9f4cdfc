// The embedded database under the conditions that broke the JSON store: several OS
// processes on one file, expired keys piling up, a damaged file, bad counter rows.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ChatMemory } from '../src/chat/memory.js';
import { openStore } from '../src/store/store.js';
import { storedEntries } from './helpers/store-entries.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'store-sqlite-'));
const STORE_TS = resolve('src/store/store.ts');
const MEMORY_TS = resolve('src/chat/memory.ts');

// One worker process: opens the store, says "ready", waits for "go" on stdin (so both
// workers start together), does its part, prints its result as JSON and exits.
const WORKER = `
const [storeTs, memoryTs, spec, task, id, n] = process.argv.slice(1);
const { openStore } = await import(storeTs);
const { ChatMemory } = await import(memoryTs);
const store = await openStore(spec, (m) => process.stderr.write(m + '\\n'));
process.stdout.write('ready\\n');
await new Promise((r) => process.stdin.once('data', r));
process.stdin.destroy();
let result;
if (task === 'votes') {
  const memory = new ChatMemory(store);
  const replyId = await memory.rememberReply('slack', 'how do I restore?', 'ask');
  const votes = [];
  for (let i = 0; i < Number(n); i++) {
    votes.push(store.kv('feedback').set('shared:' + id + '-' + i, { vote: i % 2 ? 'up' : 'down' }));
    votes.push(memory.recordFeedback(replyId, 'user-' + id + '-' + i, 'up'));
  }
  result = (await Promise.all(votes)).filter((ok) => ok === true).length;
} else {
  const memory = new ChatMemory(store, { perUser: 8, windowMs: 60000, maxInputChars: 100 });
  const allowed = await Promise.all(Array.from({ length: Number(n) }, () => memory.allow('slack', 'U-burst')));
  result = allowed.filter(Boolean).length;
}
await store.close();
process.stdout.write(JSON.stringify({ result }) + '\\n');
`;

function worker(spec: string, task: 'votes' | 'burst', id: string, n: number): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WORKER, STORE_TS, MEMORY_TS, spec, task, id, String(n)], { stdio: 'pipe' });
}

/** Starts the workers together and returns each one's result. */
async function runTogether(children: ChildProcessWithoutNullStreams[]): Promise<number[]> {
  const outputs = children.map((c) => {
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    const ready = new Promise<void>((r) => c.stdout.on('data', () => out.includes('ready') && r()));
    const done = new Promise<number>((r, reject) =>
      c.on('exit', (code) => (code === 0 ? r(JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!).result as number) : reject(new Error(`worker exited ${code}: ${err}`)))),
    );
    return { ready, done };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const c of children) c.stdin.end('go\n');
  return Promise.all(outputs.map((o) => o.done));
}

describe('two processes on one database', () => {
  it('lose no write: 2 x 100 feedback votes and 2 x 100 keys all land', async () => {
    const dir = tempDir();
    const spec = `sqlite:${join(dir, 'onramp.db')}`;
    const acked = await runTogether([worker(spec, 'votes', 'a', 100), worker(spec, 'votes', 'b', 100)]);
    expect(acked).toEqual([200, 200]);
    const rows = Object.keys(storedEntries(dir));
    expect(rows.filter((k) => k.startsWith('feedback:shared:'))).toHaveLength(200);
    // recordFeedback keys are `<replyId>:<user>`: one per user of each process.
    expect(rows.filter((k) => /^feedback:[^:]+:user-[ab]-\d+$/.test(k))).toHaveLength(200);
    expect(rows.filter((k) => k.startsWith('replies:'))).toHaveLength(2);
  }, 30_000);

  it('allow exactly the limit between them in a concurrent burst (20 at a limit of 8)', async () => {
    const spec = `sqlite:${join(tempDir(), 'onramp.db')}`;
    const allowed = await runTogether([worker(spec, 'burst', 'a', 10), worker(spec, 'burst', 'b', 10)]);
    expect(allowed[0]! + allowed[1]!).toBe(8);
  }, 30_000);
});

describe('expiry', () => {
  it('evicts expired rows from the file while running, not only on read', async () => {
    const dir = tempDir();
    const s = await openStore(`sqlite:${join(dir, 'onramp.db')}`, () => {}, { sweepMs: 50 });
    for (let i = 0; i < 500; i++) await s.kv('threads').set(`t${i}`, 'x', 30);
    await s.kv('threads').set('keep', 'y');
    await s.hit('ratelimit', 'u', 30);
    expect(Object.keys(storedEntries(dir))).toHaveLength(501);
    await new Promise((r) => setTimeout(r, 200));
    expect(Object.keys(storedEntries(dir))).toEqual(['threads:keep']);
    const db = new Database(join(dir, 'onramp.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM hits').get()).toEqual({ n: 0 });
    db.close();
    await s.close();
  });
});

describe('a damaged database file', () => {
  it('is moved aside with a warning, and a fresh database works', async () => {
    const dir = tempDir();
    const path = join(dir, 'onramp.db');
    const junk = 'this was never an SQLite database\n'.repeat(200);
    writeFileSync(path, junk);
    const warnings: string[] = [];
    const s = await openStore(`sqlite:${path}`, (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^database .*onramp\.db is not readable \(.*\); moved it to .*onramp\.db\.corrupt-.* and started a fresh one$/);
    const aside = readdirSync(dir).find((f) => f.startsWith('onramp.db.corrupt-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(junk);
    await s.kv('threads').set('t', 'after');
    expect(await s.kv('threads').get('t')).toBe('after');
    expect(await s.hit('ratelimit', 'u', 1000)).toBe(1);
    await s.close();
  });

  it('with a valid header but damaged pages is moved aside too', async () => {
    const dir = tempDir();
    const path = join(dir, 'onramp.db');
    const first = await openStore(`sqlite:${path}`);
    for (let i = 0; i < 300; i++) await first.kv('cache').set(`k${i}`, 'v'.repeat(200));
    await first.close();
    const bytes = readFileSync(path);
    bytes.fill(0xff, 100, bytes.length); // keep the 100-byte header, ruin every page after it
    writeFileSync(path, bytes);
    const warnings: string[] = [];
    const s = await openStore(`sqlite:${path}`, (m) => warnings.push(m));
    expect(warnings.join('\n')).toMatch(/moved it to .*corrupt-/);
    expect(await s.kv('cache').get('k1')).toBeUndefined();
    await s.kv('cache').set('k1', 'fresh');
    expect(await s.kv('cache').get('k1')).toBe('fresh');
    await s.close();
  });
});

describe('rate-limit counters', () => {
  it('treat a malformed or overlong stored count as absent', async () => {
    const dir = tempDir();
    const path = join(dir, 'onramp.db');
    const s = await openStore(`sqlite:${path}`);
    const memory = new ChatMemory(s, { perUser: 2, windowMs: 60_000, maxInputChars: 100 });
    expect(await memory.allow('slack', 'U1')).toBe(true);
    const db = new Database(path);
    const set = db.prepare('UPDATE hits SET count = ?, expires = ? WHERE key = ?');
    for (const [count, expires] of [['NaN', Date.now() + 30_000], [-4, Date.now() + 30_000], [99, Date.now() + 365 * 24 * 3600_000], [99, 'soon']] as const) {
      set.run(count, expires, 'ratelimit:slack:U1');
      expect(await memory.allow('slack', 'U1')).toBe(true); // counted afresh: 1 of 2
      expect(db.prepare('SELECT count FROM hits WHERE key = ?').get('ratelimit:slack:U1')).toEqual({ count: 1 });
    }
    expect(await memory.allow('slack', 'U1')).toBe(true);
    expect(await memory.allow('slack', 'U1')).toBe(false);
    db.close();
    await s.close();
  });
});
