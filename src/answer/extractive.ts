// Extractive answer: the sentences of the best passages that share the most (rare) terms
// with the question, kept in reading order and trimmed to a chat-sized reply.

import type { Corpus, ChunkHit } from '../retrieval/index.js';
import { idf } from '../retrieval/index.js';
import { tokenize } from '../retrieval/tokenizer.js';

export const ANSWER_CHAR_BUDGET = 1000;
const MAX_UNITS = 6;

interface Candidate {
  text: string;
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
  const passages = hits.filter((h) => h.score >= top * 0.3).slice(0, 4);

  // "What is a BSL?" wants the sentence that defines it, not the first one that mentions it.
  const asksDefinition = /^\s*(what|who)(\s+is|\s+are|'s|s)\b|^\s*what does .+ (do|mean)\b|^\s*(define|explain)\b/i.test(question);
  const candidates: Candidate[] = [];
  passages.forEach((hit, chunkRank) => {
    const weight = Math.sqrt(hit.score / top);
    const headingTerms = new Set(tokenize(hit.chunk.headingPath.join(' ')));
    corpus.unitsOf(hit.chunk.id).forEach(({ text, terms }, position) => {
      let overlap = 0;
      for (const t of queryTerms) {
        if (terms.has(t)) overlap += idf(corpus, t);
        else if (headingTerms.has(t)) overlap += 0.25 * idf(corpus, t);
      }
      // Lead sentences of a passage usually state its point; very long units crowd out others.
      const lead = position === 0 ? 0.2 : position === 1 ? 0.1 : 0;
      const length = text.length > 380 ? 0.8 : text.length < 30 ? 0.6 : 1;
      const defines = asksDefinition && definesTerm(text, queryTerms) ? 1.5 : 0;
      candidates.push({ text, chunkRank, position, score: (overlap + lead + defines) * weight * length });
    });
  });

  const chosen: Candidate[] = [];
  let used = 0;
  for (const c of [...candidates].sort((a, b) => b.score - a.score)) {
    if (chosen.length >= MAX_UNITS || c.score <= 0) break;
    const cost = Math.min(c.text.length, ANSWER_CHAR_BUDGET);
    if (chosen.length > 0 && used + cost > ANSWER_CHAR_BUDGET) continue;
    chosen.push(c);
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
