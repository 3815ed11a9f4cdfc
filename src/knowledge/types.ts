import type { Chunk } from '../retrieval/types.js';

export interface Section {
  id: string;
  title: string;
  order: number;
  guideUrl: string;
  sources: string[];
  upstreamCommit: string;
  file: string;
  chunks: Chunk[];
}
