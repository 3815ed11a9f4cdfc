import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/serve/start-bot.js';
import { startSlackDouble, type SlackDouble } from './helpers/slack-double.js';

// Slack's Socket Mode server side: hello on connect, events as envelopes the app must ack.
let slack: SlackDouble;
let bot: RunningBot;
const http = createServer();
const wss = new WebSocketServer({ server: http });
let socket: WebSocket | undefined;
const acks: string[] = [];

beforeAll(async () => {
  const connected = new Promise<void>((resolve) =>
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as { envelope_id?: string };
        if (m.envelope_id) acks.push(m.envelope_id);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'loopback' } }));
      resolve();
    }),
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  slack = await startSlackDouble();
  slack.socketUrl = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/link`;
  bot = await startBot(
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-t', SLACK_APP_TOKEN: 'xapp-t', SLACK_API_URL: slack.apiUrl, PORT: '0', LOG_LEVEL: 'silent',
      ONRAMP_STORE: `file:${join(mkdtempSync(join(tmpdir(), 'sock-')), 's.json')}`, GITHUB_API_URL: 'http://127.0.0.1:9',
    }),
  );
  await connected;
}, 30_000);
afterAll(async () => {
  await bot.stop();
  await slack.close();
  wss.close();
  http.closeAllConnections();
  http.close();
});

describe('Slack Socket Mode (real Bolt SocketModeReceiver, loopback WebSocket)', () => {
  it('opens the connection with the app token and answers a mention sent over the socket', async () => {
    expect(slack.calls.some((c) => c.path === '/api/apps.connections.open')).toBe(true);
    socket!.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'events_api',
        accepts_response_payload: false,
        payload: {
          token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvS1', event_time: 1,
          event: { type: 'app_mention', user: 'U1', text: '<@UBOT> what is a BSL?', ts: '1700000100.000100', channel: 'C7', event_ts: '1700000100.000100' },
        },
      }),
    );
    const [msg] = await slack.waitFor('/api/chat.postMessage');
    expect(msg!.body.thread_ts).toBe('1700000100.000100');
    expect(JSON.stringify(msg!.body.blocks)).toContain('BackupStorageLocation');
    expect(acks).toContain('env-1');
  });
});
