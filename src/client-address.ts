// Who a web request comes from, for its rate limit. Behind a reverse proxy every request's
// socket is the proxy's, so ONRAMP_TRUST_PROXY says whose `X-Forwarded-For` to believe, as
// Express and most frameworks do: a hop count (that many proxies in front, all traffic
// through them), or the proxies' addresses and CIDRs (the header is read only when the
// socket is one of them, and from the right, past every trusted proxy).

import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

export type TrustProxy = { kind: 'off' } | { kind: 'hops'; hops: number } | { kind: 'list'; entries: string[] };

/** At most this many forwarded hops are read, so a huge header costs no more than a short one. */
const MAX_HOPS = 32;

/** `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1. */
const plain = (a: string) => (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a);

export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const v = value?.trim().toLowerCase();
  if (!v || v === 'off' || v === 'false' || v === '0') return { kind: 'off' };
  if (/^\d{1,2}$/.test(v)) return Number(v) <= 10 ? { kind: 'hops', hops: Number(v) } : 'must be a hop count from 1 to 10, or proxy addresses/CIDRs';
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of entries) {
    const [addr, bits, extra] = e.split('/');
    const family = isIP(addr ?? '');
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !okBits || extra !== undefined) return `has "${e.slice(0, 60)}", which is not an IP address or CIDR`;
  }
  return entries.length ? { kind: 'list', entries } : 'must be off, a hop count, or proxy addresses/CIDRs';
}

export function clientAddressOf(trust: TrustProxy): (req: IncomingMessage) => string {
  const socketOf = (req: IncomingMessage) => plain(req.socket.remoteAddress ?? 'unknown');
  if (trust.kind === 'off') return socketOf;
  const forwarded = (req: IncomingMessage): string[] => {
    const raw = req.headers['x-forwarded-for'];
    const text = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).slice(-MAX_HOPS * 48);
    return text.split(',').map((s) => plain(s.trim())).filter((s) => isIP(s) !== 0).slice(-MAX_HOPS);
  };
  if (trust.kind === 'hops') {
    // The socket is hop 0; the proxy nearest us appended the entry before it.
    return (req) => {
      const chain = [socketOf(req), ...forwarded(req).reverse()];
      return chain[Math.min(trust.hops, chain.length - 1)]!;
    };
  }
  const trusted = new BlockList();
  for (const e of trust.entries) {
    const [addr, bits] = e.split('/');
    const type = isIP(addr!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) trusted.addAddress(addr!, type);
    else trusted.addSubnet(addr!, Number(bits), type);
  }
  const isTrusted = (a: string) => isIP(a) !== 0 && trusted.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4');
  return (req) => {
    let client = socketOf(req);
    if (!isTrusted(client)) return client; // a direct client's header is its own word: ignored
    for (const hop of forwarded(req).reverse()) {
      client = hop;
      if (!isTrusted(hop)) break;
    }
    return client;
  };
}
