// The loaded knowledge: guide sections plus their search index. Parsing markdown and
// tokenizing every chunk costs a few hundred milliseconds, so the result is cached on disk
// under a key of the guide's text and the code that indexes it; a one-shot `onramp ask`
// then starts from the cache.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex, loadIndex, serializeIndex, type Corpus, type SerializedIndex } from '../retrieval/index.js';
import { readGuideFiles } from './load-guide-files.js';
import type { Section } from './types.js';

export interface KnowledgeBase {
  sections: Section[];
  corpus: Corpus;
  /** Commit the guide's facts were checked against (from the sections' front-matter). */
  upstreamCommit: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
/** knowledge/ at the package root; the same relative path from src/ and from dist/. */
export const KNOWLEDGE_DIR = join(ROOT, 'knowledge');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'onramp');

interface CacheFile {
  sections: Section[];
  index: SerializedIndex;
}

export interface LoadOptions {
  /** Read and write the on-disk index cache (default true). */
  cache?: boolean;
}

export async function loadKnowledgeBase(dir = KNOWLEDGE_DIR, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const files = readGuideFiles(join(dir, 'guide'));
  const useCache = options.cache ?? true;
  const cachePath = join(CACHE_DIR, `index-${cacheKey(files)}.json`);

  if (useCache) {
    const cached = readCache(cachePath);
    if (cached) return assemble(cached.sections, loadIndex(cached.sections.flatMap((s) => s.chunks), cached.index));
  }
  // Markdown and YAML parsers load only when the cache misses.
  const { parseGuideFiles } = await import('./load-guide.js');
  const sections = parseGuideFiles(files);
  const corpus = buildIndex(sections.flatMap((s) => s.chunks));
  if (useCache) writeCache(cachePath, { sections, index: serializeIndex(corpus) });
  return assemble(sections, corpus);
}

function assemble(sections: Section[], corpus: Corpus): KnowledgeBase {
  const upstreamCommit = sections.find((s) => s.upstreamCommit)?.upstreamCommit ?? 'main';
  return { sections, corpus, upstreamCommit };
}

// The key covers the guide files and the modules whose output the cache holds, so editing
// either (the tokenizer, the aliases, the chunker) rebuilds it.
function cacheKey(files: Array<{ file: string; source: string }>): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.file).update('\0').update(f.source).update('\0');
  for (const dir of [join(HERE, '..', 'retrieval'), HERE]) {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.js') || name.endsWith('.ts')) hash.update(readFileSync(join(dir, name)));
    }
  }
  return hash.digest('hex').slice(0, 20);
}

function readCache(path: string): CacheFile | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
  } catch {
    return undefined;
  }
}

// A read-only install (a container running as a non-root user) simply goes without.
function writeCache(path: string, data: CacheFile): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, path);
  } catch {
    /* cache is an optimisation only */
  }
}
