// The one HTTP server on PORT: Slack (HTTP mode) at POST /slack/events, GET /healthz,
// GET /metrics, and the web pages (the guide, the ask page, POST /api/ask; see web/).
// Anything else is 404. Every response but Slack's carries the security headers; slow
// clients are cut off by the header and request timeouts.

import { guardSlackBody, type ReplayMemory } from './slack-body-guard.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { REPORT_CSP } from '../report/report-html.js';
import { parseSince } from '../report/report.js';
import type { Metrics } from './metrics.js';
import { SECURITY_HEADERS } from './web/html.js';
import type { WebHandler } from './web/web-app.js';

export const HTTP_TIMEOUTS = {
  /** Time allowed for a request's headers. */
  headersMs: 10_000,
  /** Time allowed for a whole request (headers and body) to arrive. */
  requestMs: 10_000,
  /** Idle keep-alive connections close after this. */
  keepAliveMs: 5_000,
};

export type HttpTimeouts = typeof HTTP_TIMEOUTS;

/**
 * How often Node checks the header and request timeouts. Its default (30 s) let a socket
 * dribbling one header byte at a time stay open for 40 s past a 10 s limit.
 */
const checkEveryMs = (t: HttpTimeouts) => Math.max(50, Math.min(1_000, Math.floor(Math.min(t.headersMs, t.requestMs) / 4)));

/** `GET /report`: the maintainer report, only for `Authorization: Bearer <ONRAMP_REPORT_TOKEN>`. */
export interface ReportRoute {
  token: string;
  /** The page for the last `sinceMs` (`?since=7d`; default 30 days). */
  render: (sinceMs: number) => Promise<string>;
}

/** Constant-time check of the Bearer token (both sides hashed first, so length leaks nothing). */
export function bearerMatches(req: IncomingMessage, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m?.[1] ?? ''), digest(token)) && !!m;
}

export function createHttpServer(o: { metrics: Metrics; slack?: RequestListener; web?: WebHandler; report?: ReportRoute; health: () => Record<string, unknown>; onError?: (err: unknown) => void; timeouts?: Partial<HttpTimeouts>; replays?: ReplayMemory; slackSigningSecret?: string }): Server {
  const slack = o.slack && guardSlackBody(o.slack, { secret: o.slackSigningSecret, shared: o.replays });
  const timeouts: HttpTimeouts = { ...HTTP_TIMEOUTS, ...o.timeouts };
  const server = createServer({ connectionsCheckingInterval: checkEveryMs(timeouts) }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (slack && path === '/slack/events') {
      slack(req, res);
      return;
    }
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', ...o.health() }));
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      o.metrics.registry
        .metrics()
        .then((text) => {
          res.writeHead(200, { 'content-type': o.metrics.registry.contentType });
          res.end(text);
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
      return;
    }
    if (o.report && path === '/report' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.setHeader('cache-control', 'no-store');
      if (!bearerMatches(req, o.report.token)) {
        res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="onramp-report"' });
        res.end('unauthorized: send Authorization: Bearer <ONRAMP_REPORT_TOKEN>\n');
        return;
      }
      let since: string | null = null;
      try {
        since = new URL(req.url ?? '/', 'http://localhost').searchParams.get('since');
      } catch {
        /* an unparsable URL: the default period */
      }
      const sinceMs = since ? parseSince(since) : 30 * 86_400_000;
      if (sinceMs === undefined) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('since must look like 30d, 12h or 90m\n');
        return;
      }
      o.report
        .render(sinceMs)
        .then((html) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': REPORT_CSP });
          res.end(req.method === 'HEAD' ? undefined : html);
        })
        .catch((err: unknown) => {
          o.onError?.(err);
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('internal error\n');
        });
      return;
    }
    try {
      if (o.web?.(req, res)) return;
    } catch (err) {
      o.onError?.(err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  return server;
}
