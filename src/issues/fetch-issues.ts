// Open issues and open pull requests of the upstream repo, through the cached pager.

import type Keyv from 'keyv';
import type { IssueRecord, IssuesSnapshot } from './types.js';
import type { GitHub } from '../upstream/github-client.js';
import { splitRepo } from '../upstream/github-client.js';
import { getAllPages, type PageStats } from '../upstream/github-pages.js';

interface GhIssue {
  number: number;
  title: string;
  html_url: string;
  labels: Array<string | { name?: string }>;
  assignees?: Array<{ login: string }> | null;
  assignee?: { login: string } | null;
  comments: number;
  created_at: string;
  updated_at: string;
  body?: string | null;
  pull_request?: unknown;
}

interface GhPull {
  number: number;
  title: string;
  html_url: string;
  body?: string | null;
}

const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+(?:[\w.-]+\/[\w.-]+)?#(\d+)/gi;

/** Issue numbers a PR says it closes (or names in its title). */
export function linkedIssues(pr: { title: string; body?: string | null }): number[] {
  const found = new Set<number>();
  for (const m of (pr.body ?? '').matchAll(CLOSING)) found.add(Number(m[1]));
  for (const m of pr.title.matchAll(/#(\d+)/g)) found.add(Number(m[1]));
  return [...found];
}

export function toIssueRecord(i: GhIssue): IssueRecord {
  const assignees = i.assignees?.map((a) => a.login) ?? (i.assignee ? [i.assignee.login] : []);
  return {
    number: i.number,
    title: i.title,
    url: i.html_url,
    labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    assignees,
    comments: i.comments,
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    body: (i.body ?? '').slice(0, 600),
  };
}

export async function fetchOpenIssues(gh: GitHub, cache: Keyv, repo: string, stats?: PageStats): Promise<IssuesSnapshot> {
  const where = splitRepo(repo);
  const [issues, pulls] = await Promise.all([
    getAllPages<GhIssue>(gh, cache, 'GET /repos/{owner}/{repo}/issues', { ...where, state: 'open', per_page: 100 }, 10, stats),
    getAllPages<GhPull>(gh, cache, 'GET /repos/{owner}/{repo}/pulls', { ...where, state: 'open', per_page: 100 }, 5, stats),
  ]);
  return {
    repo,
    fetchedAt: new Date().toISOString(),
    // The issues list also returns pull requests; they are not issues to suggest.
    issues: issues.filter((i) => !i.pull_request).map(toIssueRecord),
    openPullRequests: pulls.map((p) => ({ number: p.number, title: p.title, url: p.html_url, linkedIssues: linkedIssues(p) })),
  };
}
