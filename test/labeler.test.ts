// Velero's auto-labeler predicted before CI: the rules synced from .github/labeler.yml,
// evaluated as actions/labeler v5 does, on real PR file lists, and the changelog rule
// agreeing with them.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR } from '../src/knowledge/knowledge-base.js';
import { loadConventions } from '../src/prlint/conventions.js';
import { predictLabels } from '../src/prlint/labeler.js';
import { lintPullRequest } from '../src/prlint/lint.js';
import { parseLabelerRules } from '../src/upstream/labeler-rules.js';

const c = loadConventions(KNOWLEDGE_DIR);
const rules = c.labelerRules!;
const labels = (...files: string[]) => predictLabels(rules, { files }).sort();

// 200 merged Velero PRs (the newest merges on main at the pinned commit) with their changed files.
const PRS = readFileSync('test/fixtures/velero-pr-files.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { number: number; files: string[] });

/**
 * What labeler.yml says, restated path by path with plain string tests (no glob library), as
 * the independent side of the agreement check.
 */
function expectedLabels(files: string[]): string[] {
  const some = (f: (p: string) => boolean) => files.some(f);
  const every = (f: (p: string) => boolean) => files.length > 0 && files.every(f);
  const topLevel = (p: string) => !p.includes('/');
  const out: string[] = [];
  if (some((p) => /^design\/[^/]+$/.test(p))) out.push('Area/Design');
  if (some((p) => /^pkg\/plugins\/.+/.test(p))) out.push('Area/Plugins');
  if (some((p) => p === 'go.mod')) out.push('Dependencies');
  if (some((p) => /^site\/content\/docs\/.+/.test(p))) out.push('Documentation');
  if (some((p) => /^site\/.+/.test(p)) && every((p) => !/^site\/content\/docs\/.+/.test(p))) out.push('Website');
  if (some((p) => p.startsWith('changelogs/'))) out.push('has-changelog');
  if (some((p) => /^test\/e2e\/.+/.test(p))) out.push('has-e2e-2tests');
  if (some((p) => /^pkg\/.*_test\.go$/.test(p))) out.push('has-unit-tests');
  const nonShipping = (p: string) => /^(\.github|docs)\/.+/.test(p) || /^site\/.+/.test(p) || (topLevel(p) && p.endsWith('.md'));
  const ships = (p: string) => /^(pkg|internal|cmd|vendor|hack|changelogs)\//.test(p) || ['Makefile', 'go.mod', 'go.sum'].includes(p) || p.endsWith('.go');
  if (some(nonShipping) && every((p) => !ships(p))) out.push('kind/changelog-not-required');
  return out.sort();
}

describe("Velero's labeler, predicted", () => {
  it('is read from the synced snapshot, not a hand copy', () => {
    expect(Object.keys(rules)).toEqual(expect.arrayContaining(['kind/changelog-not-required', 'Documentation', 'Website', 'has-changelog']));
    expect('autoLabels' in c).toBe(false);
  });

  it('labels the PR shapes the labeler was written for', () => {
    expect(labels('.github/workflows/e2e-test-kind.yaml')).toEqual(['kind/changelog-not-required']);
    expect(labels('README.md')).toEqual(['kind/changelog-not-required']);
    expect(labels('README.md', 'pkg/cmd/cli/backup/create.go')).toEqual([]);
    expect(labels('site/content/docs/main/restore-reference.md')).toEqual(['Documentation', 'kind/changelog-not-required']);
    expect(labels('site/layouts/index.html')).toEqual(['Website', 'kind/changelog-not-required']);
    expect(labels('design/volume-policies.md')).toEqual(['Area/Design']);
    expect(labels('design/nested/deeper.md')).toEqual([]); // design/* does not cross a slash
    expect(labels('changelogs/unreleased/9700-me', 'pkg/backup/backup_test.go', 'go.mod')).toEqual(['Dependencies', 'has-changelog', 'has-unit-tests']);
    expect(labels()).toEqual([]);
  });

  it(`agrees with labeler.yml on ${PRS.length} real Velero PRs`, () => {
    expect(PRS.length).toBe(200);
    const disagreements = PRS.filter((pr) => JSON.stringify(labels(...pr.files)) !== JSON.stringify(expectedLabels(pr.files))).map((pr) => pr.number);
    expect(disagreements).toEqual([]);
    // The set exercises the exemption both ways.
    expect(PRS.filter((pr) => labels(...pr.files).includes('kind/changelog-not-required')).length).toBeGreaterThan(10);
  });

  it('asks for a changelog exactly when no label the labeler adds exempts the PR', () => {
    for (const pr of PRS) {
      const files = pr.files.filter((f) => !f.startsWith('changelogs/')).map((path) => ({ path, status: 'modified' as const }));
      if (!files.length) continue;
      // Any label CI's changelog check skips on: kind/changelog-not-required, but also
      // Documentation (a code PR that touches the docs too) or Website.
      const exempt = labels(...files.map((f) => f.path)).some((l) => c.changelogExemptLabels.includes(l));
      const r = lintPullRequest({ title: 'Fix the restore of empty namespaces', number: pr.number, author: 'someone', files }, c);
      const error = r.findings.find((f) => f.rule === 'changelog' && f.severity === 'error');
      expect(error === undefined, `#${pr.number}`).toBe(exempt);
    }
  });

  it('tells a workflow-only PR that no changelog is needed, and why', () => {
    const r = lintPullRequest({ title: 'Bump the kind version in the e2e workflow', number: 10211, author: 'someone', files: [{ path: '.github/workflows/e2e-test-kind.yaml', status: 'modified' }] }, c);
    const f = r.findings.find((x) => x.rule === 'changelog')!;
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/labeler.*kind\/changelog-not-required/);
  });
});

describe('labeler.yml forms', () => {
  it('reads the v4 flat form and v5 any/all groups with branch conditions', () => {
    const v4 = parseLabelerRules('docs:\n  - docs/**\n  - "*.md"\nbackend:\n  - any: ["src/**", "!src/ui/**"]\n');
    expect(predictLabels(v4, { files: ['docs/a.md'] })).toEqual(['docs']);
    expect(predictLabels(v4, { files: ['src/a.go'] })).toEqual(['backend']);
    expect(predictLabels(v4, { files: ['src/ui/a.ts'] })).toEqual([]);
    const v5 = parseLabelerRules('release:\n  - base-branch: "^release-"\nfeature:\n  - head-branch: ["^feature"]\n  - changed-files:\n    - any-glob-to-any-file: "src/**"\n');
    expect(predictLabels(v5, { files: ['a.txt'], base: 'release-1.18' })).toEqual(['release']);
    expect(predictLabels(v5, { files: ['a.txt'], head: 'feature/x' })).toEqual(['feature']);
    expect(predictLabels(v5, { files: ['src/a'], head: 'fix/x' })).toEqual(['feature']);
  });

  it('gives no rules for broken YAML instead of throwing', () => {
    expect(parseLabelerRules(':\n  - [unclosed')).toEqual({});
    expect(parseLabelerRules('just a string')).toEqual({});
  });
});
