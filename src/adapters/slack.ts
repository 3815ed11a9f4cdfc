// Slack adapter (@slack/bolt): `/velero` slash command, app mentions answered in the
// thread, DMs, feedback buttons. HTTP mode hands Bolt's request listener to serve's one
// HTTP server (POST /slack/events); Socket Mode connects out with SLACK_APP_TOKEN.

import type { RequestListener } from 'node:http';
import type { Router } from '../chat/router.js';
import type { AdapterHooks, RunningAdapter } from './discord.js';
import { defuseSlack } from '../chat/safety.js';
import { renderSlack } from './render-slack.js';
import { throttledEditor } from './throttled-editor.js';

/** Slack's chat.update is Tier 3 (about 50 a minute); one edit per 1.2 s stays well inside. */
const STREAM_EDIT_MS = 1200;

function streamingText(text: string): string {
  return `${defuseSlack(text).slice(0, 2900)} …`;
}

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

export async function startSlack(cfg: SlackConfig, router: Router, hooks: AdapterHooks): Promise<SlackAdapter> {
  const bolt = await import('@slack/bolt');
  const { App, HTTPReceiver, SocketModeReceiver, LogLevel } = bolt;
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

  app.error(async (err) => hooks.log.error(`slack: ${err.message}`));

  app.command('/velero', async ({ command, ack, respond }) => {
    // Ack first: Slack gives a slash command 3 seconds.
    await ack();
    await hooks.track(
      (async () => {
        const ephemeralCommand = /^\s*(lint-pr|help)\b/i.test(command.text ?? '');
        const live = throttledEditor(
          STREAM_EDIT_MS,
          (text) => respond({ response_type: ephemeralCommand ? 'ephemeral' : 'in_channel', replace_original: true, text: streamingText(text) }),
          (err) => hooks.log.warn(`slack respond: ${err.message}`),
        );
        const reply = await router.handle({ text: command.text ?? '', user: command.user_id, platform: 'slack', onPartial: (t) => live.push(t) });
        await live.finish();
        const ephemeral = reply.ephemeral || ephemeralCommand;
        await respond({ response_type: ephemeral ? 'ephemeral' : 'in_channel', ...(live.started ? { replace_original: true } : {}), ...renderSlack(reply) });
      })(),
    );
  });

  app.event('app_mention', async ({ event, client }) => {
    await hooks.track(
      (async () => {
        const thread = event.thread_ts ?? event.ts;
        const text = (event.text ?? '').replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, '').trim() || 'help';
        // Streamed answers: post once, then update the same message (chat.update is rate-limited).
        let ts: string | undefined;
        const live = throttledEditor(
          STREAM_EDIT_MS,
          async (partial) => {
            if (ts) await client.chat.update({ channel: event.channel, ts, text: streamingText(partial) });
            else ts = (await client.chat.postMessage({ channel: event.channel, thread_ts: thread, text: streamingText(partial), unfurl_links: false })).ts;
          },
          (err) => hooks.log.warn(`slack update: ${err.message}`),
        );
        const reply = await router.handle({ text, user: event.user ?? 'unknown', platform: 'slack', thread: `${event.channel}:${thread}`, onPartial: (t) => live.push(t) });
        await live.finish();
        if (ts) await client.chat.update({ channel: event.channel, ts, ...renderSlack(reply) });
        else await client.chat.postMessage({ channel: event.channel, thread_ts: thread, unfurl_links: false, ...renderSlack(reply) });
      })(),
    );
  });

  app.message(async ({ message, client }) => {
    const m = message as { channel_type?: string; subtype?: string; bot_id?: string; text?: string; user?: string; channel: string; ts: string; thread_ts?: string };
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.text) return;
    await hooks.track(
      (async () => {
        const reply = await router.handle({ text: m.text!, user: m.user ?? 'unknown', platform: 'slack', thread: `${m.channel}:${m.thread_ts ?? 'dm'}` });
        await client.chat.postMessage({ channel: m.channel, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}), unfurl_links: false, ...renderSlack(reply) });
      })(),
    );
  });

  app.action(/^onramp_fb_(up|down)$/, async ({ ack, action, body, respond }) => {
    await ack();
    const a = action as { action_id: string; value?: string };
    const ok = await router.memory?.recordFeedback(a.value ?? '', body.user.id, a.action_id.endsWith('up') ? 'up' : 'down');
    await respond({ response_type: 'ephemeral', replace_original: false, text: ok ? 'Thanks, noted.' : 'That answer is too old to rate.' });
  });

  if (socket) {
    await app.start();
    hooks.log.info('slack: connected (Socket Mode)');
    return { name: 'slack', stop: async () => { await app.stop(); } };
  }
  hooks.log.info('slack: listening for events at POST /slack/events');
  return { name: 'slack', requestListener: (receiver as InstanceType<typeof HTTPReceiver>).requestListener, stop: async () => {} };
}
