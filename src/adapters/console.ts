// Console chat: the embedded default when no platform credentials are set. On a terminal
// it prompts; from a pipe it answers each line and exits when input ends.

import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { cappedLines, READ_CAPS } from '../bounded-read.js';
import { formatWithSources } from '../answer/format-text.js';
import type { Router } from '../chat/router.js';
import type { ChatReply } from '../chat/types.js';

export function renderForConsole(reply: ChatReply): string {
  return formatWithSources(reply.body, reply.citations, reply.sources, reply.verifiedAt).join('\n');
}

/** A pasted `lint-pr` block holds at most a PR description's worth of text. */
const BLOCK_LIMIT = READ_CAPS.prBody.bytes;

/**
 * Input lines: from a pipe through a reader that never holds more than a line's cap (one
 * 600 MB line is skipped with a message, not buffered); on a terminal through readline,
 * which also prompts.
 */
async function* linesOf(io: { input: NodeJS.ReadableStream; interactive: boolean }, rl: ReturnType<typeof createInterface> | undefined, write: (s: string) => void): AsyncGenerator<string> {
  if (rl) {
    yield* rl;
    return;
  }
  // A line may carry a lint-pr title, so it gets a description's room, not a question's.
  for await (const line of cappedLines(io.input as Readable, BLOCK_LIMIT)) {
    if ('tooLong' in line) write(`onramp: line ${line.n} of the input is over ${BLOCK_LIMIT / 1024} KB; skipped`);
    else yield line.text;
  }
}

export async function runConsoleChat(
  router: Router,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; interactive: boolean },
): Promise<void> {
  const rl = io.interactive ? createInterface({ input: io.input, output: io.output, terminal: true }) : undefined;
  const write = (s: string) => io.output.write(`${s}\n`);
  if (rl) {
    write('Onramp: ask about contributing to Velero. Type "help" for commands, Ctrl-D to quit.');
    rl.setPrompt('onramp> ');
    rl.prompt();
  }
  let blockBytes = 0;
  const answer = async (text: string) => {
    const reply = await router.handle({ text, user: 'console', platform: 'console', thread: 'console' });
    write(renderForConsole(reply));
    if (io.interactive) write('');
  };
  // A terminal delivers a pasted PR description line by line: after a `lint-pr` line, the
  // following lines up to a blank line are one message (title first, description below).
  let block: string[] | undefined;
  for await (const line of linesOf(io, rl, write)) {
    if (block) {
      if (line.trim() && blockBytes + line.length <= BLOCK_LIMIT) {
        block.push(line);
        blockBytes += line.length;
        continue;
      }
      if (line.trim()) write(`onramp: the pasted PR description is over ${BLOCK_LIMIT / 1024} KB; linting what came before this line`);
      await answer(block.join('\n'));
      block = undefined;
    } else {
      const text = line.trim();
      if (/^lint-pr\b/i.test(text)) {
        block = [text];
        blockBytes = text.length;
        if (io.interactive) write('(paste the title and description; end with an empty line)');
        continue;
      }
      if (text) {
        if (io.interactive && /^(exit|quit)$/i.test(text)) break;
        await answer(text);
      }
    }
    rl?.prompt();
  }
  if (block) await answer(block.join('\n'));
  rl?.close();
}
