// The rule table and the runner: every rule is a small pure function over one
// PullRequestDraft; rules whose data is missing are skipped and reported as such.

import { changelogFile } from './rules/changelog.js';
import { cherryPickTitle } from './rules/cherry-pick.js';
import { dcoSignOff } from './rules/dco.js';
import { descriptionRules } from './rules/description.js';
import { docsHint } from './rules/docs.js';
import { titleRules } from './rules/title.js';
import { isTitleFinding, suggestTitle } from './suggest.js';
import type { Conventions, Finding, LintResult, Needs, PullRequestDraft, Rule } from './types.js';

export const RULES: Rule[] = [...titleRules, cherryPickTitle, ...descriptionRules, changelogFile, dcoSignOff, docsHint];

const MISSING: Record<Needs, (pr: PullRequestDraft) => boolean> = {
  body: (pr) => pr.body === undefined,
  base: (pr) => !pr.base,
  files: (pr) => !pr.files,
  number: (pr) => pr.number === undefined,
  commits: (pr) => !pr.commits,
};
const HOW: Record<Needs, string> = {
  body: 'no description (--body or --body-file)',
  base: 'no base branch (--base)',
  files: 'no changed files (--files)',
  number: 'no PR number (--number)',
  commits: 'no commits (--commits-file)',
};

/** The checks a maintainer can turn on or off (the Action's `checks` input, `--checks`). */
export const CHECK_GROUPS = ['title', 'cherry-pick', 'description', 'changelog', 'dco', 'docs'] as const;
export type CheckGroup = (typeof CHECK_GROUPS)[number];

export function groupOf(ruleId: string): CheckGroup {
  if (ruleId === 'cherry-pick-title') return 'cherry-pick';
  const head = ruleId.split('-')[0]!;
  return (CHECK_GROUPS as readonly string[]).includes(head) ? (head as CheckGroup) : 'title';
}

export interface LintOptions {
  /** Only these checks run (default: all); the rest are listed as not selected. */
  checks?: ReadonlySet<CheckGroup>;
}

export function lintPullRequest(pr: PullRequestDraft, c: Conventions, options: LintOptions = {}): LintResult {
  const findings: Finding[] = [];
  const skipped: LintResult['skipped'] = [];
  for (const rule of RULES) {
    if (options.checks && !options.checks.has(groupOf(rule.id))) {
      skipped.push({ rule: rule.id, reason: 'not selected (checks)' });
      continue;
    }
    const lacking = rule.needs.filter((n) => MISSING[n](pr));
    if (lacking.length) {
      skipped.push({ rule: rule.id, reason: lacking.map((n) => HOW[n]).join('; ') });
      continue;
    }
    findings.push(...rule.check(pr, c));
  }
  const order = { error: 0, warning: 1, info: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  const suggestedTitle = findings.some(isTitleFinding) ? suggestTitle(pr, c) : null;
  return { ok: !findings.some((f) => f.severity === 'error'), suggestedTitle, findings, skipped: dedupe(skipped) };
}

function dedupe<T extends { rule: string }>(xs: T[]): T[] {
  return xs.filter((x, i) => xs.findIndex((y) => y.rule === x.rule) === i);
}
