import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../answer/input.js';
import { loadConfig } from '../config.js';
import { KNOWLEDGE_DIR, loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { parseQuestions, runEval, type EvalReport } from '../eval/run-eval.js';

export const DEFAULT_QUESTIONS = join(KNOWLEDGE_DIR, '..', '..', 'shared', 'eval', 'questions.public.jsonl');

export async function runEvalCommand(opts: { questions?: string; json?: boolean }): Promise<number> {
  const file = opts.questions ?? DEFAULT_QUESTIONS;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`cannot read the question file ${file} (pass --questions FILE)`);
  }
  let questions;
  try {
    questions = parseQuestions(text, file);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  const report = runEval(await loadKnowledgeBase(), questions, loadConfig().repo);
  if (opts.json) {
    const { rows: _rows, ...summary } = report;
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    process.stdout.write(formatReport(report));
  }
  return 0;
}

function formatReport(r: EvalReport): string {
  const lines = ['id     expected                         cited (best first)                          rank facts oos', '-'.repeat(104)];
  for (const row of r.rows) {
    const oos = row.expectedOutOfScope ? (row.outOfScope ? 'ok' : 'MISS') : row.outOfScope ? 'FALSE' : '';
    lines.push(
      `${row.id.padEnd(6)} ${row.expected.join(',').padEnd(32).slice(0, 32)} ${row.got.join(',').padEnd(43).slice(0, 43)} ${String(row.rank ?? '-').padEnd(4)} ${row.expectedOutOfScope ? '  ' : row.factsFound ? 'ok' : '--'}    ${oos}`,
    );
  }
  lines.push(
    '',
    `questions        ${r.n}`,
    `hit@1            ${r.hitAt1}`,
    `hit@3            ${r.hitAt3}`,
    `MRR              ${r.mrr}`,
    `key facts        ${r.keyFactCoverage}`,
    `out-of-scope     precision ${r.outOfScope.precision}  recall ${r.outOfScope.recall}`,
    `latency          p50 ${r.p50ms} ms  p99 ${r.p99ms} ms`,
  );
  return `${lines.join('\n')}\n`;
}
