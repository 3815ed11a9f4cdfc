// Extractive answer: the sentences of the best passages that share the most (rare) terms
// with the question, kept in reading order and trimmed to a chat-sized reply.

import type { Corpus, ChunkHit } from '../retrieval/index.js';
import { idf } from '../retrieval/index.js';
import { tokenize } from '../retrieval/tokenizer.js';

export const ANSWER_CHAR_BUDGET = 1000;
const MAX_UNITS = 6;
const COVERED_WEIGHT = 0.3;

interface Candidate {
  text: string;
  /** Query terms the unit contains, with their weights (for coverage-aware selection). */
  matched: Map<string, number>;
  base: number;
  factor: number;
  chunkRank: number;
  position: number;
  score: number;
}

export interface Extract {
  answer: string;
  /** Chunks the answer quotes, best first. */
  usedChunks: ChunkHit[];
}

export function composeExtractive(corpus: Corpus, question: string, hits: ChunkHit[]): Extract {
  const queryTerms = new Set(tokenize(question));
  const top = hits[0]?.score ?? 0;
  const passages = hits.filter((h) => h.score >= top * 0.25).slice(0, 6);

  // "What is a BSL?" wants the sentence that defines it, not the first one that mentions it.
  const asksDefinition = /^\s*(what|who)(\s+is|\s+are|'s|s)\b|^\s*what does .+ (do|mean)\b|^\s*(define|explain)\b/i.test(question);
  const candidates: Candidate[] = [];
  passages.forEach((hit, chunkRank) => {
    const weight = Math.sqrt(hit.score / top);
    const headingTerms = new Set(tokenize(hit.chunk.headingPath.join(' ')));
    corpus.unitsOf(hit.chunk.id).forEach(({ text, terms }, position) => {
      let overlap = 0;
      const matched = new Map<string, number>();
      for (const t of queryTerms) {
        if (terms.has(t)) {
          overlap += idf(corpus, t);
          matched.set(t, idf(corpus, t));
        } else if (headingTerms.has(t)) overlap += 0.25 * idf(corpus, t);
      }
      // Lead sentences of a passage usually state its point; very long units crowd out others.
      const lead = position === 0 ? 0.2 : position === 1 ? 0.1 : 0;
      const length = text.length > 380 ? 0.8 : text.length < 30 ? 0.6 : 1;
      const defines = asksDefinition && definesTerm(text, queryTerms) ? 1.5 : 0;
      const base = lead + defines + (overlap - [...matched.values()].reduce((a, b) => a + b, 0));
      candidates.push({ text, matched, base, factor: weight * length, chunkRank, position, score: (overlap + lead + defines) * weight * length });
    });
  });

  // Greedy selection that rewards covering the question's other terms: once a term is
  // answered, sentences repeating only it count less, so "fs-backup ... timeout" gets a
  // timeout sentence too.
  const chosen: Candidate[] = [];
  const covered = new Set<string>();
  let used = 0;
  let pool = candidates.filter((c) => c.score > 0);
  while (chosen.length < MAX_UNITS && pool.length) {
    let bestIdx = -1;
    let bestScore = 0;
    pool.forEach((c, i) => {
      let gain = c.base;
      for (const [t, w] of c.matched) gain += covered.has(t) ? COVERED_WEIGHT * w : w;
      const score = gain * c.factor;
      if (score > bestScore) {
        bestScore = score;
        bestIdx = i;
      }
    });
    if (bestIdx < 0) break;
    const c = pool[bestIdx]!;
    pool = pool.filter((_, i) => i !== bestIdx);
    const cost = Math.min(c.text.length, ANSWER_CHAR_BUDGET);
    if (chosen.length > 0 && used + cost > ANSWER_CHAR_BUDGET) continue;
    c.score = bestScore;
    chosen.push(c);
    for (const t of c.matched.keys()) covered.add(t);
    used += cost + 1;
  }
  // Paragraphs lead with the one holding the best sentence; sentences keep reading order.
  const best = new Map<number, number>();
  for (const c of chosen) best.set(c.chunkRank, Math.max(best.get(c.chunkRank) ?? 0, c.score));
  chosen.sort((a, b) => best.get(b.chunkRank)! - best.get(a.chunkRank)! || a.chunkRank - b.chunkRank || a.position - b.position);

  const paragraphs: string[] = [];
  let lastRank = -1;
  for (const c of chosen) {
    const text = trimTo(c.text, ANSWER_CHAR_BUDGET);
    if (c.chunkRank !== lastRank) paragraphs.push(text);
    else paragraphs[paragraphs.length - 1] += ` ${text}`;
    lastRank = c.chunkRank;
  }
  const usedRanks = [...new Set(chosen.map((c) => c.chunkRank))];
  return {
    answer: paragraphs.join('\n\n'),
    usedChunks: usedRanks.map((r) => passages[r]!),
  };
}

/** "A BackupStorageLocation (BSL) describes ..." — the subject, then a defining verb. */
function definesTerm(text: string, queryTerms: Set<string>): boolean {
  const m = text.match(/^(.{0,90}?)\b(is|are|describes|means|stands for|represents|holds|tracks|records)\b/i);
  if (!m || /\b(whose|which|that|when|if|because|so|while|after|before)\b/i.test(m[1]!)) return false;
  return tokenize(m[1]!).some((t) => queryTerms.has(t));
}

function trimTo(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
