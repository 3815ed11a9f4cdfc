// HTML building blocks for the web pages: escaping, the page shell and the security headers.
// Every piece of text that is not our own markup goes through `esc` (or `attr` for attribute
// values); links are emitted only for http(s) URLs or our own paths.

import type { ServerResponse } from 'node:http';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text for an element's content or a quoted attribute value. */
export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

/** An href that can only be http(s), a same-site path or a fragment; anything else becomes "#". */
export function safeHref(url: string): string {
  const u = url.trim();
  if (/^#[\w-]*$/.test(u)) return esc(u);
  if (/^\/(?!\/)/.test(u)) return esc(u);
  try {
    const p = new URL(u);
    if (p.protocol === 'http:' || p.protocol === 'https:') return esc(p.href);
  } catch {
    /* not a URL */
  }
  return '#';
}

/**
 * Strict: only our own files, no inline script or style, no framing, forms post only here.
 * (mdast-util-to-hast emits no style attributes; the guide's own HTML is dropped.)
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every response of the server carries. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

export function sendHtml(res: ServerResponse, status: number, html: string, extra: Record<string, string> = {}): void {
  send(res, status, 'text/html; charset=utf-8', html, { 'cache-control': 'no-store', ...extra });
}

export function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), { 'cache-control': 'no-store', ...extra });
}

/** The page shell: our stylesheet, our script, a header with the two entry points. */
export function page(o: { title: string; body: string; script?: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
<link rel="stylesheet" href="/static/onramp.css">
${o.script ? '<script src="/static/ask.js" defer></script>\n' : ''}</head>
<body>
<header class="top"><a class="brand" href="/">Onramp</a> <nav><a href="/">Ask</a> <a href="/guide/">Guide</a></nav></header>
<main>
${o.body}
</main>
<footer>Onramp answers from its own contributor guide to Velero; facts are checked against Velero's source.</footer>
</body>
</html>
`;
}
