// Platform-neutral request and reply. Adapters turn platform events into a ChatRequest and
// render a ChatReply; the router and the core never see a platform type.

import type { Citation, SourceLink } from '../answer/ask.js';
import type { Suggestion } from '../issues/types.js';
import type { Finding } from '../prlint/types.js';

export interface ChatRequest {
  /** Command word, when the platform parsed it (slash command); else parsed from text. */
  command?: string;
  text: string;
  /** Structured options from a slash command (`question`, `area`, `title` ...). */
  options?: Record<string, string | number | undefined>;
  user: string;
  platform: 'console' | 'discord' | 'slack';
  /** Conversation key for follow-ups (thread id, DM channel id). */
  thread?: string;
  /** Earlier question in the same thread (set by the router). */
  context?: string;
  /** The answer so far, while an LLM streams it (adapters throttle their edits). */
  onPartial?: (text: string) => void;
}

export interface ChatReply {
  title: string;
  /** Markdown (common subset: **bold**, `code`, links, lists). */
  body: string;
  citations: Citation[];
  sources: SourceLink[];
  /** Private to the asker where the platform allows it. */
  ephemeral?: boolean;
  outOfScope?: boolean;
  suggestions?: Suggestion[];
  findings?: Finding[];
  /** The question this reply answered, echoed for feedback buttons. */
  question?: string;
  /** Key for feedback buttons (set by the router when it remembers the reply). */
  replyId?: string;
  /** The command that produced the reply (for metrics). */
  command?: string;
  /** An error or refusal message rather than an answer. */
  error?: boolean;
}

export interface ChatCommand {
  name: string;
  summary: string;
  usage: string;
  run(req: ChatRequest, args: string): Promise<ChatReply>;
}
