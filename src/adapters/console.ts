// Console chat: the embedded default when no platform credentials are set. On a terminal
// it prompts; from a pipe it answers each line and exits when input ends.

import { createInterface } from 'node:readline';
import { formatWithSources } from '../answer/format-text.js';
import type { Router } from '../chat/router.js';
import type { ChatReply } from '../chat/types.js';

export function renderForConsole(reply: ChatReply): string {
  return formatWithSources(reply.body, reply.citations, reply.sources, reply.verifiedAt).join('\n');
}

export async function runConsoleChat(
  router: Router,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; interactive: boolean },
): Promise<void> {
  const rl = createInterface({ input: io.input, output: io.interactive ? io.output : undefined, terminal: io.interactive });
  const write = (s: string) => io.output.write(`${s}\n`);
  if (io.interactive) {
    write('Onramp: ask about contributing to Velero. Type "help" for commands, Ctrl-D to quit.');
    rl.setPrompt('onramp> ');
    rl.prompt();
  }
  const answer = async (text: string) => {
    const reply = await router.handle({ text, user: 'console', platform: 'console', thread: 'console' });
    write(renderForConsole(reply));
    if (io.interactive) write('');
  };
  // A terminal delivers a pasted PR description line by line: after a `lint-pr` line, the
  // following lines up to a blank line are one message (title first, description below).
  let block: string[] | undefined;
  for await (const line of rl) {
    if (block) {
      if (line.trim()) {
        block.push(line);
        continue;
      }
      await answer(block.join('\n'));
      block = undefined;
    } else {
      const text = line.trim();
      if (/^lint-pr\b/i.test(text)) {
        block = [text];
        if (io.interactive) write('(paste the title and description; end with an empty line)');
        continue;
      }
      if (text) {
        if (io.interactive && /^(exit|quit)$/i.test(text)) break;
        await answer(text);
      }
    }
    if (io.interactive) rl.prompt();
  }
  if (block) await answer(block.join('\n'));
  rl.close();
}
