// Attaches to each guide passage the questions it answers (knowledge/questions/<id>.yaml,
// keyed by the passage's anchor; "" is the section intro). A key that names no passage
// stops loading: after a heading is renamed, its questions would silently stop counting.

import { basename } from 'node:path';
import { parse } from 'yaml';
import { KnowledgeError } from '../errors.js';
import type { GuideFile } from './load-guide-files.js';
import type { Section } from './types.js';
import type { DocsQuestions } from './docs-questions.js';
import { DOCS_PREFIX } from './velero-docs.js';

export function attachQuestions(sections: Section[], files: GuideFile[]): void {
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const { file, source } of files) {
    const id = basename(file, '.yaml');
    const section = byId.get(id);
    if (!section) throw new KnowledgeError(file, `no guide section "${id}" for these questions`);
    const data = parseYamlMap(file, source, 'must map passage anchors to lists of questions');
    const chunks = new Map(section.chunks.map((c) => [c.anchor, c]));
    for (const [anchor, list] of Object.entries(data)) {
      const chunk = chunks.get(anchor);
      if (!chunk) throw new KnowledgeError(file, `"${anchor}" is not a heading anchor of ${id}`);
      chunk.questions = questionList(file, `"${anchor}"`, list);
    }
  }
}

/** knowledge/docs-questions.yaml: docs page → anchor → questions, keyed by passage id. */
export function parseDocsQuestions(file: string, source: string): DocsQuestions {
  const data = parseYamlMap(file, source, "must map docs pages to their passages' anchors");
  const out: DocsQuestions = {};
  for (const [page, anchors] of Object.entries(data)) {
    if (!isMap(anchors)) throw new KnowledgeError(file, `"${page}" must map anchors to lists of questions`);
    for (const [anchor, list] of Object.entries(anchors)) {
      const questions = questionList(file, `"${page}" › "${anchor}"`, list);
      if (questions.length) out[`${DOCS_PREFIX}${page}#${anchor}`] = questions;
    }
  }
  return out;
}

/** A YAML file whose top level must be a mapping (an empty file is an empty one). */
export function parseYamlMap(file: string, source: string, shape: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parse(source);
  } catch (err) {
    throw new KnowledgeError(file, `not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (data === null || data === undefined) return {};
  if (!isMap(data)) throw new KnowledgeError(file, shape);
  return data;
}

/** A list of questions, trimmed, blanks dropped; anything else names where it is wrong. */
export function questionList(file: string, where: string, list: unknown): string[] {
  if (!Array.isArray(list) || !list.every((q) => typeof q === 'string')) throw new KnowledgeError(file, `${where} must be a list of questions`);
  return list.map((q) => q.trim()).filter(Boolean);
}

export const isMap = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
