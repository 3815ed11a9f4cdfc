import { join } from 'node:path';

import { loadConfig } from '../config.js';
import { KNOWLEDGE_DIR, loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { SECTION_IDS } from '../knowledge/sections.js';
import { extractive, parseQuestions, runEval, type ContextFn, type EvalReport } from '../eval/run-eval.js';
import { InputError } from '../errors.js';
import { readCappedText, TooLargeError } from '../bounded-read.js';

export const DEFAULT_QUESTIONS = join(KNOWLEDGE_DIR, '..', '..', 'shared', 'eval', 'questions.public.jsonl');

export async function runEvalCommand(opts: { questions?: string; json?: boolean; mode?: string; model?: string }): Promise<number> {
  const mode = opts.mode ?? 'extractive';
  if (mode !== 'extractive' && mode !== 'llm') throw new InputError('--mode must be extractive or llm');
  const file = opts.questions ?? DEFAULT_QUESTIONS;
  let text: string;
  try {
    text = await readCappedText(file, `the question file ${file}`, 'questions');
  } catch (err) {
    // Too large says so; anything else unreadable says how to point at another file.
    if (err instanceof TooLargeError) throw err;
    throw new InputError(`cannot read the question file ${file} (pass --questions FILE)`);
  }
  let questions;
  try {
    questions = parseQuestions(text, file);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  const config = loadConfig();
  const kb = await loadKnowledgeBase(undefined, { dataDir: config.dataDir, embeddings: opts.model ? 'local' : config.embeddings, modelId: opts.model });
  if (kb.embeddings.why && (opts.model || config.embeddings === 'local')) throw new InputError(kb.embeddings.why);
  let answer = extractive(kb, config.repo);
  let contextOf: ContextFn | undefined;
  if (mode === 'llm') {
    const { askWithMeaning } = await import('../answer/ask-meaning.js');
    const { llmPassages } = await import('../answer/ask-llm.js');
    // The same retrieval and passage choice the model's prompt gets.
    contextOf = async (q) => {
      const d = await askWithMeaning(kb, q);
      return d.result.outOfScope ? [] : llmPassages(d.result.question, d.hits).map((h) => h.chunk.text);
    };
    if (!config.openai) throw new InputError('--mode llm needs OPENAI_API_KEY or OPENAI_BASE_URL (and OPENAI_MODEL)');
    const { createAnswerer } = await import('../answer/answerer.js');
    const answerer = await createAnswerer(kb, config, { warn: (m) => process.stderr.write(`onramp: ${m}\n`) });
    answer = (q) => answerer.answer(q, { k: 3 });
  }
  const report = await runEval(answer, questions, contextOf, kb.corpus.chunks.map((c) => c.text));
  if (opts.json) {
    const { rows: _rows, ...summary } = report;
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    process.stdout.write(formatReport(report));
  }
  return 0;
}

/** Per expected section: a question counts for every section it expects. */
function perSection(rows: EvalReport['rows']): Array<[string, { n: number; hit1: number; hit3: number; facts: number }]> {
  const acc = new Map<string, { n: number; hit1: number; hit3: number; facts: number }>();
  for (const row of rows) {
    for (const section of row.expected) {
      const a = acc.get(section) ?? { n: 0, hit1: 0, hit3: 0, facts: 0 };
      a.n++;
      if (row.rank === 1) a.hit1++;
      if (row.rank !== null && row.rank <= 3) a.hit3++;
      if (row.factsFound) a.facts++;
      acc.set(section, a);
    }
  }
  return SECTION_IDS.filter((id) => acc.has(id)).map((id) => {
    const a = acc.get(id)!;
    return [id, { n: a.n, hit1: a.hit1 / a.n, hit3: a.hit3 / a.n, facts: a.facts / a.n }];
  });
}

function formatReport(r: EvalReport): string {
  const lines = ['id     expected                         cited (best first)                          rank facts oos', '-'.repeat(104)];
  for (const row of r.rows) {
    const oos = row.expectedOutOfScope ? (row.outOfScope ? 'ok' : 'MISS') : row.outOfScope ? 'FALSE' : '';
    lines.push(
      `${row.id.padEnd(6)} ${row.expected.join(',').padEnd(32).slice(0, 32)} ${row.got.join(',').padEnd(43).slice(0, 43)} ${String(row.rank ?? '-').padEnd(4)} ${row.expectedOutOfScope ? '  ' : row.factsFound ? 'ok' : '--'}    ${oos}`,
    );
  }
  lines.push('', 'section                  questions  hit@1  hit@3  key facts');
  for (const [section, row] of perSection(r.rows)) {
    lines.push(`${section.padEnd(24)} ${String(row.n).padStart(9)}  ${row.hit1.toFixed(2)}   ${row.hit3.toFixed(2)}   ${row.facts.toFixed(2)}`);
  }
  lines.push(
    '',
    `questions        ${r.n}`,
    `hit@1            ${r.hitAt1}`,
    `hit@3            ${r.hitAt3}`,
    `MRR              ${r.mrr}`,
    `key facts        ${r.keyFactCoverage}`,
    `out-of-scope     precision ${r.outOfScope.precision}  recall ${r.outOfScope.recall}`,
    `false refusals   ${r.falseRefusals}`,
    `answer flaws     dangling start ${r.flaws.danglingStart}  fragment ${r.flaws.fragment}  cross-reference ${r.flaws.crossReference}  repeat ${r.flaws.repeat}  broken steps ${r.flaws.brokenSteps}`,
    ...(r.contextRecall !== undefined ? [`context recall   ${r.contextRecall}`] : []),
    `latency          p50 ${r.p50ms} ms  p99 ${r.p99ms} ms`,
  );
  return `${lines.join('\n')}\n`;
}
