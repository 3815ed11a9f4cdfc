// The one HTTP server on PORT: Slack (HTTP mode) at POST /slack/events, GET /healthz,
// GET /metrics. Anything else is 404.

import { createServer, type RequestListener, type Server } from 'node:http';
import type { Metrics } from './metrics.js';

export function createHttpServer(o: { metrics: Metrics; slack?: RequestListener; health: () => Record<string, unknown> }): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
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
    if (o.slack && path === '/slack/events') {
      o.slack(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
}
