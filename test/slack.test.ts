import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatMemory } from '../src/chat/memory.js';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/serve/start-bot.js';
import { SLACK_LIMITS } from '../src/adapters/render-slack.js';
import { startSlackDouble, type SlackDouble } from './helpers/slack-double.js';

const SECRET = 'test-signing-secret';
let slack: SlackDouble;
let bot: RunningBot;
let base: string;
let config: ReturnType<typeof loadConfig>;

function sign(body: string, ts = Math.floor(Date.now() / 1000)) {
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

async function post(body: string, type: 'json' | 'form', headers: Record<string, string> = sign(body)) {
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

// Real trigger ids are unique; a repeated one is a replay and is not processed again.
let triggers = 0;

function slashCommand(text: string, user = 'U1', responseUrl = slack.responseUrl) {
  return new URLSearchParams({
    token: 'x', team_id: 'T1', channel_id: 'C1', user_id: user, command: '/velero', text, response_url: responseUrl, trigger_id: `t${++triggers}`,
  }).toString();
}

function mentionEvent(text: string, ts: string, user = 'U2') {
  return JSON.stringify({
    token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `Ev${ts}`, event_time: 1,
    event: { type: 'app_mention', user, text, ts, channel: 'C9', event_ts: ts },
  });
}

beforeAll(async () => {
  slack = await startSlackDouble();
  config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    ONRAMP_STORE: `file:${join(mkdtempSync(join(tmpdir(), 'slack-')), 'store.json')}`,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
  });
  bot = await startBot(config, { limits: { perUser: 3, windowMs: 60_000, maxInputChars: 8000 } });
  base = `http://127.0.0.1:${bot.port}`;
});
afterAll(async () => {
  await bot.stop();
  await slack.close();
});

describe('Slack over HTTP (real Bolt, loopback Web API)', () => {
  it('answers the URL verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    const res = await post(body, 'json');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ challenge: 'abc123' });
  });

  it('rejects a bad signature and a stale timestamp with 401', async () => {
    const body = slashCommand('what is a BSL?');
    expect((await post(body, 'form', { 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': 'v0=deadbeef' })).status).toBe(401);
    expect((await post(body, 'form', sign(body, Math.floor(Date.now() / 1000) - 600))).status).toBe(401);
  });

  it('acks /velero at once and answers through response_url with blocks and sources', async () => {
    const before = slack.calls.filter((c) => c.path === '/respond/1').length;
    const started = Date.now();
    const res = await post(slashCommand('ask what does the BackupStorageLocation CRD describe?'), 'form');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const [, reply] = [before, (await slack.waitFor('/respond/1', before + 1)).at(-1)!];
    expect(reply.body.response_type).toBe('in_channel');
    const blocks = reply.body.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(blocks.some((b) => b.type === 'context' && /localhost:\d+\/guide\/core-crds#/.test(b.elements![0]!.text))).toBe(true);
    expect(blocks.some((b) => b.type === 'actions')).toBe(true);
    for (const b of blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  });

  it('answers an app_mention in the thread and neutralises mass mentions from the input', async () => {
    const res = await post(mentionEvent('<@UBOT> <!channel> what is a BSL? <@U777>', '1700000001.000100'), 'json');
    expect(res.status).toBe(200);
    const msg = (await slack.waitFor('/api/chat.postMessage')).at(-1)!;
    expect(msg.body.thread_ts).toBe('1700000001.000100');
    expect(msg.body.channel).toBe('C9');
    const all = JSON.stringify(msg.body);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U777>');
  });

  it('remembers the thread: a follow-up is answered with the earlier question as context', async () => {
    await post(mentionEvent('<@UBOT> what phases does a Backup go through?', '1700000002.000100', 'U3'), 'json');
    const n = slack.calls.filter((c) => c.path === '/api/chat.postMessage').length;
    const followUp = JSON.stringify({
      token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvF', event_time: 1,
      event: { type: 'app_mention', user: 'U3', text: '<@UBOT> and which controller moves it to Finalizing?', ts: '1700000002.000300', thread_ts: '1700000002.000100', channel: 'C9', event_ts: '1700000002.000300' },
    });
    await post(followUp, 'json');
    const msg = (await slack.waitFor('/api/chat.postMessage', n + 1)).at(-1)!;
    expect(msg.body.thread_ts).toBe('1700000002.000100');
    expect(JSON.stringify(msg.body.blocks)).toMatch(/Controller Deep Dive|backup-finalizer|Finalizing/);
  });

  it('refuses an off-topic message in a thread instead of answering the thread topic', async () => {
    const thread = '1700000003.000100';
    const replies = () => slack.calls.filter((c) => c.path === '/api/chat.postMessage' && c.body.thread_ts === thread);
    await post(mentionEvent('<@UBOT> what is a BSL?', thread, 'U4'), 'json');
    await expect.poll(() => replies().length).toBe(1);
    const poem = JSON.stringify({
      token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvPoem', event_time: 1,
      event: { type: 'app_mention', user: 'U4', text: '<@UBOT> write me a poem about cats', ts: '1700000003.000300', thread_ts: thread, channel: 'C9', event_ts: '1700000003.000300' },
    });
    await post(poem, 'json');
    await expect.poll(() => replies().length).toBe(2);
    const text = JSON.stringify(replies()[1]!.body.blocks);
    expect(text).toMatch(/I don't know/);
    expect(text).not.toMatch(/BackupStorageLocation/);
  });

  it('survives malformed signed events: a null body and a non-string text', async () => {
    const res = await post('null', 'json');
    expect(res.status).toBeLessThan(500);
    const thread = '1700000004.000100';
    const odd = JSON.stringify({
      token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvOdd', event_time: 1,
      event: { type: 'app_mention', user: 'U5', text: 42, ts: thread, channel: 'C9', event_ts: thread },
    });
    expect((await post(odd, 'json')).status).toBe(200);
    await expect.poll(() => slack.calls.filter((c) => c.path === '/api/chat.postMessage' && c.body.thread_ts === thread).length).toBe(1);
    // Empty and oversized bodies get a clean refusal, never reach Bolt, and the server stays up.
    expect((await post('', 'json')).status).toBe(400);
    const huge = JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(2 * 1024 * 1024) });
    expect((await post(huge, 'json')).status).toBe(413);
    // Still serving.
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
  });

  it('acks a replayed event (a Slack retry) without answering it twice, and refuses a timestamp from the future', async () => {
    const thread = '1700000005.000100';
    const replies = () => slack.calls.filter((c) => c.path === '/api/chat.postMessage' && c.body.thread_ts === thread).length;
    const event = mentionEvent('<@UBOT> what is a VSL?', thread, 'U6');
    expect((await post(event, 'json')).status).toBe(200);
    await expect.poll(replies).toBe(1);
    expect((await post(event, 'json', { ...sign(event), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await new Promise((done) => setTimeout(done, 300));
    expect(replies()).toBe(1);
    const future = mentionEvent('<@UBOT> what is a BSL?', '1700000006.000100', 'U6');
    expect((await post(future, 'json', sign(future, Math.floor(Date.now() / 1000) + 3600))).status).toBe(401);
  });

  it('verifies the signature before anything else: every unverified request is 401, whatever its body, and no id is remembered', async () => {
    const now = Math.floor(Date.now() / 1000);
    const thread = '1700000009.000100';
    const replies = () => slack.calls.filter((c) => c.path === '/api/chat.postMessage' && c.body.thread_ts === thread).length;
    const event = mentionEvent('<@UBOT> what is a BSL?', thread, 'U7');
    const wrongSecret = (body: string, ts = now) => ({ 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', 'not-the-secret').update(`v0:${ts}:${body}`).digest('hex')}` });
    // Before the real event was ever seen: an unsigned copy must not make its id "answered".
    expect((await post(event, 'json', {})).status).toBe(401);
    const table: Array<[string, string, 'json' | 'form', Record<string, string>]> = [
      ['unsigned', event, 'json', {}],
      ['wrong secret', event, 'json', wrongSecret(event)],
      ['stale', event, 'json', sign(event, now - 600)],
      ['future', event, 'json', sign(event, now + 600)],
      ['timestamp not a number', event, 'json', { ...sign(event), 'x-slack-request-timestamp': '1e12' }],
      ['malformed body, unsigned', 'null', 'json', {}],
      ['malformed body, bad signature', '[]', 'json', wrongSecret('[]')],
      ['signed for another body', event, 'json', sign(event.replace('BSL', 'VSL'))],
    ];
    for (const [name, body, type, headers] of table) {
      const res = await post(body, type, headers);
      expect(res.status, name).toBe(401);
      expect((await res.text()).trim(), name).toBe('request not verified');
    }
    // The signed request is handled once; its replays are acked, and a replay with a bad signature is 401, not 200.
    expect((await post(event, 'json')).status).toBe(200);
    await expect.poll(replies).toBe(1);
    expect((await post(event, 'json')).status).toBe(200);
    expect((await post(event, 'json', wrongSecret(event))).status).toBe(401);
    expect((await post(event, 'json', {})).status).toBe(401);
    await new Promise((done) => setTimeout(done, 300));
    expect(replies()).toBe(1);
  });

  it('knows a retry that reaches another replica on the same store as already answered', async () => {
    const replica = await startBot(config, { limits: { perUser: 3, windowMs: 60_000, maxInputChars: 8000 } });
    try {
      const thread = '1700000007.000100';
      const replies = () => slack.calls.filter((c) => c.path === '/api/chat.postMessage' && c.body.thread_ts === thread).length;
      const event = mentionEvent('<@UBOT> what is a BSL?', thread, 'U8');
      expect((await post(event, 'json')).status).toBe(200);
      await expect.poll(replies).toBe(1);
      const retry = await fetch(`http://127.0.0.1:${replica.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...sign(event), 'x-slack-retry-num': '1' },
        body: event,
      });
      expect(retry.status).toBe(200);
      await new Promise((done) => setTimeout(done, 300));
      expect(replies()).toBe(1);
    } finally {
      await replica.stop();
    }
  });

  it('records a feedback button click in the store', async () => {
    // Produce the reply to vote on here, so this test does not depend on an earlier one.
    const url = slack.responseUrl.replace('/respond/1', '/respond/feedback');
    expect((await post(slashCommand('ask what does the BackupStorageLocation CRD describe?', 'U-fb', url), 'form')).status).toBe(200);
    const reply = (await slack.waitFor('/respond/feedback', 1)).at(-1)!;
    const actions = (reply.body.blocks as Array<{ type: string; elements?: Array<{ value: string; action_id: string }> }>).find((b) => b.type === 'actions')!;
    const replyId = actions.elements![0]!.value;
    const payload = JSON.stringify({
      type: 'block_actions', user: { id: 'U-fb' }, team: { id: 'T1' }, api_app_id: 'A1', token: 'x', trigger_id: `t${++triggers}`,
      response_url: url, container: { type: 'message' }, channel: { id: 'C1' },
      actions: [{ type: 'button', action_id: 'onramp_fb_up', block_id: 'onramp_feedback', value: replyId, action_ts: '1' }],
    });
    const body = new URLSearchParams({ payload }).toString();
    expect(replyId).toBeTruthy();
    expect(await new ChatMemory(bot.store).feedbackFor(replyId, 'U-fb')).toBeUndefined(); // no vote before the click
    expect((await post(body, 'form')).status).toBe(200);
    await expect.poll(() => new ChatMemory(bot.store).feedbackFor(replyId, 'U-fb')).toMatchObject({ vote: 'up' });
  });

  it('keeps a per-user rate limit with a friendly reply', async () => {
    const url = slack.responseUrl.replace('/respond/1', '/respond/rate');
    for (let i = 0; i < 4; i++) await post(slashCommand('what is a BSL?', 'U-fast', url), 'form');
    const replies = await slack.waitFor('/respond/rate', 4);
    const limited = replies.filter((r) => JSON.stringify(r.body).includes('faster than I can answer'));
    expect(limited).toHaveLength(1);
    expect(limited[0]!.body.response_type).toBe('ephemeral');
  });

  it('serves /healthz and Prometheus /metrics on the same port', async () => {
    // Answer one ask here so the request counter exists whatever ran before.
    const url = slack.responseUrl.replace('/respond/1', '/respond/metrics');
    await post(slashCommand('ask what is a BSL?', 'U-metrics', url), 'form');
    await slack.waitFor('/respond/metrics', 1);
    const health = await (await fetch(`${base}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', platforms: ['slack'] });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/onramp_requests_total\{platform="slack",command="ask"\} \d+/);
    expect(metrics).toMatch(/onramp_request_duration_seconds_bucket/);
    expect(metrics).toContain('onramp_errors_total');
  });

  it('never echoes the bot token or signing secret', async () => {
    const url = slack.responseUrl.replace('/respond/1', '/respond/secrets');
    await post(slashCommand('ask what is a BSL?', 'U-secrets', url), 'form');
    await slack.waitFor('/respond/secrets', 1);
    expect(slack.calls.length).toBeGreaterThan(0);
    // The Web API client sends the bot token as its `token` parameter; no message text may carry it.
    const messages = slack.calls.map(({ body: { token: _token, ...rest } }) => rest);
    expect(JSON.stringify(messages)).not.toContain('xoxb-test-token');
    expect(JSON.stringify(slack.calls.map((c) => c.body))).not.toContain(SECRET);
  });
});
