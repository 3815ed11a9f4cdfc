import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouter } from '../src/chat/build-router.js';
import { ChatMemory } from '../src/chat/memory.js';
import type { Router } from '../src/chat/router.js';
import { runReport } from '../src/cli/report-command.js';
import { loadConfig } from '../src/config.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { openQuestionLog, QuestionLog } from '../src/log/question-log.js';
import { reportHtml } from '../src/report/report-html.js';
import type { Report } from '../src/report/report.js';
import { createHttpServer } from '../src/serve/http-server.js';
import { createWebHandler } from '../src/serve/web/web-app.js';
import { extractiveAnswerer } from '../src/answer/answerer.js';
import { KNOWLEDGE_DIR } from '../src/knowledge/knowledge-base.js';
import { createMetrics } from '../src/serve/metrics.js';
import { openStore } from '../src/store/store.js';
import { storedEntries } from './helpers/store-entries.js';

const IN_SCOPE = [
  'How does a restore pick up plugins?',
  'What does the BackupStorageLocation CRD describe?',
  'How do backup hooks run?',
  'Where is the restore controller?',
  'How do I sign off my commits for the DCO?',
];
// The guide has no word on Grafana or dashboards (checked: grep -ri grafana knowledge/ finds nothing).
const UNCOVERED = [
  'Is there a Grafana dashboard for Velero metrics?',
  'Where can I find a Grafana dashboard to monitor Velero?',
  'Does Velero ship a Grafana dashboard?',
  'How do I import the Velero dashboard into Grafana?',
];
const OFF_TOPIC = ["What's a good recipe for banana bread?", 'Who won the football world cup in 2022?'];

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase();
});

async function session() {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const spec = `file:${join(dir, 'store.json')}`;
  const store = await openStore(spec);
  const log = openQuestionLog(store, 90)!;
  const router: Router = buildRouter({ kb, repo: 'velero-io/velero', memory: new ChatMemory(store), log, issues: {} as never, conventions: {} as never });
  const replies = [];
  for (const [i, q] of [...IN_SCOPE, ...UNCOVERED, ...OFF_TOPIC].entries()) {
    // Three people, each on one platform (a user is `<platform>:<id>`).
    const user = i % 3;
    replies.push(await router.handle({ text: q, user: `user-${user}`, platform: user === 1 ? 'slack' : 'discord', thread: `t${i}` }));
  }
  // Helpful on a confident answer: its text must still not be kept.
  expect(await router.feedback(replies[0]!.replyId!, 'user-9', 'up')).toBe(true);
  await store.close();
  return { dir, spec, replies };
}

describe('question log and report', () => {
  it('counts every request, finds the uncovered topic as one gap, and keeps no confident question text', async () => {
    const { dir, spec, replies } = await session();
    expect(replies.slice(0, IN_SCOPE.length).every((r) => !r.outOfScope && (r.confidence ?? 0) >= 0.5)).toBe(true);
    expect(replies.slice(IN_SCOPE.length).every((r) => r.outOfScope)).toBe(true);

    let out = '';
    expect(await runReport({ json: true, since: '1d' }, { ONRAMP_STORE: spec }, (s) => (out += s))).toBe(0);
    const report = JSON.parse(out) as Report;
    const total = IN_SCOPE.length + UNCOVERED.length + OFF_TOPIC.length;
    expect(report.totals.requests).toBe(total);
    expect(report.byCommand).toEqual({ ask: total });
    expect(report.byPlatform.slack! + report.byPlatform.discord!).toBe(total);
    expect(report.totals).toMatchObject({ answered: IN_SCOPE.length, refused: UNCOVERED.length + OFF_TOPIC.length, helpful: 1, notHelpful: 0, users: 3 });
    expect(report.rates.helpful).toBe(1);
    expect(report.latencyMs.p50).not.toBeNull();
    expect(report.sections.map((s) => s.section)).toContain('hooks-system');

    const [top, ...rest] = report.gaps;
    expect(top!.count).toBe(UNCOVERED.length);
    expect(top!.terms).toContain('grafana');
    expect(top!.examples).toHaveLength(3);
    for (const e of top!.examples) expect(UNCOVERED).toContain(e);
    // The off-topic questions are gaps of their own, never merged into the Grafana one.
    expect(rest.flatMap((g) => g.examples).sort()).toEqual([...OFF_TOPIC].sort());

    // No confidently answered question anywhere in the store: not in the log, not in the
    // reply, thread or feedback memory.
    const raw = storedEntries(dir);
    const logged = Object.entries(raw).filter(([k]) => k.startsWith('questionlog:'));
    expect(logged).toHaveLength(total);
    const everything = JSON.stringify(raw);
    for (const q of IN_SCOPE) expect(everything).not.toContain(q);
    const text = JSON.stringify(logged);
    for (const q of IN_SCOPE) expect(text).not.toContain(q);
    for (const q of [...UNCOVERED, ...OFF_TOPIC]) expect(text).toContain(q);
    // Users only as salted hashes.
    expect(text).not.toMatch(/user-\d/);

    // --html: one self-contained page.
    const file = join(dir, 'report.html');
    await runReport({ html: file }, { ONRAMP_STORE: spec }, () => {});
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('keeps the text of a confident answer voted not helpful, taken from the reply memory', async () => {
    const store = await openStore(`file:${join(mkdtempSync(join(tmpdir(), 'report-')), 's.json')}`);
    const log = new QuestionLog(store, 90);
    const router = buildRouter({ kb, repo: 'velero-io/velero', memory: new ChatMemory(store), log, issues: {} as never, conventions: {} as never });
    const reply = await router.handle({ text: IN_SCOPE[2]!, user: 'u', platform: 'discord' });
    expect((await log.entries())[0]!.question).toBeUndefined();
    await router.feedback(reply.replyId!, 'u2', 'down');
    expect((await log.entries())[0]).toMatchObject({ vote: 'down', question: IN_SCOPE[2], section: 'hooks-system', outcome: 'answered' });
    await router.feedback(reply.replyId!, 'u2', 'up');
    expect((await log.entries())[0]!.question).toBeUndefined();
    await store.close();
  });

  it('escapes logged text in the HTML report', () => {
    const html = reportHtml({
      since: '2026-01-01T00:00:00.000Z', until: '2026-01-02T00:00:00.000Z', logDays: 90,
      totals: { requests: 1, users: 1, answered: 0, refused: 1, injection: 0, rateLimited: 0, error: 0, votes: 0, helpful: 0, notHelpful: 0 },
      byPlatform: { '<b>x</b>': 1 }, byCommand: { ask: 1 }, rates: { answered: 0, refused: 1, helpful: null },
      sections: [], latencyMs: { p50: 1, p95: 1 }, gaps: [{ terms: ['x'], count: 1, examples: ['<script>alert(1)</script>'] }],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<b>x</b>');
  });

  it('writes nothing when ONRAMP_LOG_DAYS is 0, and validates the two variables', async () => {
    expect(loadConfig({}).logDays).toBe(90);
    expect(loadConfig({ ONRAMP_LOG_DAYS: '0' }).logDays).toBe(0);
    expect(() => loadConfig({ ONRAMP_LOG_DAYS: '-1' })).toThrow(/^ONRAMP_LOG_DAYS must be a whole number/);
    expect(() => loadConfig({ ONRAMP_REPORT_TOKEN: 'short' })).toThrow(/^ONRAMP_REPORT_TOKEN must be at least 16/);
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    const store = await openStore(`file:${join(dir, 's.json')}`);
    expect(openQuestionLog(store, 0)).toBeUndefined();
    const router = buildRouter({ kb, repo: 'velero-io/velero', memory: new ChatMemory(store), log: openQuestionLog(store, 0), issues: {} as never, conventions: {} as never });
    await router.handle({ text: UNCOVERED[0]!, user: 'u', platform: 'slack' });
    await store.close();
    expect(JSON.stringify(storedEntries(dir))).not.toContain('questionlog');
  });

  it('loses no entry when many requests write at once (one key per entry)', async () => {
    const store = await openStore(`file:${join(mkdtempSync(join(tmpdir(), 'report-')), 's.json')}`);
    const log = new QuestionLog(store, 90);
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.record(log.newKey(), { platform: 'slack', user: `u${i}`, command: 'ask', outcome: 'answered', ms: i })));
    expect(await log.entries()).toHaveLength(50);
    await store.close();
  });
});

const redisUrl = process.env.ONRAMP_TEST_REDIS_URL;
describe.runIf(Boolean(redisUrl))('question log on redis', () => {
  it('two replicas write at once and both read every entry', async () => {
    const a = await openStore(redisUrl!);
    const b = await openStore(redisUrl!);
    await a.kv('questionlog').clear();
    const la = new QuestionLog(a, 90);
    const lb = new QuestionLog(b, 90);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? la : lb).record((i % 2 ? la : lb).newKey(), { platform: 'slack', user: 'same-user', command: 'ask', outcome: 'refused', ms: i, question: `q${i}` })));
    const seen = await lb.entries();
    expect(seen).toHaveLength(40);
    expect(new Set(seen.map((e) => e.user)).size).toBe(1);
    expect((await la.entries()).length).toBe(40);
    await a.close();
    await b.close();
  });
});

describe('GET /report', () => {
  const token = 'a-report-token-of-32-characters!';
  const servers: Array<ReturnType<typeof createHttpServer>> = [];
  afterAll(() => servers.forEach((s) => s.close()));
  async function serve(report?: { token: string; render: () => Promise<string> }) {
    const server = createHttpServer({ metrics: createMetrics(), health: () => ({}), report });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/report`;
  }

  it('logs web questions too, with their votes', async () => {
    const storeFile = join(mkdtempSync(join(tmpdir(), 'report-')), 's.json');
    const store = await openStore(`file:${storeFile}`);
    const log = new QuestionLog(store, 90);
    const memory = new ChatMemory(store);
    const web = createWebHandler({ kb, answerer: extractiveAnswerer(kb, 'velero-io/velero'), memory, guideDir: join(KNOWLEDGE_DIR, 'guide'), repo: 'velero-io/velero', log });
    const server = createHttpServer({ metrics: createMetrics(), health: () => ({}), web });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await post('/api/ask', { question: IN_SCOPE[0] });
    await post('/api/ask', { question: UNCOVERED[0] });
    expect((await post('/api/feedback', { replyId: ok.headers.get('x-onramp-reply-id'), vote: 'up' })).status).toBe(200);
    const entries = await log.entries();
    expect(entries.map((e) => [e.platform, e.outcome, e.vote ?? null, e.question ?? null])).toEqual([
      ['web', 'answered', 'up', null],
      ['web', 'refused', null, UNCOVERED[0]],
    ]);
    expect(JSON.stringify(entries)).not.toContain('127.0.0.1');
    await store.close();
    // The confident web question's text is nowhere in the store, the refused one's is.
    const raw = JSON.stringify(storedEntries(join(storeFile, '..')));
    expect(raw).not.toContain(IN_SCOPE[0]);
    expect(raw).toContain(UNCOVERED[0]);
  });

  it('is 404 without a token configured, 401 without the right Bearer token, 200 with it', async () => {
    expect((await fetch(await serve())).status).toBe(404);
    const url = await serve({ token, render: async () => '<!doctype html><p>report</p>' });
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: token } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await ok.text()).toContain('report');
    expect((await fetch(`${url}?since=bogus`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
  });
});
