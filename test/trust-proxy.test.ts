// The web limit behind a reverse proxy: ONRAMP_TRUST_PROXY names whose X-Forwarded-For to
// believe, ONRAMP_RATE_LIMIT sets the budget. The bot runs for real; a loopback proxy double
// (its outgoing connections from 127.0.0.2) forwards each client's requests the way nginx does.

import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddressOf, parseTrustProxy, type TrustProxy } from '../src/client-address.js';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/serve/start-bot.js';

const fakeReq = (socket: string, xff?: string) => ({ socket: { remoteAddress: socket }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

describe('ONRAMP_TRUST_PROXY', () => {
  it('is validated: off, a hop count, or addresses and CIDRs', () => {
    expect(parseTrustProxy(undefined)).toEqual({ kind: 'off' });
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.2,::1')).toEqual({ kind: 'list', entries: ['10.0.0.0/8', '127.0.0.2', '::1'] });
    for (const bad of ['99', 'nginx', '10.0.0.0/33', '1.2.3.4/8/9', ',']) expect(typeof parseTrustProxy(bad), bad).toBe('string');
    expect(() => loadConfig({ ONRAMP_TRUST_PROXY: 'my-proxy' })).toThrow(/^ONRAMP_TRUST_PROXY has "my-proxy", which is not an IP address or CIDR$/);
    expect(() => loadConfig({ ONRAMP_RATE_LIMIT: '0' })).toThrow(/^ONRAMP_RATE_LIMIT must be a whole number/);
    expect(loadConfig({ ONRAMP_RATE_LIMIT: '30' }).rateLimit).toBe(30);
    expect(loadConfig({}).rateLimit).toBe(8);
  });

  it('reads the client from the right hop, and never from an untrusted peer', () => {
    const of = (t: TrustProxy) => clientAddressOf(t);
    const list: TrustProxy = { kind: 'list', entries: ['10.0.0.0/8'] };
    expect(of({ kind: 'off' })(fakeReq('10.0.0.5', '1.1.1.1'))).toBe('10.0.0.5');
    expect(of(list)(fakeReq('10.0.0.5', '1.1.1.1'))).toBe('1.1.1.1');
    // A client's own forged entry sits left of what the proxies appended: ignored.
    expect(of(list)(fakeReq('10.0.0.5', '6.6.6.6, 2.2.2.2, 10.0.0.9'))).toBe('2.2.2.2');
    // A direct client (not a trusted proxy) is itself, whatever it claims.
    expect(of(list)(fakeReq('203.0.113.7', '1.1.1.1'))).toBe('203.0.113.7');
    expect(of(list)(fakeReq('::ffff:10.0.0.5', '1.1.1.1'))).toBe('1.1.1.1');
    expect(of({ kind: 'hops', hops: 1 })(fakeReq('10.0.0.5', '6.6.6.6, 3.3.3.3'))).toBe('3.3.3.3');
    expect(of({ kind: 'hops', hops: 2 })(fakeReq('10.0.0.5', '6.6.6.6, 3.3.3.3'))).toBe('6.6.6.6');
    // Junk entries are skipped and a huge header is read only at its end.
    expect(of(list)(fakeReq('10.0.0.5', `${'x,'.repeat(100_000)}4.4.4.4`))).toBe('4.4.4.4');
  });
});

describe('the web limit behind a loopback proxy', () => {
  const LIMIT = 3;
  let bot: RunningBot;
  let proxy: Server;
  let proxyUrl: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onramp-proxy-'));
    const config = loadConfig({ PORT: '0', ONRAMP_DATA_DIR: dir, ONRAMP_TRUST_PROXY: '127.0.0.2', ONRAMP_RATE_LIMIT: String(LIMIT), ONRAMP_LOG_DAYS: '0', ONRAMP_EMBEDDINGS: 'off' });
    bot = await startBot(config, { logLevel: 'silent' });
    // nginx's `proxy_add_x_forwarded_for`: the client's address appended to what it sent.
    proxy = createServer((req, res) => {
      const client = String(req.headers['x-test-client'] ?? req.socket.remoteAddress);
      const xff = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${client}` : client;
      const up = request({ host: '127.0.0.1', port: bot.port, localAddress: '127.0.0.2', method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': xff } }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    proxy?.close();
    await bot?.stop();
  });

  const ask = (base: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ question: 'what is a BSL?' }) }).then((r) => r.status);

  it('gives two clients behind one proxy their own budgets, and a forged header from a direct client gains nothing', async () => {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      a.push(await ask(proxyUrl, { 'x-test-client': '198.51.100.1' }));
      b.push(await ask(proxyUrl, { 'x-test-client': '198.51.100.2', 'x-forwarded-for': `203.0.113.${i}` }));
    }
    expect(a).toEqual([200, 200, 200, 429]);
    // B's forged entry sits left of what the proxy appended: B is still B.
    expect(b).toEqual([200, 200, 200, 429]);
    // Direct to the bot from 127.0.0.1 (not the trusted proxy), a new address in the header each time.
    const direct: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) direct.push(await ask(`http://127.0.0.1:${bot.port}`, { 'x-forwarded-for': `192.0.2.${i}` }));
    expect(direct).toEqual([200, 200, 200, 429]);
  });

  it('keeps the limit exact per client for 20 clients asking at once through the proxy', async () => {
    const clients = Array.from({ length: 20 }, (_, i) => `198.51.100.${100 + i}`);
    const results = await Promise.all(
      clients.map(async (c) => {
        const statuses = await Promise.all(Array.from({ length: LIMIT + 2 }, () => ask(proxyUrl, { 'x-test-client': c })));
        return statuses.filter((st) => st === 200).length;
      }),
    );
    expect(results).toEqual(clients.map(() => LIMIT));
  });
});
