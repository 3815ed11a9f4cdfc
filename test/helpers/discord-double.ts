// A loopback stand-in for Discord: the REST routes Onramp's discord.js client calls and a
// gateway WebSocket (HELLO -> IDENTIFY -> READY -> GUILD_CREATE, then whatever events a
// test dispatches). Records every REST call.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const IDS = { app: '100000000000000001', bot: '100000000000000002', guild: '100000000000000003', channel: '100000000000000004', thread: '100000000000000005' };

export interface RestCall {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

export interface DiscordDouble {
  apiUrl: string;
  calls: RestCall[];
  dispatch(t: string, d: Record<string, unknown>): void;
  waitFor(method: string, pathPart: string, count?: number, timeoutMs?: number): Promise<RestCall[]>;
  close(): Promise<void>;
}

const user = (id: string, username: string, bot = false) => ({ id, username, discriminator: '0', global_name: username, avatar: null, bot });

export async function startDiscordDouble(): Promise<DiscordDouble> {
  const calls: RestCall[] = [];
  let seq = 0;
  const sockets = new Set<WebSocket>();
  let gatewayUrl = '';

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      let body: Record<string, unknown> | undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = { raw };
      }
      calls.push({ method: req.method ?? 'GET', path, body });
      const json = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      if (path === '/api/v10/gateway/bot') {
        return json(200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
      }
      if (path === '/api/v10/applications/@me') return json(200, { id: IDS.app, name: 'onramp', flags: 0 });
      if (req.method === 'PUT' && /\/commands$/.test(path)) return json(200, (body as unknown as unknown[]) ?? []);
      if (/^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
        // Discord answers 204 with no body; a JSON content-type here would break the client.
        res.writeHead(204);
        return res.end();
      }
      if (/^\/api\/v10\/webhooks\//.test(path)) {
        return json(200, { id: String(9000 + calls.length), channel_id: IDS.channel, content: '', author: user(IDS.bot, 'onramp', true), type: 0, timestamp: new Date().toISOString() });
      }
      const thread = path.match(/^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)\/threads$/);
      if (thread) {
        return json(201, {
          id: IDS.thread, type: 11, guild_id: IDS.guild, parent_id: thread[1], name: (body?.name as string) ?? 't', owner_id: IDS.bot,
          thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
          message_count: 0, member_count: 1, rate_limit_per_user: 0, flags: 0,
        });
      }
      const send = path.match(/^\/api\/v10\/channels\/(\d+)\/messages$/);
      if (send) {
        return json(200, { id: String(8000 + calls.length), channel_id: send[1], content: body?.content ?? '', author: user(IDS.bot, 'onramp', true), type: 0, timestamp: new Date().toISOString(), embeds: [], attachments: [], mentions: [], mention_roles: [], pinned: false, tts: false, mention_everyone: false, edited_timestamp: null });
      }
      json(404, { message: 'Unknown route', code: 0 });
    });
  });

  const wss = new WebSocketServer({ server });
  const send = (ws: WebSocket, payload: Record<string, unknown>) => ws.send(JSON.stringify(payload));
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    send(ws, { op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null });
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { op: number };
      if (msg.op === 1) send(ws, { op: 11, d: null, s: null, t: null });
      if (msg.op === 2) {
        send(ws, {
          op: 0, t: 'READY', s: ++seq,
          d: { v: 10, user: user(IDS.bot, 'onramp', true), guilds: [{ id: IDS.guild, unavailable: true }], session_id: 'session-1', resume_gateway_url: gatewayUrl, shard: [0, 1], application: { id: IDS.app, flags: 0 } },
        });
        send(ws, {
          op: 0, t: 'GUILD_CREATE', s: ++seq,
          d: {
            id: IDS.guild, name: 'velero-test', icon: null, owner_id: '1', unavailable: false, member_count: 2, large: false, joined_at: new Date().toISOString(),
            roles: [{ id: IDS.guild, name: '@everyone', permissions: '68608', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
            channels: [{ id: IDS.channel, type: 0, name: 'general', guild_id: IDS.guild, position: 0, permission_overwrites: [], nsfw: false, parent_id: null }],
            threads: [], members: [], presences: [], voice_states: [], emojis: [], stickers: [], features: [], stage_instances: [], guild_scheduled_events: [],
            preferred_locale: 'en-US', system_channel_flags: 0, premium_tier: 0, verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0, nsfw_level: 0,
          },
        });
      }
    });
  });

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  gatewayUrl = `ws://127.0.0.1:${port}`;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    dispatch(t, d) {
      for (const ws of sockets) send(ws, { op: 0, t, s: ++seq, d });
    },
    async waitFor(method, pathPart, count = 1, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.filter((c) => c.method === method && c.path.includes(pathPart));
        if (found.length >= count) return found;
        if (Date.now() > until) throw new Error(`no ${method} ${pathPart} within ${timeoutMs} ms; saw ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise((r) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function interaction(id: string, data: Record<string, unknown>, userId = '200000000000000001', type = 2, extra: Record<string, unknown> = {}) {
  return {
    id, application_id: IDS.app, type, token: `tok-${id}`, version: 1, guild_id: IDS.guild, channel_id: IDS.channel,
    channel: { id: IDS.channel, type: 0, guild_id: IDS.guild, name: 'general' },
    member: { user: user(userId, 'alice'), roles: [], permissions: '2147483647', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    data, app_permissions: '2147483647', locale: 'en-US', guild_locale: 'en-US', entitlements: [], authorizing_integration_owners: { '0': IDS.guild }, context: 0,
    ...extra,
  };
}

export function messageCreate(id: string, content: string, mentionsBot = true, authorId = '200000000000000002') {
  return {
    id, channel_id: IDS.channel, guild_id: IDS.guild, author: user(authorId, 'bob'),
    member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    content, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false,
    mentions: mentionsBot ? [user(IDS.bot, 'onramp', true)] : [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags: 0,
  };
}
