// The questions passages of Velero's docs answer, in our own words
// (knowledge/docs-questions.yaml: page → anchor → questions). The docs text is Velero's and
// stays out of the repository; the questions are ours, so they are committed and indexed as
// the passages' `questions` field, as the guide's are: a user who says "get rid of velero"
// finds the page that says "uninstall". Docs move independently of the guide, so a page or
// anchor the ingested docs no longer have is reported, not fatal. The YAML is parsed in
// passage-questions.ts, which loads only when the index cache misses.

import { readFileSync, statSync } from 'node:fs';
import { KnowledgeError } from '../errors.js';
import type { Chunk } from '../retrieval/types.js';

export const DOCS_QUESTIONS_FILE = 'docs-questions.yaml';

/** Our file is about 150 KB; past this it is not one we wrote. */
const MAX_BYTES = 8 * 1024 * 1024;

/** Passage id (`docs:<page>#<anchor>`) → its questions. */
export type DocsQuestions = Record<string, string[]>;

/** The file's text, or undefined when there is none. */
export function readDocsQuestionsSource(path: string): string | undefined {
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size === undefined) return undefined;
  if (size > MAX_BYTES) throw new KnowledgeError(path, `larger than ${MAX_BYTES / 1024 / 1024} MB`);
  return readFileSync(path, 'utf8');
}

/**
 * Gives each docs passage its questions; says how many passages got some, and which of the
 * file's passages the docs no longer have (headings renamed or removed upstream).
 */
export function attachDocsQuestions(chunks: Chunk[], questions: DocsQuestions): { attached: number; stale: string[] } {
  const found = new Set<string>();
  let attached = 0;
  for (const c of chunks) {
    const id = `${c.section}#${c.anchor}`;
    const list = Object.hasOwn(questions, id) ? questions[id] : undefined;
    if (!list) continue;
    c.questions = list;
    found.add(id);
    attached++;
  }
  return { attached, stale: Object.keys(questions).filter((id) => !found.has(id)) };
}
