// Optional hybrid retrieval: chunk embeddings from an OpenAI-compatible /embeddings
// endpoint, cached in keyv by content hash (computed once per text and model), fused with
// the full-text ranking by reciprocal rank fusion. Off unless an embedding model is set.

import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import type OpenAI from 'openai';
import type { Chunk } from './types.js';
import { dot, normalise } from '../embeddings/types.js';
import type { ChunkHit, Corpus } from './index.js';

const BATCH = 64;
const RRF_K = 60;

export class EmbeddingIndex {
  private vectors = new Map<string, Float32Array>();

  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    private readonly cache: Keyv,
  ) {}

  private key(chunk: Chunk): string {
    return createHash('sha256').update(this.model).update('\0').update(chunk.headingPath.join(' / ')).update('\0').update(chunk.text).digest('hex').slice(0, 32);
  }

  /** Loads cached vectors and embeds the rest; returns how many were computed now. */
  async ensure(chunks: Chunk[]): Promise<number> {
    const missing: Chunk[] = [];
    for (const c of chunks) {
      if (this.vectors.has(c.id)) continue;
      const cached = (await this.cache.get(this.key(c))) as number[] | undefined;
      if (cached) this.vectors.set(c.id, Float32Array.from(cached));
      else missing.push(c);
    }
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      const vecs = await this.embed(batch.map((c) => `${c.headingPath.join(' / ')}\n${c.text}`));
      for (const [j, c] of batch.entries()) {
        this.vectors.set(c.id, vecs[j]!);
        await this.cache.set(this.key(c), Array.from(vecs[j]!));
      }
    }
    return missing.length;
  }

  private async embed(input: string[]): Promise<Float32Array[]> {
    // encoding_format 'float': the SDK's default base64 path decodes to [] on servers that send arrays.
    const res = await this.client.embeddings.create({ model: this.model, input, encoding_format: 'float' });
    if (!Array.isArray(res?.data) || res.data.length !== input.length) throw new Error('malformed embeddings response');
    return res.data
      .sort((a, b) => a.index - b.index)
      .map((d) => {
        if (!Array.isArray(d.embedding) || !d.embedding.length) throw new Error('malformed embedding');
        return normalise(Float32Array.from(d.embedding as number[]));
      });
  }

  async rank(query: string, limit = 20): Promise<Array<{ id: string; score: number }>> {
    const [q] = await this.embed([query]);
    const scored: Array<{ id: string; score: number }> = [];
    for (const [id, v] of this.vectors) scored.push({ id, score: dot(q!, v) });
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

/** Reciprocal rank fusion of the lexical hits and the vector ranking. */
export async function fuseWithEmbeddings(corpus: Corpus, index: EmbeddingIndex, query: string, lexical: ChunkHit[]): Promise<ChunkHit[]> {
  const vector = await index.rank(query);
  const scores = new Map<string, number>();
  lexical.forEach((h, i) => scores.set(h.chunk.id, (scores.get(h.chunk.id) ?? 0) + 1 / (RRF_K + i + 1)));
  vector.forEach((v, i) => scores.set(v.id, (scores.get(v.id) ?? 0) + 1 / (RRF_K + i + 1)));
  return [...scores]
    .map(([id, score]) => ({ chunk: corpus.byId.get(id)!, score }))
    .filter((h) => h.chunk)
    .sort((a, b) => b.score - a.score);
}
