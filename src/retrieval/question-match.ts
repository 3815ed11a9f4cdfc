// How much of a query one question a passage is known to answer shares, weighted by rarity.
// A passage's indexed questions were written as newcomers ask them, so a close match to one
// of them is direct evidence that this passage answers the query, firmer than shared words
// spread over its text.

import type { Chunk } from './types.js';
import type { Corpus } from './index.js';
import { idf } from './index.js';
import { tokenize } from './tokenizer.js';

const questionTerms = new WeakMap<object, Array<Set<string>>>();

function termSetsOf(chunk: Chunk): Array<Set<string>> {
  let sets = questionTerms.get(chunk);
  if (!sets) {
    // A passage without written questions (a docs passage we have none for) is known to answer its heading.
    const asked = chunk.questions?.length ? chunk.questions : [chunk.headingPath.slice(1).join(' ')];
    sets = asked.map((q) => new Set(tokenize(q)));
    questionTerms.set(chunk, sets);
  }
  return sets;
}

/** The chunk's question that covers most of `total` (the query's weight), and that share. */
export function bestQuestion(corpus: Corpus, terms: string[], chunk: Chunk, total: number): { match: number; terms: Set<string> } | undefined {
  let best: { match: number; terms: Set<string> } | undefined;
  for (const s of termSetsOf(chunk)) {
    let sum = 0;
    for (const t of terms) if (s.has(t)) sum += idf(corpus, t);
    if (!best || sum / total > best.match) best = { match: sum / total, terms: s };
  }
  return best;
}

/** The best share of `total` (the query's weight) that one of the chunk's questions covers. */
export function questionMatch(corpus: Corpus, terms: string[], chunk: Chunk, total: number): number {
  return bestQuestion(corpus, terms, chunk, total)?.match ?? 0;
}
