// Full-text index over guide chunks. MiniSearch: no dependencies, BM25 ranking, field
// boosts, fuzzy/prefix matching and custom tokenizer hooks, sub-millisecond at this size,
// and a JSON form so a prebuilt index loads without re-tokenizing (knowledge-base.ts caches it on disk).

import MiniSearch, { type Options } from 'minisearch';
import type { Chunk } from './types.js';
import { splitUnits, type UnitShape } from './units.js';
import { tokenize } from './tokenizer.js';

export interface Unit extends UnitShape {
  terms: Set<string>;
}

export interface Corpus {
  chunks: Chunk[];
  byId: Map<string, Chunk>;
  /** Number of chunks each term occurs in. */
  docFreq: Map<string, number>;
  mini: MiniSearch<IndexedChunk>;
  /** Distinct terms of a chunk (computed on first use: only retrieved chunks need it). */
  termsOf(id: string): Set<string>;
  /** Answer units (sentences, list items) of a chunk with their terms, on first use. */
  unitsOf(id: string): Unit[];
}

interface IndexedChunk {
  id: string;
  heading: string;
  section: string;
  text: string;
  questions: string;
}

/** Retrieval weights, in one place (in the manner of MiniSearch's `defaultSearchOptions`). */
export const RETRIEVAL = {
  /** Heading text weighs more than body text: a heading names what its passage is about. */
  boost: { heading: 1.8, section: 0.6, text: 1, questions: 0.8 },
  /** Words at least this long that the corpus does not know are matched fuzzily and by prefix. */
  typoMinLength: 5,
  fuzzy: 0.2,
  /** How much a fuzzy or prefix match counts next to an exact one. */
  fuzzyWeight: 0.35,
  prefixWeight: 0.3,
  /** A section's score: its best passages, the first counting fully. */
  sectionWeights: [1, 0.3, 0.15],
  /** Passages retrieved per query. */
  limit: 20,
} as const;

function miniOptions(docFreq: Map<string, number>, onTerms?: (terms: string[]) => void): Options<IndexedChunk> {
  // A typo is a word the corpus does not know, so only unknown words are matched fuzzily or
  // by prefix: known words stay exact, which keeps ranking sharp and queries fast.
  const unknownWord = (term: string) => /^[a-z]+$/.test(term) && !docFreq.has(term);
  return {
    fields: ['heading', 'section', 'text', 'questions'],
    storeFields: [],
    tokenize: (text) => {
      const terms = tokenize(text);
      onTerms?.(terms);
      return terms;
    },
    processTerm: (term) => term,
    searchOptions: {
      boost: { ...RETRIEVAL.boost },
      // Short terms and identifiers must match exactly or "pvb" would find "pvc".
      fuzzy: (term) => (term.length >= RETRIEVAL.typoMinLength && unknownWord(term) ? RETRIEVAL.fuzzy : false),
      prefix: (term) => term.length >= RETRIEVAL.typoMinLength && unknownWord(term),
      weights: { fuzzy: RETRIEVAL.fuzzyWeight, prefix: RETRIEVAL.prefixWeight },
    },
  };
}

const toDoc = (c: Chunk): IndexedChunk => ({
  id: c.id,
  heading: c.headingPath.slice(1).join(' / '),
  section: c.sectionTitle,
  text: c.text,
  questions: (c.questions ?? []).join('\n'),
});

export function buildIndex(chunks: Chunk[]): Corpus {
  const docFreq = new Map<string, number>();
  let current = new Set<string>();
  // One tokenization pass: MiniSearch tokenizes each field, and the same terms feed docFreq.
  const mini = new MiniSearch<IndexedChunk>(miniOptions(docFreq, (terms) => terms.forEach((t) => current.add(t))));
  for (const c of chunks) {
    current = new Set();
    mini.add(toDoc(c));
    for (const t of current) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
  }
  return assemble(chunks, docFreq, mini);
}

export interface SerializedIndex {
  mini: unknown;
  docFreq: Array<[string, number]>;
}

export function serializeIndex(corpus: Corpus): SerializedIndex {
  return { mini: corpus.mini.toJSON(), docFreq: [...corpus.docFreq] };
}

export function loadIndex(chunks: Chunk[], data: SerializedIndex): Corpus {
  const docFreq = new Map(data.docFreq);
  const mini = MiniSearch.loadJS<IndexedChunk>(data.mini as Parameters<typeof MiniSearch.loadJS>[0], miniOptions(docFreq));
  return assemble(chunks, docFreq, mini);
}

function assemble(chunks: Chunk[], docFreq: Map<string, number>, mini: MiniSearch<IndexedChunk>): Corpus {
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const terms = new Map<string, Set<string>>();
  const units = new Map<string, Unit[]>();
  return {
    chunks,
    byId,
    docFreq,
    mini,
    termsOf(id) {
      let t = terms.get(id);
      if (!t) {
        const doc = byId.get(id);
        t = new Set(doc ? tokenize(Object.values(toDoc(doc)).slice(1).join(' ')) : []);
        terms.set(id, t);
      }
      return t;
    },
    unitsOf(id) {
      let u = units.get(id);
      if (!u) {
        u = splitUnits(byId.get(id)?.text ?? '').map((shape) => ({ ...shape, terms: new Set(tokenize(shape.text)) }));
        units.set(id, u);
      }
      return u;
    },
  };
}

export interface ChunkHit {
  chunk: Chunk;
  score: number;
}

export function searchChunks(corpus: Corpus, query: string, limit: number = RETRIEVAL.limit): ChunkHit[] {
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
    const w = RETRIEVAL.sectionWeights;
    const score = list.slice(0, w.length).reduce((sum, h, i) => sum + h.score * w[i]!, 0);
    out.push({ section, title: list[0]!.chunk.sectionTitle, score, best: list[0]! });
  }
  return out.sort((a, b) => b.score - a.score);
}

export function idf(corpus: Corpus, term: string): number {
  const n = corpus.chunks.length;
  const df = corpus.docFreq.get(term) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
