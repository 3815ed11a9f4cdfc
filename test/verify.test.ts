import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../src/cli/verify-command.js';
import { changedDecls } from '../src/verify/verify.js';
import type { VerifyReport } from '../src/verify/verify.js';
import { cliEnv } from './helpers/cli-env.js';

// A small Go tree of our own, with a pin commit and a commit on top of it that renames a
// cited identifier, deletes a cited file and changes a number inside a cited function.
let repo: string;
let knowledge: string;
let pin: string;

const write = (root: string, path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();

const FOO_AT_PIN = `package foo

import "fmt"

// Alpha says hello.
func Alpha() string {
	return fmt.Sprint("hello")
}

// Gamma caps the work.
func Gamma() int {
	limit := 5
	return limit
}
`;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'verify-repo-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 'T');
  write(repo, 'pkg/foo/foo.go', FOO_AT_PIN);
  write(repo, 'pkg/bar/bar.go', 'package bar\n\nfunc Bar() {}\n');
  write(repo, 'changelogs/unreleased/.keep', '');
  git('add', '-A');
  git('commit', '-q', '-m', 'pin');
  pin = git('rev-parse', 'HEAD');

  knowledge = mkdtempSync(join(tmpdir(), 'verify-knowledge-'));
  write(knowledge, 'guide/architecture.md', `---
id: architecture
title: Architecture
order: 2
sources:
  - pkg/foo/foo.go
  - pkg/bar/bar.go
upstreamCommit: ${pin}
---
The greeting comes from \`Alpha\` in \`pkg/foo/foo.go\`.

## Limits

The work limit is set in \`Gamma\`, and the bar helpers live in \`pkg/bar/bar.go\`.
`);
});

function commitOnTop() {
  write(repo, 'pkg/foo/foo.go', FOO_AT_PIN.replace(/Alpha/g, 'Beta').replace('limit := 5', 'limit := 7'));
  rmSync(join(repo, 'pkg/bar/bar.go'));
  write(repo, 'changelogs/unreleased/123-someone', 'Raise the work limit in Gamma\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'rename, delete, change');
}

async function verify(rev?: string): Promise<{ code: number; report: VerifyReport }> {
  let text = '';
  const code = await runVerify({ fromGit: repo, rev, json: true, knowledgeDir: knowledge, out: (s) => (text += s) });
  return { code, report: JSON.parse(text) as VerifyReport };
}

describe('onramp verify', () => {
  it('exits 0 with no findings at the pin', async () => {
    const { code, report } = await verify(pin);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.pinned).toBe(pin);
  });

  it('names the renamed identifier, the deleted file and the changed function, with their sections', async () => {
    commitOnTop();
    const { code, report } = await verify();
    expect(code).toBe(1);
    expect(report.checked).toBe(git('rev-parse', 'HEAD'));
    const find = (kind: string, pred: (f: (typeof report.findings)[number]) => boolean) => report.findings.filter((f) => f.kind === kind && pred(f));

    const renamed = find('missing-identifier', (f) => f.symbol === 'Alpha');
    expect(renamed).toHaveLength(1);
    expect(renamed[0]).toMatchObject({ severity: 'error', section: 'architecture' });
    expect(renamed[0]!.claim).toContain('The greeting comes from');

    const deleted = find('missing-path', (f) => f.path === 'pkg/bar/bar.go');
    expect(deleted.map((f) => f.severity)).toEqual(['error', 'error']); // the front-matter source and the sentence
    expect(deleted.every((f) => f.section === 'architecture')).toBe(true);

    const changed = find('changed-code', (f) => f.symbol === 'Gamma');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ severity: 'warning', section: 'architecture', path: 'pkg/foo/foo.go' });
    expect(changed[0]!.claim).toContain('The work limit is set in');

    const news = find('new-upstream-change', (f) => f.path === 'changelogs/unreleased/123-someone');
    expect(news).toEqual([expect.objectContaining({ severity: 'info', section: 'architecture' })]);
    expect(news[0]!.detail).toContain('Raise the work limit in Gamma');
  });

  it('refuses an unknown revision and a missing --from-git with a clear InputError', async () => {
    await expect(runVerify({ fromGit: repo, rev: 'no-such-rev', knowledgeDir: knowledge, out: () => {} })).rejects.toThrow(/has no commit "no-such-rev"/);
    await expect(runVerify({ fromGit: '  ', knowledgeDir: knowledge, out: () => {} })).rejects.toThrow(/needs --from-git/);
    // An option-shaped revision is refused before git sees it.
    await expect(runVerify({ fromGit: repo, rev: '--output=/tmp/onramp-verify-pwned', knowledgeDir: knowledge, out: () => {} })).rejects.toThrow(/is not a revision/);
  });

  it('exits 2 with one line for a directory that is not a clone', () => {
    const r = spawnSync(process.execPath, ['dist/cli.js', 'verify', '--from-git', mkdtempSync(join(tmpdir(), 'not-a-repo-'))], { encoding: 'utf8', env: cliEnv() });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a git repository/);
  });
});

describe('changed declarations', () => {
  const before = 'package x\n\nimport "fmt"\n\nfunc A() int {\n\treturn 1\n}\n\nfunc B() {\n\t// note\n\tfmt.Println()\n}\n';
  it('ignores comment-only and import-only changes, and names the function whose code changed', () => {
    const after = before.replace('// note', '// a longer note').replace('return 1', 'return 2').replace('import "fmt"', 'import "fmt" // printing');
    const dir = mkdtempSync(join(tmpdir(), 'decls-'));
    write(dir, 'a.go', before);
    write(dir, 'b.go', after);
    const r = spawnSync('git', ['diff', '--no-index', '-U0', join(dir, 'a.go'), join(dir, 'b.go')], { encoding: 'utf8' });
    expect(changedDecls(r.stdout, before, after).map((d) => d.name)).toEqual(['A']);
  });
});
