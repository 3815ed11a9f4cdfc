import type { LabelerRules } from './labeler-rules.js';

/** Velero's repository metadata at one commit: what `onramp sync` writes to knowledge/upstream. */
export interface UpstreamSnapshot {
  repo: string;
  commit: string;
  commitDate: string;
  syncedAt: string;
  via: 'git' | 'api';
  labels: { area: string[]; kind: string[] };
  /** Label -> path globs that make the auto-labeler apply it. */
  labeler: Record<string, string[]>;
  /** The same file as actions/labeler evaluates it (older snapshots lack it). */
  labelerRules?: LabelerRules;
  maintainers: { active: string[]; emeritus: string[] };
  owners: { reviewers: string[]; approvers: string[] };
  reviewAssignment: { addAssignees: string; defaultReviewers: string[]; groups: Record<string, string[]>; numberOfReviewers?: number };
  makeTargets: Array<{ name: string; description: string }>;
  workflows: Array<{ file: string; name: string }>;
  prTemplate: { headings: string[]; checklist: string[] };
  issueTemplates: Array<{ file: string; name: string; about: string }>;
  /** Every file path at the commit. */
  files: string[];
  /** Metadata files that were not found (their fields are empty). */
  missing: string[];
}

/** What sync reads: a clone through git, or the GitHub API. */
export interface RepoReader {
  describe(): string;
  head(): Promise<{ sha: string; date: string }>;
  listFiles(): Promise<string[]>;
  /** File text, or undefined when the file does not exist. */
  readFile(path: string): Promise<string | undefined>;
}
