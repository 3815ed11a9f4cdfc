import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, renderDiscord } from '../src/adapters/render-discord.js';
import { renderSlack, SLACK_LIMITS, toMrkdwn } from '../src/adapters/render-slack.js';
import { defuseDiscord, defuseSlack, splitText } from '../src/chat/safety.js';
import type { ChatReply } from '../src/chat/types.js';

const reply = (body: string, extra: Partial<ChatReply> = {}): ChatReply => ({
  title: 'Answer',
  body,
  citations: Array.from({ length: 3 }, (_, i) => ({ section: 'core-crds', title: 'Core CRDs', anchor: `a${i}`, url: `https://example.test/crds#a${i}`, score: 1 })),
  sources: [{ path: 'pkg/restore/restore.go', url: 'https://github.com/velero-io/velero/blob/x/pkg/restore/restore.go' }],
  replyId: 'r1',
  ...extra,
});

const huge = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: ${'word '.repeat(80)}`).join('\n\n');

describe('Discord rendering', () => {
  it('keeps every message within Discord limits, however long the answer', () => {
    const payloads = renderDiscord(reply(huge));
    expect(payloads.length).toBeGreaterThan(1);
    const embed = payloads[0]!.embeds![0]! as { title: string; description: string; fields: Array<{ name: string; value: string }> };
    expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    const total = embed.title.length + embed.description.length + embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    for (const p of payloads.slice(1)) expect(p.content!.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    for (const p of payloads) expect(p.allowedMentions).toEqual({ parse: [] });
  });

  it('links citations and sources and offers feedback buttons', () => {
    const [p] = renderDiscord(reply('Short answer.'));
    const embed = p!.embeds![0]! as { fields: Array<{ value: string }> };
    expect(embed.fields[0]!.value).toContain('[Core CRDs › a0](https://example.test/crds#a0)');
    expect(JSON.stringify(p!.components)).toContain('onramp:fb:up:r1');
  });

  it('defuses @everyone, @here and user/role/channel mentions', () => {
    const text = defuseDiscord('hi @everyone and @here <@123> <@!456> <@&789> <#42>');
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@!\d|<@&\d|<#\d/);
  });
});

describe('Slack rendering', () => {
  it('keeps blocks within Slack limits, however long the answer', () => {
    const msg = renderSlack(reply(huge));
    expect(msg.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const b of msg.blocks) {
      const t = (b as { text?: { text: string } }).text?.text;
      if (t) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    }
    expect(msg.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });

  it('converts markdown to mrkdwn', () => {
    expect(toMrkdwn('**bold** and [the guide](https://example.test/x)')).toBe('*bold* and <https://example.test/x|the guide>');
  });

  it('defuses channel-wide and personal mentions', () => {
    const text = defuseSlack('<!channel> <!here|here> <!everyone> <!subteam^S123|@team> <@U123> <#C123|general> @channel');
    expect(text).not.toMatch(/<!channel>|<!here|<!everyone>|<!subteam|<@U|<#C|(^|\s)@channel/);
    expect(text).toContain('general');
  });
});

describe('splitText', () => {
  it('splits at paragraph breaks and never exceeds the limit', () => {
    const parts = splitText(huge, 1000);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(1000);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(huge.replace(/\s+/g, ' ').trim());
  });
});

describe('Slack mrkdwn escaping', () => {
  it('shows placeholders and paths with angle brackets as written, and keeps real links', () => {
    const out = toMrkdwn('Title: `<describe the change>` in backups/<name>/ & see [the guide](https://e.test/a?b=1&c=2)');
    expect(out).toContain('&lt;describe the change&gt;');
    expect(out).toContain('backups/&lt;name&gt;/ &amp; see');
    expect(out).toContain('<https://e.test/a?b=1&amp;c=2|the guide>');
    expect(out).not.toMatch(/<describe|<name>/);
  });
});
