import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../src/adapters/render-discord.js';
import { renderSlack } from '../src/adapters/render-slack.js';
import type { ChatReply } from '../src/chat/types.js';
import { DISCORD_LIVE, SLACK_LIVE } from './helpers/live-mentions.js';

// Mention tokens assembled from fragments, so that defusing one part can splice the rest
// into a live mention (`<!chan<@U1|nel>>`). Seeded, so a failure reproduces.
const FRAGMENTS = ['<', '>', '!', '@', '|', '^', '&', '#', 'chan', 'nel', 'channel', 'here', 'every', 'one', 'everyone',
  'subteam', 'U1', 'C9', 'S7', '123456789012345678', '<@U1|', '<!', '<#C9|', '**', '[x](https://e.test)', ' ', 'text'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const reply = (body: string): ChatReply => ({ title: body.slice(0, 50), body, citations: [], sources: [] });

describe('mention defusing on the final platform text', () => {
  it('leaves no live mention in 5,000 generated hostile messages, on Slack and Discord', () => {
    const next = rng(20261202);
    for (let i = 0; i < 5000; i++) {
      let body = '';
      const n = 2 + Math.floor(next() * 12);
      for (let k = 0; k < n; k++) body += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
      const slack = renderSlack(reply(body));
      for (const b of slack.blocks) {
        const text = JSON.stringify(b).replace(/\\u200b/g, '\u200b');
        expect(text, body).not.toMatch(SLACK_LIVE);
      }
      const discord = JSON.stringify(renderDiscord(reply(body))).replace(/\\u200b/g, '\u200b');
      expect(discord, body).not.toMatch(DISCORD_LIVE);
    }
  });

  it('defuses the spliced token that a single pass would have produced', () => {
    const text = JSON.stringify(renderSlack(reply('hi <!chan<@U1|nel>> there')).blocks);
    expect(text).not.toMatch(/<!channel>/);
  });
});
