// Issue 15, bounded cost: adversarial descriptions, commit messages and titles lint in well
// under a second (they took 35 s and 10 s before: regexes that rescanned the text).

import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR } from '../src/knowledge/knowledge-base.js';
import { loadConventions } from '../src/prlint/conventions.js';
import { lintPullRequest } from '../src/prlint/lint.js';
import { markdownReport } from '../src/prlint/report.js';
import type { PullRequestDraft } from '../src/prlint/types.js';

const c = loadConventions(KNOWLEDGE_DIR);
const KB = 1024;
const full = (over: Partial<PullRequestDraft>): PullRequestDraft => ({
  title: 'Check for nil when validating foo',
  number: 5,
  author: 'me',
  base: 'release-1.18',
  body: 'Summary.',
  files: [{ path: 'changelogs/unreleased/5-me', status: 'added', content: 'Check for nil\n' }],
  commits: [{ sha: 'a1', message: 'Fix\n\nSigned-off-by: Me <me@example.com>', authorEmail: 'me@example.com' }],
  ...over,
});
const commit = (message: string) => ({ commits: [{ sha: 'a1', message, authorEmail: 'me@example.com' }] });

const cases: Array<[string, Partial<PullRequestDraft>]> = [
  ['256 KB description of blank lines', { body: '\n'.repeat(256 * KB) }],
  ['256 KB description of CRLF blank lines', { body: '\r\n'.repeat(128 * KB) }],
  ['256 KB description of spaces and tabs', { body: ' \t'.repeat(128 * KB) }],
  ['256 KB description of unclosed HTML comments', { body: '<!--'.repeat(64 * KB) }],
  ['256 KB description of checklist-like lines', { body: '- [ '.repeat(64 * KB) }],
  ['256 KB description of headings', { body: '# Please add a summary of your change\n'.repeat(7 * KB) }],
  ['256 KB description of issue-link prefixes', { body: 'github.com/a/'.repeat(20 * KB) }],
  ['100 KB commit message of <', commit('<'.repeat(100 * KB))],
  ['100 KB sign-off line of <', commit(`Signed-off-by: ${'<'.repeat(100 * KB)}`)],
  ['100 KB sign-off line of < and >', commit(`Signed-off-by: x ${'<>'.repeat(50 * KB)}`)],
  ['100 KB of sign-off lines', commit('Signed-off-by: a <\n'.repeat(5 * KB))],
  ['100 KB changelog file of blank lines', { files: [{ path: 'changelogs/unreleased/5-me', status: 'added', content: '\n'.repeat(100 * KB) }] }],
  ['long title of markers', { title: '[1.18]'.repeat(170) }],
  ['long title of spaces after a marker', { title: `cherry-pick${' '.repeat(1000)}x` }],
  ['long title of refs', { title: '#1'.repeat(500) }],
  ['long title of one word', { title: 'a'.repeat(1000) }],
  ['long title of owner/repo', { title: `${'a.'.repeat(500)}/` }],
  ['long title of punctuation', { title: `${'-'.repeat(999)}x` }],
];

describe('lint cost stays linear', () => {
  it.each(cases)('%s lints in well under a second', (_name, over) => {
    const pr = full(over);
    const t = performance.now();
    const r = lintPullRequest(pr, c);
    markdownReport(r, pr);
    const ms = performance.now() - t;
    expect(ms).toBeLessThan(1000);
  });
});
