// Builds a PullRequestDraft from what the user has: command-line values, a GitHub
// `pull_request` event payload, or a live PR fetched with Octokit. Bad input becomes one
// InputError line.

import type { GitHub } from '../upstream/github-client.js';
import { splitRepo } from '../upstream/github-client.js';
import type { PullRequestDraft } from './types.js';
import { InputError } from '../errors.js';

/** GitHub's own limit for a PR description. */
export const MAX_BODY_CHARS = 65_536;
const MAX_TITLE_CHARS = 1_000;

function checkText(what: string, text: string, max: number): void {
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text) || (text.match(/\uFFFD/g) ?? []).length > 3) {
    throw new InputError(`the ${what} is not readable text (binary data?)`);
  }
  if (text.length > max) throw new InputError(`the ${what} is too long (${text.length} characters; GitHub allows ${max})`);
}

export interface DraftFlags {
  title?: string;
  body?: string;
  files?: string;
  author?: string;
  number?: number;
  base?: string;
  labels?: string;
  commits?: unknown;
  draft?: boolean;
}

const list = (s?: string) =>
  s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean);

export function draftFromFlags(f: DraftFlags): PullRequestDraft {
  const title = (f.title ?? '').trim();
  if (!title) throw new InputError('the title is empty: pass --title "<what the change does>"');
  checkText('title', title, MAX_TITLE_CHARS);
  if (f.body !== undefined) checkText('description', f.body, MAX_BODY_CHARS);
  if (f.number !== undefined && (!Number.isInteger(f.number) || f.number < 1)) throw new InputError('--number must be a positive PR number');
  if (f.author !== undefined && !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(f.author)) throw new InputError('--author must be a GitHub login');
  return {
    title,
    body: f.body,
    number: f.number,
    author: f.author,
    base: f.base?.trim() || undefined,
    labels: list(f.labels),
    files: list(f.files)?.map((path) => ({ path, status: 'added' as const })),
    commits: f.commits === undefined ? undefined : commitsFrom(f.commits),
    draft: f.draft,
  };
}

/** GitHub's "list commits on a pull request" shape -> draft commits. */
export function commitsFrom(data: unknown): NonNullable<PullRequestDraft['commits']> {
  if (!Array.isArray(data)) throw new InputError('the commits file must hold a JSON array (GitHub\'s "list commits on a pull request" response)');
  return data.map((c, i) => {
    const message = (c as { commit?: { message?: unknown } })?.commit?.message;
    if (typeof message !== 'string') throw new InputError(`commit ${i + 1} in the commits file has no commit.message`);
    const commit = (c as { sha?: string; commit: { author?: { name?: string; email?: string } } });
    return { sha: String(commit.sha ?? `#${i + 1}`), message, authorName: commit.commit.author?.name, authorEmail: commit.commit.author?.email };
  });
}

/** A GitHub `pull_request` webhook/Actions event payload. */
export function draftFromEvent(payload: unknown, file: string): PullRequestDraft {
  const pr = (payload as { pull_request?: Record<string, unknown> })?.pull_request;
  if (!pr || typeof pr.title !== 'string' || typeof pr.number !== 'number') {
    throw new InputError(`${file} is not a GitHub pull_request event (no pull_request.title / pull_request.number)`);
  }
  const body = typeof pr.body === 'string' ? pr.body : '';
  checkText('description', body, MAX_BODY_CHARS);
  return {
    title: pr.title,
    body,
    number: pr.number,
    author: (pr.user as { login?: string } | undefined)?.login,
    base: (pr.base as { ref?: string } | undefined)?.ref,
    labels: Array.isArray(pr.labels) ? pr.labels.map((l: { name?: string }) => String(l?.name ?? '')).filter(Boolean) : [],
    draft: pr.draft === true,
  };
}

/** A live PR: details, changed files (with added files' text from the patch) and commits. */
export async function draftFromGitHub(gh: GitHub, repo: string, number: number): Promise<PullRequestDraft> {
  const where = { ...splitRepo(repo), pull_number: number };
  const { data: pr } = await gh.pulls.get(where);
  return {
    title: pr.title,
    body: pr.body ?? '',
    number: pr.number,
    author: pr.user?.login,
    base: pr.base.ref,
    labels: pr.labels.map((l) => l.name ?? '').filter(Boolean),
    draft: pr.draft === true,
    ...(await filesAndCommits(gh, repo, number)),
  };
}

/** A PR's changed files (added files' text from the patch) and commits, as the rules read them. */
export async function filesAndCommits(gh: GitHub, repo: string, number: number): Promise<Required<Pick<PullRequestDraft, 'files' | 'commits'>>> {
  const where = { ...splitRepo(repo), pull_number: number };
  const files = await gh.paginate(gh.pulls.listFiles, { ...where, per_page: 100 });
  const commits = await gh.paginate(gh.pulls.listCommits, { ...where, per_page: 100 });
  return {
    files: files.map((f) => ({
      path: f.filename,
      status: f.status === 'removed' ? 'removed' : f.status === 'added' ? 'added' : f.status === 'renamed' ? 'renamed' : 'modified',
      content: f.status === 'added' && f.patch !== undefined ? addedText(f.patch) : undefined,
    })),
    commits: commits.map((c) => ({ sha: c.sha, message: c.commit.message, authorName: c.commit.author?.name, authorEmail: c.commit.author?.email })),
  };
}

/** The `owner/name` of the repository an event came from, if it says. */
export function repoOfEvent(payload: unknown): string | undefined {
  const name = (payload as { repository?: { full_name?: unknown } })?.repository?.full_name;
  return typeof name === 'string' && /^[\w.-]+\/[\w.-]+$/.test(name) ? name : undefined;
}

/** The text of an added file from its unified-diff patch. */
function addedText(patch: string): string {
  return patch
    .split('\n')
    .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
    .map((l) => l.slice(1))
    .join('\n');
}
