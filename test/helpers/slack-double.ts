// A loopback stand-in for Slack's Web API (the methods Onramp's Bolt app calls) and for
// slash-command response_urls. Records every call for assertions.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  path: string;
  body: Record<string, unknown>;
}

export interface SlackDouble {
  apiUrl: string;
  /** Socket Mode: the ws:// URL apps.connections.open hands out (set by the test). */
  socketUrl?: string;
  responseUrl: string;
  calls: SlackCall[];
  waitFor(path: string, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
  close(): Promise<void>;
}

export async function startSlackDouble(): Promise<SlackDouble> {
  const calls: SlackCall[] = [];
  let double: SlackDouble;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const type = req.headers['content-type'] ?? '';
      let body: Record<string, unknown> = {};
      if (type.includes('json')) body = raw ? JSON.parse(raw) : {};
      else body = Object.fromEntries(new URLSearchParams(raw));
      // Bolt's client may send JSON-encoded fields inside a form body.
      for (const k of ['blocks', 'attachments']) if (typeof body[k] === 'string') body[k] = JSON.parse(body[k] as string);
      const path = (req.url ?? '').split('?')[0]!;
      calls.push({ path, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (path === '/api/auth.test') return res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'onramp' }));
      if (path === '/api/chat.postMessage') return res.end(JSON.stringify({ ok: true, channel: body.channel, ts: '1700000000.000200' }));
      if (path === '/api/apps.connections.open') return res.end(JSON.stringify({ ok: true, url: double.socketUrl }));
      if (path === '/api/chat.update') return res.end(JSON.stringify({ ok: true, channel: body.channel, ts: body.ts }));
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double = {
    apiUrl: `${base}/api/`,
    responseUrl: `${base}/respond/1`,
    calls,
    async waitFor(path, count = 1, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.filter((c) => c.path === path);
        if (found.length >= count) return found;
        if (Date.now() > until) throw new Error(`no ${path} call within ${timeoutMs} ms (saw ${calls.map((c) => c.path).join(', ')})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return double;
}
