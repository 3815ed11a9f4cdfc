// Velero's own documentation (site/content/docs/main of a clone), ingested by
// `onramp sync --from-git DIR --docs` into ONRAMP_DATA_DIR. The text is Velero's, so it is
// kept out of knowledge/ and never committed; answers cite velero.io and rank it after
// the guide, which was written and checked for contributors.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chunk } from '../retrieval/types.js';

export const DOCS_FILE = 'velero-docs.json';
export const DOCS_ROOT = 'site/content/docs/main/';
export const DOCS_SITE = 'https://velero.io/docs/main';
/** Chunks of a docs page are sections named `docs:<page>`. */
export const DOCS_PREFIX = 'docs:';
/** A docs passage's score next to a guide passage's: the guide answers first when both do. */
export const DOCS_WEIGHT = 0.8;

export interface DocsCorpus {
  commit: string;
  commitDate: string;
  chunks: Chunk[];
}

export const isDocsChunk = (c: Pick<Chunk, 'section'>) => c.section.startsWith(DOCS_PREFIX);

export function saveDocs(dataDir: string, docs: DocsCorpus): string {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DOCS_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(docs));
  renameSync(tmp, path);
  return path;
}

/** The ingested docs in `dataDir`, or undefined when there are none or the file is unreadable. */
export function loadDocs(dataDir: string | undefined, warn?: (m: string) => void): { docs: DocsCorpus; source: string } | undefined {
  if (!dataDir) return undefined;
  const path = join(dataDir, DOCS_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const source = readFileSync(path, 'utf8');
    const docs = JSON.parse(source) as DocsCorpus;
    if (typeof docs.commit !== 'string' || !Array.isArray(docs.chunks)) throw new Error('not a docs file');
    for (const c of docs.chunks) c.weight = DOCS_WEIGHT;
    return { docs, source };
  } catch (err) {
    warn?.(`ignoring ${path}: ${(err as Error).message} (run onramp sync --from-git DIR --docs again)`);
    return undefined;
  }
}
