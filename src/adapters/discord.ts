// Discord adapter (discord.js v14, gateway): `/velero` slash commands, mentions answered in
// a thread, DMs, feedback buttons. It only translates between Discord and the router.

import type { ButtonInteraction, ChatInputCommandInteraction, Client, Message } from 'discord.js';
import type { Router } from '../chat/router.js';
import type { ChatRequest } from '../chat/types.js';
import { defuseDiscord } from '../chat/safety.js';
import { registerCommands } from './discord-commands.js';
import { recordVote } from './feedback.js';
import { renderDiscord, type DiscordPayload } from './render-discord.js';
import { liveAnswer, type StreamFormat } from './streaming.js';
import type { AdapterHooks, RunningAdapter } from './types.js';

export interface DiscordConfig {
  token: string;
  appId?: string;
  guildId?: string;
  apiUrl?: string;
}

const EPHEMERAL = 64;
const STREAM: StreamFormat = { defuse: defuseDiscord, maxChars: 1990 };
const NO_PINGS = { allowedMentions: { parse: [] } } as const;

export async function startDiscord(cfg: DiscordConfig, router: Router, hooks: AdapterHooks): Promise<RunningAdapter> {
  const { Client, GatewayIntentBits, Partials, Events } = await import('discord.js');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    ...(cfg.apiUrl ? { rest: { api: cfg.apiUrl } } : {}),
  });
  // Without an 'error' listener a single bad REST response would crash the process.
  client.on(Events.Error, (err) => hooks.log.error(`discord client error: ${err.message}`));
  client.on(Events.ShardError, (err) => hooks.log.warn(`discord gateway error: ${err.message}`));

  const guarded = (what: string, work: () => Promise<void>) =>
    void hooks.track(work()).catch((err: Error) => hooks.log.error(`discord ${what} failed: ${err.message}`));
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isButton() && interaction.customId.startsWith('onramp:fb:')) guarded('feedback', () => onFeedback(interaction, router));
    else if (interaction.isChatInputCommand() && interaction.commandName === 'velero') guarded('interaction', () => onSlashCommand(interaction, router, hooks));
  });
  client.on(Events.MessageCreate, (message) => {
    if (addressedToBot(message, client)) guarded('message', () => onMessage(message, router, hooks));
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

async function onFeedback(interaction: ButtonInteraction, router: Router): Promise<void> {
  const [, , vote, replyId] = interaction.customId.split(':');
  const content = await recordVote(router, replyId ?? '', interaction.user.id, vote ?? '');
  await interaction.reply({ content, flags: EPHEMERAL });
}

async function onSlashCommand(interaction: ChatInputCommandInteraction, router: Router, hooks: AdapterHooks): Promise<void> {
  const sub = interaction.options.getSubcommand(false) ?? 'help';
  const ephemeral = router.commandFor({ command: sub, text: '' })?.ephemeral ?? true;
  // Acknowledge inside Discord's 3-second window; the answer follows as an edit.
  await interaction.deferReply(ephemeral ? { flags: EPHEMERAL } : {});
  const options: ChatRequest['options'] = {};
  for (const o of interaction.options.data[0]?.options ?? []) options[o.name] = o.value as string | number;
  const live = liveAnswer(STREAM, (content) => interaction.editReply({ content, ...NO_PINGS }), (m) => hooks.log.warn(`discord edit: ${m}`));
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
  await interaction.editReply({ ...toApi(first!), content: '' });
  for (const p of rest) await interaction.followUp({ ...toApi(p), ...(ephemeral ? { flags: EPHEMERAL } : {}) });
}

function addressedToBot(message: Message, client: Client): boolean {
  if (message.author.bot || !client.user) return false;
  return message.channel.isDMBased() || message.mentions.users.has(client.user.id);
}

interface Sendable {
  send(p: object): Promise<{ edit(p: object): Promise<unknown> }>;
}

async function onMessage(message: Message, router: Router, hooks: AdapterHooks): Promise<void> {
  const text = message.content.replace(/<@!?\d+>/g, '').trim() || 'help';
  const inPlace = message.channel.isDMBased() || message.channel.isThread();
  // A mention in a channel is answered in a thread started from the message.
  const target: Promise<Partial<Sendable>> = inPlace ? Promise.resolve(message.channel as never) : (message.startThread({ name: threadName(text) }) as never);
  let streamed: Promise<{ edit(p: object): Promise<unknown> } | undefined> = Promise.resolve(undefined);
  const live = liveAnswer(STREAM, async (content) => {
    const existing = await streamed;
    if (existing) return existing.edit({ content, ...NO_PINGS });
    const t = await target;
    if (!t.send) return;
    streamed = t.send({ content, ...NO_PINGS });
    await streamed;
  }, (m) => hooks.log.warn(`discord edit: ${m}`));
  const reply = await router.handle({
    text,
    user: message.author.id,
    platform: 'discord',
    // A thread started from a message has the message's id, so follow-ups there match.
    thread: inPlace ? message.channel.id : message.id,
    onPartial: (partial) => live.push(partial),
  });
  const [first, ...rest] = renderDiscord(reply);
  const t = await target;
  if (!t.send) return;
  await live.finish();
  const existing = await streamed;
  if (existing) await existing.edit({ ...toApi(first!), content: '' });
  else await t.send(toApi(first!));
  for (const p of rest) await t.send(toApi(p));
}

function threadName(text: string): string {
  const name = text.replace(/\s+/g, ' ').trim().slice(0, 90);
  return name || 'Onramp';
}

// discord.js takes camelCase `allowedMentions` on send/edit.
function toApi(p: DiscordPayload): object {
  return { content: p.content, embeds: p.embeds, components: p.components, allowedMentions: p.allowedMentions };
}
