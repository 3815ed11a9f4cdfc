// Labels no newcomer can take (knowledge/upstream/unfit-labels.json): issues carrying one are
// left out of suggestions and shown only as a marked fallback when nothing else matches.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IssueRecord } from './types.js';
import { KnowledgeError } from '../errors.js';

export const UNFIT_FILE = 'unfit-labels.json';

export interface UnfitLabel {
  /** The label as Velero spells it. */
  label: string;
  /** Every spelling that means it (matched without regard to case). */
  spellings: string[];
  /** Why a newcomer cannot take it, as the end of "not ready for a newcomer: ...". */
  why: string;
}

/** Used when no unfit-labels file exists (a knowledge directory from before the file). */
export const DEFAULT_UNFIT: UnfitLabel[] = [
  { label: 'Epic', spellings: ['Epic'], why: 'it tracks a large body of work across many pull requests, not one task' },
];

export function loadUnfitLabels(knowledgeDir: string): UnfitLabel[] {
  const path = join(knowledgeDir, 'upstream', UNFIT_FILE);
  if (!existsSync(path)) return DEFAULT_UNFIT;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { labels?: Array<Partial<UnfitLabel>> };
    if (!Array.isArray(data.labels)) throw new Error('no "labels" list');
    return data.labels.map((l, i) => {
      if (typeof l.label !== 'string' || !l.label.trim()) throw new Error(`entry ${i + 1} has no "label"`);
      const spellings = Array.isArray(l.spellings) ? l.spellings.filter((s): s is string => typeof s === 'string') : [];
      return { label: l.label, spellings: spellings.length ? spellings : [l.label], why: typeof l.why === 'string' ? l.why : 'maintainers have not made it ready for outside work' };
    });
  } catch (err) {
    throw new KnowledgeError(path, `unfit-labels file is not valid (${(err as Error).message})`);
  }
}

/** The unfit labels an issue carries (as the list names them), in the list's order. */
export function unfitLabelsOf(issue: Pick<IssueRecord, 'labels'>, unfit: UnfitLabel[]): UnfitLabel[] {
  const have = new Set(issue.labels.map((l) => l.trim().toLowerCase()));
  return unfit.filter((u) => u.spellings.some((s) => have.has(s.trim().toLowerCase())));
}
