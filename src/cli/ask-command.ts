import { createInterface } from 'node:readline';
import type { AskResult } from '../answer/types.js';
import { createAnswerer } from '../answer/answerer.js';

import { loadConfig } from '../config.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { formatAnswerText } from './format-answer.js';
import { InputError } from '../errors.js';

export async function runAsk(question: string | undefined, opts: { json?: boolean; k: number }): Promise<number> {
  const config = loadConfig();
  const kb = await loadKnowledgeBase();
  // The LLM client loads only when an endpoint is configured.
  const answerer = await createAnswerer(kb, config, { warn: (m) => process.stderr.write(`onramp: ${m}\n`) });
  const print = (r: AskResult) =>
    process.stdout.write(opts.json ? `${JSON.stringify(r)}\n` : `${formatAnswerText(r)}\n`);

  if (question !== undefined) {
    print(await answerer.answer(question, { k: opts.k }));
    return 0;
  }

  // Batch: one question per line. A bad line is reported and skipped; the rest are answered.
  let failed = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    try {
      print(await answerer.answer(line, { k: opts.k }));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      failed++;
      process.stderr.write(`onramp: ${err.message}\n`);
      if (opts.json) process.stdout.write(`${JSON.stringify({ question: line.slice(0, 200), error: err.message })}\n`);
    }
  }
  return failed ? 2 : 0;
}
