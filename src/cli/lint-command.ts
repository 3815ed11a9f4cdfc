import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

import { loadConfig } from '../config.js';
import { KNOWLEDGE_DIR } from '../knowledge/paths.js';
import { loadConventions } from '../prlint/conventions.js';
import { formatLint } from '../prlint/format.js';
import { draftFromEvent, draftFromFlags, draftFromGitHub, filesAndCommits, repoOfEvent } from '../prlint/inputs.js';
import { CHECK_GROUPS, lintPullRequest, type CheckGroup } from '../prlint/lint.js';
import { annotations, escapeData, isClean, markdownReport } from '../prlint/report.js';
import type { LintResult, PullRequestDraft } from '../prlint/types.js';
import { InputError } from '../errors.js';
import { readCappedText, type CapName } from '../bounded-read.js';

export interface LintFlags {
  title?: string;
  body?: string;
  bodyFile?: string;
  files?: string;
  author?: string;
  number?: number;
  base?: string;
  labels?: string;
  commitsFile?: string;
  draft?: boolean;
  pr?: number;
  event?: string;
  /** GitHub Action mode: sticky PR comment, step summary, annotations. */
  comment?: boolean;
  /** Action mode: keep the sticky comment (default); false reports in the summary and annotations only. */
  postComment?: boolean;
  /** Comma list of the checks to run (title, cherry-pick, description, changelog, dco, docs); default all. */
  checks?: string;
  /** Report, never fail: exit 0 whatever the findings. */
  advisory?: boolean;
  json?: boolean;
}

/** The `checks` list, validated: unknown names are a clear one-line error. */
export function parseChecks(list: string | undefined): ReadonlySet<CheckGroup> | undefined {
  if (list === undefined || !list.trim()) return undefined;
  const names = list.split(/[\s,]+/).filter(Boolean).map((n) => n.toLowerCase());
  const unknown = names.filter((n) => !(CHECK_GROUPS as readonly string[]).includes(n));
  if (unknown.length) throw new InputError(`unknown check "${unknown[0]}" in checks (known: ${CHECK_GROUPS.join(', ')})`);
  return new Set(names as CheckGroup[]);
}

/** A file's text (`-`: stdin), read up to its cap; too large or unreadable is one InputError line. */
async function readText(file: string, what: string, cap: CapName): Promise<string> {
  return readCappedText(file, `${what} ${file === '-' ? '(stdin)' : file}`, cap);
}

async function readJson(file: string, what: string, cap: CapName): Promise<unknown> {
  const text = await readText(file, what, cap);
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${what} ${file} is not valid JSON`);
  }
}

export async function buildDraft(flags: LintFlags): Promise<PullRequestDraft> {
  const sources = [flags.pr !== undefined, flags.event !== undefined, flags.title !== undefined].filter(Boolean).length;
  if (sources === 0) throw new InputError('say what to check: --title T [--body ...], --pr N or --event FILE');
  if (sources > 1) throw new InputError('use only one of --title, --pr and --event');
  if (flags.body !== undefined && flags.bodyFile !== undefined) throw new InputError('use --body or --body-file, not both');

  if (flags.event !== undefined) return draftFromEvent(await readJson(flags.event, 'event file', 'event'), flags.event);
  if (flags.pr !== undefined) {
    if (!Number.isInteger(flags.pr) || flags.pr < 1) throw new InputError('--pr must be a positive PR number');
    const config = loadConfig();
    const { createGitHub } = await import('../upstream/github-client.js');
    try {
      return await draftFromGitHub(createGitHub(config, { retries: 1, timeoutMs: 8000 }), config.repo, flags.pr);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404) throw new InputError(`PR #${flags.pr} was not found in ${config.repo}`);
      throw new InputError(`could not fetch PR #${flags.pr} from GitHub (${status ? `HTTP ${status}` : (err as Error).message.split('\n')[0]}); paste --title/--body instead`);
    }
  }
  const body = flags.bodyFile !== undefined ? await readText(flags.bodyFile, 'body file', 'prBody') : flags.body;
  const commits = flags.commitsFile !== undefined ? await readJson(flags.commitsFile, 'commits file', 'commits') : undefined;
  return draftFromFlags({ ...flags, body, commits });
}

export async function runLint(flags: LintFlags): Promise<number> {
  if (flags.comment) return runAction(flags);
  const checks = parseChecks(flags.checks);
  const draft = await buildDraft(flags);
  const result = lintPullRequest(draft, loadConventions(KNOWLEDGE_DIR), { checks });
  process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatLint(result)}\n`);
  return result.ok || flags.advisory ? 0 : 1;
}

/** One line about a failed GitHub call: the status or the first line of the message (never headers, never the token). */
function whyFailed(err: unknown): string {
  const status = (err as { status?: number }).status;
  return status ? `HTTP ${status}` : ((err as Error).message ?? String(err)).split('\n')[0]!;
}

/**
 * `lint-pr --event FILE --comment`, as the GitHub Action runs it: lint the event's PR with
 * its files and commits, keep one sticky comment up to date, write the step summary, print
 * annotations. Exits by the findings only: a read-only token (fork PRs) costs one warning.
 */
export async function runAction(flags: LintFlags): Promise<number> {
  const checks = parseChecks(flags.checks);
  if (flags.event === undefined) throw new InputError('--comment is the GitHub Action mode: use it with --event "$GITHUB_EVENT_PATH"');
  if (flags.pr !== undefined || flags.title !== undefined) throw new InputError('--comment takes the PR from --event only; drop --pr / --title');
  const payload = await readJson(flags.event, 'event file', 'event');
  const eventDraft = draftFromEvent(payload, flags.event);
  const config = loadConfig();
  const repo = repoOfEvent(payload) ?? process.env.GITHUB_REPOSITORY ?? config.repo;
  const number = eventDraft.number!;
  const { createGitHub } = await import('../upstream/github-client.js');
  const gh = createGitHub(config, { retries: 1, timeoutMs: 8000 });
  const warnings: string[] = [];

  let draft = eventDraft;
  try {
    draft = { ...eventDraft, ...(await filesAndCommits(gh, repo, number)) };
  } catch (err) {
    warnings.push(`could not fetch the files and commits of PR #${number} (${whyFailed(err)}); the changelog, DCO and docs checks were skipped`);
  }
  const result = lintPullRequest(draft, loadConventions(KNOWLEDGE_DIR), { checks });
  const report = markdownReport(result, draft);

  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    try {
      appendFileSync(summary, report);
    } catch (err) {
      warnings.push(`could not write the step summary (${(err as NodeJS.ErrnoException).code ?? 'unwritable'})`);
    }
  }

  let comment = flags.postComment === false ? 'off (comment: false)' : 'not posted';
  if (flags.postComment !== false) {
    try {
      const { upsertStickyComment } = await import('../prlint/sticky-comment.js');
      // An all-clear is only worth saying where a report was posted before.
      comment = (await upsertStickyComment(gh, repo, number, report, { createIfMissing: !isClean(result) })).action;
    } catch (err) {
      const status = (err as { status?: number }).status;
      warnings.push(
        status === 403
          ? 'could not write the PR comment: the token is read-only here (HTTP 403, as on pull requests from forks); the report is in the job summary and the annotations below'
          : `could not write the PR comment (${whyFailed(err)}); the report is in the job summary and the annotations below`,
      );
    }
  }
  writeActionOutput(result, warnings, comment, flags.json === true);
  if (!result.ok && flags.advisory) process.stdout.write('onramp: advisory mode: the errors above do not fail the job\n');
  return result.ok || flags.advisory ? 0 : 1;
}

function writeActionOutput(result: LintResult, warnings: string[], comment: string, json: boolean): void {
  const out = [...warnings.map((w) => `::warning title=onramp::${escapeData(w)}`), ...annotations(result)];
  // The readable report quotes user text: stop-commands keeps any "::" in it from acting as a workflow command.
  const stop = randomUUID();
  out.push(`::stop-commands::${stop}`, json ? JSON.stringify(result) : formatLint(result), `::${stop}::`);
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  out.push(`onramp: ${errors} error(s), ${result.findings.filter((f) => f.severity === 'warning').length} warning(s); PR comment ${comment}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
