// The web front end on serve's HTTP server: the guide pages, the ask page (GET /, and
// GET /ask?q= rendered on the server), POST /api/ask and POST /api/feedback. The chat's
// limits apply, keyed by the client's address: the router's input size cap (bodies are
// capped while they are read, before any buffering past the cap) and its rate limit.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { isFollowUp, outOfScopeAnswer } from '../../answer/ask.js';
import type { Answerer } from '../../answer/answerer.js';
import type { AskResult } from '../../answer/types.js';
import type { ChatMemory } from '../../chat/memory.js';
import { InputError } from '../../errors.js';
import { LOW_CONFIDENCE, type Outcome, type QuestionLog } from '../../log/question-log.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { answerHtml } from './answer-html.js';
import { CSS, JS } from './assets.js';
import { buildGuidePages, type GuidePages } from './guide-pages.js';
import { esc, page, send, sendHtml, sendJson } from './html.js';

export interface WebOptions {
  kb: KnowledgeBase;
  answerer: Answerer;
  /** Rate limit, size cap, threads and feedback (its own limits, whatever the console's are). */
  memory: ChatMemory;
  guideDir: string;
  repo: string;
  onError?: (err: unknown, route: string) => void;
  onAnswer?: (ms: number) => void;
  /** The private question log (web questions count as platform `web`, the client address hashed). */
  log?: QuestionLog;
  /** Who a request comes from (ONRAMP_TRUST_PROXY); default: the socket's address. */
  clientOf?: (req: IncomingMessage) => string;
}

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Feedback bodies are tiny. */
const FEEDBACK_BODY_CAP = 2048;
const MAX_THREAD_CHARS = 100;

/** A refusal with its HTTP status (not an Error: nothing went wrong on our side). */
export class HttpRefusal {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

/** The largest body an ask request may have: the router's cap in characters, as escaped JSON. */
export function askBodyCap(maxInputChars: number): number {
  return maxInputChars * 6 + 1024;
}

/**
 * Reads a body up to `cap` bytes. Past the cap (announced by content-length or reached
 * while reading) it stops buffering at once and rejects with 413; the rest of the upload
 * is discarded, up to a bound, so the client can read the response, then the connection closes.
 */
export function readBody(req: IncomingMessage, res: ServerResponse, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    const tooLarge = () => {
      res.shouldKeepAlive = false;
      let discarded = 0;
      req.removeAllListeners('data');
      req.on('data', (d: Buffer) => {
        discarded += d.length;
        if (discarded > 4 * 1024 * 1024) req.destroy();
      });
      reject(new HttpRefusal(413, `The request is too large (limit ${cap} bytes).`));
    };
    if (Number.isFinite(declared) && declared > cap) return tooLarge();
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (d: Buffer) => {
      if (done) return;
      size += d.length;
      if (size > cap) {
        done = true;
        parts.length = 0;
        return tooLarge();
      }
      parts.push(d);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(parts));
    });
    req.on('error', (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
  });
}

function parseJsonObject(buf: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(buf.toString('utf8'));
  } catch {
    throw new HttpRefusal(400, 'The body is not valid JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpRefusal(400, 'The body must be a JSON object.');
  return value as Record<string, unknown>;
}

/** The client a limit counts against without ONRAMP_TRUST_PROXY: the connection's address. */
export function socketClient(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

export function createWebHandler(o: WebOptions): WebHandler {
  const guide: GuidePages = buildGuidePages(o.kb, o.guideDir, o.repo);
  const { memory } = o;
  const clientOf = o.clientOf ?? socketClient;

  /** `answerOnce`, with one question-log entry whatever happens (a failed write costs no answer). */
  async function answer(client: string, question: unknown, thread: unknown): Promise<{ result: AskResult; replyId: string }> {
    const started = performance.now();
    const logKey = o.log?.newKey();
    let result: AskResult | undefined;
    let outcome: Outcome = 'error';
    try {
      const out = await answerOnce(client, question, thread, logKey);
      result = out.result;
      outcome = result.outOfScope ? (result.answer === outOfScopeAnswer(true) ? 'injection' : 'refused') : 'answered';
      return out;
    } catch (err) {
      if (err instanceof HttpRefusal && err.status === 429) outcome = 'rate-limited';
      throw err;
    } finally {
      if (o.log && logKey) {
        await o.log
          .record(logKey, {
            platform: 'web',
            user: client,
            command: 'ask',
            outcome,
            ms: Math.round(performance.now() - started),
            ...(result ? { mode: result.mode, confidence: result.confidence, question: result.question } : {}),
            ...(result?.citations[0] ? { section: result.citations[0].section } : {}),
          })
          .catch((err: unknown) => o.onError?.(err, 'log'));
      }
    }
  }

  /** Size cap, rate limit, thread context, the answer, the thread and reply remembered. */
  async function answerOnce(client: string, question: unknown, thread: unknown, logKey: string | undefined): Promise<{ result: AskResult; replyId: string }> {
    if (typeof question !== 'string') throw new HttpRefusal(400, 'Send {"question": "..."}: "question" must be a string.');
    if (thread !== undefined && (typeof thread !== 'string' || thread.length > MAX_THREAD_CHARS)) {
      throw new HttpRefusal(400, `"thread" must be a string of at most ${MAX_THREAD_CHARS} characters.`);
    }
    if (question.length > memory.limits.maxInputChars) {
      throw new HttpRefusal(413, `That question is too long (${question.length} characters); keep it under ${memory.limits.maxInputChars}.`);
    }
    if (!(await memory.allow('web', client))) {
      throw new HttpRefusal(429, 'You are sending questions faster than I can answer them well. Give me a minute and try again.');
    }
    // Threads are per client: one client cannot lean on another's conversation.
    const key = thread ? `${client}:${thread}` : undefined;
    const context = key ? await memory.lastQuestion('web', key) : undefined;
    const started = performance.now();
    let result: AskResult;
    try {
      result = await o.answerer.answer(question, { context });
    } catch (err) {
      if (err instanceof InputError) throw new HttpRefusal(400, err.message.charAt(0).toUpperCase() + err.message.slice(1));
      throw err;
    }
    o.onAnswer?.((performance.now() - started) / 1000);
    if (key && !result.outOfScope) {
      await memory.rememberQuestion('web', key, context && isFollowUp(result.question) ? `${result.question} ${context}` : result.question);
    }
    // As in chat: the question's text is stored only when the log may keep it.
    const replyId = await memory.rememberReply('web', result.question, 'ask', logKey, result.outOfScope || result.confidence < LOW_CONFIDENCE);
    return { result, replyId };
  }

  const fail = (res: ServerResponse, route: string, err: unknown, html: boolean, q = '') => {
    const status = err instanceof HttpRefusal ? err.status : 500;
    if (!(err instanceof HttpRefusal)) o.onError?.(err, route);
    const message = err instanceof HttpRefusal ? err.message : 'Something went wrong while answering; it has been logged. Please try again.';
    const extra: Record<string, string> = status === 429 ? { 'retry-after': String(Math.ceil(memory.limits.windowMs / 1000)) } : {};
    if (html) {
      sendHtml(res, status, renderAsk(q, `<div class="answer"><p class="error">${esc(message)}</p></div>`), extra);
    } else sendJson(res, status, { error: message }, extra);
  };

  function renderAsk(q: string, inner: string): string {
    return page({
      title: q ? `${q.slice(0, 80)} · Onramp` : 'Onramp · ask about contributing to Velero',
      script: true,
      body: askBody(q, inner),
    });
  }
  function askBody(q: string, inner: string): string {
    return `<h1>Ask about contributing to Velero</h1>
<p class="muted">Answers come from Onramp's contributor guide, with links to the passages and to Velero's source (${esc(`${o.kb.sections.length} sections`)}; <a href="/guide/">browse the guide</a>).</p>
<form class="ask" method="get" action="/ask" role="search">
<input type="text" id="q" name="q" value="${esc(q)}" maxlength="${memory.limits.maxInputChars}" placeholder="e.g. How does a restore pick up plugins?" aria-label="Your question" autocomplete="off" required>
<button type="submit">Ask</button>
</form>
${q ? '' : `<p class="examples">Try: <a href="/ask?q=What+does+the+BackupStorageLocation+CRD+describe%3F">What does the BSL CRD describe?</a> <a href="/ask?q=How+do+backup+hooks+run%3F">How do backup hooks run?</a> <a href="/ask?q=Where+is+the+restore+controller%3F">Where is the restore controller?</a></p>`}
<section id="result" aria-live="polite">${inner}</section>`;
  }

  return (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return false;
    }
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const isGet = method === 'GET' || method === 'HEAD';

    if (path === '/static/onramp.css' && isGet) {
      send(res, 200, 'text/css; charset=utf-8', CSS, { 'cache-control': 'public, max-age=3600' });
      return true;
    }
    if (path === '/static/ask.js' && isGet) {
      send(res, 200, 'text/javascript; charset=utf-8', JS, { 'cache-control': 'public, max-age=3600' });
      return true;
    }
    if (path === '/favicon.ico' && isGet) {
      res.writeHead(204).end();
      return true;
    }
    if (path === '/guide' && isGet) {
      res.writeHead(301, { location: '/guide/' }).end();
      return true;
    }
    if (path === '/guide/' && isGet) {
      sendHtml(res, 200, guide.index);
      return true;
    }
    const m = path.match(/^\/guide\/([a-z0-9-]+)\/?$/);
    if (m && isGet) {
      const html = guide.sections.get(m[1]!);
      if (html) sendHtml(res, 200, html);
      else sendHtml(res, 404, page({ title: 'Not found · Onramp', body: `<h1>No such guide section</h1><p><a href="/guide/">The guide's sections</a></p>` }));
      return true;
    }
    if (path === '/' && isGet) {
      sendHtml(res, 200, renderAsk('', ''));
      return true;
    }
    if (path === '/ask' && isGet) {
      const q = (url.searchParams.get('q') ?? '').trim();
      if (!q) {
        res.writeHead(303, { location: '/' }).end();
        return true;
      }
      answer(clientOf(req), q, undefined).then(
        ({ result, replyId }) => sendHtml(res, 200, renderAsk(q, answerHtml(result, replyId))),
        (err) => fail(res, 'ask', err, true, q.slice(0, memory.limits.maxInputChars)),
      );
      return true;
    }
    if (path === '/api/ask') {
      if (method !== 'POST') {
        sendJson(res, 405, { error: 'Use POST with {"question": "..."}.' }, { allow: 'POST' });
        return true;
      }
      readBody(req, res, askBodyCap(memory.limits.maxInputChars))
        .then(parseJsonObject)
        .then((body) => answer(clientOf(req), body.question, body.thread))
        .then(
          ({ result, replyId }) => sendJson(res, 200, result, { 'x-onramp-reply-id': replyId }),
          (err) => fail(res, 'api/ask', err, false),
        );
      return true;
    }
    if (path === '/api/feedback') {
      if (method !== 'POST') {
        sendJson(res, 405, { error: 'Use POST with {"replyId": "...", "vote": "up"|"down"}.' }, { allow: 'POST' });
        return true;
      }
      const form = /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
      readBody(req, res, FEEDBACK_BODY_CAP)
        .then((buf) => (form ? Object.fromEntries(new URLSearchParams(buf.toString('utf8'))) : parseJsonObject(buf)))
        .then(async (body: Record<string, unknown>) => {
          const { replyId, vote } = body;
          if (typeof replyId !== 'string' || !/^[\w-]{1,40}$/.test(replyId) || (vote !== 'up' && vote !== 'down')) {
            throw new HttpRefusal(400, 'Send {"replyId": "...", "vote": "up"|"down"}.');
          }
          const ok = await memory.recordFeedback(replyId, `web:${clientOf(req)}`, vote);
          if (!ok) throw new HttpRefusal(404, 'That answer is unknown or too old to rate.');
          if (o.log) {
            const remembered = await memory.reply(replyId).catch(() => undefined);
            if (remembered?.logKey) await o.log.vote(remembered.logKey, vote, remembered.question).catch((err: unknown) => o.onError?.(err, 'log'));
          }
          if (form) {
            const q = typeof body.q === 'string' ? body.q.slice(0, memory.limits.maxInputChars) : '';
            sendHtml(res, 200, renderAsk(q, `<div class="answer"><p>Thanks for the feedback.</p>${q ? `<p><a href="/ask?q=${esc(encodeURIComponent(q))}">Back to the answer</a></p>` : ''}</div>`));
          } else sendJson(res, 200, { ok: true });
        })
        .catch((err) => fail(res, 'api/feedback', err, form));
      return true;
    }
    return false;
  };
}
