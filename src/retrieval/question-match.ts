// How much of a query one question a passage is known to answer shares, weighted by rarity.
// A passage's indexed questions were written as newcomers ask them, so a close match to one
// of them is direct evidence that this passage answers the query, firmer than shared words
// spread over its text.

import type { Chunk } from './types.js';
import type { Corpus } from './index.js';
import { idf } from './index.js';
import { tokenize } from './tokenizer.js';

interface WrittenQuestions {
  sets: Array<Set<string>>;
  /** Term -> the questions holding it, so a query visits only the questions it shares a term with. */
  holding: Map<string, number[]>;
}

const written = new WeakMap<Chunk, WrittenQuestions>();

function questionsOf(chunk: Chunk): WrittenQuestions {
  let w = written.get(chunk);
  if (!w) {
    // A passage without written questions (a docs passage we have none for) is known to answer its heading.
    const asked = chunk.questions?.length ? chunk.questions : [chunk.headingPath.slice(1).join(' ')];
    const sets = asked.map((q) => new Set(tokenize(q)));
    const holding = new Map<string, number[]>();
    sets.forEach((set, i) => {
      for (const t of set) {
        const list = holding.get(t);
        if (list) list.push(i);
        else holding.set(t, [i]);
      }
    });
    written.set(chunk, (w = { sets, holding }));
  }
  return w;
}

export interface AskedQuestion {
  /** Share of the query's weight the question covers. */
  match: number;
  terms: Set<string>;
}

/**
 * For one query: each chunk's question that covers most of `total` (the query's weight), and
 * that share. Rarities are looked up once per query and each chunk is scored once.
 */
export type Matcher = (chunk: Chunk) => AskedQuestion | undefined;

export function questionMatcher(corpus: Corpus, terms: Iterable<string>, total: number): Matcher {
  const weights = [...new Set(terms)].map((t) => [t, idf(corpus, t)] as const);
  const seen = new Map<Chunk, AskedQuestion | undefined>();
  return (chunk) => {
    if (seen.has(chunk)) return seen.get(chunk);
    const { sets, holding } = questionsOf(chunk);
    const sums = new Float64Array(sets.length);
    for (const [t, w] of weights) for (const i of holding.get(t) ?? []) sums[i]! += w;
    let at = 0;
    for (let i = 1; i < sums.length; i++) if (sums[i]! > sums[at]!) at = i;
    const best = total > 0 && sets.length ? { match: sums[at]! / total, terms: sets[at]! } : undefined;
    seen.set(chunk, best);
    return best;
  };
}

/** A matcher over the query's terms the corpus knows, their weight the whole. */
export function knownTermsMatcher(corpus: Corpus, terms: Iterable<string>): Matcher {
  const known = [...new Set(terms)].filter((t) => corpus.docFreq.has(t));
  return questionMatcher(corpus, known, known.reduce((sum, t) => sum + idf(corpus, t), 0));
}
