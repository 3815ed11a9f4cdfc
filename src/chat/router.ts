// One router for every platform: picks the command from the request and runs it. A plain
// question (no command word) is `ask`. Errors from bad input become a friendly reply; the
// process never sees them.

import { InputError } from '../answer/input.js';
import type { ChatCommand, ChatReply, ChatRequest } from './types.js';

export interface Router {
  handle(req: ChatRequest): Promise<ChatReply>;
  commands: ChatCommand[];
}

const COMMAND_PREFIX = /^\s*(?:\/velero\s+|!velero\s+|\/)?([a-z][a-z-]*)\b\s*/i;

export function createRouter(commands: ChatCommand[]): Router {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const ask = byName.get('ask');
  return {
    commands,
    async handle(req) {
      let command = req.command ? byName.get(req.command.toLowerCase()) : undefined;
      let args = req.text;
      if (!command) {
        const m = req.text.match(COMMAND_PREFIX);
        const named = m ? byName.get(m[1]!.toLowerCase()) : undefined;
        if (named) {
          command = named;
          args = req.text.slice(m![0].length);
        } else {
          command = ask;
          args = req.text.replace(/^\s*\/velero\s+/i, '');
        }
      }
      if (!command) return errorReply('That command is not available.');
      try {
        return await command.run(req, args.trim());
      } catch (err) {
        if (err instanceof InputError) return errorReply(capitalize(err.message));
        return errorReply('Something went wrong while answering; the error was logged. Please try again.');
      }
    },
  };
}

export function errorReply(message: string): ChatReply {
  return { title: 'Sorry', body: message, citations: [], sources: [], ephemeral: true };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
