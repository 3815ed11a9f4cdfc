// `sync --docs`: Velero's docs pages at a revision of a clone, split at their headings
// (loaded without the Markdown parser by velero-docs.ts).

import matter from 'gray-matter';
import type { RepoReader } from '../upstream/snapshot-types.js';
import type { Chunk } from '../retrieval/types.js';
import { splitIntoChunks } from './load-guide.js';
import { createHugoSlugger } from './slug.js';
import { DOCS_PREFIX, DOCS_ROOT, DOCS_SITE, DOCS_WEIGHT, type DocsCorpus } from './velero-docs.js';

/** Pages larger than this are cut (a docs page is a few tens of KB). */
const MAX_PAGE_BYTES = 512 * 1024;

/** Reads every Markdown page under the docs root at the reader's revision, split by heading. */
export async function ingestDocs(reader: RepoReader): Promise<DocsCorpus> {
  const head = await reader.head();
  const pages = (await reader.listFiles()).filter((p) => p.startsWith(DOCS_ROOT) && p.endsWith('.md') && !/(^|\/)(_index|README)\.md$/.test(p));
  const chunks: Chunk[] = [];
  for (const path of pages.sort()) {
    const source = (await reader.readFile(path))?.slice(0, MAX_PAGE_BYTES);
    if (!source) continue;
    const page = path.slice(DOCS_ROOT.length, -'.md'.length);
    let parsed: { data: Record<string, unknown>; content: string };
    try {
      parsed = matter(source);
    } catch {
      continue; // a page with broken front matter is skipped, not fatal
    }
    const title = typeof parsed.data.title === 'string' ? parsed.data.title : page;
    // Hugo shortcodes ({{< ... >}}) are markup, not text.
    const body = parsed.content.replace(/\{\{[<%][^{}\n]*\}\}/g, '');
    chunks.push(...splitIntoChunks(`${DOCS_PREFIX}${page}`, `Velero docs › ${title}`, `${DOCS_SITE}/${page}/`, body, createHugoSlugger()));
  }
  for (const c of chunks) c.weight = DOCS_WEIGHT;
  return { commit: head.sha, commitDate: head.date, chunks };
}

