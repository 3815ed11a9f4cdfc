// The async front of `ask`: the question (and, for a follow-up, the question with its
// thread's earlier one) is embedded once, in one batch, and the synchronous ask ranks and
// extracts with those vectors. Without a model, or when embedding fails, the ask is lexical.

import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { askDetailed, followUpQuery, type AskOptions, type Detailed } from './ask.js';
import { checkQuestion } from './input.js';

export async function queryVectors(kb: KnowledgeBase, texts: string[]): Promise<Map<string, Float32Array> | undefined> {
  if (!kb.embedder || !kb.semantic) return undefined;
  const unique = [...new Set(texts)];
  try {
    const vectors = await kb.embedder.embed(unique, 'query');
    return new Map(unique.map((t, i) => [t, vectors[i]!]));
  } catch {
    return undefined;
  }
}

export async function askWithMeaning(kb: KnowledgeBase, rawQuestion: string, options: AskOptions = {}): Promise<Detailed> {
  if (!kb.embedder || options.vectors) return askDetailed(kb, rawQuestion, options);
  let question: string;
  try {
    question = checkQuestion(rawQuestion);
  } catch {
    return askDetailed(kb, rawQuestion, options); // throws the same clear message
  }
  // The joined text is embedded in the same batch: whether the question is a follow-up is
  // decided after both are ranked (ask.ts).
  const joined = options.context ? followUpQuery(question, options.context) : undefined;
  const vectors = await queryVectors(kb, joined ? [question, joined] : [question]);
  return askDetailed(kb, rawQuestion, vectors ? { ...options, vectors } : options);
}
