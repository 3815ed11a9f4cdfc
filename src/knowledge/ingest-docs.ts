// `sync --docs`: Velero's docs pages at a revision of a clone, split at their headings
// (loaded without the Markdown parser by velero-docs.ts).

import matter from 'gray-matter';
import type { RepoReader } from '../upstream/snapshot-types.js';
import type { Chunk } from '../retrieval/types.js';
import { splitIntoChunks } from './load-guide.js';
import { createHugoSlugger } from './slug.js';
import { DOCS_PREFIX, DOCS_ROOT, DOCS_SITE, INSTRUCTIONS_PAGE, INSTRUCTIONS_PATH, type DocsCorpus } from './velero-docs.js';
import { DEFAULT_REPO } from '../config.js';

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
    // Hugo shortcodes ({{< ... >}}) and HTML comments are markup, not text.
    const body = withoutLinkReferences(inlineShortCode(withoutComments(parsed.content).replace(/\{\{[<%][^{}\n]*\}\}/g, '')));
    chunks.push(...splitIntoChunks(`${DOCS_PREFIX}${page}`, `Velero docs › ${title}`, `${DOCS_SITE}/${page}/`, body, createHugoSlugger()));
  }
  // The repository's own rules for changelogs and backports, which its docs do not state.
  const instructions = (await reader.readFile(INSTRUCTIONS_PATH))?.slice(0, MAX_PAGE_BYTES);
  if (instructions) {
    const url = `https://github.com/${DEFAULT_REPO}/blob/${head.sha}/${INSTRUCTIONS_PATH}`;
    chunks.push(...splitIntoChunks(`${DOCS_PREFIX}${INSTRUCTIONS_PAGE}`, "Velero's changelog and backport rules", url, withoutComments(instructions), createHugoSlugger()));
  }
  return { commit: head.sha, commitDate: head.date, chunks };
}


/** The text without `<!-- ... -->` comments (an unclosed one runs to the end). */
export function withoutComments(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', from)) {
    out += text.slice(from, open);
    const close = text.indexOf('-->', open + 4);
    if (close < 0) return out;
    from = close + 3;
  }
  return out + text.slice(from);
}

/**
 * A fenced block of one to three short lines ("run `velero uninstall`") becomes inline code,
 * so an answer can quote the command its sentence introduces; the extractive composer quotes
 * prose and leaves longer code to the linked page. A block introduced by a sentence ending
 * in a colon joins that sentence ("... by running: `velero version`"), which keeps the
 * command with its lead-in and a list item whole; any other stays a paragraph of its own at
 * the fence's indentation, inside its list item.
 */
export function inlineShortCode(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = lines[i]!.trim().match(/^(```|~~~)/);
    if (!fence) {
      out.push(lines[i]!);
      continue;
    }
    let end = i + 1;
    while (end < lines.length && !lines[end]!.trim().startsWith(fence[1]!)) end++;
    const body = lines.slice(i + 1, end).map((l) => l.trim()).filter(Boolean);
    if (end < lines.length && body.length >= 1 && body.length <= 3 && body.every((l) => l.length <= 200 && !l.includes('`'))) {
      const code = body.map((l) => `\`${l}\``).join(' ');
      let before = out.length - 1;
      while (before >= 0 && !out[before]!.trim()) before--;
      // A heading ending in a colon ("Some examples:") keeps its text: it names the anchor.
      if (before >= 0 && out[before]!.trimEnd().endsWith(':') && !/^ {0,3}#/.test(out[before]!)) {
        out.length = before + 1;
        out[before] = `${out[before]!.trimEnd()} ${code}`;
      } else {
        out.push('', `${lines[i]!.match(/^\s*/)![0]}${code}`, '');
      }
    } else {
      out.push(...lines.slice(i, Math.min(end + 1, lines.length)));
    }
    i = end;
  }
  return out.join('\n');
}

/**
 * Reference-style links read as their text: `[instructions here][0]` becomes "instructions
 * here" and the `[0]: url` definitions, which are addresses rather than prose, go.
 */
export function withoutLinkReferences(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !/^ {0,3}\[[^\]\n]{1,200}\]:[ \t]*\S/.test(line))
    .join('\n')
    .replace(/\[([^\]\n]{1,300})\]\[[^\]\n]{0,200}\]/g, '$1');
}
