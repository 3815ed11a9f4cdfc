// Meaning-based retrieval: every passage, each of its written questions and each of its
// answer units (sentences, items) embedded once by the local model. A query vector is then
// compared with all of them: passages rank by their best match (their own text or a question
// written for them), and the extract can tell which sentence answers.

import { dot, type Embedder, type TextKind } from '../embeddings/types.js';
import type { Calibration } from '../embeddings/model-spec.js';
import { readVectorCache, textKey, writeVectorCache } from '../embeddings/vector-cache.js';
import type { Corpus } from './index.js';
import type { Chunk } from './types.js';
import { splitUnits } from './units.js';

export interface DenseHit {
  chunk: Chunk;
  /** Cosine similarity of the query to the passage or its closest written question. */
  sim: number;
}

export interface SemanticIndex {
  modelId: string;
  calibration?: Calibration;
  /** How many vectors were computed at build (the rest came from the cache). */
  computed: number;
  /** All passages by their best similarity to the query, best first. */
  rank(query: Float32Array): DenseHit[];
  /** Similarity of the query to each answer unit of a passage (corpus.unitsOf order). */
  unitSims(chunkId: string, query: Float32Array): Float32Array;
}

/** The text a passage is embedded as: where it sits, then what it says. */
const passageText = (c: Chunk) => `${c.headingPath.join(' / ')}\n${c.text}`;

export async function buildSemanticIndex(corpus: Corpus, embedder: Embedder, cachePath?: string): Promise<SemanticIndex> {
  const cached = cachePath ? readVectorCache(cachePath, embedder.id) : new Map<string, Float32Array>();
  const vectors = new Map<string, Float32Array>();
  const missing = { query: new Map<string, string>(), passage: new Map<string, string>() };
  const want = (kind: TextKind, text: string): string => {
    const key = textKey(kind, text);
    if (!vectors.has(key)) {
      const v = cached.get(key);
      if (v) vectors.set(key, v);
      else missing[kind].set(key, text);
    }
    return key;
  };
  const chunkKeys = corpus.chunks.map((c) => want('passage', passageText(c)));
  // Written questions are embedded as queries: they are compared with queries.
  const questionKeys = corpus.chunks.map((c) => (c.questions ?? []).map((q) => want('query', q)));
  // splitUnits gives the units in corpus.unitsOf's order without tokenizing them (the extract
  // tokenizes a passage's units when it first quotes from it).
  const unitKeys = corpus.chunks.map((c) => splitUnits(c.text).map((u) => want('passage', u.text)));
  let computed = 0;
  for (const kind of ['query', 'passage'] as const) {
    const keys = [...missing[kind].keys()];
    const out = await embedder.embed(keys.map((k) => missing[kind].get(k)!), kind);
    keys.forEach((k, i) => vectors.set(k, out[i]!));
    computed += keys.length;
  }
  // Earlier vectors are kept too: a run with Velero's docs and one without share the file.
  if (cachePath && computed > 0) writeVectorCache(cachePath, embedder.id, new Map([...cached, ...vectors]));

  const chunkVecs = chunkKeys.map((k) => vectors.get(k)!);
  const questionVecs = questionKeys.map((ks) => ks.map((k) => vectors.get(k)!));
  const unitVecs = new Map(corpus.chunks.map((c, i) => [c.id, unitKeys[i]!.map((k) => vectors.get(k)!)]));
  return {
    modelId: embedder.id,
    ...(embedder.calibration ? { calibration: embedder.calibration } : {}),
    computed,
    rank(query) {
      const hits: DenseHit[] = corpus.chunks.map((chunk, i) => {
        let sim = dot(query, chunkVecs[i]!);
        for (const v of questionVecs[i]!) sim = Math.max(sim, dot(query, v));
        return { chunk, sim };
      });
      return hits.sort((a, b) => b.sim - a.sim);
    },
    unitSims(chunkId, query) {
      const vs = unitVecs.get(chunkId) ?? [];
      return Float32Array.from(vs, (v) => dot(query, v));
    },
  };
}
