// Typo tolerance over the corpus vocabulary: the known term one edit away from a word the
// corpus does not know ("concurency" -> "concurrency"), for the confidence measure and for
// the extract, which must find the sentences retrieval found through the same typo.

import type { Corpus } from './index.js';

const termsByLength = new WeakMap<Corpus, Map<number, string[]>>();

// The confidence measure and the extract ask about the same words of every question, and
// the same typos come back; answers are remembered (bounded) per corpus.
const MEMO_SIZE = 5000;
const memos = new WeakMap<Corpus, Map<string, string | undefined>>();

/** A corpus term one edit away from a word the corpus does not know. */
export function nearTerm(corpus: Corpus, term: string): string | undefined {
  if (term.length < 5 || !/^[a-z]+$/.test(term)) return undefined;
  let memo = memos.get(corpus);
  if (!memo) memos.set(corpus, (memo = new Map()));
  if (memo.has(term)) return memo.get(term);
  if (memo.size >= MEMO_SIZE) memo.clear();
  const near = scan(corpus, term);
  memo.set(term, near);
  return near;
}

function scan(corpus: Corpus, term: string): string | undefined {
  // Only terms within one letter of the word's length can be one edit away.
  let byLength = termsByLength.get(corpus);
  if (!byLength) {
    byLength = new Map();
    for (const t of corpus.docFreq.keys()) {
      const list = byLength.get(t.length);
      if (list) list.push(t);
      else byLength.set(t.length, [t]);
    }
    termsByLength.set(corpus, byLength);
  }
  for (const len of [term.length, term.length - 1, term.length + 1]) {
    const hit = byLength.get(len)?.find((candidate) => withinOneEdit(candidate, term));
    if (hit) return hit;
  }
  return undefined;
}

export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      // A swap of two neighbours ("bakcup") counts as one edit.
      if (a[i] === b[j + 1] && a[i + 1] === b[j]) {
        i += 2;
        j += 2;
        continue;
      }
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

