// Whom a newcomer asks about an issue: the people Velero's own review automation would pick
// for the area's paths, taken from the metadata snapshot (never an invented login).
//
// Paths: the labeler globs (.github/labeler.yml) of the labels the area and the issue carry.
// Owners of those paths, first that the snapshot has: CODEOWNERS entries, the file rules of
// .github/auto-assignees.yml (path -> review group), the default review groups, the OWNERS
// reviewers, the active maintainers. Emeritus maintainers are dropped.

import type { UpstreamSnapshot } from '../upstream/snapshot-types.js';
import type { Area } from './areas.js';
import type { IssueRecord } from './types.js';

/** The fields read here; `codeowners` and `reviewAssignment.files` only when a sync recorded them. */
export type ReviewMeta = Pick<UpstreamSnapshot, 'labeler' | 'maintainers' | 'owners' | 'files'> & {
  reviewAssignment?: UpstreamSnapshot['reviewAssignment'] & { files?: Record<string, string[]> };
  codeowners?: Array<{ pattern: string; owners: string[] }>;
};

export interface Reviewers {
  logins: string[];
  /** Where they came from, for the reason line. */
  from: string;
}

const lower = (s: string) => s.toLowerCase();

/** Labeler globs for the labels of `area` and `issue` (label names compared without case). */
export function areaPaths(meta: Pick<ReviewMeta, 'labeler'>, area: Area | null, issue: Pick<IssueRecord, 'labels'>): string[] {
  const names = new Set([...(area?.labels ?? []), ...issue.labels].map(lower));
  return Object.entries(meta.labeler ?? {})
    .filter(([label]) => names.has(lower(label)))
    .flatMap(([, globs]) => globs.filter((g) => !g.startsWith('!')));
}

export function reviewersFor(meta: ReviewMeta | undefined, area: Area | null, issue: Pick<IssueRecord, 'labels'>): Reviewers {
  if (!meta) return { logins: [], from: 'no metadata snapshot' };
  const emeritus = new Set((meta.maintainers?.emeritus ?? []).map(lower));
  const keep = (logins: string[]) => [...new Set(logins.map((l) => l.replace(/^@/, '')))].filter((l) => /^[\w-]+$/.test(l) && !emeritus.has(lower(l)));
  const globs = areaPaths(meta, area, issue);
  const files = globs.length ? (meta.files ?? []).filter((f) => globs.some((g) => globMatch(g, f))) : [];
  const groups = meta.reviewAssignment?.groups ?? {};
  const ofGroups = (names: string[]) => keep(names.flatMap((g) => groups[g] ?? []));

  if (files.length && meta.codeowners?.length) {
    // CODEOWNERS: the last matching pattern wins for each file; team handles (org/team) are not logins.
    const owners = files.flatMap((f) => [...meta.codeowners!].reverse().find((c) => globMatch(c.pattern, f))?.owners ?? []);
    const logins = keep(owners);
    if (logins.length) return { logins, from: 'CODEOWNERS for the area\'s paths' };
  }
  const rules = meta.reviewAssignment?.files;
  if (files.length && rules) {
    const hits = new Map<string, number>();
    for (const f of files) {
      for (const [glob, names] of Object.entries(rules)) if (globMatch(glob, f)) for (const g of names) hits.set(g, (hits.get(g) ?? 0) + 1);
    }
    const best = [...hits.entries()].sort((a, b) => b[1] - a[1])[0];
    const logins = best ? ofGroups([best[0]]) : [];
    if (logins.length) return { logins, from: `the ${best![0]} review group for the area's paths (.github/auto-assignees.yml)` };
  }
  const defaults = ofGroups(meta.reviewAssignment?.defaultReviewers ?? []);
  if (defaults.length) {
    const n = meta.reviewAssignment?.numberOfReviewers;
    return { logins: defaults, from: `the ${(meta.reviewAssignment?.defaultReviewers ?? []).join(', ')} review group (.github/auto-assignees.yml${n ? `, ${n} of them are requested on each pull request` : ''}); the snapshot names no per-area owners` };
  }
  const owners = keep(meta.owners?.reviewers ?? []);
  if (owners.length) return { logins: owners, from: 'OWNERS reviewers' };
  return { logins: keep(meta.maintainers?.active ?? []), from: 'MAINTAINERS.md' };
}

/** gitignore-style glob: `**` any depth, `*` within a segment, `?` one character; a leading `/` anchors. */
export function globMatch(glob: string, path: string): boolean {
  let g = glob.replace(/^\//, '');
  if (g.endsWith('/')) g += '**';
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without a slash matches at any depth (CODEOWNERS, gitignore).
  const anywhere = !glob.replace(/\/$/, '').includes('/');
  return new RegExp(`^${anywhere ? '(?:.*/)?' : ''}${re}$`).test(path);
}
