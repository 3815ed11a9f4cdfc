// Velero's own documentation (site/content/docs/main of a clone), ingested by
// `onramp sync --from-git DIR --docs` into ONRAMP_DATA_DIR. The text is Velero's, so it is
// kept out of knowledge/ and never committed; answers cite velero.io and rank it after
// the guide, which was written and checked for contributors.

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chunk } from '../retrieval/types.js';

export const DOCS_FILE = 'velero-docs.json';
export const DOCS_ROOT = 'site/content/docs/main/';
export const DOCS_SITE = 'https://velero.io/docs/main';
/** Chunks of a docs page are sections named `docs:<page>`. */
export const DOCS_PREFIX = 'docs:';
/**
 * A docs passage's score next to a guide passage's: the guide answers first when both do.
 * Docs passages also match on our questions (docs-questions.ts), which lifts their scores;
 * 0.6 keeps the guide's ranking of guide questions where it was without the docs.
 */
export const DOCS_WEIGHT = 0.6;
/**
 * Velero's written rules for changelogs and backports (`.github/copilot-instructions.md`),
 * ingested with the docs and cited on GitHub at the docs' commit.
 */
export const INSTRUCTIONS_PATH = '.github/copilot-instructions.md';
export const INSTRUCTIONS_PAGE = 'copilot-instructions';
const GITHUB_BLOB = 'https://github.com/';

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

/** A docs file past this is not one `sync --docs` wrote (Velero's docs are about 1 MB). */
const MAX_DOCS_BYTES = 64 * 1024 * 1024;

/**
 * The ingested docs in `dataDir`, or undefined when there are none or the file is
 * unreadable; passages of the wrong shape are left out, so a damaged file cannot break the
 * index that the guide shares.
 */
export function loadDocs(dataDir: string | undefined, warn?: (m: string) => void): { docs: DocsCorpus; source: string } | undefined {
  if (!dataDir) return undefined;
  const path = join(dataDir, DOCS_FILE);
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size === undefined) return undefined;
  try {
    if (size > MAX_DOCS_BYTES) throw new Error(`larger than ${MAX_DOCS_BYTES / 1024 / 1024} MB`);
    const source = readFileSync(path, 'utf8');
    const docs = JSON.parse(source) as DocsCorpus;
    if (!docs || typeof docs.commit !== 'string' || !Array.isArray(docs.chunks)) throw new Error('not a docs file');
    // Only the fields a passage has, whatever else the file holds.
    const chunks = docs.chunks.filter(isDocsPassage).map(({ id, section, sectionTitle, headingPath, anchor, text, url, sources }): Chunk => ({ id, section, sectionTitle, headingPath, anchor, text, url, sources, weight: DOCS_WEIGHT }));
    return { docs: { commit: docs.commit, commitDate: typeof docs.commitDate === 'string' ? docs.commitDate : '', chunks }, source };
  } catch (err) {
    warn?.(`ignoring ${path}: ${(err as Error).message} (run onramp sync --from-git DIR --docs again)`);
    return undefined;
  }
}

function isDocsPassage(c: unknown): c is Chunk {
  const x = c as Partial<Chunk> | null;
  return (
    !!x &&
    typeof x.id === 'string' &&
    typeof x.section === 'string' &&
    x.section.startsWith(DOCS_PREFIX) &&
    typeof x.sectionTitle === 'string' &&
    Array.isArray(x.headingPath) &&
    x.headingPath.every((h) => typeof h === 'string') &&
    typeof x.anchor === 'string' &&
    typeof x.text === 'string' &&
    typeof x.url === 'string' &&
    (x.url.startsWith(DOCS_SITE) || (x.url.startsWith(GITHUB_BLOB) && x.url.includes(`/${INSTRUCTIONS_PATH}`))) &&
    Array.isArray(x.sources) &&
    x.sources.every((p) => typeof p === 'string')
  );
}
