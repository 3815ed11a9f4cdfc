import type { AskResult } from '../answer/types.js';
import { createAnswerer } from '../answer/answerer.js';

import { loadConfig } from '../config.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { formatAnswerText } from './format-answer.js';
import { InputError } from '../errors.js';
import { cappedLines, lineTooLongMessage, READ_CAPS } from '../bounded-read.js';

export async function runAsk(question: string | undefined, opts: { json?: boolean; k: number }): Promise<number> {
  const config = loadConfig();
  const kb = await loadKnowledgeBase(undefined, { dataDir: config.dataDir, embeddings: config.embeddings, warn: (m) => process.stderr.write(`onramp: ${m}\n`) });
  // The LLM client loads only when an endpoint is configured.
  const answerer = await createAnswerer(kb, config, { warn: (m) => process.stderr.write(`onramp: ${m}\n`) });
  const print = (r: AskResult) =>
    process.stdout.write(opts.json ? `${JSON.stringify(r)}\n` : `${formatAnswerText(r)}\n`);

  if (question !== undefined) {
    print(await answerer.answer(question, { k: opts.k }));
    return 0;
  }

  // Batch: one question per line. A bad or over-long line is reported and skipped; the
  // rest are answered.
  let failed = 0;
  const refuse = (message: string, line: { n: number; question?: string }) => {
    failed++;
    process.stderr.write(`onramp: ${message}\n`);
    if (opts.json) {
      const where = line.question !== undefined ? { question: line.question.slice(0, 200) } : { line: line.n };
      process.stdout.write(`${JSON.stringify({ ...where, error: message })}\n`);
    }
  };
  for await (const line of cappedLines(process.stdin, READ_CAPS.questionLine.bytes)) {
    if ('tooLong' in line) {
      refuse(lineTooLongMessage(line), line);
      continue;
    }
    if (!line.text.trim()) continue;
    try {
      print(await answerer.answer(line.text, { k: opts.k }));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      refuse(err.message, { n: line.n, question: line.text });
    }
  }
  return failed ? 2 : 0;
}
