// Hand-built issues for the ranking tests: neutral and eligible unless a test says otherwise.

import type { IssueRecord } from '../../src/issues/types.js';

export const DAY = 86_400_000;
export const NOW = new Date('2026-03-01T12:00:00Z');
export const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY).toISOString();

/** No area keywords in its text, updated 10 days ago, no known comment count. */
export function issue(number: number, over: Partial<IssueRecord> = {}): IssueRecord {
  return {
    number,
    title: `Tidy the naming of helper ${number}`,
    url: `https://github.com/velero-io/velero/issues/${number}`,
    labels: ['Good first issue'],
    assignees: [],
    comments: null,
    createdAt: daysAgo(30),
    updatedAt: daysAgo(10),
    body: 'The helper name is confusing.',
    ...over,
  };
}
