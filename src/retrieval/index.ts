// Full-text index over guide chunks: BM25+ over weighted fields (bm25.ts), typo and
// prefix matching for unknown words, and a JSON form so a prebuilt index loads without
// re-tokenizing (knowledge-base.ts caches it on disk).

import { buildBm25, loadBm25, searchBm25, serializeBm25, type Bm25Index, type Bm25Options, type SerializedBm25 } from './bm25.js';
import type { Chunk } from './types.js';
import { splitUnits, type UnitShape } from './units.js';
import { queryTerms, tokenize } from './tokenizer.js';

export interface Unit extends UnitShape {
  terms: Set<string>;
}

export interface Corpus {
  chunks: Chunk[];
  byId: Map<string, Chunk>;
  /** Number of chunks each term occurs in. */
  docFreq: Map<string, number>;
  /**
   * One BM25 index per passage weight: the guide's own (weight 1) and, when Velero's docs
   * are loaded, theirs. Separate indexes keep each one's term statistics its own, so adding
   * the docs does not move the guide's ranking; a part's scores are scaled by its weight.
   */
  parts: IndexPart[];
  options: Bm25Options;
  /** Distinct terms of a chunk (computed on first use: only retrieved chunks need it). */
  termsOf(id: string): Set<string>;
  /** Answer units (sentences, list items) of a chunk with their terms, on first use. */
  unitsOf(id: string): Unit[];
  /** The term occurs in some passage's own words (text, heading), not only in its written questions. */
  inPassages(term: string): boolean;
}


/** Retrieval weights, in one place. */
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

// A typo is a word the corpus does not know, so only unknown words are matched fuzzily or
// by prefix: known words stay exact, which keeps ranking sharp and queries fast. Short
// terms and identifiers must match exactly or "pvb" would find "pvc".
function searchOptions(docFreq: Map<string, number>): Bm25Options {
  return {
    boost: RETRIEVAL.boost,
    expand: (term) => term.length >= RETRIEVAL.typoMinLength && /^[a-z]+$/.test(term) && !docFreq.has(term),
    fuzzy: RETRIEVAL.fuzzy,
    maxFuzzy: 6,
    fuzzyWeight: RETRIEVAL.fuzzyWeight,
    prefixWeight: RETRIEVAL.prefixWeight,
  };
}

const FIELDS = ['heading', 'section', 'text', 'questions'] as const;

const toDoc = (c: Chunk): Record<(typeof FIELDS)[number], string> => ({
  heading: c.headingPath.slice(1).join(' / '),
  section: c.sectionTitle,
  text: c.text,
  questions: (c.questions ?? []).join('\n'),
});

export function buildIndex(chunks: Chunk[]): Corpus {
  const docFreq = new Map<string, number>();
  const docs = chunks.map((c) => {
    const doc = toDoc(c);
    const fields = FIELDS.map((f) => tokenize(doc[f]));
    for (const t of new Set(fields.flat())) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
    return fields;
  });
  return assemble(chunks, docFreq, buildParts(chunks, docs));
}

export interface IndexPart {
  weight: number;
  /** Corpus positions of the part's documents, in the part's order. */
  members: number[];
  bm25: Bm25Index;
}

export interface SerializedIndex {
  parts: Array<{ weight: number; members: number[]; bm25: SerializedBm25 }>;
  docFreq: Array<[string, number]>;
}

export function serializeIndex(corpus: Corpus): SerializedIndex {
  return { parts: corpus.parts.map((p) => ({ weight: p.weight, members: p.members, bm25: serializeBm25(p.bm25) })), docFreq: [...corpus.docFreq] };
}

export function loadIndex(chunks: Chunk[], data: SerializedIndex): Corpus {
  const docFreq = new Map(data.docFreq);
  return assemble(chunks, docFreq, data.parts.map((p) => ({ weight: p.weight, members: p.members, bm25: loadBm25(p.bm25) })));
}

function buildParts(chunks: Chunk[], docs: string[][][]): IndexPart[] {
  const byWeight = new Map<number, number[]>();
  chunks.forEach((c, i) => {
    const w = c.weight ?? 1;
    const members = byWeight.get(w);
    if (members) members.push(i);
    else byWeight.set(w, [i]);
  });
  return [...byWeight].map(([weight, members]) => ({ weight, members, bm25: buildBm25([...FIELDS], members.map((i) => docs[i]!)) }));
}

function assemble(chunks: Chunk[], docFreq: Map<string, number>, parts: IndexPart[]): Corpus {
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const terms = new Map<string, Set<string>>();
  const units = new Map<string, Unit[]>();
  return {
    chunks,
    byId,
    docFreq,
    parts,
    options: searchOptions(docFreq),
    termsOf(id) {
      let t = terms.get(id);
      if (!t) {
        const doc = byId.get(id);
        t = new Set(doc ? tokenize(Object.values(toDoc(doc)).join(' ')) : []);
        terms.set(id, t);
      }
      return t;
    },
    inPassages(term) {
      return parts.some((p) => p.bm25.postings.get(term)?.some((x) => p.bm25.fields[x.field] !== 'questions') === true);
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
  const terms = queryTerms(query);
  const hits: ChunkHit[] = [];
  for (const part of corpus.parts) {
    for (const h of searchBm25(part.bm25, terms, corpus.options, limit)) hits.push({ chunk: corpus.chunks[part.members[h.doc]!]!, score: h.score * part.weight });
  }
  return corpus.parts.length === 1 ? hits : hits.sort((a, b) => b.score - a.score).slice(0, limit);
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
