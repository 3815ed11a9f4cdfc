// Issue 19, unit by unit: reviewers from the metadata, the next step, age estimates, and the
// new ranking rules (unfit labels, silence, Restic-only, interests through area terms).

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { estimateOpened } from '../src/issues/age.js';
import { loadAreas, type Area } from '../src/issues/areas.js';
import { nextStepFor, startTarget } from '../src/issues/next-step.js';
import { rankSuggestions, RANKING, type RankOptions } from '../src/issues/rank.js';
import { globMatch, reviewersFor, type ReviewMeta } from '../src/issues/reviewers.js';
import type { IssueRecord } from '../src/issues/types.js';
import { DAY, NOW, daysAgo, issue } from './helpers/issue-fixtures.js';
import { loadUnfitLabels } from '../src/issues/unfit.js';
import { KNOWLEDGE_DIR } from '../src/knowledge/knowledge-base.js';
import { loadSnapshot } from '../src/upstream/snapshot-file.js';
import { cliEnv } from './helpers/cli-env.js';

const areas = loadAreas(KNOWLEDGE_DIR);
const area = (name: string): Area => areas.find((a) => a.name === name)!;
const meta = loadSnapshot(KNOWLEDGE_DIR)!;
const unfit = loadUnfitLabels(KNOWLEDGE_DIR);

const opts = (over: Partial<RankOptions> = {}): RankOptions => ({
  limit: 10, now: NOW, staleDays: 180, recentlySuggested: new Map(), linkedToOpenPr: new Set(), unfit, metadata: meta, ...over,
});
const numbers = (r: ReturnType<typeof rankSuggestions>) => r.suggestions.map((s) => s.number);

describe('unfit labels', () => {
  it('leaves out every unfit label, in any case and as kind/<value>, and counts them', () => {
    const issues = [
      issue(1),
      issue(2, { labels: ['Good first issue', 'needs INVESTIGATION'] }),
      issue(3, { labels: ['Help wanted', 'kind/voting'] }),
      issue(4, { labels: ['Good first issue', 'release-blocker'] }),
      issue(5, { labels: ['Good first issue', 'Waiting for info'] }),
    ];
    const r = rankSuggestions(areas, issues, opts());
    expect(numbers(r)).toEqual([1]);
    expect(r.excluded.unfit).toBe(4);
    expect(r.unfitFallback).toBe(false);
  });

  it('prefers an unlabelled fit issue to a labelled unfit one', () => {
    const r = rankSuggestions(areas, [issue(10, { labels: [] }), issue(11, { labels: ['Good first issue', 'backlog'] })], opts());
    expect(r.fallback).toBe(true);
    expect(r.unfitFallback).toBe(false);
    expect(numbers(r)).toEqual([10]);
  });

  it('offers unfit issues, marked, only when nothing else is left', () => {
    const r = rankSuggestions(areas, [issue(12, { labels: ['Epic'] }), issue(13, { labels: ['depends-upstream', 'kind/spike'] })], opts());
    expect(r.unfitFallback).toBe(true);
    expect(numbers(r)).toEqual([13, 12]);
    const s = r.suggestions[0]!;
    expect(s.unfit).toEqual(['depends-upstream', 'kind/spike']);
    expect(s.reasons[0]).toMatch(/^FALLBACK, not ready for a newcomer: labelled "depends-upstream" \(.*\) and "kind\/spike"/);
    expect(s.nextStep).toMatch(/^Ask on #13 whether it is ready/);
  });
});

describe('silence and Restic', () => {
  it('demotes by years since the last update, opening, or the number-estimated opening', () => {
    const r = rankSuggestions(
      areas,
      [
        issue(8000, { updatedAt: null, createdAt: null }), // 2024: under three years
        issue(500, { updatedAt: null, createdAt: null }), // 2018
        issue(20, { updatedAt: daysAgo(4 * 365 + 5) }),
        issue(21, { updatedAt: null, createdAt: daysAgo(3 * 365 + 5) }),
      ],
      opts({ staleDays: 10_000 }),
    );
    const by = (n: number) => r.suggestions.find((s) => s.number === n)!;
    expect(by(8000).reasons.some((x) => x.startsWith('Quiet for years'))).toBe(false);
    expect(by(500).reasons).toContain('Quiet for years: opened around 2018 (estimated from its number; the listing has no activity dates), so check on the issue that it still applies.');
    expect(by(20).reasons.join(' ')).toMatch(/no activity for 4 years \(last updated 2022-/);
    expect(by(21).reasons.join(' ')).toMatch(/open since 2023 with no recorded activity/);
    expect(by(8000).score - by(500).score).toBeCloseTo(-RANKING.silenceMax, 3);
    expect(numbers(r)[0]).toBe(8000);
  });

  it('demotes an issue that speaks of Restic and not Kopia', () => {
    const r = rankSuggestions(areas, [issue(30, { title: 'Restic prune is slow' }), issue(31, { title: 'Restic and Kopia prune are slow' })], opts());
    expect(numbers(r)).toEqual([31, 30]);
    expect(r.suggestions[1]!.reasons.join(' ')).toMatch(/Written for Restic/);
  });

  it('dates issue numbers from the merged-PR anchors', () => {
    expect(new Date(estimateOpened(605)).getUTCFullYear()).toBe(2018);
    expect(new Date(estimateOpened(7774)).getUTCFullYear()).toBe(2024);
    expect(new Date(estimateOpened(9900)).getUTCFullYear()).toBe(2026);
    expect(estimateOpened(1)).toBe(Date.parse('2017-08-03'));
  });
});

describe('interests', () => {
  it('match through the area vocabulary and the domain concepts', () => {
    const restic = issue(40, { title: 'Annotating pods for restic is cumbersome', labels: ['Good first issue', 'area/fs-backup'] });
    const csi = issue(41, { title: 'VolumeSnapshotClass lookup ignores the driver', labels: ['Good first issue'] });
    const kopia = rankSuggestions(areas, [restic, csi], opts({ interest: 'kopia' }));
    expect(kopia.suggestions.find((s) => s.number === 40)!.reasons).toContain('Matches your interest: kopia.');
    const fsb = rankSuggestions(areas, [restic, csi], opts({ interest: 'file system backup' }));
    expect(fsb.suggestions.find((s) => s.number === 40)!.reasons).toContain('Matches your interest: file system backup.');
    const snap = rankSuggestions(areas, [restic, csi], opts({ interest: 'csi' }));
    expect(numbers(snap)[0]).toBe(41);
    expect(numbers(kopia)[0]).toBe(40);
  });

  it('counts a title match more than a body-only match', () => {
    const r = rankSuggestions(areas, [issue(50, { title: 'Timezone of the helper' }), issue(51, { body: 'It ignores the timezone.' })], opts({ interest: 'timezone' }));
    expect(numbers(r)).toEqual([50, 51]);
    expect(r.suggestions[0]!.score - r.suggestions[1]!.score).toBeCloseTo(RANKING.interest - RANKING.interestInBody, 3);
  });

  it('ignores "go" in "go tests": all of Velero is Go', () => {
    const r = rankSuggestions(areas, [issue(52, { title: 'Go modules are out of date' }), issue(53, { title: 'Add unit tests for the helper' })], opts({ interest: 'go tests' }));
    expect(r.suggestions.find((s) => s.number === 52)!.reasons.some((x) => x.startsWith('Matches'))).toBe(false);
    expect(r.suggestions.find((s) => s.number === 53)!.reasons).toContain('Matches your interest: go tests.');
  });
});

describe('reviewers', () => {
  const docs = issue(60, { labels: ['Good first issue', 'Documentation'] });

  it('come from the default review group of the snapshot, without emeritus maintainers', () => {
    const r = reviewersFor(meta, area('CSI'), issue(61));
    expect(r.logins).toEqual(meta.reviewAssignment.groups.maintainers);
    expect(r.logins).not.toContain('qiuming-best'); // in OWNERS, but emeritus
    expect(r.from).toMatch(/maintainers review group/);
  });

  it('follow the labeler globs to the auto-assignees file rules when a snapshot records them', () => {
    const withRules: ReviewMeta = { ...meta, reviewAssignment: { ...meta.reviewAssignment, files: { 'site/**': ['tech-writer'], '**/*.md': ['tech-writer'], '/design/**': ['maintainers'] } } };
    expect(reviewersFor(withRules, area('Documentation'), docs).logins).toEqual(meta.reviewAssignment.groups['tech-writer']);
    expect(reviewersFor(withRules, area('Plugins'), issue(62)).logins).toEqual(meta.reviewAssignment.groups.maintainers);
  });

  it('use CODEOWNERS logins when a snapshot has them, never team handles', () => {
    const withOwners: ReviewMeta = { ...meta, codeowners: [{ pattern: '*', owners: ['@velero-io/Maintainer'] }, { pattern: 'site/', owners: ['@sseago', '@velero-io/docs'] }] };
    expect(reviewersFor(withOwners, area('Documentation'), docs).logins).toEqual(['sseago']);
    // Only a team: fall through to the review groups.
    expect(reviewersFor({ ...meta, codeowners: [{ pattern: '*', owners: ['@velero-io/Maintainer'] }] }, area('Documentation'), docs).logins.length).toBeGreaterThan(0);
  });

  it('fall back to OWNERS, then MAINTAINERS, and are empty without a snapshot', () => {
    const bare = { ...meta, reviewAssignment: { addAssignees: '', defaultReviewers: [], groups: {} } };
    expect(reviewersFor(bare, null, issue(63)).logins).toEqual(meta.owners.reviewers.filter((l) => l !== 'qiuming-best'));
    expect(reviewersFor({ ...bare, owners: { reviewers: [], approvers: [] } }, null, issue(63)).logins).toEqual(meta.maintainers.active);
    expect(reviewersFor(undefined, null, issue(63)).logins).toEqual([]);
  });

  it('match globs as gitignore does', () => {
    expect(globMatch('site/**', 'site/content/docs/main/a.md')).toBe(true);
    expect(globMatch('**/*.md', 'README.md')).toBe(true);
    expect(globMatch('**/*.md', 'pkg/a.go')).toBe(false);
    expect(globMatch('/design/**', 'design/x/y.md')).toBe(true);
    expect(globMatch('pkg/**/*_test.go', 'pkg/backup/backup_test.go')).toBe(true);
    expect(globMatch('design/*', 'design/a/b.md')).toBe(false);
    expect(globMatch('*', 'any/where.go')).toBe(true);
  });
});

describe('next step', () => {
  it('says how to claim it, which section to read and which make target to run', () => {
    expect(nextStepFor(7774, 'labelled', ['backup-mechanics', 'contributing-upstream'], 'test')).toBe(
      'Comment on #7774 asking to be assigned, saying you are working on it; read the guide\'s "Backup Mechanics" section (backup-mechanics); start with `make test`.',
    );
    expect(nextStepFor(1, 'unlabelled', [], undefined)).toBe('Comment on #1 asking whether it suits a newcomer and to be assigned, saying you would work on it.');
  });

  it('picks a make target the snapshot has, per area', () => {
    expect(startTarget(meta, area('Documentation'))).toBe('serve-docs');
    expect(startTarget(meta, area('CLI'))).toBe('local');
    expect(startTarget(meta, area('CSI'))).toBe('test');
    expect(startTarget(meta, null)).toBe('test');
    expect(startTarget({ makeTargets: [{ name: 'local', description: '' }] }, area('Documentation'))).toBe('local');
    expect(startTarget(undefined, null)).toBeUndefined();
  });
});

describe('onramp issues --offline --json (CLI)', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', 'issues', '--offline', '--json', ...args], { encoding: 'utf8', env: cliEnv() });

  it('leaves out unfit issues, gives reviewers and a next step, and ranks by interest', () => {
    const tops = new Set<string>();
    for (const interest of ['csi, volume snapshots', 'kopia, fs backup', 'go tests']) {
      const r = run('--interest', interest);
      expect(r.status, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      tops.add(j.suggestions.map((s: { number: number }) => s.number).join(','));
      for (const s of j.suggestions) {
        expect([2419, 6020, 7582, 9314, 9866]).not.toContain(s.number);
        expect(s.reviewers.length).toBeGreaterThan(0);
        expect(s.nextStep).toMatch(/^Comment on #\d+ .*; read the guide's ".+" section \([a-z-]+\); start with `make [\w-]+`\.$/);
      }
    }
    expect(tops.size).toBe(3);
  });
});
