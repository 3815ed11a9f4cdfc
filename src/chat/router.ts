// One router for every platform: checks size and rate, picks the command (a plain question
// is `ask`), adds thread context for follow-ups, and turns every failure into a friendly
// reply. The process never sees an exception from a message.

import { isFollowUp } from '../answer/ask.js';
import { InputError } from '../answer/input.js';
import type { ChatMemory } from './memory.js';
import type { ChatCommand, ChatReply, ChatRequest } from './types.js';

export interface Router {
  handle(req: ChatRequest): Promise<ChatReply>;
  commands: ChatCommand[];
  memory?: ChatMemory;
}

export interface RouterOptions {
  memory?: ChatMemory;
  /** Called with unexpected errors (for logs and metrics); never with user text. */
  onError?: (err: unknown, command: string, platform: string) => void;
}

const COMMAND_PREFIX = /^\s*(?:\/velero\s+|!velero\s+|\/)?([a-z][a-z-]*)\b\s*/i;

export function createRouter(commands: ChatCommand[], options: RouterOptions = {}): Router {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const ask = byName.get('ask');
  const { memory } = options;

  return {
    commands,
    memory,
    async handle(req) {
      const text = req.text ?? '';
      if (memory && text.length > memory.limits.maxInputChars) {
        return errorReply(`That message is too long (${text.length} characters); keep it under ${memory.limits.maxInputChars}.`);
      }
      try {
        if (memory && !(await memory.allow(req.platform, req.user))) {
          return errorReply('You are sending questions faster than I can answer them well. Give me a minute and try again.');
        }
      } catch (err) {
        options.onError?.(err, 'ratelimit', req.platform);
      }

      let command = req.command ? byName.get(req.command.toLowerCase()) : undefined;
      let args = text;
      if (!command) {
        const m = text.match(COMMAND_PREFIX);
        const named = m ? byName.get(m[1]!.toLowerCase()) : undefined;
        if (named) {
          command = named;
          args = text.slice(m![0].length);
        } else {
          command = ask;
          args = text.replace(/^\s*\/velero\s+/i, '');
        }
      }
      if (!command) return errorReply('That command is not available.');

      try {
        const context = command.name === 'ask' && memory && req.thread ? await memory.lastQuestion(req.platform, req.thread) : undefined;
        const reply = await command.run({ ...req, context }, args.trim());
        reply.command = command.name;
        if (memory) {
          if (command.name === 'ask' && req.thread && !reply.outOfScope && reply.question) {
            await memory.rememberQuestion(req.platform, req.thread, context && isFollowUp(reply.question) ? `${reply.question} ${context}` : reply.question);
          }
          if (!reply.ephemeral || command.name === 'ask') reply.replyId = await memory.rememberReply(req.platform, reply.question ?? args, command.name);
        }
        return reply;
      } catch (err) {
        if (err instanceof InputError) return errorReply(capitalize(err.message));
        options.onError?.(err, command.name, req.platform);
        return errorReply('Something went wrong while answering; it has been logged. Please try again.');
      }
    },
  };
}

export function errorReply(message: string): ChatReply {
  return { title: 'Sorry', body: message, citations: [], sources: [], ephemeral: true, error: true };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
