// Attaches to each guide passage the questions it answers (knowledge/questions/<id>.yaml,
// keyed by the passage's anchor; "" is the section intro). A key that names no passage
// stops loading: after a heading is renamed, its questions would silently stop counting.

import { basename } from 'node:path';
import { parse } from 'yaml';
import { KnowledgeError } from '../errors.js';
import type { GuideFile } from './load-guide-files.js';
import type { Section } from './types.js';

export function attachQuestions(sections: Section[], files: GuideFile[]): void {
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const { file, source } of files) {
    const id = basename(file, '.yaml');
    const section = byId.get(id);
    if (!section) throw new KnowledgeError(file, `no guide section "${id}" for these questions`);
    let data: unknown;
    try {
      data = parse(source);
    } catch (err) {
      throw new KnowledgeError(file, `not valid YAML (${(err as Error).message.split('\n')[0]})`);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new KnowledgeError(file, 'must map passage anchors to lists of questions');
    const chunks = new Map(section.chunks.map((c) => [c.anchor, c]));
    for (const [anchor, list] of Object.entries(data as Record<string, unknown>)) {
      const chunk = chunks.get(anchor);
      if (!chunk) throw new KnowledgeError(file, `"${anchor}" is not a heading anchor of ${id}`);
      if (!Array.isArray(list) || !list.every((q) => typeof q === 'string')) throw new KnowledgeError(file, `"${anchor}" must be a list of questions`);
      chunk.questions = list.map((q) => q.trim()).filter(Boolean);
    }
  }
}
