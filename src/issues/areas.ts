// Velero's high-value areas (knowledge/upstream/high-value-areas.json): which area an issue
// belongs to, how much work there is worth, and which guide sections to read first.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IssueRecord } from './types.js';
import { InputError, KnowledgeError } from '../errors.js';

export interface Area {
  name: string;
  aliases: string[];
  labels: string[];
  keywords: string[];
  weight: number;
  why: string;
  readFirst: string[];
}

export function loadAreas(knowledgeDir: string): Area[] {
  const path = join(knowledgeDir, 'upstream', 'high-value-areas.json');
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { areas?: Area[] };
    if (!Array.isArray(data.areas) || data.areas.length === 0) throw new Error('no "areas" list');
    return data.areas;
  } catch (err) {
    throw new KnowledgeError(path, `area file is not valid (${(err as Error).message})`);
  }
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_]+/g, ' ').trim();

/** The area a user named (name or alias, any case), or a clear error listing the known ones. */
export function resolveArea(areas: Area[], name: string): Area {
  const n = norm(name).replace(/^area\//, '');
  if (!n) throw new InputError(`the area is empty; known areas: ${areas.map((a) => a.name).join(', ')}`);
  const found = areas.find((a) => norm(a.name) === n || a.aliases.some((x) => norm(x) === n));
  if (!found) throw new InputError(`unknown area "${name.slice(0, 40)}"; known areas: ${areas.map((a) => a.name).join(', ')}`);
  return found;
}

/** An issue's area: by label first (maintainers set those), else by keywords in its text. */
export function classifyIssue(areas: Area[], issue: IssueRecord): { area: Area; by: 'label' | 'text' } | null {
  const labels = issue.labels.map((l) => l.toLowerCase());
  const byLabel = areas
    .filter((a) => a.labels.some((l) => labels.includes(l)))
    .sort((x, y) => y.weight - x.weight)[0];
  if (byLabel) return { area: byLabel, by: 'label' };
  const text = ` ${issue.title} ${issue.body} `.toLowerCase();
  let best: { area: Area; hits: number } | null = null;
  for (const a of areas) {
    const hits = a.keywords.filter((k) => new RegExp(`\\b${escape(k)}`, 'i').test(text)).length;
    if (hits && (!best || hits > best.hits || (hits === best.hits && a.weight > best.area.weight))) best = { area: a, hits };
  }
  return best ? { area: best.area, by: 'text' } : null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
