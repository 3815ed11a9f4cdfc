// What the chat remembers, all in the one keyv store: the last question of each thread
// (follow-ups), per-user request counts (rate limit), and feedback on replies.

import { randomUUID } from 'node:crypto';
import { tokenize } from '../retrieval/tokenizer.js';
import type { Store } from '../store/store.js';

const THREAD_TTL_MS = 24 * 3600_000;
const REPLY_TTL_MS = 7 * 24 * 3600_000;
const LOCAL_TEXT_MAX = 10_000;

export interface ChatLimits {
  /** Requests per user per window. */
  perUser: number;
  windowMs: number;
  /** Longest message accepted, in characters. */
  maxInputChars: number;
}

export interface RememberedReply {
  platform: string;
  question: string;
  command: string;
  /** The reply's entry in the question log, for its vote. */
  logKey?: string;
}

export const DEFAULT_LIMITS: ChatLimits = { perUser: 8, windowMs: 60_000, maxInputChars: 8000 };

export class ChatMemory {
  constructor(
    private readonly store: Store,
    readonly limits: ChatLimits = DEFAULT_LIMITS,
  ) {}

  async lastQuestion(platform: string, thread: string): Promise<string | undefined> {
    return (await this.store.kv<string>('threads').get(`${platform}:${thread}`)) ?? undefined;
  }

  /**
   * A thread keeps its question's search terms (stemmed, stop words dropped), not its text:
   * enough to read a follow-up in its light, and no copy of what was asked.
   */
  async rememberQuestion(platform: string, thread: string, question: string): Promise<void> {
    const terms = [...new Set(tokenize(question.slice(0, 400)).filter((t) => !t.startsWith('~')))].join(' ');
    await this.store.kv<string>('threads').set(`${platform}:${thread}`, terms, THREAD_TTL_MS);
  }

  /**
   * Counts a request; false when the user is over the limit for the current window. The
   * count is one atomic store operation, so replicas sharing the store allow exactly the
   * limit between them; a store that is down allows.
   */
  async allow(platform: string, user: string): Promise<boolean> {
    const count = await this.store.hit('ratelimit', `${platform}:${user}`, this.limits.windowMs);
    return count <= this.limits.perUser;
  }

  /** Question texts that may not go to the store, by reply id (this process only, bounded). */
  private readonly localText = new Map<string, { question: string; until: number }>();

  /**
   * Keeps what a reply answered, so a feedback button can say which question it rates. With
   * `storeText` false the text stays in this process; a vote that reaches another replica then
   * records no text.
   */
  async rememberReply(platform: string, question: string, command: string, logKey?: string, storeText = true): Promise<string> {
    const id = randomUUID().slice(0, 12);
    const text = question.slice(0, 400);
    if (!storeText) {
      const now = Date.now();
      for (const [k, v] of this.localText) if (v.until <= now || this.localText.size >= LOCAL_TEXT_MAX) this.localText.delete(k); else break;
      this.localText.set(id, { question: text, until: now + REPLY_TTL_MS });
    }
    await this.store.kv('replies').set(id, { platform, question: storeText ? text : '', command, ...(logKey ? { logKey } : {}) }, REPLY_TTL_MS);
    return id;
  }

  /** What a remembered reply answered (and its question-log entry), while it is kept. */
  async reply(replyId: string): Promise<RememberedReply | undefined> {
    const stored = (await this.store.kv<RememberedReply>('replies').get(replyId)) ?? undefined;
    const local = this.localText.get(replyId);
    return stored && !stored.question && local && local.until > Date.now() ? { ...stored, question: local.question } : stored;
  }

  async recordFeedback(replyId: string, user: string, vote: 'up' | 'down'): Promise<boolean> {
    const reply = await this.reply(replyId);
    if (!reply) return false;
    // One vote per user per reply; a second click changes it. Kept as long as the reply; the
    // question's text stays out of it (the question log keeps it when the vote calls for it).
    await this.store.kv('feedback').set(`${replyId}:${user}`, { platform: reply.platform, command: reply.command, vote, at: new Date().toISOString() }, REPLY_TTL_MS);
    return true;
  }

  async feedbackFor(replyId: string, user: string): Promise<{ vote: string } | undefined> {
    return (await this.store.kv<{ vote: string }>('feedback').get(`${replyId}:${user}`)) ?? undefined;
  }
}
