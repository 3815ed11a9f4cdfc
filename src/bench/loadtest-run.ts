// The load test behind `npm run loadtest`: the real bot (Bolt's HTTP receiver, the router,
// the store the configuration opens, pre-filled with many keys) behind the real HTTP
// server, with Slack's Web API on loopback. Signed slash commands arrive open-loop at fixed
// rates; the ack latency (Slack wants one within 3 s) and the answers that come back
// through response_url are measured per rate.

import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config.js';
import { percentile } from '../eval/run-eval.js';
import { startBot } from '../serve/start-bot.js';
import { openStore } from '../store/store.js';
import { BENCH_QUESTIONS } from './questions.js';
import { startSlackApiDouble, type SlackApiDouble } from './slack-api-double.js';

export interface LoadtestOptions {
  /** Requests per second, one phase each. */
  rates: number[];
  /** Length of each phase. */
  seconds: number;
  /** Keys written to the store before the bot starts. */
  keys: number;
  /** ONRAMP_STORE for the run; default: what the configuration opens in a fresh data directory. */
  store?: string;
  /** Longest wait for the answers of a phase after its last request. */
  drainMs?: number;
}

export interface RateResult {
  rate: number;
  sent: number;
  acked: number;
  /** Requests that got no 200 (another status, or a transport error). */
  failed: number;
  ackP50Ms: number;
  ackP95Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  answered: number;
  answerP95Ms: number;
}

export interface LoadtestReport {
  store: string;
  keys: number;
  prefillMs: number;
  seconds: number;
  rates: RateResult[];
}

const SECRET = 'loadtest-signing-secret';

export async function runLoadtest(o: LoadtestOptions): Promise<LoadtestReport> {
  const dir = mkdtempSync(join(tmpdir(), 'onramp-loadtest-'));
  const slack = await startSlackApiDouble();
  try {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-loadtest',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      ONRAMP_DATA_DIR: dir,
      ...(o.store ? { ONRAMP_STORE: o.store } : {}),
      GITHUB_API_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'silent',
    });
    const prefillMs = await prefill(config.store, o.keys);
    const bot = await startBot(config, { logLevel: 'silent', drainMs: 2000 });
    const agent = new Agent({ keepAlive: true, maxSockets: 512 });
    try {
      const rates: RateResult[] = [];
      for (const rate of o.rates) rates.push(await runPhase({ port: bot.port!, agent, slack, rate, seconds: o.seconds, drainMs: o.drainMs ?? 10_000 }));
      return { store: config.store.replace(/\/\/[^@/]*@/, '//***@').replace(dir, '<tmp>'), keys: o.keys, prefillMs: Math.round(prefillMs), seconds: o.seconds, rates };
    } finally {
      agent.destroy();
      await bot.stop();
    }
  } finally {
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `keys` thread-memory entries, as many conversations would leave behind, in batches. */
async function prefill(spec: string, keys: number): Promise<number> {
  const started = performance.now();
  const store = await openStore(spec, (m) => process.stderr.write(`loadtest: ${m}\n`));
  try {
    const threads = store.kv<string>('threads');
    const day = 86_400_000;
    for (let from = 0; from < keys; from += 2000) {
      const batch = [];
      for (let i = from; i < Math.min(keys, from + 2000); i++) {
        batch.push({ key: `slack:C${i % 997}:${1_700_000_000 + i}.000100`, value: BENCH_QUESTIONS[i % BENCH_QUESTIONS.length]!, ttl: day });
      }
      await threads.setMany(batch);
    }
  } finally {
    await store.close();
  }
  return performance.now() - started;
}

interface Phase {
  port: number;
  agent: Agent;
  slack: SlackApiDouble;
  rate: number;
  seconds: number;
  drainMs: number;
}

/** One rate, open-loop: request i leaves at i/rate seconds whether or not earlier ones were acked. */
async function runPhase(p: Phase): Promise<RateResult> {
  const total = Math.max(1, Math.round(p.rate * p.seconds));
  const sentAt = new Map<string, number>();
  const acks: Array<Promise<number | undefined>> = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / p.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const id = `r${p.rate}-${i}`;
    sentAt.set(id, performance.now());
    acks.push(postCommand(p, id, BENCH_QUESTIONS[i % BENCH_QUESTIONS.length]!));
  }
  const ackMs = await Promise.all(acks);
  // Answers keep coming after the last ack: wait for them, within a bound.
  const until = performance.now() + p.drainMs;
  const answeredIds = () => [...sentAt.keys()].filter((id) => p.slack.answered.has(id));
  while (answeredIds().length < total && performance.now() < until) await new Promise((r) => setTimeout(r, 50));

  const ok = ackMs.filter((ms): ms is number => ms !== undefined).sort((a, b) => a - b);
  const answerMs = answeredIds()
    .map((id) => p.slack.answered.get(id)! - sentAt.get(id)!)
    .sort((a, b) => a - b);
  return {
    rate: p.rate,
    sent: total,
    acked: ok.length,
    failed: total - ok.length,
    ackP50Ms: percentile(ok, 0.5),
    ackP95Ms: percentile(ok, 0.95),
    ackP99Ms: percentile(ok, 0.99),
    ackMaxMs: percentile(ok, 1),
    answered: answerMs.length,
    answerP95Ms: percentile(answerMs, 0.95),
  };
}

/** One signed `/velero ask` slash command; resolves with its ack time, or undefined when it was not a 200. */
function postCommand(p: Phase, id: string, question: string): Promise<number | undefined> {
  const body = new URLSearchParams({
    token: 'x', team_id: 'T1', channel_id: 'C1', user_id: `U${id}`, user_name: 'load', command: '/velero',
    text: `ask ${question}`, response_url: p.slack.responseUrl(id), trigger_id: `trigger-${id}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1', port: p.port, path: '/slack/events', method: 'POST', agent: p.agent, timeout: 10_000,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - started : undefined));
        res.on('error', () => resolve(undefined));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** The report as a table. */
export function formatLoadtest(r: LoadtestReport): string {
  const head = ['rate/s', 'sent', 'acked', 'failed', 'ack p50', 'ack p95', 'ack p99', 'ack max', 'answered', 'answer p95'];
  const rows = r.rates.map((x) => [
    String(x.rate), String(x.sent), String(x.acked), String(x.failed),
    `${ms(x.ackP50Ms)} ms`, `${ms(x.ackP95Ms)} ms`, `${ms(x.ackP99Ms)} ms`, `${ms(x.ackMaxMs)} ms`, String(x.answered), `${ms(x.answerP95Ms)} ms`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [
    `Onramp load test: signed /velero slash commands over HTTP, ${r.seconds} s per rate; store ${r.store} pre-filled with ${r.keys.toLocaleString('en')} keys in ${(r.prefillMs / 1000).toFixed(1)} s`,
    line(head),
    ...rows.map(line),
    '',
  ].join('\n');
}
