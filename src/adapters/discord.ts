// Discord adapter (discord.js v14, gateway): `/velero` slash commands, mentions answered in
// a thread, DMs, feedback buttons. It only translates between Discord and the router.

import type { Router } from '../chat/router.js';
import type { ChatRequest } from '../chat/types.js';
import { defuseDiscord } from '../chat/safety.js';
import { renderDiscord, type DiscordPayload } from './render-discord.js';
import { throttledEditor } from './throttled-editor.js';
import { registerCommands } from './discord-commands.js';

export interface DiscordConfig {
  token: string;
  appId?: string;
  guildId?: string;
  apiUrl?: string;
}

export interface AdapterHooks {
  log: { info(msg: string): void; warn(msg: string): void; error(msg: string): void };
  /** Wraps each handled message so serve can count it and wait for it on shutdown. */
  track<T>(work: Promise<T>): Promise<T>;
}

export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}

const EPHEMERAL = 64;
/** Discord allows about five edits per five seconds per channel. */
const STREAM_EDIT_MS = 1200;

function streamingText(text: string): string {
  const t = defuseDiscord(text);
  return `${t.length > 1990 ? t.slice(0, 1990) : t} …`;
}

export async function startDiscord(cfg: DiscordConfig, router: Router, hooks: AdapterHooks): Promise<RunningAdapter> {
  const { Client, GatewayIntentBits, Partials, Events, ChannelType } = await import('discord.js');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    ...(cfg.apiUrl ? { rest: { api: cfg.apiUrl } } : {}),
  });
  // Without an 'error' listener a single bad REST response would crash the process.
  client.on(Events.Error, (err) => hooks.log.error(`discord client error: ${err.message}`));
  client.on(Events.ShardError, (err) => hooks.log.warn(`discord gateway error: ${err.message}`));

  client.on(Events.InteractionCreate, (interaction) => {
    void hooks
      .track(
        (async () => {
          if (interaction.isButton() && interaction.customId.startsWith('onramp:fb:')) {
            const [, , vote, replyId] = interaction.customId.split(':');
            const ok = await router.memory?.recordFeedback(replyId!, interaction.user.id, vote === 'up' ? 'up' : 'down');
            await interaction.reply({ content: ok ? 'Thanks, noted.' : 'That answer is too old to rate.', flags: EPHEMERAL });
            return;
          }
          if (!interaction.isChatInputCommand() || interaction.commandName !== 'velero') return;
          const sub = interaction.options.getSubcommand(false) ?? 'help';
          const ephemeral = sub === 'lint-pr' || sub === 'help';
          // Acknowledge inside Discord's 3-second window; the answer follows as an edit.
          await interaction.deferReply(ephemeral ? { flags: EPHEMERAL } : {});
          const options: ChatRequest['options'] = {};
          for (const o of interaction.options.data[0]?.options ?? []) options[o.name] = o.value as string | number;
          // A streamed answer shows up as it grows, within Discord's edit rate.
          const live = throttledEditor(STREAM_EDIT_MS, (text) => interaction.editReply({ content: streamingText(text), allowedMentions: { parse: [] } }), (err) => hooks.log.warn(`discord edit: ${err.message}`));
          const reply = await router.handle({
            command: sub,
            text: String(options.question ?? ''),
            options,
            user: interaction.user.id,
            platform: 'discord',
            // Slash commands in a channel are one-offs; inside a thread they continue it.
            thread: interaction.channel?.isThread() ? interaction.channelId : undefined,
            onPartial: (text) => live.push(text),
          });
          await live.finish();
          const [first, ...rest] = renderDiscord(reply);
          await interaction.editReply({ ...(toApi(first!) as object), content: '' });
          for (const p of rest) await interaction.followUp({ ...(toApi(p) as object), ...(ephemeral ? { flags: EPHEMERAL } : {}) });
        })(),
      )
      .catch((err: Error) => hooks.log.error(`discord interaction failed: ${err.message}`));
  });

  client.on(Events.MessageCreate, (message) => {
    if (message.author.bot || !client.user) return;
    const isDm = message.channel.type === ChannelType.DM;
    if (!isDm && !message.mentions.users.has(client.user.id)) return;
    void hooks
      .track(
        (async () => {
          const text = message.content.replace(/<@!?\d+>/g, '').trim() || 'help';
          const inThread = message.channel.isThread();
          // A mention in a channel is answered in a thread started from the message.
          const targetPromise = isDm || inThread ? Promise.resolve(message.channel) : message.startThread({ name: threadName(text) });
          let streamedMessage: Promise<{ edit(p: object): Promise<unknown> } | undefined> = Promise.resolve(undefined);
          const live = throttledEditor(STREAM_EDIT_MS, async (partial) => {
            const target = await targetPromise;
            const existing = await streamedMessage;
            if (existing) return existing.edit({ content: streamingText(partial), allowedMentions: { parse: [] } });
            if (!('send' in target)) return;
            streamedMessage = target.send({ content: streamingText(partial), allowedMentions: { parse: [] } }) as never;
            await streamedMessage;
          }, (err) => hooks.log.warn(`discord edit: ${err.message}`));
          const reply = await router.handle({
            text,
            user: message.author.id,
            platform: 'discord',
            // A thread started from a message has the message's id, so follow-ups there match.
            thread: isDm || inThread ? message.channel.id : message.id,
            onPartial: (partial) => live.push(partial),
          });
          const payloads = renderDiscord(reply);
          const target = await targetPromise;
          if (!('send' in target)) return;
          await live.finish();
          const streamed = await streamedMessage;
          const [first, ...rest] = payloads;
          if (streamed) await streamed.edit({ ...(toApi(first!) as object), content: '' });
          else await target.send(toApi(first!));
          for (const p of rest) await target.send(toApi(p));
        })(),
      )
      .catch((err: Error) => hooks.log.error(`discord message failed: ${err.message}`));
  });

  await client.login(cfg.token);
  await new Promise<void>((resolve) => (client.isReady() ? resolve() : client.once(Events.ClientReady, () => resolve())));
  try {
    const r = await registerCommands({ token: cfg.token, appId: cfg.appId ?? client.application?.id, guildId: cfg.guildId, apiUrl: cfg.apiUrl });
    hooks.log.info(`discord: registered /${r.names.join(', /')} (${r.scope})`);
  } catch (err) {
    hooks.log.warn(`discord: could not register commands: ${(err as Error).message}`);
  }
  hooks.log.info(`discord: connected as ${client.user?.tag ?? 'bot'}`);
  return {
    name: 'discord',
    async stop() {
      await client.destroy();
    },
  };
}

function threadName(text: string): string {
  const name = text.replace(/\s+/g, ' ').trim().slice(0, 90);
  return name || 'Onramp';
}

// discord.js takes camelCase `allowedMentions` on send/edit.
function toApi(p: DiscordPayload) {
  return { content: p.content, embeds: p.embeds, components: p.components, allowedMentions: p.allowedMentions } as never;
}
