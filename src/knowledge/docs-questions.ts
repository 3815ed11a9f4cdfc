// The questions passages of Velero's docs answer, in our own words
// (knowledge/docs-questions.yaml: page → anchor → questions). The docs text is Velero's and
// stays out of the repository; the questions are ours, so they are committed and indexed as
// the passages' `questions` field, as the guide's are: a user who says "get rid of velero"
// finds the page that says "uninstall". Docs move independently of the guide, so a page or
// anchor the ingested docs no longer have is reported, not fatal.

import { readFileSync } from 'node:fs';
import { KnowledgeError } from '../errors.js';
import type { Chunk } from '../retrieval/types.js';
import { DOCS_PREFIX } from './velero-docs.js';

export const DOCS_QUESTIONS_FILE = 'docs-questions.yaml';

/** Passage id (`docs:<page>#<anchor>`) → its questions. */
export type DocsQuestions = Record<string, string[]>;

export function readDocsQuestionsSource(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export async function parseDocsQuestions(file: string, source: string): Promise<DocsQuestions> {
  const { parse } = await import('yaml');
  let data: unknown;
  try {
    data = parse(source);
  } catch (err) {
    throw new KnowledgeError(file, `not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (!isMap(data)) throw new KnowledgeError(file, 'must map docs pages to their passages\' anchors');
  const out: DocsQuestions = {};
  for (const [page, anchors] of Object.entries(data)) {
    if (!isMap(anchors)) throw new KnowledgeError(file, `"${page}" must map anchors to lists of questions`);
    for (const [anchor, list] of Object.entries(anchors)) {
      if (!Array.isArray(list) || !list.every((q) => typeof q === 'string')) throw new KnowledgeError(file, `"${page}" › "${anchor}" must be a list of questions`);
      const questions = list.map((q) => q.trim()).filter(Boolean);
      if (questions.length) out[`${DOCS_PREFIX}${page}#${anchor}`] = questions;
    }
  }
  return out;
}

/** Gives each docs passage its questions; returns the ids that match no passage (stale after a docs change). */
export function attachDocsQuestions(chunks: Chunk[], questions: DocsQuestions): string[] {
  const ids = new Set<string>();
  for (const c of chunks) {
    const id = `${c.section}#${c.anchor}`;
    const list = questions[id];
    if (list) {
      c.questions = list;
      ids.add(id);
    }
  }
  return Object.keys(questions).filter((id) => !ids.has(id));
}

const isMap = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
