// One router for every platform: checks size and rate, picks the command (a message that
// names none goes to the first command, ask), adds thread context for threaded commands,
// and turns every failure into a friendly reply. The process never sees an exception from
// a message.

import { isFollowUp } from '../answer/ask.js';
import { InputError } from '../errors.js';
import { LOW_CONFIDENCE, type Outcome, type QuestionLog } from '../log/question-log.js';
import type { ChatMemory } from './memory.js';
import type { ChatCommand, ChatReply, ChatRequest, CommandContext } from './types.js';

export interface Router {
  handle(req: ChatRequest): Promise<ChatReply>;
  /** The command a request will run, before it runs (adapters decide ephemerality early). */
  commandFor(req: Pick<ChatRequest, 'command' | 'text'>): ChatCommand | undefined;
  /** Records a vote on an earlier reply; false when the reply is unknown or too old. */
  feedback(replyId: string, user: string, vote: 'up' | 'down'): Promise<boolean>;
  readonly commands: readonly ChatCommand[];
}

export interface RouterOptions {
  memory?: ChatMemory;
  /** The private question log (one entry per request); absent when ONRAMP_LOG_DAYS is 0. */
  log?: QuestionLog;
  /** Called with unexpected errors (for logs and metrics); never with user text. */
  onError?: (err: unknown, command: string, platform: string) => void;
}

const COMMAND_PREFIX = /^\s*(?:\/velero\s+|!velero\s+|\/)?([a-z][a-z-]*)\b\s*/i;

export function createRouter(ctx: CommandContext, options: RouterOptions = {}): Router {
  const { commands } = ctx;
  const byName = new Map(commands.map((c) => [c.name, c]));
  const fallback = commands[0];
  const { memory, log } = options;

  const resolve = (req: Pick<ChatRequest, 'command' | 'text'>): { command?: ChatCommand; args: string } => {
    const text = req.text ?? '';
    if (req.command) return { command: byName.get(req.command.toLowerCase()), args: text };
    const m = text.match(COMMAND_PREFIX);
    const named = m ? byName.get(m[1]!.toLowerCase()) : undefined;
    if (named) return { command: named, args: text.slice(m![0].length) };
    return { command: fallback, args: text.replace(/^\s*\/velero\s+/i, '') };
  };

  const run = async (req: ChatRequest, command: ChatCommand, args: string, logKey?: string): Promise<ChatReply> => {
    const context = command.threaded && memory && req.thread ? await memory.lastQuestion(req.platform, req.thread) : undefined;
    const reply = await command.run({ ...req, context }, args.trim(), ctx);
    reply.command = command.name;
    reply.ephemeral ||= command.ephemeral;
    if (!memory) return reply;
    if (command.threaded && req.thread && !reply.outOfScope && reply.question) {
      // A follow-up carries its thread's topic forward: "and for restores?" then "why?".
      await memory.rememberQuestion(req.platform, req.thread, context && isFollowUp(reply.question) ? `${reply.question} ${context}` : reply.question);
    }
    if (!reply.ephemeral || command.threaded) {
      // The question's text goes to the store only when the log may keep it (the guide fell
      // short); a confident answer's question stays in this process, for a vote on it.
      const textMayBeStored = command.threaded && (reply.outOfScope === true || (reply.confidence !== undefined && reply.confidence < LOW_CONFIDENCE));
      reply.replyId = await memory.rememberReply(req.platform, reply.question ?? args, command.name, logKey, textMayBeStored || !command.threaded);
    }
    return reply;
  };

  return {
    commands,
    commandFor: (req) => resolve(req).command,
    async feedback(replyId, user, vote) {
      if (!memory) return false;
      const ok = await memory.recordFeedback(replyId, user, vote);
      if (ok && log) {
        try {
          const reply = await memory.reply(replyId);
          if (reply?.logKey) await log.vote(reply.logKey, vote, reply.question);
        } catch (err) {
          options.onError?.(err, 'log', 'feedback');
        }
      }
      return ok;
    },
    async handle(req) {
      const started = performance.now();
      const logKey = log?.newKey();
      let outcome: Outcome = 'error';
      let reply: ChatReply | undefined;
      let commandName = 'none';
      try {
        ({ outcome, reply } = await handleOne(req, logKey, (name) => (commandName = name)));
        return reply;
      } finally {
        if (log && logKey) {
          // The log never costs a reply: a failed write is reported, not thrown.
          const ms = Math.round(performance.now() - started);
          try {
            await log.record(logKey, {
              platform: req.platform,
              user: req.user,
              command: commandName,
              outcome,
              ms,
              ...(reply?.mode ? { mode: reply.mode } : {}),
              ...(reply?.topSection ? { section: reply.topSection } : {}),
              ...(reply?.confidence !== undefined ? { confidence: reply.confidence } : {}),
              ...(reply?.question ? { question: reply.question } : {}),
            });
          } catch (err) {
            options.onError?.(err, 'log', req.platform);
          }
        }
      }
    },
  };

  async function handleOne(req: ChatRequest, logKey: string | undefined, named: (command: string) => void): Promise<{ outcome: Outcome; reply: ChatReply }> {
    const text = req.text ?? '';
    const { command, args } = resolve(req);
    if (command) named(command.name);
    if (memory && text.length > memory.limits.maxInputChars) {
      return { outcome: 'error', reply: errorReply(`That message is too long (${text.length} characters); keep it under ${memory.limits.maxInputChars}.`) };
    }
    try {
      if (memory && !(await memory.allow(req.platform, req.user))) {
        return { outcome: 'rate-limited', reply: errorReply('You are sending questions faster than I can answer them well. Give me a minute and try again.') };
      }
    } catch (err) {
      options.onError?.(err, 'ratelimit', req.platform);
    }
    if (!command) return { outcome: 'error', reply: errorReply('That command is not available.') };
    try {
      const reply = await run(req, command, args, logKey);
      const outcome: Outcome = reply.error ? 'error' : reply.injection ? 'injection' : reply.outOfScope ? 'refused' : 'answered';
      return { outcome, reply };
    } catch (err) {
      if (err instanceof InputError) return { outcome: 'error', reply: errorReply(capitalize(err.message)) };
      options.onError?.(err, command.name, req.platform);
      return { outcome: 'error', reply: errorReply('Something went wrong while answering; it has been logged. Please try again.') };
    }
  }
}

export function errorReply(message: string): ChatReply {
  return { title: 'Sorry', body: message, citations: [], sources: [], ephemeral: true, error: true };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
