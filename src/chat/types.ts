// Platform-neutral request and reply. Adapters turn platform events into a ChatRequest and
// render a ChatReply; the router and the core never see a platform type.

import type { Answerer } from '../answer/answerer.js';
import type { Citation, SourceLink } from '../answer/types.js';
import type { SuggestDeps } from '../issues/suggest.js';
import type { Conventions } from '../prlint/types.js';

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
  /** For answers: the Velero commit the knowledge was checked against. */
  verifiedAt?: { commit: string; date: string };
  /** The question this reply answered, echoed for feedback buttons. */
  question?: string;
  /** Key for feedback buttons (set by the router when it remembers the reply). */
  replyId?: string;
  /** The command that produced the reply (for metrics). */
  command?: string;
  /** An error or refusal message rather than an answer. */
  error?: boolean;
  /** For answers (the question log): how it was composed, its confidence, the first cited section. */
  mode?: 'extractive' | 'llm';
  confidence?: number;
  topSection?: string;
  /** The question was refused as a prompt-injection attempt. */
  injection?: boolean;
}

/** A structured option of a command, as slash-command platforms take it. */
export interface CommandOption {
  name: string;
  /** One line (Discord allows 100 characters). */
  description: string;
  type: 'string' | 'integer';
  required?: boolean;
  maxLength?: number;
  minValue?: number;
}

/** What commands run with; built once by serve (or a test) and shared by every command. */
export interface CommandContext {
  answerer: Answerer;
  issues: SuggestDeps;
  conventions: Conventions;
  /** Every command, for help. */
  commands: readonly ChatCommand[];
}

/**
 * One chat command, defined once: the router runs it, Discord registers it as a
 * `/velero` subcommand from `options`, help lists it, and the adapters read `ephemeral`.
 */
export interface ChatCommand {
  name: string;
  /** One line for help and Discord (at most 100 characters). */
  description: string;
  /** How to type it in a message. */
  usage: string;
  options: CommandOption[];
  /** The reply is shown only to the asker where the platform allows it. */
  ephemeral: boolean;
  /** Remembers the thread's question, so a follow-up there is read in its light. */
  threaded: boolean;
  run(req: ChatRequest, args: string, ctx: CommandContext): Promise<ChatReply>;
}
