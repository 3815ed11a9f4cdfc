import type { LabelerRules } from '../upstream/labeler-rules.js';
/** Everything the linter knows about one pull request. Rules read it; nothing else. */
export interface PullRequestDraft {
  title: string;
  body?: string;
  number?: number;
  author?: string;
  /** Base branch (`main`, `release-1.18`). */
  base?: string;
  labels?: string[];
  /** Changed files; `content` when known (an added changelog file's text). */
  files?: Array<{ path: string; status?: 'added' | 'modified' | 'removed' | 'renamed'; content?: string }>;
  commits?: Array<{ sha: string; message: string; authorName?: string; authorEmail?: string }>;
  draft?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  fix: string | null;
}

export interface LintResult {
  ok: boolean;
  /** One title resolving every title and cherry-pick finding; null when there is none. */
  suggestedTitle: string | null;
  findings: Finding[];
  /** Rules not run for want of data, and why. */
  skipped: Array<{ rule: string; reason: string }>;
}

export type Needs = 'body' | 'base' | 'files' | 'number' | 'commits';

export interface Rule {
  id: string;
  /** What the rule needs from the draft; missing data skips the rule. */
  needs: Needs[];
  check(pr: PullRequestDraft, c: Conventions): Finding[];
}

export interface Conventions {
  titleMaxLength: number;
  titleMaxLengthWhy: string;
  genericTitles: string[];
  releaseBranchPattern: string;
  documentedCherryPickForm: string;
  defaultBranch: string;
  changelogDir: string;
  changelogExemptLabels: string[];
  changelogDocsLabel: string;
  /** Velero's .github/labeler.yml as actions/labeler evaluates it, from the snapshot. */
  labelerRules?: LabelerRules;
  /** Words of Velero's code (the synced file tree), for judging whether a title names a part of it. */
  vocabulary?: ReadonlySet<string>;
  docsPath: string;
  userFacingPaths: string[];
  prTemplate: {
    summaryHeading: string;
    issueHeading: string;
    issuePlaceholder: string;
    checklist: { dco: string; changelog: string; docs: string };
  };
  signOffTrailer: string;
}
