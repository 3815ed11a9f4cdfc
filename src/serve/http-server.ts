// The one HTTP server on PORT: Slack (HTTP mode) at POST /slack/events, GET /healthz,
// GET /metrics, and the web pages (the guide, the ask page, POST /api/ask; see web/).
// Anything else is 404. Every response but Slack's carries the security headers; slow
// clients are cut off by the header and request timeouts.

import { createServer, type RequestListener, type Server } from 'node:http';
import type { Metrics } from './metrics.js';
import { SECURITY_HEADERS } from './web/html.js';
import type { WebHandler } from './web/web-app.js';

export const HTTP_TIMEOUTS = {
  /** Time allowed for a request's headers. */
  headersMs: 10_000,
  /** Time allowed for a whole request (headers and body) to arrive. */
  requestMs: 30_000,
  /** Idle keep-alive connections close after this. */
  keepAliveMs: 5_000,
};

export function createHttpServer(o: { metrics: Metrics; slack?: RequestListener; web?: WebHandler; health: () => Record<string, unknown>; onError?: (err: unknown) => void }): Server {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (o.slack && path === '/slack/events') {
      o.slack(req, res);
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
  server.headersTimeout = HTTP_TIMEOUTS.headersMs;
  server.requestTimeout = HTTP_TIMEOUTS.requestMs;
  server.keepAliveTimeout = HTTP_TIMEOUTS.keepAliveMs;
  return server;
}
