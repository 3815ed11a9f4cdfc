// A loopback OpenAI-compatible server: /v1/chat/completions (JSON or SSE stream) and
// /v1/embeddings, with failure modes and counters. The reply text is chosen per test.

import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Mode = 'ok' | 'error-500' | 'hang' | 'malformed' | 'rate-limited';

export interface OpenAIDouble {
  baseUrl: string;
  mode: Mode;
  /** The assistant's answer (may reference the request). */
  reply: (messages: Array<{ role: string; content: string }>) => string;
  counters: { chat: number; embeddings: number; embeddedInputs: number };
  /** Pause between streamed chunks, like a model producing tokens. */
  streamDelayMs: number;
  /** The Retry-After header a 429 (mode 'rate-limited') carries; default 59 seconds. */
  retryAfter?: string;
  lastChat?: { model: string; messages: Array<{ role: string; content: string }>; stream?: boolean };
  close(): Promise<void>;
}

/** A deterministic 16-dimension "embedding": bag of hashed words. */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(16).fill(0);
  for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) v[createHash('md5').update(w).digest()[0]! % 16]! += 1;
  return v;
}

export async function startOpenAIDouble(): Promise<OpenAIDouble> {
  const hanging: Array<import('node:http').ServerResponse> = [];
  const d: OpenAIDouble = {
    baseUrl: '',
    mode: 'ok',
    reply: () => 'I don\'t know.',
    counters: { chat: 0, embeddings: 0, embeddedInputs: 0 },
    streamDelayMs: 0,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : {};
      const path = (req.url ?? '').split('?')[0];
      if (path === '/v1/embeddings') {
        d.counters.embeddings++;
        const input: string[] = Array.isArray(body.input) ? body.input : [body.input];
        d.counters.embeddedInputs += input.length;
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ object: 'list', model: body.model, data: input.map((t, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(t) })), usage: { prompt_tokens: 1, total_tokens: 1 } }));
      }
      if (path !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: 'not found' } }));
      }
      d.counters.chat++;
      d.lastChat = { model: body.model, messages: body.messages, stream: body.stream };
      if (d.mode === 'hang') return void hanging.push(res);
      if (d.mode === 'error-500') {
        res.writeHead(500, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }));
      }
      if (d.mode === 'rate-limited') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': d.retryAfter ?? '59' });
        return res.end(JSON.stringify({ error: { message: 'rate limited', type: 'rate_limit_exceeded' } }));
      }
      if (d.mode === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [] }));
      }
      const text = d.reply(body.messages);
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const pieces = text.match(/.{1,12}/gs) ?? [];
        const chunk = (delta: object, finish: string | null) =>
          `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
        void (async () => {
          for (const p of pieces) {
            res.write(chunk({ content: p }, null));
            if (d.streamDelayMs) await new Promise((r) => setTimeout(r, d.streamDelayMs));
          }
          res.write(chunk({}, 'stop'));
          res.write('data: [DONE]\n\n');
          res.end();
        })();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  d.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  d.close = () =>
    new Promise((r) => {
      for (const h of hanging) h.destroy();
      server.closeAllConnections();
      server.close(() => r());
    });
  return d;
}
