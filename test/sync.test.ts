import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../src/upstream/build-snapshot.js';
import { openGitReader } from '../src/upstream/git-reader.js';
import { parseMakeTargets, parseMaintainers, parseOwners } from '../src/upstream/parse-metadata.js';
import { makeGitRepo } from './helpers/git-repo.js';
import { cliEnv } from './helpers/cli-env.js';


const SMALL_REPO = {
  '.github/labels.yaml': 'area:\n  - CSI\n  - fs-backup\nkind:\n  - changelog-not-required\n  - tech-debt\n',
  '.github/labeler.yml': 'Area/Design:\n  - changed-files:\n      - any-glob-to-any-file: design/*\n',
  'MAINTAINERS.md': '# Maintainers\n\n| Name | GitHub ID | Affiliation |\n|---|---|---|\n| A | [alice](https://github.com/alice) | [Acme](https://github.com/acme) |\n\n## Emeritus Maintainers\n* B ([bob](https://github.com/bob))\n',
  OWNERS: 'reviewers:\n- @alice\napprovers:\n- @alice\n',
  Makefile: '# Runs the unit tests.\ntest: build-dirs\n\thack/test.sh $(WHAT)\n\nVERSION ?= main\nverify:\n\t@hack/verify-all.sh\n',
  '.github/workflows/ci.yml': 'name: Main CI\non: [pull_request]\n',
  '.github/pull_request_template.md': '# Please add a summary of your change\n\nFixes #(issue)\n\n- [ ] Accepted the DCO\n- [ ] Created a changelog file\n',
  '.github/ISSUE_TEMPLATE/bug_report.md': '---\nname: Bug report\nabout: Tell us about a problem\n---\nBody\n',
  'pkg/restore/restore.go': 'package restore\n',
};

describe('sync --from-git', () => {
  it('extracts labels, maintainers, make targets, workflows, templates and the tree', async () => {
    const dir = makeGitRepo(SMALL_REPO);
    const snap = await buildSnapshot(await openGitReader(dir), 'velero-io/velero', new Date('2026-01-01T00:00:00Z'));
    expect(snap.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(snap.labels).toEqual({ area: ['CSI', 'fs-backup'], kind: ['changelog-not-required', 'tech-debt'] });
    expect(snap.labeler).toEqual({ 'Area/Design': ['design/*'] });
    expect(snap.maintainers).toEqual({ active: ['alice'], emeritus: ['bob'] });
    expect(snap.owners.approvers).toEqual(['alice']);
    expect(snap.makeTargets).toEqual([
      { name: 'test', description: 'Runs the unit tests.' },
      { name: 'verify', description: 'runs: hack/verify-all.sh' },
    ]);
    expect(snap.workflows).toEqual([{ file: 'ci.yml', name: 'Main CI' }]);
    expect(snap.prTemplate.checklist).toEqual(['Accepted the DCO', 'Created a changelog file']);
    expect(snap.issueTemplates).toEqual([{ file: 'bug_report.md', name: 'Bug report', about: 'Tell us about a problem' }]);
    expect(snap.files).toContain('pkg/restore/restore.go');
    expect(snap.missing).toEqual(['.github/auto-assignees.yml']);
  });

  it('records missing metadata files instead of failing', async () => {
    const dir = makeGitRepo({ 'README.md': 'hello\n' });
    const snap = await buildSnapshot(await openGitReader(dir), 'velero-io/velero');
    expect(snap.labels).toEqual({ area: [], kind: [] });
    expect(snap.makeTargets).toEqual([]);
    expect(snap.missing).toContain('Makefile');
    expect(snap.files).toEqual(['README.md']);
  });

  it('rejects a folder that is not a git repository with one line, exit 2', () => {
    const notGit = mkdtempSync(join(tmpdir(), 'not-git-'));
    const r = spawnSync(process.execPath, ['dist/cli.js', 'sync', '--from-git', notGit], { encoding: 'utf8', env: cliEnv() });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/is not a git repository/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('writes the snapshot file through the CLI', () => {
    const dir = makeGitRepo(SMALL_REPO);
    const knowledge = mkdtempSync(join(tmpdir(), 'knowledge-'));
    mkdirSync(join(knowledge, 'upstream'));
    // The CLI writes into the package's knowledge dir; exercise the same code path directly.
    const script = `import('${join(process.cwd(), 'dist/cli/sync-command.js')}').then(m => m.runSync({ fromGit: '${dir}', knowledgeDir: '${knowledge}' }))`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: cliEnv() });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/synced velero-io\/velero at [0-9a-f]{12}/);
    const saved = JSON.parse(readFileSync(join(knowledge, 'upstream', 'velero-metadata.json'), 'utf8'));
    expect(saved.labels.area).toEqual(['CSI', 'fs-backup']);
  });
});

describe('metadata parsers on odd input', () => {
  it('survive empty and malformed files', () => {
    expect(parseMakeTargets('')).toEqual([]);
    expect(parseMaintainers('no headings here')).toEqual({ active: [], emeritus: [] });
    expect(parseOwners(': : not yaml [')).toEqual({ reviewers: [], approvers: [] });
  });
});
