// Loads knowledge/guide/*.md into sections and heading-level chunks. A bad file stops
// loading with a message naming it: a silently skipped section would make the bot answer
// "I don't know" with no hint why.

import { basename } from 'node:path';
import { readGuideFiles, type GuideFile } from './load-guide-files.js';
import matter from 'gray-matter';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { RootContent } from 'mdast';
import { createSlugger } from './slug.js';
import { sectionInfo } from './sections.js';
import { findUpstreamPaths } from './upstream-paths.js';
import type { Chunk } from '../retrieval/types.js';
import type { Section } from './types.js';
import { KnowledgeError } from '../errors.js';

export function loadGuide(dir: string): Section[] {
  return parseGuideFiles(readGuideFiles(dir));
}

export function parseGuideFiles(files: GuideFile[]): Section[] {
  const sections: Section[] = [];
  const byId = new Map<string, string>();
  for (const { file, source } of files) {
    const section = parseSection(file, source);
    const clash = byId.get(section.id);
    if (clash) throw new KnowledgeError(file, `duplicate section id "${section.id}" (also in ${basename(clash)})`);
    byId.set(section.id, file);
    sections.push(section);
  }
  return sections.sort((a, b) => a.order - b.order);
}

export function parseSection(file: string, source: string): Section {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(source);
  } catch (err) {
    throw new KnowledgeError(file, `front-matter is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  const fm = parsed.data as Record<string, unknown>;
  const id = typeof fm.id === 'string' ? fm.id.trim() : '';
  if (!id) throw new KnowledgeError(file, 'front-matter has no "id"');
  const info = sectionInfo(id);
  if (!info) throw new KnowledgeError(file, `unknown section id "${id}" (the ids are listed in src/knowledge/sections.ts)`);
  if (!parsed.content.trim()) throw new KnowledgeError(file, 'section has no text');

  const title = typeof fm.title === 'string' && fm.title.trim() ? fm.title.trim() : info.title;
  const guideUrl = typeof fm.guideUrl === 'string' && fm.guideUrl ? fm.guideUrl : info.guideUrl;
  const chunks = splitIntoChunks(id, title, guideUrl, parsed.content);
  if (chunks.length === 0) throw new KnowledgeError(file, 'section has no text');
  return {
    id,
    title,
    order: typeof fm.order === 'number' ? fm.order : 99,
    guideUrl,
    sources: Array.isArray(fm.sources) ? fm.sources.map(String) : [],
    upstreamCommit: typeof fm.upstreamCommit === 'string' ? fm.upstreamCommit : '',
    file,
    chunks,
  };
}

/** Splits the body at every h2/h3; text before the first heading is the intro chunk. */
export function splitIntoChunks(section: string, title: string, guideUrl: string, body: string, slug = createSlugger()): Chunk[] {
  const tree = fromMarkdown(body);
  const chunks: Chunk[] = [];
  let h2 = '';
  let current = { heading: '', path: [title], anchor: '', nodes: [] as RootContent[] };

  const flush = () => {
    const first = current.nodes[0];
    const last = current.nodes[current.nodes.length - 1];
    if (!first || !last) return;
    const text = body.slice(first.position!.start.offset, last.position!.end.offset).trim();
    if (!text) return;
    chunks.push({
      id: `${section}#${current.anchor}`,
      section,
      sectionTitle: title,
      headingPath: current.path,
      anchor: current.anchor,
      text,
      url: current.anchor ? `${guideUrl}#${current.anchor}` : guideUrl,
      sources: findUpstreamPaths(text),
    });
  };

  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 3) {
      flush();
      const heading = toString(node).trim();
      const anchor = slug(heading);
      if (node.depth <= 2) h2 = heading;
      const path = node.depth === 3 && h2 ? [title, h2, heading] : [title, heading];
      current = { heading, path, anchor, nodes: [] };
    } else {
      current.nodes.push(node);
    }
  }
  flush();
  return chunks;
}
