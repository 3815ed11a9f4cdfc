// The web pages on serve's HTTP server: the guide at the anchors answers cite, the ask page
// and POST /api/ask with their limits, escaping of hostile input, the security headers.

import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../src/answer/types.js';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/serve/start-bot.js';
import { answerHtml } from '../src/serve/web/answer-html.js';

const tmpStore = (p: string) => `file:${join(mkdtempSync(join(tmpdir(), p)), 'store.json')}`;
// An empty data directory: Velero's docs synced into the checkout's `.onramp/` would add velero.io citations.
const dataDir = mkdtempSync(join(tmpdir(), 'web-data-'));
const config = (extra: Record<string, string> = {}) => loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ONRAMP_STORE: tmpStore('web-'), ONRAMP_DATA_DIR: dataDir, ...extra });

let bot: RunningBot;
let base: string;

beforeAll(async () => {
  bot = await startBot(config(), { webLimits: { perUser: 100_000, windowMs: 60_000, maxInputChars: 8000 } });
  base = `http://127.0.0.1:${bot.port}`;
});
afterAll(async () => {
  await bot?.stop();
});

const idsOf = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
const postJson = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** Sends a body with chunked encoding (no content-length) and returns the status. */
function postChunked(path: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    const piece = Buffer.alloc(16 * 1024, 'a');
    let sent = 0;
    const write = () => {
      while (sent < size) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', write);
      }
      req.end();
    };
    req.write('{"question":"');
    write();
  });
}

describe('citation links', () => {
  it('link to this server when ONRAMP_PUBLIC_URL is unset, and to ONRAMP_PUBLIC_URL when set', async () => {
    const r = (await (await postJson('/api/ask', JSON.stringify({ question: 'What does the BackupStorageLocation CRD describe?' }))).json()) as AskResult;
    expect(r.citations[0]!.url).toBe(`http://localhost:${bot.port}/guide/${r.citations[0]!.section}#${r.citations[0]!.anchor}`);
    const pub = await startBot(config({ ONRAMP_PUBLIC_URL: 'https://onramp.example.org/' }));
    try {
      const res = await fetch(`http://127.0.0.1:${pub.port}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'What does the BackupStorageLocation CRD describe?' }) });
      const j = (await res.json()) as AskResult;
      expect(j.citations[0]!.url).toMatch(/^https:\/\/onramp\.example\.org\/guide\/core-crds#[a-z0-9_-]+$/);
    } finally {
      await pub.stop();
    }
  });

  it('returns 200 with the cited anchor as an element id, for every citation of every public eval question', async () => {
    const questions = readFileSync('test/fixtures/questions.public.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { question: string });
    expect(questions.length).toBeGreaterThan(40);
    const pages = new Map<string, Set<string>>();
    let checked = 0;
    for (const { question } of questions) {
      const res = await postJson('/api/ask', JSON.stringify({ question }));
      expect(res.status, question).toBe(200);
      const r = (await res.json()) as AskResult;
      for (const c of r.citations) {
        const url = new URL(c.url);
        expect(url.origin).toBe(`http://localhost:${bot.port}`);
        const pagePath = url.pathname;
        if (!pages.has(pagePath)) {
          const page = await fetch(`${base}${pagePath}`);
          expect(page.status, c.url).toBe(200);
          pages.set(pagePath, idsOf(await page.text()));
        }
        if (url.hash) expect(pages.get(pagePath)!.has(decodeURIComponent(url.hash.slice(1))), c.url).toBe(true);
        expect(url.hash.slice(1)).toBe(c.anchor);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  }, 60_000);

  it('gives every chunk of every section an id on its page (no dead anchor anywhere)', async () => {
    const { loadKnowledgeBase } = await import('../src/knowledge/knowledge-base.js');
    const kb = await loadKnowledgeBase();
    for (const s of kb.sections) {
      const res = await fetch(`${base}/guide/${s.id}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const ids = idsOf(html);
      for (const c of s.chunks) if (c.anchor) expect(ids.has(c.anchor), `${s.id}#${c.anchor}`).toBe(true);
      expect(html).toMatch(/checked against velero@[0-9a-f]{9}/);
      expect(html).toContain(`href="${s.guideUrl}"`);
      if (s.sources[0]) expect(html).toContain(`/${s.upstreamCommit}/${s.sources[0].replace(/\/$/, '')}`);
    }
  });
});

describe('pages and headers', () => {
  it('serves the guide index, the ask page, its CSS and JS with a strict CSP and nosniff', async () => {
    for (const path of ['/', '/guide/', '/guide/core-crds', '/static/onramp.css', '/static/ask.js', '/ask?q=what+is+a+BSL', '/healthz']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
    }
    const home = await (await fetch(`${base}/`)).text();
    expect(home).toMatch(/<form class="ask" method="get" action="\/ask"/);
    // No inline script and nothing from another origin.
    for (const m of home.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/src="\/static\//);
      expect(m[2]!.trim()).toBe('');
    }
    expect(home).not.toMatch(/(src|href)="(https?:)?\/\/(?!localhost)/);
    expect((await fetch(`${base}/guide/no-such-section`)).status).toBe(404);
  });

  it('renders an answer on the server for GET /ask?q=', async () => {
    const html = await (await fetch(`${base}/ask?q=${encodeURIComponent('How do backup hooks run?')}`)).text();
    expect(html).toContain('class="answer');
    expect(html).toMatch(/<ol class="citations"><li><a href="http:\/\/localhost:\d+\/guide\/[a-z-]+#/);
    expect(html).toMatch(/checked against velero@/);
    expect(html).toMatch(/<form method="post" action="\/api\/feedback">/);
  });

  it('records feedback from the JSON API and from the no-JS form', async () => {
    const res = await postJson('/api/ask', JSON.stringify({ question: 'How do backup hooks run?' }));
    const replyId = res.headers.get('x-onramp-reply-id')!;
    expect(replyId).toMatch(/^[\w-]+$/);
    expect((await postJson('/api/feedback', JSON.stringify({ replyId, vote: 'up' }))).status).toBe(200);
    const form = await fetch(`${base}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `replyId=${replyId}&vote=down&q=x` });
    expect(form.status).toBe(200);
    expect((await postJson('/api/feedback', JSON.stringify({ replyId: 'nope', vote: 'up' }))).status).toBe(404);
    expect((await postJson('/api/feedback', JSON.stringify({ replyId, vote: 'sideways' }))).status).toBe(400);
  });
});

const HOSTILE = [
  '<script>alert(1)</script> how do backup hooks run?',
  '"><img src=x onerror=alert(1)> restore hooks',
  "' onmouseover='alert(1)' x=' what is a BSL",
  'javascript:alert(document.cookie)',
  '[click me](javascript:alert(1)) how does restore work',
  '<a href="javascript:alert(1)">x</a> plugins',
  '</textarea></title><svg onload=alert(1)>',
];

/** The page's real tags (text has its `<` escaped, so it forms none), quoted values emptied. */
function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?[a-zA-Z][^>]*>/g)].map((m) => m[0].replace(/="[^"]*"/g, '=""'));
}

function expectInert(html: string) {
  const tags = tagsOf(html);
  const names = new Set(tags.map((t) => t.match(/^<\/?([a-zA-Z0-9]+)/)![1]!.toLowerCase()));
  for (const bad of ['img', 'svg', 'iframe', 'textarea', 'object', 'embed']) expect(names.has(bad), bad).toBe(false);
  // The only script is our own file; no event-handler attribute; every attribute value quoted.
  for (const t of tags) {
    if (/^<script/i.test(t)) expect(t).toBe('<script src="" defer>');
    expect(t, t).not.toMatch(/\son\w+\s*=/i);
    expect(t, t).not.toMatch(/=\s*[^"\s>]/);
  }
  for (const m of html.matchAll(/\shref="([^"]*)"/g)) expect(m[1], m[0]).toMatch(/^(https?:\/\/|\/|#)/);
  expect(html.match(/<\/title>/g)?.length ?? 0).toBeLessThanOrEqual(1);
}

describe('hostile input', () => {
  it('is escaped on /ask', async () => {
    for (const q of HOSTILE) {
      const res = await fetch(`${base}/ask?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      const html = await res.text();
      expectInert(html);
      // The question is shown back, as text.
      expect(html).toContain(`value="${q.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}"`);
    }
  });

  it('is escaped in pages rendered from /api/ask answers, hostile URLs included', async () => {
    for (const q of HOSTILE) {
      const res = await postJson('/api/ask', JSON.stringify({ question: q }));
      expect(res.status, q).toBe(200);
      expectInert(answerHtml((await res.json()) as AskResult, 'r1'));
    }
    const forged: AskResult = {
      question: HOSTILE[0]!,
      answer: `Hello <script>alert(1)</script> **<b>bold</b>** \`<i>\` [x](javascript:alert(1)) [y](https://ok.example/a"onmouseover="alert(1))\n1. <img src=x onerror=alert(1)>`,
      mode: 'extractive',
      confidence: 1,
      outOfScope: false,
      citations: [{ section: 'core-crds', title: '<script>t</script>', anchor: '"><svg onload=alert(1)>', url: 'javascript:alert(1)', score: 1 }],
      sources: [{ path: '<img src=x>', url: 'javascript:alert(2)' }],
      ms: 1,
      verifiedAt: { commit: '<script>', date: '' },
      retrieval: 'lexical',
    };
    const html = answerHtml(forged, '"><script>');
    expectInert(html);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://ok.example/a%22onmouseover=%22alert(1">');
  });
});

describe('limits', () => {
  it('answers 413 to a 200 KB body (announced or chunked), 400 to malformed JSON, and stays up', async () => {
    const big = JSON.stringify({ question: 'a'.repeat(200 * 1024) });
    expect((await postJson('/api/ask', big)).status).toBe(413);
    expect(await postChunked('/api/ask', 200 * 1024)).toBe(413);
    expect((await postJson('/api/ask', JSON.stringify({ question: 'b'.repeat(9000) }))).status).toBe(413);
    for (const bad of ['{"question": ', 'not json', '[1,2]', '"just a string"', '{"question": 42}', '{"question": "hooks", "thread": 7}']) {
      const res = await postJson('/api/ask', bad);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
    }
    expect((await postJson('/api/ask', JSON.stringify({ question: '   ' }))).status).toBe(400);
    expect((await fetch(`${base}/api/ask`)).status).toBe(405);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect((await postJson('/api/ask', JSON.stringify({ question: 'What is a BSL?' }))).status).toBe(200);
  });

  it('answers 429 past the rate limit, per client address', async () => {
    const limited = await startBot(config(), { webLimits: { perUser: 2, windowMs: 60_000, maxInputChars: 8000 } });
    try {
      const url = `http://127.0.0.1:${limited.port}/api/ask`;
      const ask = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'What is a BSL?' }) });
      expect((await ask()).status).toBe(200);
      expect((await ask()).status).toBe(200);
      const third = await ask();
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('60');
      expect((await fetch(`http://127.0.0.1:${limited.port}/ask?q=hooks`)).status).toBe(429);
      expect((await fetch(`http://127.0.0.1:${limited.port}/healthz`)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('has header and request timeouts on the server', () => {
    expect(bot.server!.headersTimeout).toBeGreaterThan(0);
    expect(bot.server!.headersTimeout).toBeLessThanOrEqual(15_000);
    expect(bot.server!.requestTimeout).toBeGreaterThan(0);
    expect(bot.server!.requestTimeout).toBeLessThanOrEqual(60_000);
  });
});
