/** An open issue as the suggester sees it, from GitHub or from the snapshot. */
export interface IssueRecord {
  number: number;
  title: string;
  url: string;
  labels: string[];
  assignees: string[];
  /** Unknown (null) for snapshot entries seeded without it. */
  comments: number | null;
  createdAt: string | null;
  updatedAt: string | null;
  body: string;
}

export interface IssuesSnapshot {
  repo: string;
  fetchedAt: string;
  origin?: string;
  issues: IssueRecord[];
  /** Open PRs and the issues they reference (Fixes #N, Closes #N ...). */
  openPullRequests: Array<{ number: number; title: string; url: string; linkedIssues: number[] }>;
}

export interface Suggestion {
  number: number;
  title: string;
  url: string;
  labels: string[];
  area: string | null;
  score: number;
  reasons: string[];
  readFirst: string[];
  /** Whom to ask: the area's reviewers from the metadata snapshot (empty without one). */
  reviewers: string[];
  /** One line: how to claim it in Velero, the guide section to read, the make target to start with. */
  nextStep: string;
  /** Only in the marked fallback: the unfit labels it carries (knowledge/upstream/unfit-labels.json). */
  unfit?: string[];
}

export interface SuggestionResult {
  source: 'live' | 'snapshot';
  fetchedAt: string;
  suggestions: Suggestion[];
  /** Plain statement when no labelled good first issue matched and approachable ones are offered instead. */
  note?: string;
}
