// Retrieval and answer quality over a question file (format in design.md).

import { askWithMeaning } from '../answer/ask-meaning.js';
import type { AskResult } from '../answer/types.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { SECTION_IDS } from '../knowledge/sections.js';
import { answerFlaws, type AnswerFlaws } from './answer-quality.js';

export interface EvalQuestion {
  id: string;
  question: string;
  sections: string[];
  keyFacts: string[];
  outOfScope?: boolean;
  /** About Velero, but not something the knowledge covers: the answer should say so. */
  uncovered?: boolean;
}

export interface EvalRow {
  id: string;
  expected: string[];
  got: string[];
  rank: number | null;
  factsFound: boolean;
  outOfScope: boolean;
  expectedOutOfScope: boolean;
  uncovered?: boolean;
  confidence: number;
  /** Key facts all present in what the model was given (LLM mode). */
  contextHasFacts?: boolean;
  flaws?: AnswerFlaws;
  ms: number;
}

export interface EvalReport {
  n: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  keyFactCoverage: number;
  outOfScope: { precision: number; recall: number };
  /** Share of in-scope questions answered "I don't know". */
  falseRefusals: number;
  /** Shares of in-scope answers with each flaw (see answer-quality.ts). */
  flaws: { danglingStart: number; fragment: number; crossReference: number; repeat: number; brokenSteps: number };
  /** LLM mode: share of in-scope questions whose key facts all reach the model. */
  contextRecall?: number;
  /** Share of the questions about Velero that the knowledge does not cover which were answered "not covered". */
  uncoveredFlagged?: number;
  /**
   * How well confidence separates answers holding every key fact from the rest: the chance
   * that a random good answer has higher confidence than a random bad one (0.5: no better than a coin).
   */
  confidenceAuc?: number;
  p50ms: number;
  p99ms: number;
  rows: EvalRow[];
}

export function parseQuestions(text: string, file: string): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let q: Partial<EvalQuestion>;
    try {
      q = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    if (typeof q.question !== 'string' || !Array.isArray(q.sections)) {
      throw new Error(`${file}:${i + 1}: needs "question" (string) and "sections" (array)`);
    }
    // `docs:<page>` names a page of Velero's docs ingested by `sync --docs`.
    const unknown = q.sections.find((s) => !SECTION_IDS.includes(s) && !/^docs:[\w./-]+$/.test(s));
    if (unknown) throw new Error(`${file}:${i + 1}: unknown section id "${unknown}"`);
    out.push({
      id: String(q.id ?? i + 1),
      question: q.question,
      sections: q.sections,
      keyFacts: Array.isArray(q.keyFacts) ? q.keyFacts : [],
      outOfScope: q.outOfScope === true || q.sections.length === 0,
      ...((q as { uncovered?: unknown }).uncovered === true ? { uncovered: true } : {}),
    });
  });
  return out;
}

/** Any way of answering: extractive (sync) or through the LLM (async). */
export type AnswerFn = (question: string) => AskResult | Promise<AskResult>;

/** LLM mode: the passage texts a question's prompt carries. */
export type ContextFn = (question: string) => string[] | Promise<string[]>;

export function extractive(kb: KnowledgeBase, repo?: string): AnswerFn {
  return async (q) => (await askWithMeaning(kb, q, { k: 3, repo })).result;
}

/** `sources`: the passages answers quote from, so numbered steps that stop short are counted. */
export async function runEval(answer: AnswerFn, questions: EvalQuestion[], contextOf?: ContextFn, sources: readonly string[] = []): Promise<EvalReport> {
  // Warm-up so the first question's latency is not the JIT's.
  for (let i = 0; i < 3; i++) await answer('how do I add a changelog');
  const rows: EvalRow[] = [];
  for (const q of questions) {
    const r = await answer(q.question);
    const context = contextOf && !q.outOfScope ? (await contextOf(q.question)).join('\n').toLowerCase() : undefined;
    const got = r.citations.map((c) => c.section);
    const idx = got.findIndex((s) => q.sections.includes(s));
    const text = r.answer.toLowerCase();
    const has = (t: string) => q.keyFacts.every((f) => t.includes(f.toLowerCase()));
    const inScope = !q.outOfScope && !r.outOfScope;
    rows.push({
      ...(context !== undefined ? { contextHasFacts: has(context) } : {}),
      ...(inScope && r.mode === 'extractive' ? { flaws: answerFlaws(r.answer, sources) } : {}),
      id: q.id,
      expected: q.sections,
      got,
      rank: idx >= 0 ? idx + 1 : null,
      factsFound: has(text),
      outOfScope: r.outOfScope,
      expectedOutOfScope: q.outOfScope === true,
      ...(q.uncovered ? { uncovered: true } : {}),
      confidence: r.confidence,
      ms: r.ms,
    });
  }
  const inScope = rows.filter((r) => !r.expectedOutOfScope);
  const answered = rows.filter((r) => r.flaws);
  const share = (xs: EvalRow[], f: (r: EvalRow) => boolean) => (xs.length ? round(xs.filter(f).length / xs.length) : 0);
  const flagged = rows.filter((r) => r.outOfScope);
  const shouldFlag = rows.filter((r) => r.expectedOutOfScope);
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  return {
    n: rows.length,
    hitAt1: share(inScope, (r) => r.rank === 1),
    hitAt3: share(inScope, (r) => r.rank !== null && r.rank <= 3),
    mrr: inScope.length ? round(inScope.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / inScope.length) : 0,
    keyFactCoverage: share(inScope, (r) => r.factsFound),
    outOfScope: {
      precision: flagged.length ? round(flagged.filter((r) => r.expectedOutOfScope).length / flagged.length) : 1,
      recall: shouldFlag.length ? round(shouldFlag.filter((r) => r.outOfScope).length / shouldFlag.length) : 1,
    },
    falseRefusals: share(inScope, (r) => r.outOfScope),
    flaws: {
      danglingStart: share(answered, (r) => r.flaws!.danglingStart),
      fragment: share(answered, (r) => r.flaws!.fragment),
      crossReference: share(answered, (r) => r.flaws!.crossReference),
      repeat: share(answered, (r) => r.flaws!.repeat),
      brokenSteps: share(answered, (r) => r.flaws!.brokenSteps),
    },
    ...(contextOf ? { contextRecall: share(inScope, (r) => r.contextHasFacts === true) } : {}),
    ...(rows.some((r) => r.uncovered) ? { uncoveredFlagged: share(rows.filter((r) => r.uncovered), (r) => r.outOfScope) } : {}),
    ...auc(inScope.filter((r) => !r.outOfScope)),
    p50ms: percentile(ms, 0.5),
    p99ms: percentile(ms, 0.99),
    rows,
  };
}

function auc(answered: EvalRow[]): { confidenceAuc?: number } {
  const good = answered.filter((r) => r.factsFound).map((r) => r.confidence);
  const bad = answered.filter((r) => !r.factsFound).map((r) => r.confidence);
  if (!good.length || !bad.length) return {};
  let wins = 0;
  for (const g of good) for (const b of bad) wins += g > b ? 1 : g === b ? 0.5 : 0;
  return { confidenceAuc: round(wins / (good.length * bad.length)) };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
