import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../src/adapters/render-discord.js';
import { ChatMemory } from '../src/chat/memory.js';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/serve/start-bot.js';
import { IDS, interaction, messageCreate, startDiscordDouble, type DiscordDouble } from './helpers/discord-double.js';
import { cliEnv } from './helpers/cli-env.js';

let discord: DiscordDouble;
let bot: RunningBot;

beforeAll(async () => {
  discord = await startDiscordDouble();
  const config = loadConfig({
    DISCORD_TOKEN: 'discord-test-token',
    DISCORD_APP_ID: IDS.app,
    DISCORD_GUILD_ID: IDS.guild,
    DISCORD_API_URL: discord.apiUrl,
    PORT: '0',
    ONRAMP_STORE: `file:${join(mkdtempSync(join(tmpdir(), 'discord-')), 'store.json')}`,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
  });
  bot = await startBot(config);
}, 30_000);
afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

const velero = (sub: string, options: Array<{ name: string; type: number; value: unknown }>) => ({
  id: '300000000000000001', name: 'velero', type: 1, options: [{ type: 1, name: sub, options }],
});

describe('Discord through discord.js against a loopback REST + gateway', () => {
  it('registers /velero to the guild at start-up', async () => {
    const [put] = await discord.waitFor('PUT', `/applications/${IDS.app}/guilds/${IDS.guild}/commands`);
    const names = (put!.body as unknown as Array<{ name: string; options: Array<{ name: string }> }>).map((c) => c.name);
    expect(names).toEqual(['velero']);
    const subs = (put!.body as unknown as Array<{ options: Array<{ name: string }> }>)[0]!.options.map((o) => o.name);
    expect(subs).toEqual(['ask', 'issues', 'lint-pr', 'help']);
  });

  it('defers /velero ask at once, then edits in the answer with citations and no mention parsing', async () => {
    discord.dispatch('INTERACTION_CREATE', interaction('400000000000000001', velero('ask', [{ name: 'question', type: 3, value: 'What does the BackupStorageLocation CRD describe? @everyone' }])));
    const [callback] = await discord.waitFor('POST', '/interactions/400000000000000001/tok-400000000000000001/callback');
    expect(callback!.body).toMatchObject({ type: 5 });
    const [edit] = await discord.waitFor('PATCH', `/webhooks/${IDS.app}/tok-400000000000000001/messages/%40original`);
    expect(edit!.body!.allowed_mentions).toEqual({ parse: [] });
    const embed = (edit!.body!.embeds as Array<{ description: string; fields: Array<{ value: string }> }>)[0]!;
    expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.fields[0]!.value).toMatch(/http:\/\/localhost:\d+\/guide\/core-crds#/);
    expect(JSON.stringify(edit!.body!.components)).toContain('onramp:fb:up:');
    expect(JSON.stringify(edit!.body)).not.toMatch(/@everyone/);
  });

  it('answers lint-pr ephemerally with findings', async () => {
    discord.dispatch('INTERACTION_CREATE', interaction('400000000000000002', velero('lint-pr', [{ name: 'title', type: 3, value: 'Fixes #1234' }])));
    const [callback] = await discord.waitFor('POST', '/interactions/400000000000000002/');
    expect(callback!.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const [edit] = await discord.waitFor('PATCH', '/tok-400000000000000002/messages/%40original');
    expect(JSON.stringify(edit!.body)).toContain('title-issue-only');
  });

  it('answers a mention in a thread started from the message', async () => {
    discord.dispatch('MESSAGE_CREATE', messageCreate('500000000000000001', `<@${IDS.bot}> how do I add a changelog for my PR? <@&999999999999999999>`));
    const [thread] = await discord.waitFor('POST', `/channels/${IDS.channel}/messages/500000000000000001/threads`);
    expect(thread!.body!.name).toMatch(/changelog/);
    const [msg] = await discord.waitFor('POST', `/channels/${IDS.thread}/messages`);
    expect(msg!.body!.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(msg!.body)).toContain('changelogs/unreleased');
    expect(JSON.stringify(msg!.body)).not.toContain('<@&999999999999999999>');
  });

  it('ignores channel messages that do not mention the bot, and other bots', async () => {
    const before = discord.calls.length;
    discord.dispatch('MESSAGE_CREATE', messageCreate('500000000000000002', 'just chatting', false));
    discord.dispatch('MESSAGE_CREATE', { ...messageCreate('500000000000000003', `<@${IDS.bot}> hi`), author: { id: '3', username: 'otherbot', discriminator: '0', avatar: null, bot: true } });
    await new Promise((r) => setTimeout(r, 300));
    expect(discord.calls.slice(before).filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('records a feedback button click and answers ephemerally', async () => {
    // Produce the answer to vote on here, so this test does not depend on an earlier one.
    discord.dispatch('INTERACTION_CREATE', interaction('400000000000000021', velero('ask', [{ name: 'question', type: 3, value: 'What does a BackupStorageLocation describe?' }])));
    const [edit] = await discord.waitFor('PATCH', `/webhooks/${IDS.app}/tok-400000000000000021/messages/%40original`);
    const customId = JSON.stringify(edit!.body!.components).match(/onramp:fb:up:[\w-]+/)![0];
    const replyId = customId.split(':')[3]!;
    expect(await new ChatMemory(bot.store).feedbackFor(replyId, '200000000000000009')).toBeUndefined();
    discord.dispatch(
      'INTERACTION_CREATE',
      interaction('400000000000000003', { custom_id: customId, component_type: 2 }, '200000000000000009', 3, {
        message: { id: '600000000000000001', channel_id: IDS.channel, author: { id: IDS.bot, username: 'onramp', discriminator: '0', avatar: null, bot: true }, content: '', timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags: 0, components: [] },
      }),
    );
    const [cb] = await discord.waitFor('POST', '/interactions/400000000000000003/');
    expect(cb!.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(replyId).toBeTruthy();
    expect(await new ChatMemory(bot.store).feedbackFor(replyId, '200000000000000009')).toMatchObject({ vote: 'up' });
  });

  it('answers a direct message in place', async () => {
    const dm = '100000000000000099';
    const { guild_id: _g, member: _m, ...base } = messageCreate('500000000000000010', 'what is a BSL?', false);
    // Discord marks DM messages with channel_type 1 (DM).
    discord.dispatch('MESSAGE_CREATE', { ...base, channel_id: dm, channel_type: 1 });
    const [msg] = await discord.waitFor('POST', `/channels/${dm}/messages`);
    expect(msg!.body!.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(msg!.body)).toContain('BackupStorageLocation');
  });

  it('refuses an off-topic message in a DM conversation, and follows up a real follow-up', async () => {
    const dm = '100000000000000098';
    const send = (id: string, text: string) => {
      const { guild_id: _g, member: _m, ...base } = messageCreate(id, text, false);
      discord.dispatch('MESSAGE_CREATE', { ...base, channel_id: dm, channel_type: 1 });
    };
    send('500000000000000020', 'what is a BSL?');
    await discord.waitFor('POST', `/channels/${dm}/messages`, 1);
    send('500000000000000021', 'write me a poem about cats');
    const [, poem] = await discord.waitFor('POST', `/channels/${dm}/messages`, 2);
    expect(JSON.stringify(poem!.body)).toMatch(/I don't know/);
    expect(JSON.stringify(poem!.body)).not.toMatch(/BackupStorageLocation/);
    send('500000000000000022', 'and what about the VSL?');
    const [, , vsl] = await discord.waitFor('POST', `/channels/${dm}/messages`, 3);
    expect(JSON.stringify(vsl!.body)).toMatch(/VolumeSnapshotLocation|VSL/);
  });

  it('reports discord in /healthz', async () => {
    const health = (await (await fetch(`http://127.0.0.1:${bot.port}/healthz`)).json()) as { platforms: string[] };
    expect(health.platforms).toEqual(['discord']);
  });
});

describe('onramp register-commands', () => {
  it('registers /velero to the guild through the REST double and says what it did', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/cli.js', 'register-commands'], {
      encoding: 'utf8',
      env: cliEnv({ DISCORD_TOKEN: 'discord-test-token', DISCORD_APP_ID: IDS.app, DISCORD_GUILD_ID: IDS.guild, DISCORD_API_URL: discord.apiUrl }),
    });
    expect(stdout.trim()).toBe(`registered /velero for application ${IDS.app} (guild ${IDS.guild})`);
  });
});
