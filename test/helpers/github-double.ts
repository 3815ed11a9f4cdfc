// A loopback stand-in for GitHub's REST API: the issue and pull listings Onramp reads,
// with real pagination (Link headers), ETags and 304s, rate-limit and failure modes, and
// counters a test can assert on; PR comments (list, create, edit, or 403 for a read-only
// token) and a request log for the lint-pr GitHub Action mode.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Mode = 'ok' | 'secondary-rate-limit-once' | 'rate-limited' | 'error-500' | 'hang';

export interface GitHubDouble {
  url: string;
  mode: Mode;
  counters: { requests: number; ok: number; notModified: number; rateLimited: number; errors: number };
  issues: unknown[];
  pulls: unknown[];
  /** Further fixed answers by path (`/repos/o/r/pulls/12/files`). */
  routes: Record<string, unknown>;
  /** Issue comments (list, create, update), as `/repos/o/r/issues/N/comments` and `/repos/o/r/issues/comments/ID` serve them. */
  comments: DoubleComment[];
  /** 'forbidden': creating or updating a comment answers 403, as a read-only token gets. */
  commentWrites: 'ok' | 'forbidden';
  /** Every request's method, path and Authorization header. */
  log: Array<{ method: string; path: string; authorization?: string }>;
  close(): Promise<void>;
}

export interface DoubleComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
}

export async function startGitHubDouble(issues: unknown[], pulls: unknown[]): Promise<GitHubDouble> {
  const double: GitHubDouble = {
    url: '',
    mode: 'ok',
    counters: { requests: 0, ok: 0, notModified: 0, rateLimited: 0, errors: 0 },
    issues,
    pulls,
    routes: {},
    comments: [],
    commentWrites: 'ok',
    log: [],
    close: async () => {},
  };
  let nextCommentId = 1000;
  let secondaryServed = false;
  const hanging: ServerResponse[] = [];

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    double.counters.requests++;
    const url = new URL(req.url ?? '/', double.url);
    double.log.push({ method: req.method ?? 'GET', path: url.pathname, authorization: req.headers.authorization });
    if (double.mode === 'hang') {
      hanging.push(res);
      return;
    }
    if (double.mode === 'error-500') {
      double.counters.errors++;
      return json(res, 500, { message: 'Server Error' });
    }
    if (double.mode === 'rate-limited') {
      double.counters.rateLimited++;
      res.setHeader('x-ratelimit-limit', '60');
      res.setHeader('x-ratelimit-remaining', '0');
      res.setHeader('x-ratelimit-reset', String(Math.floor(Date.now() / 1000) + 3600));
      return json(res, 403, { message: 'API rate limit exceeded for 127.0.0.1.' });
    }
    if (double.mode === 'secondary-rate-limit-once' && !secondaryServed) {
      secondaryServed = true;
      double.counters.rateLimited++;
      res.setHeader('retry-after', '1');
      return json(res, 403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' });
    }

    const list_ = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/);
    const one = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/);
    if (list_ && req.method === 'GET') {
      double.counters.ok++;
      return json(res, 200, double.comments.filter((c) => c.issue === Number(list_[1])));
    }
    if (one && req.method === 'DELETE') {
      const i = double.comments.findIndex((x) => x.id === Number(one[1]));
      if (i < 0) return json(res, 404, { message: 'Not Found' });
      double.comments.splice(i, 1);
      double.counters.ok++;
      res.statusCode = 204;
      return void res.end();
    }
    if ((list_ && req.method === 'POST') || (one && req.method === 'PATCH')) {
      return void readBody(req).then((body) => {
        if (double.commentWrites === 'forbidden') {
          double.counters.errors++;
          return json(res, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/issues/comments' });
        }
        const text = String((body as { body?: unknown }).body ?? '');
        if (list_) {
          const c: DoubleComment = { id: nextCommentId++, issue: Number(list_[1]), body: text, user: { login: 'github-actions[bot]', type: 'Bot' } };
          double.comments.push(c);
          double.counters.ok++;
          return json(res, 201, c);
        }
        const c = double.comments.find((x) => x.id === Number(one![1]));
        if (!c) return json(res, 404, { message: 'Not Found' });
        c.body = text;
        double.counters.ok++;
        return json(res, 200, c);
      });
    }

    if (url.pathname in double.routes) {
      double.counters.ok++;
      return json(res, 200, double.routes[url.pathname]);
    }
    const list = url.pathname.endsWith('/issues') ? double.issues : url.pathname.endsWith('/pulls') ? double.pulls : undefined;
    if (!list || !/^\/repos\/[^/]+\/[^/]+\/(issues|pulls)$/.test(url.pathname)) return json(res, 404, { message: 'Not Found' });
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const items = list.slice((page - 1) * perPage, page * perPage);
    const body = JSON.stringify(items);
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      double.counters.notModified++;
      // GitHub answers 304 with no body; a content-type here would make clients parse nothing.
      res.writeHead(304, { etag });
      return res.end();
    }
    double.counters.ok++;
    const headers: Record<string, string> = { etag, 'content-type': 'application/json; charset=utf-8' };
    if (page * perPage < list.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next}>; rel="next"`;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.close = () =>
    new Promise((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return double;
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch {
        resolve({});
      }
    });
  });
}

function json(res: ServerResponse, status: number, data: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(data));
}
