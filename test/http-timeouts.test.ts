// Slow-dribbling sockets are cut off by the header and request timeouts (short ones here,
// through createHttpServer's option, so the test does not wait out the real 10 s).

import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, HTTP_TIMEOUTS } from '../src/serve/http-server.js';
import { createMetrics } from '../src/serve/metrics.js';
import type { Server } from 'node:http';

const HEADERS_MS = 400;
const REQUEST_MS = 700;
let server: Server;
let port: number;

beforeAll(async () => {
  server = createHttpServer({ metrics: createMetrics(), health: () => ({}), timeouts: { headersMs: HEADERS_MS, requestMs: REQUEST_MS } });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Writes `text` one byte every `everyMs` until done or closed; resolves with when it closed and what came back. */
function dribble(text: string, everyMs: number): Promise<{ closedAfterMs: number; sent: number; reply: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    let reply = '';
    const timer = setInterval(() => {
      if (sent < text.length && socket.writable) socket.write(text[sent++]!);
    }, everyMs);
    socket.on('data', (d) => (reply += d.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ closedAfterMs: Date.now() - started, sent, reply });
    });
  });
}

describe('HTTP server timeouts', () => {
  it('has real defaults of seconds, not minutes', () => {
    expect(HTTP_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(HTTP_TIMEOUTS.requestMs).toBeLessThanOrEqual(10_000);
    expect(HTTP_TIMEOUTS.keepAliveMs).toBeLessThanOrEqual(10_000);
  });

  it('closes a socket that sends its headers one byte at a time', async () => {
    const request = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;
    const r = await dribble(request, 20);
    expect(r.sent).toBeLessThan(request.length);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_MS - 50);
    expect(r.closedAfterMs).toBeLessThan(HEADERS_MS + 1000);
    expect(r.reply).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a socket whose headers came in time but whose body dribbles', async () => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    socket.write('POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    const timer = setInterval(() => socket.writable && socket.write('a'), 20);
    socket.on('error', () => {});
    const closedAfter = await new Promise<number>((r) => socket.on('close', () => r(Date.now() - started)));
    clearInterval(timer);
    expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_MS - 50);
    expect(closedAfter).toBeLessThan(REQUEST_MS + 1000);
  });

  it('still answers a request that arrives at once', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});
