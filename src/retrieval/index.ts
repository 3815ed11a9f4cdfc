// Full-text index over guide chunks. MiniSearch: no dependencies, BM25 ranking, field
// boosts, fuzzy/prefix matching and custom tokenizer hooks, sub-millisecond at this size.

import MiniSearch from 'minisearch';
import type { Chunk } from '../knowledge/types.js';
import { tokenize } from './tokenizer.js';

export interface Corpus {
  chunks: Chunk[];
  byId: Map<string, Chunk>;
  /** Distinct terms per chunk, for sentence scoring and coverage. */
  termsById: Map<string, Set<string>>;
  /** Number of chunks each term occurs in. */
  docFreq: Map<string, number>;
  mini: MiniSearch<IndexedChunk>;
}

interface IndexedChunk {
  id: string;
  heading: string;
  section: string;
  text: string;
}

/** Heading text weighs more than body text: a heading names what its passage is about. */
const BOOST = { heading: 2.5, section: 0.6, text: 1 };

export function buildIndex(chunks: Chunk[]): Corpus {
  const mini = new MiniSearch<IndexedChunk>({
    fields: ['heading', 'section', 'text'],
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => term,
    searchOptions: {
      boost: BOOST,
      // Typo tolerance only for longer plain words: short terms and identifiers must match
      // exactly or "pvb" would find "pvc".
      fuzzy: (term) => (term.length >= 6 && /^[a-z]+$/.test(term) ? 0.2 : false),
      prefix: (term) => term.length >= 5 && /^[a-z]+$/.test(term),
      weights: { fuzzy: 0.35, prefix: 0.3 },
    },
  });
  const docs = chunks.map((c) => ({
    id: c.id,
    heading: c.headingPath.slice(1).join(' / '),
    section: c.sectionTitle,
    text: c.text,
  }));
  mini.addAll(docs);

  const termsById = new Map<string, Set<string>>();
  const docFreq = new Map<string, number>();
  for (const d of docs) {
    const terms = new Set(tokenize(`${d.heading} ${d.section} ${d.text}`));
    termsById.set(d.id, terms);
    for (const t of terms) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
  }
  return { chunks, byId: new Map(chunks.map((c) => [c.id, c])), termsById, docFreq, mini };
}

export interface ChunkHit {
  chunk: Chunk;
  score: number;
}

export function searchChunks(corpus: Corpus, query: string, limit = 20): ChunkHit[] {
  const results = corpus.mini.search(query);
  const hits: ChunkHit[] = [];
  for (const r of results.slice(0, limit)) {
    const chunk = corpus.byId.get(String(r.id));
    if (chunk) hits.push({ chunk, score: r.score });
  }
  return hits;
}

export interface SectionHit {
  section: string;
  title: string;
  score: number;
  best: ChunkHit;
}

/**
 * Ranks sections by their chunks: the best chunk counts fully, the next ones with falling
 * weight, so a section with several relevant passages beats one lucky heading match.
 */
export function rankSections(hits: ChunkHit[]): SectionHit[] {
  const bySection = new Map<string, ChunkHit[]>();
  for (const h of hits) {
    const list = bySection.get(h.chunk.section) ?? [];
    list.push(h);
    bySection.set(h.chunk.section, list);
  }
  const out: SectionHit[] = [];
  for (const [section, list] of bySection) {
    const score = list.slice(0, 3).reduce((sum, h, i) => sum + h.score * [1, 0.3, 0.15][i]!, 0);
    out.push({ section, title: list[0]!.chunk.sectionTitle, score, best: list[0]! });
  }
  return out.sort((a, b) => b.score - a.score);
}

export function idf(corpus: Corpus, term: string): number {
  const n = corpus.chunks.length;
  const df = corpus.docFreq.get(term) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
