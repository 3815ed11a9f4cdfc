// Title rules. Each reads the one shared analysis (title-content.ts) and fires on its own
// kind, so a title draws one content finding, never two that overlap; every fix quotes the
// one suggested title (suggest.ts).

import { fixesLine, suggestTitle } from '../suggest.js';
import { analyzeTitle, type TitleKind } from '../title-content.js';
import type { Conventions, Finding, PullRequestDraft, Rule } from '../types.js';

const EXAMPLE = '"Check for nil when validating foo"';

/** A rule that fires on one kind of title: the message says what is wrong, the fix is the suggested title. */
function kindRule(
  id: string,
  kind: TitleKind,
  message: (title: string, pr: PullRequestDraft) => string,
  extra: (pr: PullRequestDraft, c: Conventions) => string = () => '',
  severity: Finding['severity'] = 'error',
): Rule {
  return {
    id,
    needs: [],
    check(pr, c) {
      if (analyzeTitle(pr.title, c.vocabulary).kind !== kind) return [];
      return [{ rule: id, severity, message: message(pr.title.trim(), pr), fix: `Retitle to "${suggestTitle(pr, c)}"${extra(pr, c)}, saying what the change does, e.g. ${EXAMPLE}.` }];
    },
  };
}

export const titleEmpty = kindRule('title-empty', 'empty', () => 'The PR has no title.');

export const titleMergeCommit = kindRule('title-merge-commit', 'merge-commit', () => 'The title is a merge-commit subject, not a summary of the change.');

export const titleTrailer = kindRule('title-trailer', 'trailer', () => 'The title is a commit trailer (such as Signed-off-by), not a summary of the change; the trailer belongs at the end of the commit message.');

export const titleGitHubDefault = kindRule(
  'title-github-default',
  'github-default',
  (t) => `"${t}" is the title GitHub fills in for a web edit or a branch name; it does not say what changed.`,
);

export const titleIssueOnly = kindRule(
  'title-issue-only',
  'issue-only',
  (t) => `"${t}" only references an issue; the title must say what the change does.`,
  (pr, c) => {
    const fixes = fixesLine(analyzeTitle(pr.title, c.vocabulary));
    return fixes ? ` and put "${fixes}" in the description` : '';
  },
);

export const titleGeneric = kindRule(
  'title-generic',
  'vague',
  (t) => `"${t}" does not say what changed: once markers, issue refs and words that fit any change (fix, update, bug, minor, ...) are set aside, fewer than two words are left.`,
);

// Warnings, not errors: maintainers do merge such titles now and then, and a reviewer may
// let one pass; the author still hears about it before review.
export const titleQuestion = kindRule(
  'title-question',
  'question',
  (t) => `"${t}" asks a question; a PR title says what the change does (ask in the description, or in #velero-dev).`,
  () => '',
  'warning',
);

export const titleShouting = kindRule('title-shouting', 'shouting', (t) => `"${t}" is all capitals; write it in sentence case.`, () => '', 'warning');

export const titleNoSubject = kindRule(
  'title-no-subject',
  'no-subject',
  (t) => `"${t}" names no part of Velero (no word its code uses, no identifier, flag, path or version): it reads as being about the process or says nothing specific.`,
  () => '',
  'warning',
);

export const titleWip: Rule = {
  id: 'title-wip',
  needs: [],
  check(pr, c) {
    if (!analyzeTitle(pr.title, c.vocabulary).parts.wip) return [];
    const cleaned = suggestTitle(pr, c);
    if (pr.draft) {
      return [{ rule: this.id, severity: 'info', message: 'WIP marker on a draft PR: fine for now.', fix: `Drop it when you mark the PR ready: "${cleaned}".` }];
    }
    return [
      {
        rule: this.id,
        severity: 'warning',
        message: 'The title carries a WIP/draft marker but the PR is marked ready for review.',
        fix: `Retitle to "${cleaned}", or convert the PR back to a draft.`,
      },
    ];
  },
};

export const titleLength: Rule = {
  id: 'title-length',
  needs: [],
  check(pr: PullRequestDraft, c: Conventions): Finding[] {
    const len = pr.title.trim().length;
    if (len <= c.titleMaxLength) return [];
    return [
      {
        rule: this.id,
        severity: 'warning',
        message: `The title is ${len} characters; Velero titles rarely pass ${c.titleMaxLength} (${c.titleMaxLengthWhy.split('.')[0]}).`,
        fix: `Retitle to "${suggestTitle(pr, c)}" (under ${c.titleMaxLength} characters) and move the detail into the description.`,
      },
    ];
  },
};

export const titleRules: Rule[] = [titleEmpty, titleIssueOnly, titleMergeCommit, titleTrailer, titleGitHubDefault, titleGeneric, titleQuestion, titleShouting, titleNoSubject, titleWip, titleLength];
