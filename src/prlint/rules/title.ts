import { parseTitle } from '../title-parts.js';
import type { Finding, Rule } from '../types.js';

const EXAMPLE = '"Check for nil when validating foo" or "Issue #1234: Check for nil when validating foo"';

export const titleEmpty: Rule = {
  id: 'title-empty',
  needs: [],
  check(pr) {
    if (pr.title.trim()) return [];
    return [{ rule: this.id, severity: 'error', message: 'The PR has no title.', fix: `Write a one-line summary of the change, e.g. ${EXAMPLE}.` }];
  },
};

export const titleIssueOnly: Rule = {
  id: 'title-issue-only',
  needs: [],
  check(pr) {
    const { summary } = parseTitle(pr.title);
    if (!summary || !/^(?:(?:fix(?:es|ed)?|close[sd]?|resolve[sd]?|issue|refs?|for)\s*:?\s*)?(?:[\w.-]+\/[\w.-]+)?#?\d+\s*[.:]?$/i.test(summary)) return [];
    const n = summary.match(/\d+/)![0];
    return [
      {
        rule: this.id,
        severity: 'error',
        message: `"${pr.title.trim()}" only references an issue; the title must say what the change does.`,
        fix: `Issue #${n}: <what the change does>, e.g. "Issue #${n}: Check for nil when validating foo".`,
      },
    ];
  },
};

export const titleMergeCommit: Rule = {
  id: 'title-merge-commit',
  needs: [],
  check(pr) {
    if (!/^Merge (?:branch|pull request|remote-tracking branch|tag)\b/i.test(pr.title.trim())) return [];
    return [
      {
        rule: this.id,
        severity: 'error',
        message: 'The title is a merge-commit subject, not a summary of the change.',
        fix: `Retitle the PR with what it changes, e.g. ${EXAMPLE}.`,
      },
    ];
  },
};

export const titleGeneric: Rule = {
  id: 'title-generic',
  needs: [],
  check(pr, c) {
    const { summary } = parseTitle(pr.title);
    const words = summary.toLowerCase().replace(/[^a-z0-9\s]/g, ' ').trim().replace(/\s+/g, ' ');
    if (!words || !c.genericTitles.includes(words)) return [];
    return [
      {
        rule: this.id,
        severity: 'error',
        message: `"${summary}" does not say what changed.`,
        fix: `Name the change, e.g. ${EXAMPLE}.`,
      },
    ];
  },
};

export const titleWip: Rule = {
  id: 'title-wip',
  needs: [],
  check(pr) {
    const parts = parseTitle(pr.title);
    if (!parts.wip) return [];
    const cleaned = `${parts.cherryPick ? `${parts.cherryPick} ` : ''}${parts.summary}`;
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
  check(pr, c) {
    const len = pr.title.trim().length;
    if (len <= c.titleMaxLength) return [];
    return [
      {
        rule: this.id,
        severity: 'warning',
        message: `The title is ${len} characters; Velero titles rarely pass ${c.titleMaxLength} (${c.titleMaxLengthWhy.split('.')[0]}).`,
        fix: `Keep the title under ${c.titleMaxLength} characters and move the detail into the description.`,
      },
    ];
  },
};

export const titleRules: Rule[] = [titleEmpty, titleIssueOnly, titleMergeCommit, titleGeneric, titleWip, titleLength];

