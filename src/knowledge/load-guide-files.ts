// Reads the guide's markdown files; kept apart from the parser so a cached start needs no
// markdown or YAML library.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeError } from '../errors.js';

export interface GuideFile {
  file: string;
  source: string;
}

/** knowledge/questions/<section-id>.yaml: the questions each passage answers, by anchor. */
export function readQuestionFiles(dir: string): GuideFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  } catch {
    return [];
  }
  return names.map((name) => ({ file: join(dir, name), source: readFileSync(join(dir, name), 'utf8') }));
}

/** The guide's markdown files, sorted by name. */
export function readGuideFiles(dir: string): GuideFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  } catch {
    throw new KnowledgeError(dir, 'guide folder not found');
  }
  return names.map((name) => ({ file: join(dir, name), source: readFileSync(join(dir, name), 'utf8') }));
}

