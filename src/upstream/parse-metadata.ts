// Pure parsers for Velero's repository metadata files. Each takes the file's text and
// returns plain data; a malformed file yields empty data rather than an exception, and
// the snapshot records the file as missing.

import { parse as parseYaml } from 'yaml';

function yaml(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** .github/labels.yaml: `area:` and `kind:` lists (the values /area and /kind accept). */
export function parseLabels(text: string): { area: string[]; kind: string[] } {
  const data = yaml(text) as { area?: unknown; kind?: unknown } | undefined;
  return { area: strings(data?.area), kind: strings(data?.kind) };
}

/** .github/labeler.yml (actions/labeler v5 form, and the older flat form). */
export function parseLabeler(text: string): Record<string, string[]> {
  const data = yaml(text);
  const out: Record<string, string[]> = {};
  if (!data || typeof data !== 'object') return out;
  for (const [label, rules] of Object.entries(data as Record<string, unknown>)) {
    const globs: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') globs.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(rules);
    out[label] = globs;
  }
  return out;
}

/** MAINTAINERS.md: GitHub ids of the maintainer table and of the emeritus list. */
export function parseMaintainers(text: string): { active: string[]; emeritus: string[] } {
  const active: string[] = [];
  const emeritus: string[] = [];
  let part: 'none' | 'active' | 'emeritus' = 'none';
  for (const line of text.split('\n')) {
    const heading = line.match(/^#{1,6}\s+(.*)$/);
    if (heading) {
      const h = heading[1]!.toLowerCase();
      part = h.includes('emeritus') ? 'emeritus' : h.includes('maintainer') ? 'active' : 'none';
      continue;
    }
    if (part === 'none') continue;
    // `[login](https://github.com/login)`: link text equal to the profile name, which skips
    // affiliation links such as `[OpenShift](https://github.com/openshift)`.
    for (const m of line.matchAll(/\[([A-Za-z0-9-]+)\]\(https?:\/\/(?:www\.)?github\.com\/\1\/?\)/g)) {
      const list = part === 'active' ? active : emeritus;
      if (!list.includes(m[1]!)) list.push(m[1]!);
    }
  }
  return { active, emeritus };
}

/** OWNERS (Kubernetes OWNERS spec; Velero writes `- @login`). */
export function parseOwners(text: string): { reviewers: string[]; approvers: string[] } {
  const clean = (v: unknown) => strings(v).map((s) => s.replace(/^@/, ''));
  const fixed = text.replace(/^(\s*-\s*)@/gm, '$1');
  const data = yaml(fixed) as { reviewers?: unknown; approvers?: unknown } | undefined;
  return { reviewers: clean(data?.reviewers), approvers: clean(data?.approvers) };
}

/** .github/auto-assignees.yml (kentaro-m/auto-assign-action / necojackarc reviewers). */
export function parseReviewAssignment(text: string): {
  addAssignees: string;
  defaultReviewers: string[];
  groups: Record<string, string[]>;
  numberOfReviewers?: number;
} {
  const data = (yaml(text) ?? {}) as Record<string, unknown>;
  const reviewers = (data.reviewers ?? {}) as Record<string, unknown>;
  const groups: Record<string, string[]> = {};
  for (const [name, members] of Object.entries((reviewers.groups ?? {}) as Record<string, unknown>)) groups[name] = strings(members);
  const options = (data.options ?? {}) as Record<string, unknown>;
  const n = options.number_of_reviewers ?? reviewers.per_author ?? data.numberOfReviewers;
  return {
    addAssignees: typeof data.addAssignees === 'string' ? data.addAssignees : String(data.addAssignees ?? ''),
    defaultReviewers: strings(reviewers.defaults),
    groups,
    ...(typeof n === 'number' ? { numberOfReviewers: n } : {}),
  };
}

/**
 * Makefile targets a contributor runs, with a description taken from the comment lines
 * just above the target or, failing that, its first recipe line.
 */
export function parseMakeTargets(text: string): Array<{ name: string; description: string }> {
  const lines = text.split('\n');
  const out: Array<{ name: string; description: string }> = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const m = line.match(/^([a-zA-Z][\w.-]*)\s*:(?!=)/);
    // Skip variable assignments and prose such as "see: https://..." inside help text.
    if (!m || seen.has(m[1]!) || /^\s*[A-Z_]+\s*[:?+]?=/.test(line) || /^\w+:\s*\w+:\/\//.test(line)) return;
    const name = m[1]!;
    if (name.startsWith('.') || /:\s*\w+\s*[?:]?=/.test(line)) return;
    seen.add(name);
    const comments: string[] = [];
    for (let j = i - 1; j >= 0 && /^#/.test(lines[j]!); j--) comments.unshift(lines[j]!.replace(/^#+\s?/, '').trim());
    let recipe = '';
    for (let j = i + 1; j < lines.length && /^(\t|ifn?eq|endif|else)/.test(lines[j]!); j++) {
      const r = lines[j]!.trim().replace(/^[@-]+/, '');
      if (lines[j]!.startsWith('\t') && r && !r.startsWith('#')) {
        recipe = r;
        break;
      }
    }
    const description = comments.filter(Boolean).join(' ') || (recipe ? `runs: ${recipe}` : '');
    out.push({ name, description: description.slice(0, 200) });
  });
  return out;
}

/** A workflow file's `name:`. */
export function parseWorkflowName(text: string): string | undefined {
  const data = yaml(text) as { name?: unknown } | undefined;
  return typeof data?.name === 'string' ? data.name : undefined;
}

/** .github/pull_request_template.md: its headings and checklist items, links reduced to text. */
export function parsePrTemplate(text: string): { headings: string[]; checklist: string[] } {
  const plain = (s: string) => s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();
  const headings: string[] = [];
  const checklist: string[] = [];
  for (const line of text.split('\n')) {
    const h = line.match(/^#{1,6}\s+(.*)$/);
    if (h) headings.push(plain(h[1]!));
    const c = line.match(/^\s*[-*]\s+\[[ xX]\]\s+(.*)$/);
    if (c) checklist.push(plain(c[1]!));
  }
  return { headings, checklist };
}

/** An issue template's front-matter `name` and `about`. */
export function parseIssueTemplate(text: string): { name: string; about: string } | undefined {
  const m = text.match(/^---\s*\n([\s\S]*?)\n---/);
  const data = m ? (yaml(m[1]!) as { name?: unknown; about?: unknown } | undefined) : undefined;
  if (!data || typeof data.name !== 'string') return undefined;
  return { name: data.name, about: typeof data.about === 'string' ? data.about : '' };
}
