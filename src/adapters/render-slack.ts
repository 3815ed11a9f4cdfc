// ChatReply -> Slack Block Kit within Slack's limits: 3000 characters per section text,
// 50 blocks per message, 10 elements per context block.

import { checkedAgainst } from '../answer/types.js';
import type { ChatReply } from '../chat/types.js';
import { defuseSlack, splitText } from '../chat/safety.js';

export const SLACK_LIMITS = { sectionText: 3000, blocks: 50, contextElements: 10, fallbackText: 3000 };

export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/**
 * Markdown (our common subset) -> Slack mrkdwn. `&`, `<` and `>` are escaped first, as Slack
 * asks, so `<describe the change>` or `backups/<name>/` show as written instead of being read
 * as links; then the only angle brackets left are the links this function makes.
 */
export function toMrkdwn(markdown: string): string {
  return markdown
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*\*([^*]+)\*\*/g, '*$1*')
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<$2|$1>');
}

export function renderSlack(reply: ChatReply): SlackMessage {
  // Defused again after the conversion, which adds angle brackets of its own.
  const body = defuseSlack(toMrkdwn(defuseSlack(reply.body)));
  const blocks: Array<Record<string, unknown>> = [];
  // Reserve room for the title, context, sources and buttons.
  const room = SLACK_LIMITS.blocks - 4;
  const sections = splitText(body, SLACK_LIMITS.sectionText);
  if (sections.length > room) {
    sections.length = room;
    sections[room - 1] = `${sections[room - 1]!.slice(0, SLACK_LIMITS.sectionText - 40)}\n_(reply shortened)_`;
  }
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${defuseSlack(reply.title).slice(0, 200)}*` } });
  for (const s of sections) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: s } });
  const links = [
    ...reply.citations.map((c) => `<${c.url}|${c.title}${c.anchor ? ` › ${c.anchor}` : ''}>`),
    ...reply.sources.map((s) => `<${s.url}|${s.path}${s.line ? `:${s.line}` : ''}>`),
  ];
  if (links.length) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `Sources: ${links.join(' · ')}`.slice(0, SLACK_LIMITS.sectionText) },
        ...(reply.verifiedAt ? [{ type: 'mrkdwn', text: checkedAgainst(reply.verifiedAt) }] : []),
      ],
    });
  }
  if (reply.replyId && !reply.error) {
    blocks.push({
      type: 'actions',
      block_id: `onramp_feedback`,
      elements: [
        { type: 'button', action_id: 'onramp_fb_up', text: { type: 'plain_text', text: 'Helpful' }, value: reply.replyId, style: 'primary' },
        { type: 'button', action_id: 'onramp_fb_down', text: { type: 'plain_text', text: 'Not helpful' }, value: reply.replyId },
      ],
    });
  }
  const text = `${defuseSlack(reply.title)}: ${defuseSlack(reply.body)}`.slice(0, SLACK_LIMITS.fallbackText);
  return { text, blocks };
}
