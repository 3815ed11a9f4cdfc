// The loaded knowledge: guide sections plus their search index, built once per process.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex, type Corpus } from '../retrieval/index.js';
import { loadGuide } from './load-guide.js';
import type { Section } from './types.js';

export interface KnowledgeBase {
  sections: Section[];
  corpus: Corpus;
  /** Commit the guide's facts were checked against (from the sections' front-matter). */
  upstreamCommit: string;
}

/** knowledge/ at the package root; the same relative path from src/ and from dist/. */
export const KNOWLEDGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'knowledge');

export function loadKnowledgeBase(dir = KNOWLEDGE_DIR): KnowledgeBase {
  const sections = loadGuide(join(dir, 'guide'));
  const chunks = sections.flatMap((s) => s.chunks);
  const upstreamCommit = sections.find((s) => s.upstreamCommit)?.upstreamCommit ?? 'main';
  return { sections, corpus: buildIndex(chunks), upstreamCommit };
}
