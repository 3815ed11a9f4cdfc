import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR } from '../src/knowledge/knowledge-base.js';
import { loadConventions } from '../src/prlint/conventions.js';
import { lintPullRequest } from '../src/prlint/lint.js';
import type { PullRequestDraft } from '../src/prlint/types.js';
import { startGitHubDouble, type GitHubDouble } from './helpers/github-double.js';
import { cliEnv } from './helpers/cli-env.js';

const c = loadConventions(KNOWLEDGE_DIR);
const lint = (pr: PullRequestDraft) => lintPullRequest(pr, c);
const rulesOf = (pr: PullRequestDraft, severity?: string) =>
  lint(pr).findings.filter((f) => !severity || f.severity === severity).map((f) => f.rule);

interface SamplePr {
  number: number;
  author: string | null;
  title: string;
  targetBranch: string;
  cherryPick: boolean;
  changelogFile: string | null;
  changelogMatches: boolean | null;
  headIsUpstreamOrg: boolean;
}
const sample: SamplePr[] = readFileSync('test/fixtures/velero-merged-prs.sample.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));

const TEMPLATE = (summary: string, issue = 'Fixes #(issue)', ticks = [' ', ' ', ' ']) => `Thank you for contributing to Velero!

# Please add a summary of your change

${summary}

# Does your change fix a particular issue?

${issue}

# Please indicate you've done the following:

- [${ticks[0]}] [Accepted the DCO](https://velero.io/docs/v1.5/code-standards/#dco-sign-off). Commits without the DCO will delay acceptance.
- [${ticks[1]}] [Created a changelog file (\`make new-changelog\`)](https://velero.io/docs/main/code-standards/#adding-a-changelog) or comment \`/kind changelog-not-required\` on this PR.
- [${ticks[2]}] Updated the corresponding documentation in \`site/content/docs/main\`.
`;

describe('titles of real merged Velero PRs', () => {
  it('gives an error to at most 3% of them (base main); false errors are measured in prlint-title.test.ts', () => {
    const withErrors = sample.filter((p) => lint({ title: p.title ?? '', base: 'main' }).findings.some((f) => f.severity === 'error'));
    expect(withErrors.length / sample.length).toBeLessThanOrEqual(0.03);
    // Most are bad by the issue's own list: empty, "Fix issue N", a Signed-off-by trailer.
    expect(withErrors.filter((p) => !p.title || /^(?:\[1\.12\] )?Fix issue \d+$|^Signed-off-by:/.test(p.title)).length).toBeGreaterThanOrEqual(withErrors.length - 3);
  });

  it('accepts the cherry-pick markers in use on their real release branches', () => {
    const cps = sample.filter((p) => p.targetBranch !== 'main' && p.cherryPick);
    expect(cps.length).toBeGreaterThan(10);
    // Markers only: "[1.12] Fix issue 6709" has a good marker and an issue-only title.
    for (const p of cps) expect(rulesOf({ title: p.title, base: p.targetBranch }, 'error').filter((r) => r === 'cherry-pick-title'), p.title).toEqual([]);
  });
});

describe('title rules', () => {
  const cases: Array<[string, PullRequestDraft, string | null]> = [
    ['empty title', { title: '  ' }, 'title-empty'],
    ['issue reference only', { title: 'Fixes #1234' }, 'title-issue-only'],
    ['bare issue number', { title: '#1234' }, 'title-issue-only'],
    ['issue + summary is fine', { title: 'Issue #1234: Check for nil when validating foo' }, null],
    ['merge commit', { title: "Merge branch 'main' into fix-nil" }, 'title-merge-commit'],
    ['merge pull request', { title: 'Merge pull request #77 from me/branch' }, 'title-merge-commit'],
    ['generic word', { title: 'Update' }, 'title-generic'],
    ['generic with marker', { title: '[WIP] fixes' }, 'title-generic'],
    ['a real summary', { title: 'Check for nil when validating foo' }, null],
  ];
  for (const [name, pr, rule] of cases) {
    it(`${rule ? 'flags' : 'accepts'}: ${name}`, () => {
      const errors = rulesOf(pr, 'error');
      if (rule) expect(errors).toContain(rule);
      else expect(errors).toEqual([]);
    });
  }

  it('lets a WIP marker pass on a draft and warns once the PR is ready', () => {
    expect(lint({ title: '[WIP] Check for nil', draft: true }).findings.find((f) => f.rule === 'title-wip')?.severity).toBe('info');
    const ready = lint({ title: '[WIP] Check for nil', draft: false }).findings.find((f) => f.rule === 'title-wip')!;
    expect(ready.severity).toBe('warning');
    expect(ready.fix).toContain('"Check for nil"');
  });

  it('warns on an over-long title and not on a long-but-normal one', () => {
    expect(rulesOf({ title: `Add ${'very '.repeat(25)}long title` }, 'warning')).toContain('title-length');
    expect(rulesOf({ title: 'x'.repeat(c.titleMaxLength) })).not.toContain('title-length');
  });
});

describe('cherry-pick titles', () => {
  const cases: Array<[string, string, string, 'error' | 'warning' | 'info' | null]> = [
    ['documented form', '[release-1.18 CP] Issue #1234: Check for nil', 'release-1.18', null],
    ['[1.18] form in use', '[1.18] Fix Repository Maintenance Job Configuration', 'release-1.18', 'info'],
    ['[cherry-pick] form in use', '[cherry-pick]fix buggy pager func', 'release-1.7', 'info'],
    ['release-X.Y: form in use', 'release-1.17: feat: Permit specifying annotations', 'release-1.17', 'info'],
    ['missing marker', 'Fix Schedule Backup Queue Accumulation', 'release-1.17', 'warning'],
    ['wrong version', '[1.17] Fix something', 'release-1.18', 'error'],
    ['marker on main', '[release-1.18 CP] Fix something', 'main', 'warning'],
    ['plain title on main', 'Fix something', 'main', null],
  ];
  for (const [name, title, base, severity] of cases) {
    it(`${name}: ${severity ?? 'no finding'}`, () => {
      const f = lint({ title, base }).findings.find((x) => x.rule === 'cherry-pick-title');
      expect(f?.severity ?? null).toBe(severity);
      if (severity === 'warning' && base !== 'main') expect(f!.fix).toMatch(/^"\[release-1\.17 CP\] /);
      if (severity === 'error') expect(f!.message).toMatch(/names 1\.17 but the PR targets release-1\.18/);
    });
  }

  it('is skipped, and says so, without a base branch', () => {
    expect(lint({ title: 'x y' }).skipped.map((s) => s.rule)).toContain('cherry-pick-title');
  });
});

describe('description rules', () => {
  it('flags an empty description and an empty template summary', () => {
    expect(rulesOf({ title: 'Fix a thing', body: '' }, 'error')).toContain('description-summary');
    expect(rulesOf({ title: 'Fix a thing', body: TEMPLATE('') }, 'error')).toContain('description-summary');
    expect(rulesOf({ title: 'Fix a thing', body: TEMPLATE('Check for nil before validating foo.') })).not.toContain('description-summary');
  });

  it('flags the untouched issue placeholder, and accepts a real link', () => {
    expect(rulesOf({ title: 'Fix', body: TEMPLATE('Summary here.') }, 'warning')).toContain('description-issue-link');
    expect(rulesOf({ title: 'Fix a thing', body: TEMPLATE('Summary here.', 'Fixes #1234') })).not.toContain('description-issue-link');
  });

  it('reports unticked checklist items unless handled elsewhere', () => {
    const unticked = lint({ title: 'Fix a thing', body: TEMPLATE('Summary.', 'Fixes #1') }).findings.filter((f) => f.rule === 'description-checklist');
    expect(unticked.map((f) => f.message)).toEqual([
      'The DCO item is not ticked.',
      'The changelog item is not ticked.',
      'The documentation item is not ticked.',
    ]);
    const ticked = lint({ title: 'Fix a thing', body: TEMPLATE('Summary.', 'Fixes #1', ['x', 'x', 'x']) });
    expect(ticked.findings.filter((f) => f.rule === 'description-checklist')).toEqual([]);
    const labelled = lint({ title: 'Fix a thing', body: TEMPLATE('Summary. No docs needed.', 'Fixes #1', ['x', ' ', ' ']), labels: ['kind/changelog-not-required'] });
    expect(labelled.findings.filter((f) => f.rule === 'description-checklist')).toEqual([]);
  });
});

describe('changelog rule on real PRs from the sample', () => {
  const matched = sample.filter((p) => p.changelogMatches && p.author && !p.changelogFile!.includes('\u200e'));
  const pr = (p: SamplePr, over: Partial<PullRequestDraft> = {}): PullRequestDraft => ({
    title: p.title,
    number: p.number,
    author: p.author!,
    files: [{ path: p.changelogFile!, status: 'added' }, { path: 'pkg/backup/backup.go', status: 'modified' }],
    ...over,
  });

  it('accepts the right file on every matching real PR', () => {
    expect(matched.length).toBeGreaterThan(20);
    for (const p of matched) expect(lint(pr(p)).findings.filter((f) => f.rule === 'changelog'), p.changelogFile!).toEqual([]);
  });

  it('flags a missing file with the exact name and make command', () => {
    const p = matched[0]!;
    const f = lint(pr(p, { files: [{ path: 'pkg/backup/backup.go' }] })).findings.find((x) => x.rule === 'changelog')!;
    expect(f.severity).toBe('error');
    expect(f.fix).toContain(`changelogs/unreleased/${p.number}-${p.author}`);
    expect(f.fix).toContain('make new-changelog CHANGELOG_BODY=');
  });

  it('errors on a wrong PR number (#1550 shipped 1522-coonsd)', () => {
    const real = sample.find((p) => p.number === 1550)!;
    const f = lint({ title: real.title, number: 1550, author: 'coonsd', files: [{ path: real.changelogFile!, status: 'added' }] }).findings.find((x) => x.rule === 'changelog')!;
    expect(f.severity).toBe('error');
    expect(f.fix).toBe('git mv changelogs/unreleased/1522-coonsd changelogs/unreleased/1550-coonsd');
  });

  it('warns on a wrong username (#4438 shipped 4438-mqiu, author qiuming-best)', () => {
    const f = lint({ title: 'x y', number: 4438, author: 'qiuming-best', files: [{ path: 'changelogs/unreleased/4438-mqiu', status: 'added' }] }).findings.find((x) => x.rule === 'changelog')!;
    expect(f.severity).toBe('warning');
  });

  it('errors on an invisible character in the name (#9532)', () => {
    const real = sample.find((p) => p.number === 9532)!;
    const f = lint({ title: real.title, number: 9532, author: 'Lyndon-Li', files: [{ path: real.changelogFile!, status: 'added' }] }).findings.find((x) => x.rule === 'changelog')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('U+200E');
  });

  it('skips the file for exempt labels and says which label CI reads', () => {
    const base = { title: 'x y', number: 5, author: 'me', files: [{ path: 'pkg/a.go' }] };
    for (const label of ['kind/changelog-not-required', 'Design', 'Website', 'Documentation']) {
      expect(rulesOf({ ...base, labels: [label] }, 'error')).not.toContain('changelog');
    }
    const docsForm = lint({ ...base, labels: ['changelog-not-required'] }).findings.filter((f) => f.rule === 'changelog');
    expect(docsForm.map((f) => f.severity)).toEqual(['error', 'warning']);
    expect(docsForm[1]!.message).toContain('kind/changelog-not-required');
  });

  it('knows docs-only and website-only PRs are exempt and design-only ones are not', () => {
    const base = { title: 'x y', number: 5, author: 'me' };
    expect(rulesOf({ ...base, files: [{ path: 'site/content/docs/main/faq.md' }] }, 'error')).not.toContain('changelog');
    expect(rulesOf({ ...base, files: [{ path: 'site/layouts/index.html' }] }, 'error')).not.toContain('changelog');
    const design = lint({ ...base, files: [{ path: 'design/new-thing.md' }] }).findings.find((f) => f.rule === 'changelog')!;
    expect(design.severity).toBe('error');
    expect(design.message).toContain('Area/Design');
  });

  it('checks the file text when known: one non-empty line', () => {
    const base = { title: 'x y', number: 5, author: 'me' };
    expect(rulesOf({ ...base, files: [{ path: 'changelogs/unreleased/5-me', status: 'added', content: '\n' }] }, 'error')).toContain('changelog');
    expect(rulesOf({ ...base, files: [{ path: 'changelogs/unreleased/5-me', status: 'added', content: 'a\nb\n' }] }, 'warning')).toContain('changelog');
    expect(rulesOf({ ...base, files: [{ path: 'changelogs/unreleased/5-me', status: 'added', content: 'Fix nil check\n' }] })).not.toContain('changelog');
  });
});

describe('DCO and docs rules', () => {
  const commit = (sha: string, message: string, authorEmail = 'me@example.com') => ({ sha, message, authorEmail });

  it('flags commits without Signed-off-by, with the rebase command', () => {
    const f = lint({
      title: 'x y',
      commits: [commit('aaaaaaa1', 'Fix\n\nSigned-off-by: Me <me@example.com>'), commit('bbbbbbb2', 'Oops')],
    }).findings.find((x) => x.rule === 'dco')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('bbbbbbb');
    expect(f.fix).toContain('git rebase --signoff HEAD~2');
  });

  it('passes signed commits and warns when the sign-off e-mail differs', () => {
    expect(rulesOf({ title: 'x y', commits: [commit('a', 'Fix\n\nSigned-off-by: Me <me@example.com>')] })).not.toContain('dco');
    expect(rulesOf({ title: 'x y', commits: [commit('a', 'Fix\n\nSigned-off-by: Me <other@example.com>')] }, 'warning')).toContain('dco');
  });

  it('hints at docs for user-facing code without a docs change', () => {
    expect(rulesOf({ title: 'x y', files: [{ path: 'pkg/cmd/cli/backup/create.go' }] }, 'info')).toContain('docs');
    expect(rulesOf({ title: 'x y', files: [{ path: 'pkg/cmd/cli/backup/create.go' }, { path: 'site/content/docs/main/backup-reference.md' }] })).not.toContain('docs');
    expect(rulesOf({ title: 'x y', files: [{ path: 'pkg/backup/backup.go' }] })).not.toContain('docs');
  });

  it('reports which rules were skipped for lack of data', () => {
    const r = lint({ title: 'Check for nil' });
    expect(r.skipped.map((s) => s.rule).sort()).toEqual(['changelog', 'cherry-pick-title', 'dco', 'description-checklist', 'description-issue-link', 'description-summary', 'docs'].sort());
  });
});

describe('onramp lint-pr (CLI)', () => {
  const run = (args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, ['dist/cli.js', 'lint-pr', ...args], { input, encoding: 'utf8', env: cliEnv(env) });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const tmp = mkdtempSync(join(tmpdir(), 'lint-'));

  it('exits 1 with findings as JSON, 0 when clean', () => {
    const bad = run(['--title', 'Fixes #1234', '--json']);
    expect(bad.code).toBe(1);
    const j = JSON.parse(bad.out);
    expect(j.ok).toBe(false);
    expect(j.findings[0]).toMatchObject({ rule: 'title-issue-only', severity: 'error' });
    const good = run(['--title', 'Check for nil when validating foo', '--json']);
    expect(good.code).toBe(0);
  });

  it('reads the body from stdin and commits from a file', () => {
    const commits = join(tmp, 'commits.json');
    writeFileSync(commits, JSON.stringify([{ sha: 'abc1234def', commit: { message: 'Fix nil', author: { name: 'Me', email: 'me@example.com' } } }]));
    const r = run(['--title', 'Check for nil', '--body-file', '-', '--commits-file', commits, '--json'], TEMPLATE('Checks for nil.', 'Fixes #12', ['x', 'x', 'x']));
    const j = JSON.parse(r.out);
    expect(j.findings.map((f: { rule: string }) => f.rule)).toContain('dco');
  });

  it('lints a pull_request event payload', () => {
    const r = run(['--event', 'test/fixtures/pull-request-event.json', '--json']);
    const j = JSON.parse(r.out);
    const rules = j.findings.map((f: { rule: string; severity: string }) => `${f.rule}/${f.severity}`);
    expect(rules).toContain('cherry-pick-title/warning'); // release-1.18 base, no marker
    expect(rules).toContain('description-issue-link/warning');
    expect(j.skipped.map((s: { rule: string }) => s.rule)).toEqual(expect.arrayContaining(['changelog', 'dco']));
  });

  for (const [name, args, input, pattern] of [
    ['empty title', ['--title', ''], undefined, /title is empty/],
    ['1 MB body', ['--title', 'Fix a thing', '--body-file', '-'], 'x'.repeat(1024 * 1024), /too long|too large/],
    ['binary junk body', ['--title', 'Fix a thing', '--body-file', '-'], Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0]), /not readable text/],
    ['missing body file', ['--title', 'Fix a thing', '--body-file', '/nonexistent/body.md'], undefined, /cannot read body file \/nonexistent\/body\.md \(ENOENT\)/],
    ['malformed event file', ['--event', 'package.json'], undefined, /is not a GitHub pull_request event/],
    ['event file not JSON', ['--event', 'README.md'], undefined, /is not valid JSON/],
    ['nothing to check', [], undefined, /say what to check/],
    ['two sources', ['--title', 'x', '--pr', '3'], undefined, /only one of/],
  ] as Array<[string, string[], string | Buffer | undefined, RegExp]>) {
    it(`exits 2 with one line for ${name}`, () => {
      const r = run(args, input);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(pattern);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }
});

describe('onramp lint-pr --pr against a GitHub double', () => {
  let gh: GitHubDouble;
  beforeAll(async () => {
    gh = await startGitHubDouble([], []);
    const real = sample.find((p) => p.number === 9629)!;
    gh.routes['/repos/velero-io/velero/pulls/9629'] = {
      number: 9629,
      title: real.title,
      body: TEMPLATE('Poll the snapshot handle more often.', 'Fixes #9600', ['x', 'x', ' ']),
      user: { login: 'sseago' },
      base: { ref: real.targetBranch },
      labels: [{ name: 'has-changelog' }],
      draft: false,
    };
    gh.routes['/repos/velero-io/velero/pulls/9629/files'] = [
      { filename: 'changelogs/unreleased/9629-sseago', status: 'added', patch: '@@ -0,0 +1 @@\n+Optimize VSC handle readiness polling for VSS backups' },
      { filename: 'pkg/util/csi/volume_snapshot.go', status: 'modified', patch: '@@ ...' },
    ];
    gh.routes['/repos/velero-io/velero/pulls/9629/commits'] = [
      { sha: '1111111aaaa', commit: { message: 'Optimize polling\n\nSigned-off-by: Scott Seago <sseago@example.com>', author: { name: 'Scott Seago', email: 'sseago@example.com' } } },
      { sha: '2222222bbbb', commit: { message: 'address review', author: { name: 'Scott Seago', email: 'sseago@example.com' } } },
    ];
  });
  afterAll(() => gh.close());

  // The double lives in this process, so the CLI must run without blocking the event loop.
  const runAsync = async (args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['dist/cli.js', 'lint-pr', ...args], {
        encoding: 'utf8',
        env: cliEnv({ GITHUB_API_URL: gh.url, ONRAMP_REPO: 'velero-io/velero' }),
      });
      return { status: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { status: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('fetches the PR, its files and commits through octokit and lints them', async () => {
    const r = await runAsync(['--pr', '9629', '--json']);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout);
    const dco = j.findings.find((f: { rule: string }) => f.rule === 'dco');
    expect(dco.message).toContain('2222222');
    expect(j.findings.filter((f: { rule: string }) => f.rule === 'changelog')).toEqual([]);
    expect(j.findings.find((f: { rule: string }) => f.rule === 'cherry-pick-title').severity).toBe('warning');
    expect(j.skipped).toEqual([]);
    expect(gh.counters.ok).toBe(3);
  });

  it('says plainly when the PR does not exist', async () => {
    const r = await runAsync(['--pr', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('onramp: PR #1 was not found in velero-io/velero');
  });
});
