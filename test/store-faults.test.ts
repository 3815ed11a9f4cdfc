// Redis as several replicas share it, and Redis failing: killed, hung, never started. Each
// test runs its own redis-server on a free loopback port; skipped where there is none.

import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ChatMemory } from '../src/chat/memory.js';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/serve/start-bot.js';
import { openStore } from '../src/store/store.js';
import { cliEnv } from './helpers/cli-env.js';
import { startSlackDouble } from './helpers/slack-double.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A redis-server child on `port`, ready for commands. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG') return child;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on ${port}`);
}

function killed(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((r) => {
    if (child.exitCode !== null || child.signalCode !== null) return r();
    child.once('exit', () => r());
    child.kill(signal);
  });
}

const redisCli = (port: number, ...args: string[]) => execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).trim();

async function health(bot: RunningBot): Promise<{ status: number; body: { status: string; reason?: string } }> {
  const res = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
}

/** Asks through the chat router (memory, limit, log) and returns how long it took. */
async function timedAsk(bot: RunningBot, n: number): Promise<number> {
  const started = performance.now();
  const reply = await bot.router.handle({ text: 'What does the BackupStorageLocation CRD describe?', user: `U-${n}`, platform: 'slack', thread: `t-${n}` });
  const ms = performance.now() - started;
  expect(`${reply.title}\n${reply.body}`).toContain('BackupStorageLocation');
  return ms;
}

const botConfig = (url: string) => loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ONRAMP_STORE: url, GITHUB_API_URL: 'http://127.0.0.1:9' });

describe.skipIf(!hasRedis)('two replicas on one Redis', () => {
  it('allow exactly the limit between them in concurrent bursts (20 at a limit of 8)', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    const [a, b] = [await openStore(url), await openStore(url)];
    try {
      const limits = { perUser: 8, windowMs: 60_000, maxInputChars: 100 };
      const replicas = [new ChatMemory(a, limits), new ChatMemory(b, limits)];
      for (let round = 0; round < 5; round++) {
        const allowed = await Promise.all(Array.from({ length: 20 }, (_, i) => replicas[i % 2]!.allow('slack', `U-burst-${round}`)));
        expect(allowed.filter(Boolean)).toHaveLength(8);
      }
    } finally {
      await a.close();
      await b.close();
      await killed(redis);
    }
  });

  it('treat a malformed stored count, or one without an expiry, as absent', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    const s = await openStore(`redis://127.0.0.1:${port}`);
    try {
      const memory = new ChatMemory(s, { perUser: 1, windowMs: 60_000, maxInputChars: 100 });
      const key = 'onramp:hit:ratelimit:slack:U1';
      for (const bad of [['SET', key, 'NaN', 'PX', '30000'], ['SET', key, '99'], ['SET', key, '99', 'PX', String(365 * 24 * 3600_000)], ['HSET', key, 'count', '99']]) {
        redisCli(port, 'DEL', key);
        redisCli(port, ...bad);
        expect(await memory.allow('slack', 'U1')).toBe(true);
        expect(redisCli(port, 'GET', key)).toBe('1');
      }
      expect(await memory.allow('slack', 'U1')).toBe(false);
    } finally {
      await s.close();
      await killed(redis);
    }
  });
});

describe.skipIf(!hasRedis)('Redis outages', () => {
  it('killed: every ask answered within 1 s, /healthz degraded; restarted: health ok again, writes land', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const bot = await startBot(botConfig(`redis://127.0.0.1:${port}`));
    try {
      await timedAsk(bot, 0);
      expect(await health(bot)).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });

      await killed(redis);
      for (let i = 1; i <= 10; i++) expect(await timedAsk(bot, i)).toBeLessThan(1000);
      const down = await health(bot);
      expect(down.status).toBe(200); // a liveness probe must not restart the bot for a Redis outage
      expect(down.body).toMatchObject({ status: 'degraded', platforms: [] });
      expect(down.body.reason).toMatch(/^store: /);
      const metrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
      expect(Number(/onramp_store_faults_total\{op="write"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
      expect(Number(/onramp_store_faults_total\{op="limit"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(10);

      redis = await startRedis(port);
      await expect.poll(async () => (await health(bot)).body.status, { timeout: 5000, interval: 100 }).toBe('ok');
      expect(await bot.store.kv('threads').set('after-restart', 'kept')).toBe(true);
      expect(redisCli(port, 'KEYS', '*after-restart')).toContain('after-restart');
    } finally {
      await bot.stop();
      await killed(redis);
    }
  }, 30_000);

  it('hung (SIGSTOP): asks still within 1 s by the deadline; resumed: health ok again', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    const bot = await startBot(botConfig(`redis://127.0.0.1:${port}`));
    try {
      await timedAsk(bot, 0);
      redis.kill('SIGSTOP');
      for (let i = 1; i <= 5; i++) expect(await timedAsk(bot, i)).toBeLessThan(1000);
      expect((await health(bot)).body).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/no answer within 250 ms/) });
      redis.kill('SIGCONT');
      await expect.poll(async () => (await health(bot)).body.status, { timeout: 5000, interval: 100 }).toBe('ok');
    } finally {
      redis.kill('SIGCONT');
      await bot.stop();
      await killed(redis);
    }
  }, 30_000);

  it('never started: a command is answered at once, and health says why', async () => {
    const port = await freePort();
    const bot = await startBot(botConfig(`redis://127.0.0.1:${port}`));
    try {
      expect(await timedAsk(bot, 1)).toBeLessThan(1000);
      expect((await health(bot)).body).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/^store: redis: .*ECONNREFUSED/) });
    } finally {
      const started = performance.now();
      await bot.stop();
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('SIGTERM stops `onramp serve` within a few seconds while Redis is down', async () => {
    const slack = await startSlackDouble();
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/cli.js', 'serve'], {
      env: cliEnv({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'sekret', SLACK_API_URL: slack.apiUrl, PORT: '0', LOG_LEVEL: 'info', ONRAMP_STORE: `redis://127.0.0.1:${port}` }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    try {
      await expect.poll(() => /listening on :\d+/.test(err), { timeout: 15_000, interval: 50 }).toBe(true);
      const started = performance.now();
      const code = await new Promise<number | null>((resolve) => {
        child.on('exit', (c) => resolve(c));
        child.kill('SIGTERM');
      });
      expect(performance.now() - started).toBeLessThan(3000);
      expect(code).toBe(0);
      expect(err).toMatch(/store unavailable/);
    } finally {
      child.kill('SIGKILL');
      await slack.close();
    }
  }, 30_000);
});
