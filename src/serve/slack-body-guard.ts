// Slack's events arrive signed, but a signed body can still be malformed (`null`, an array,
// a `payload` that is not an object), and Bolt's receiver then throws where nothing catches
// it, leaving the request hanging. The body is read here first, capped before it is
// buffered; Bolt reuses the buffered bytes (`rawBody`) for its signature check.

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** Slack's own events are small; anything past this is not one. */
export const SLACK_BODY_LIMIT = 1024 * 1024;

export function guardSlackBody(listener: RequestListener, limit = SLACK_BODY_LIMIT): RequestListener {
  return (req, res) => {
    readCapped(req, limit).then(
      (body) => {
        if (body === undefined) return reply(res, 413, 'request body too large');
        if (!wellFormed(body, String(req.headers['content-type'] ?? ''))) return reply(res, 400, 'malformed Slack request');
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        listener(req, res);
      },
      () => reply(res, 400, 'unreadable request body'),
    );
  };
}

function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A JSON body must be an object; a form's `payload`, when present, must be a JSON object. */
function wellFormed(body: Buffer, contentType: string): boolean {
  const text = body.toString('utf8');
  const isObject = (s: string) => {
    try {
      const v: unknown = JSON.parse(s);
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    } catch {
      return false;
    }
  };
  if (contentType.includes('application/json')) return isObject(text);
  const payload = new URLSearchParams(text).get('payload');
  return payload === null || isObject(payload);
}

function reply(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(`${message}\n`);
}
