// ChatReply -> Discord message payloads within Discord's limits: 2000 characters of
// content, 4096 per embed description, 6000 per message's embeds, 25 fields of 1024.

import { checkedAgainst } from '../answer/types.js';
import type { ChatReply } from '../chat/types.js';
import { defuseDiscord, splitText } from '../chat/safety.js';

export const DISCORD_LIMITS = { content: 2000, description: 4096, embedTotal: 6000, fieldValue: 1024, title: 256 };
const BLURPLE = 0x5865f2;

export interface DiscordPayload {
  content?: string;
  embeds?: Array<Record<string, unknown>>;
  components?: Array<Record<string, unknown>>;
  allowedMentions: { parse: [] };
}

export function feedbackCustomId(vote: 'up' | 'down', replyId: string): string {
  return `onramp:fb:${vote}:${replyId}`;
}

/** First payload carries the embed and buttons; overflow follows as plain messages. */
export function renderDiscord(reply: ChatReply): DiscordPayload[] {
  const body = defuseDiscord(reply.body);
  const parts = splitText(body, DISCORD_LIMITS.description);
  const fields: Array<{ name: string; value: string }> = [];
  if (reply.citations.length) {
    fields.push({ name: 'Read more', value: clip(reply.citations.map((c) => `[${c.title}${c.anchor ? ` › ${c.anchor}` : ''}](${c.url})`).join('\n'), DISCORD_LIMITS.fieldValue) });
  }
  if (reply.sources.length) {
    fields.push({ name: 'Upstream', value: clip(reply.sources.map((s) => `[${s.path}${s.line ? `:${s.line}` : ''}](${s.url})`).join('\n'), DISCORD_LIMITS.fieldValue) });
  }
  const title = clip(defuseDiscord(reply.title), DISCORD_LIMITS.title);
  const embed: Record<string, unknown> = { title, description: parts[0] ?? '', color: BLURPLE };
  if (fields.length) embed.fields = fields;
  if (reply.verifiedAt) embed.footer = { text: checkedAgainst(reply.verifiedAt) };
  // Keep the whole embed under 6000: trim the description if fields push it over.
  const footer = reply.verifiedAt ? checkedAgainst(reply.verifiedAt).length : 0;
  const size = title.length + footer + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  if (size + (embed.description as string).length > DISCORD_LIMITS.embedTotal) {
    embed.description = clip(embed.description as string, DISCORD_LIMITS.embedTotal - size);
  }
  const first: DiscordPayload = { embeds: [embed], allowedMentions: { parse: [] } };
  if (reply.replyId && !reply.error) {
    first.components = [
      {
        type: 1,
        components: [
          { type: 2, style: 3, label: 'Helpful', custom_id: feedbackCustomId('up', reply.replyId) },
          { type: 2, style: 4, label: 'Not helpful', custom_id: feedbackCustomId('down', reply.replyId) },
        ],
      },
    ];
  }
  const rest = parts.slice(1).flatMap((p) => splitText(p, DISCORD_LIMITS.content));
  return [first, ...rest.map((content) => ({ content, allowedMentions: { parse: [] as [] } }))];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
