import { createInterface } from 'node:readline';
import { ask, type AskResult } from '../answer/ask.js';
import { InputError } from '../answer/input.js';
import { loadConfig } from '../config.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { formatAnswerText } from './format-answer.js';

export async function runAsk(question: string | undefined, opts: { json?: boolean; k: number }): Promise<number> {
  const config = loadConfig();
  const kb = await loadKnowledgeBase();
  const print = (r: AskResult) =>
    process.stdout.write(opts.json ? `${JSON.stringify(r)}\n` : `${formatAnswerText(r)}\n`);
  const askOpts = { k: opts.k, repo: config.repo };

  if (question !== undefined) {
    print(ask(kb, question, askOpts));
    return 0;
  }

  // Batch: one question per line. A bad line is reported and skipped; the rest are answered.
  let failed = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    try {
      print(ask(kb, line, askOpts));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      failed++;
      process.stderr.write(`onramp: ${err.message}\n`);
      if (opts.json) process.stdout.write(`${JSON.stringify({ question: line.slice(0, 200), error: err.message })}\n`);
    }
  }
  return failed ? 2 : 0;
}
