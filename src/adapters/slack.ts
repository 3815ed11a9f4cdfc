// Slack adapter (@slack/bolt): `/velero` slash command, app mentions answered in the
// thread, DMs, feedback buttons. HTTP mode hands Bolt's request listener to serve's one
// HTTP server (POST /slack/events); Socket Mode connects out with SLACK_APP_TOKEN.

import type { RequestListener } from 'node:http';
import type { App, SlackCommandMiddlewareArgs, SlackEventMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import type { Router } from '../chat/router.js';
import { defuseSlack } from '../chat/safety.js';
import { recordVote } from './feedback.js';
import { renderSlack } from './render-slack.js';
import { liveAnswer, type StreamFormat } from './streaming.js';
import type { AdapterHooks, RunningAdapter } from './types.js';

const STREAM: StreamFormat = { defuse: defuseSlack, maxChars: 2900 };

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
}

export interface SlackAdapter extends RunningAdapter {
  /** HTTP mode: serve routes POST /slack/events here. */
  requestListener?: RequestListener;
}

type WebClient = AllMiddlewareArgs['client'];

export async function startSlack(cfg: SlackConfig, router: Router, hooks: AdapterHooks): Promise<SlackAdapter> {
  const { App, HTTPReceiver, SocketModeReceiver, LogLevel } = await import('@slack/bolt');
  const logger = {
    debug: () => {},
    info: () => {},
    warn: (...m: unknown[]) => hooks.log.warn(`slack: ${m.map(String).join(' ')}`),
    error: (...m: unknown[]) => hooks.log.error(`slack: ${m.map(String).join(' ')}`),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
  const clientOptions = cfg.apiUrl ? { slackApiUrl: cfg.apiUrl } : {};
  const socket = Boolean(cfg.appToken);
  const receiver = socket
    ? new SocketModeReceiver({ appToken: cfg.appToken!, logger, installerOptions: { clientOptions } })
    : new HTTPReceiver({ signingSecret: cfg.signingSecret!, endpoints: '/slack/events', logger, processBeforeResponse: false });
  const app = new App({ token: cfg.botToken, receiver, logger, clientOptions });
  listen(app, router, hooks);

  if (socket) {
    await app.start();
    hooks.log.info('slack: connected (Socket Mode)');
    return { name: 'slack', stop: async () => { await app.stop(); } };
  }
  hooks.log.info('slack: listening for events at POST /slack/events');
  return { name: 'slack', requestListener: (receiver as InstanceType<typeof HTTPReceiver>).requestListener, stop: async () => {} };
}

function listen(app: App, router: Router, hooks: AdapterHooks): void {
  app.error(async (err) => hooks.log.error(`slack: ${err.message}`));
  app.command('/velero', async (args) => {
    // Ack first: Slack gives a slash command 3 seconds.
    await args.ack();
    await hooks.track(onSlashCommand(args, router, hooks));
  });
  app.event('app_mention', async ({ event, client }) => {
    await hooks.track(onMention(event, client, router, hooks));
  });
  app.message(async ({ message, client }) => {
    await hooks.track(onDirectMessage(message as DirectMessage, client, router));
  });
  app.action(/^onramp_fb_(up|down)$/, async ({ ack, action, body, respond }) => {
    await ack();
    const a = action as { action_id: string; value?: string };
    const text = await recordVote(router, a.value ?? '', body.user.id, a.action_id.endsWith('up') ? 'up' : 'down');
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  });
}

async function onSlashCommand({ command, respond }: SlackCommandMiddlewareArgs, router: Router, hooks: AdapterHooks): Promise<void> {
  const text = typeof command.text === 'string' ? command.text : '';
  const ephemeral = router.commandFor({ text })?.ephemeral ?? true;
  const responseType = ephemeral ? 'ephemeral' : 'in_channel';
  const live = liveAnswer(STREAM, (t) => respond({ response_type: responseType, replace_original: true, text: t }), (m) => hooks.log.warn(`slack respond: ${m}`));
  const reply = await router.handle({ text, user: command.user_id, platform: 'slack', onPartial: (t) => live.push(t) });
  await live.finish();
  await respond({ response_type: reply.ephemeral || ephemeral ? 'ephemeral' : 'in_channel', ...(live.started ? { replace_original: true } : {}), ...renderSlack(reply) });
}

async function onMention(event: SlackEventMiddlewareArgs<'app_mention'>['event'], client: WebClient, router: Router, hooks: AdapterHooks): Promise<void> {
  const thread = event.thread_ts ?? event.ts;
  // A malformed event may carry a non-string text; it still gets an answer, never a crash.
  const text = String(event.text ?? '').replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, '').trim() || 'help';
  // Streamed answers: post once, then update the same message (chat.update is rate-limited).
  let ts: string | undefined;
  const live = liveAnswer(STREAM, async (partial) => {
    if (ts) await client.chat.update({ channel: event.channel, ts, text: partial });
    else ts = (await client.chat.postMessage({ channel: event.channel, thread_ts: thread, text: partial, unfurl_links: false })).ts;
  }, (m) => hooks.log.warn(`slack update: ${m}`));
  const reply = await router.handle({ text, user: event.user ?? 'unknown', platform: 'slack', thread: `${event.channel}:${thread}`, onPartial: (t) => live.push(t) });
  await live.finish();
  if (ts) await client.chat.update({ channel: event.channel, ts, ...renderSlack(reply) });
  else await client.chat.postMessage({ channel: event.channel, thread_ts: thread, unfurl_links: false, ...renderSlack(reply) });
}

interface DirectMessage {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  text?: string;
  user?: string;
  channel: string;
  ts: string;
  thread_ts?: string;
}

async function onDirectMessage(m: DirectMessage, client: WebClient, router: Router): Promise<void> {
  if (m.channel_type !== 'im' || m.subtype || m.bot_id || typeof m.text !== 'string' || !m.text) return;
  const reply = await router.handle({ text: m.text, user: m.user ?? 'unknown', platform: 'slack', thread: `${m.channel}:${m.thread_ts ?? 'dm'}` });
  await client.chat.postMessage({ channel: m.channel, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}), unfurl_links: false, ...renderSlack(reply) });
}
