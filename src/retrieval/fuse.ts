// Hybrid ranking: the BM25F ranking and the meaning ranking fused by their scores. Each
// side is scaled to 0..1 against its own best (meaning over a window below the best
// similarity, since cosine values sit in a narrow band), then mixed by weight. Score fusion
// rather than rank fusion keeps the gaps between passages, which the extract and the
// section ranking read.

import type { ChunkHit } from './index.js';
import type { DenseHit } from './semantic.js';
import type { Chunk } from './types.js';

export const FUSION = {
  /** Share of the fused score that comes from meaning. */
  denseWeight: 0.5,
  /**
   * ...when the question names an identifier the guide uses (`BackupStorageLocation`,
   * `velero.io/exclude-from-backup`): the exact name finds its passage better than meaning,
   * which also weighs how the question is phrased ("what does X describe?").
   */
  identifierDenseWeight: 0.25,
  /** Similarities this far below the best count from 1 down to 0. */
  window: 0.15,
  /** Passages taken from the meaning ranking. */
  denseLimit: 20,
  limit: 20,
} as const;

/** `simOf`: each passage's similarity, as `dense` gives it (built once per ask, shared with the lead choice). */
export function fuseRankings(lexical: ChunkHit[], dense: DenseHit[], simOf: ReadonlyMap<Chunk, number>, namesIdentifier = false): ChunkHit[] {
  const f = { ...FUSION, denseWeight: namesIdentifier ? FUSION.identifierDenseWeight : FUSION.denseWeight };
  const lexTop = lexical[0]?.score || 1;
  const simTop = dense[0]?.sim ?? 0;
  const denseScore = (chunk: Chunk) => Math.max(0, ((simOf.get(chunk) ?? 0) - (simTop - f.window)) / f.window) * (chunk.weight ?? 1);
  const scores = new Map<Chunk, number>();
  for (const h of lexical) scores.set(h.chunk, (1 - f.denseWeight) * (h.score / lexTop) + f.denseWeight * denseScore(h.chunk));
  for (const d of dense.slice(0, f.denseLimit)) {
    if (!scores.has(d.chunk)) scores.set(d.chunk, f.denseWeight * denseScore(d.chunk));
  }
  return [...scores]
    .filter(([, score]) => score > 0)
    .map(([chunk, score]) => ({ chunk, score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, f.limit);
}
