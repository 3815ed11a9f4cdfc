// Nothing from Slack's endpoint is trusted before its signature is: the signing secret's
// HMAC over `v0:<timestamp>:<raw body>` is checked here, in constant time, with the
// timestamp inside Slack's five-minute window either way, before the body is parsed, before
// any request id is looked up or remembered. Unverified requests get 401 and nothing else.
//
// Slack's events arrive signed, but a signed body can still be malformed (`null`, an array,
// a `payload` that is not an object), and Bolt's receiver then throws where nothing catches
// it, leaving the request hanging. The body is read here first, capped before it is
// buffered; Bolt reuses the buffered bytes (`rawBody`) for its signature check. Replays of a
// request already answered (same `event_id` or `trigger_id` within Slack's five-minute
// signature window, Slack's own retries among them) are acked and not processed again, and
// timestamps from the future are refused (Bolt refuses only stale ones).

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HttpRefusal, readBody } from './web/web-app.js';

/** Slack's own events are small; anything past this is not one. */
export const SLACK_BODY_LIMIT = 1024 * 1024;
/** Slack's signature window: a signed request older than this is refused by Bolt. */
const WINDOW_MS = 5 * 60_000;
const MAX_REMEMBERED = 20_000;

/** Where replicas share the ids of answered requests (the bot's store); per process without it. */
export interface ReplayMemory {
  answered(id: string): Promise<boolean>;
  remember(id: string, ttlMs: number): Promise<unknown>;
}

export function replayMemoryOf(kv: { get(key: string): Promise<unknown>; set(key: string, value: unknown, ttl?: number): Promise<unknown> }): ReplayMemory {
  return {
    answered: async (id) => (await kv.get(id)) !== undefined,
    remember: (id, ttlMs) => kv.set(id, 1, ttlMs),
  };
}

export interface GuardOptions {
  /** SLACK_SIGNING_SECRET; without one every request is refused. */
  secret?: string;
  limit?: number;
  now?: () => number;
  /** Replicas' shared memory of answered request ids. */
  shared?: ReplayMemory;
}

/** The timestamp header, when it is a plain number of seconds inside the window either way. */
function timestampInWindow(req: IncomingMessage, now: number): string | undefined {
  const ts = req.headers['x-slack-request-timestamp'];
  if (typeof ts !== 'string' || !/^\d{1,12}$/.test(ts)) return undefined;
  return Math.abs(now - Number(ts) * 1000) <= WINDOW_MS ? ts : undefined;
}

/** Slack's v0 signature over the raw bytes, compared in constant time. */
export function signatureValid(secret: string, ts: string, body: Buffer, signature: unknown): boolean {
  if (typeof signature !== 'string') return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function guardSlackBody(listener: RequestListener, o: GuardOptions = {}): RequestListener {
  const limit = o.limit ?? SLACK_BODY_LIMIT;
  const now = o.now ?? (() => Date.now());
  const shared = o.shared;
  // Ids of requests answered with a 2xx, until their signature window closes: in this
  // process, and in the shared store so a retry that reaches another replica is known there
  // too (a store that is down answers "not seen", so the request is handled rather than lost).
  const answered = new Map<string, number>();
  const seenElsewhere = async (id: string) => (shared ? shared.answered(id).catch(() => false) : false);
  return (req, res) => {
    // No secret, no signature header, or a timestamp outside the window: refused unread.
    const ts = timestampInWindow(req, now());
    if (!o.secret || !ts || typeof req.headers['x-slack-signature'] !== 'string') return reply(res, 401, 'request not verified');
    // The web pages' reader: capped before buffering, the rest of an oversized upload discarded.
    readBody(req, res, limit).then(
      (body) => {
        if (!signatureValid(o.secret!, ts, body, req.headers['x-slack-signature'])) return reply(res, 401, 'request not verified');
        const type = String(req.headers['content-type'] ?? '');
        if (!wellFormed(body, type)) return reply(res, 400, 'malformed Slack request');
        const id = requestId(body, type);
        const t = now();
        for (const [k, until] of answered) if (until <= t || answered.size > MAX_REMEMBERED) answered.delete(k); else break;
        if (id && (answered.get(id) ?? 0) > t) return reply(res, 200, '');
        const handle = () => {
          if (id) {
            res.on('finish', () => {
              if (res.statusCode >= 300) return;
              answered.set(id, now() + WINDOW_MS);
              void shared?.remember(id, WINDOW_MS).catch(() => {});
            });
          }
          (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
          listener(req, res);
        };
        if (!id || !shared) return handle();
        void seenElsewhere(id).then((seen) => (seen ? reply(res, 200, '') : handle()));
      },
      (err: unknown) => (err instanceof HttpRefusal ? reply(res, err.status, 'request body too large') : reply(res, 400, 'unreadable request body')),
    );
  };
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

/** `event_id` of an Events API callback, `trigger_id` of a slash command or an interaction. */
function requestId(body: Buffer, contentType: string): string | undefined {
  const text = body.toString('utf8');
  const read = (json: string, key: string) => {
    try {
      const v = (JSON.parse(json) as Record<string, unknown>)[key];
      return typeof v === 'string' && v ? v : undefined;
    } catch {
      return undefined;
    }
  };
  if (contentType.includes('application/json')) return read(text, 'event_id');
  const form = new URLSearchParams(text);
  const payload = form.get('payload');
  const id = payload ? read(payload, 'trigger_id') : form.get('trigger_id');
  return id ? `t:${id}` : undefined;
}

function reply(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(`${message}\n`);
}
