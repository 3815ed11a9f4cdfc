// Issue 15, GitHub Action mode: `onramp lint-pr --event FILE --comment` against the GitHub
// double over loopback HTTP, as the action runs it (spawned dist/cli.js, clean environment).

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { annotations, escapeData, markdownReport, STICKY_MARKER } from '../src/prlint/report.js';
import { startGitHubDouble, type GitHubDouble } from './helpers/github-double.js';
import { cliEnv } from './helpers/cli-env.js';

const TOKEN = 'ghs_s3cr3tT0kenThatMustNeverBePrinted0001';
const REPO = 'velero-io/velero';
const N = 9700;
const tmp = mkdtempSync(join(tmpdir(), 'lint-action-'));

const CLEAN_BODY = `# Please add a summary of your change

Poll the snapshot handle more often so VSS backups finish sooner.

# Does your change fix a particular issue?

Fixes #9600

# Please indicate you've done the following:

- [x] Accepted the DCO.
- [x] Created a changelog file
- [x] Updated the corresponding documentation
`;

function eventFile(title: string, body = CLEAN_BODY, base = 'main'): string {
  const file = join(tmp, `event-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      action: 'synchronize',
      number: N,
      repository: { full_name: REPO },
      pull_request: { number: N, title, body, user: { login: 'newcomer' }, base: { ref: base }, labels: [], draft: false },
    }),
  );
  return file;
}

let gh: GitHubDouble;
const good = { message: 'Poll faster\n\nSigned-off-by: New Comer <new@example.com>', author: { name: 'New Comer', email: 'new@example.com' } };
function setPr(signed: boolean) {
  gh.routes[`/repos/${REPO}/pulls/${N}/files`] = [
    { filename: `changelogs/unreleased/${N}-newcomer`, status: 'added', patch: '@@ -0,0 +1 @@\n+Poll the snapshot handle more often' },
    { filename: 'pkg/util/csi/volume_snapshot.go', status: 'modified', patch: '@@ ...' },
  ];
  gh.routes[`/repos/${REPO}/pulls/${N}/commits`] = [{ sha: 'aaaaaaa1111', commit: signed ? good : { ...good, message: 'Poll faster' } }];
}

beforeAll(async () => {
  gh = await startGitHubDouble([], []);
});
afterAll(() => gh.close());
beforeEach(() => {
  gh.comments.length = 0;
  gh.commentWrites = 'ok';
  gh.log.length = 0;
  setPr(true);
});

// The double lives in this process: run the CLI without blocking the event loop.
async function runAction(event: string, extra: NodeJS.ProcessEnv = {}) {
  const summary = join(tmp, `summary-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(summary, '');
  const env = cliEnv({ GITHUB_API_URL: gh.url, GITHUB_TOKEN: TOKEN, GITHUB_STEP_SUMMARY: summary, ...extra });
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['dist/cli.js', 'lint-pr', '--event', event, '--comment'], { encoding: 'utf8', env });
    return { status: 0, stdout, stderr, summary: readFileSync(summary, 'utf8') };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr, summary: readFileSync(summary, 'utf8') };
  }
}

const writes = () => gh.log.filter((r) => r.method === 'POST' || r.method === 'PATCH');

describe('onramp lint-pr --event --comment (GitHub Action mode)', () => {
  it('creates one sticky comment, then updates it in place, then turns it into an all-clear', async () => {
    // 1. A bad title and an unsigned commit: errors, a new comment, exit 1.
    setPr(false);
    const first = await runAction(eventFile('Fixes #9600'));
    expect(first.status, first.stderr).toBe(1);
    expect(gh.comments).toHaveLength(1);
    const comment = gh.comments[0]!;
    expect(comment.body.startsWith(STICKY_MARKER)).toBe(true);
    expect(comment.body).toContain('title-issue-only');
    // The suggestion is what the PR itself says the change is (its description), not a placeholder.
    expect(comment.body).toContain('Retitle to "Poll the snapshot handle more often"');
    expect(comment.body).toContain('dco');
    expect(first.summary).toBe(comment.body); // the same report in the step summary
    expect(first.stdout).toMatch(/^::error title=onramp title-issue-only::/m);
    expect(first.stdout).toMatch(/^::error title=onramp dco::/m);
    expect(writes().map((w) => w.method)).toEqual(['POST']);
    // It fetched the files and commits, with the token.
    expect(gh.log.map((r) => r.path)).toEqual(expect.arrayContaining([`/repos/${REPO}/pulls/${N}/files`, `/repos/${REPO}/pulls/${N}/commits`]));
    expect(gh.log.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);

    // 2. Still a problem (a warning only): the same comment is edited, no second one; exit 0.
    gh.log.length = 0;
    setPr(true);
    const second = await runAction(eventFile('WIP: Poll the snapshot handle more often'));
    expect(second.status, second.stderr).toBe(0);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.id).toBe(comment.id);
    expect(gh.comments[0]!.body).toContain('title-wip');
    expect(gh.comments[0]!.body).not.toContain('title-issue-only');
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /repos/${REPO}/issues/comments/${comment.id}`]);
    expect(second.stdout).toMatch(/^::warning title=onramp title-wip::/m);

    // 3. Clean: the comment becomes an all-clear.
    gh.log.length = 0;
    const third = await runAction(eventFile('Poll the snapshot handle more often'));
    expect(third.status, third.stderr).toBe(0);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toContain('all clear');
    expect(gh.comments[0]!.body).not.toContain('title-wip');
    expect(third.stdout).not.toMatch(/^::(error|warning)/m);

    // 4. Run again, nothing changed: no write at all.
    gh.log.length = 0;
    await runAction(eventFile('Poll the snapshot handle more often'));
    expect(writes()).toEqual([]);
    for (const r of [first, second, third]) expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('posts nothing for a clean PR that has no comment yet', async () => {
    const r = await runAction(eventFile('Poll the snapshot handle more often'));
    expect(r.status, r.stderr).toBe(0);
    expect(gh.comments).toEqual([]);
    expect(r.summary).toContain('all clear');
  });

  it('keeps one comment when another comment quotes the marker', async () => {
    gh.comments.push({ id: 1, issue: N, body: `> ${STICKY_MARKER} I quoted the bot`, user: { login: 'someone', type: 'User' } });
    gh.comments.push({ id: 2, issue: N, body: `${STICKY_MARKER}\nold report`, user: { login: 'github-actions[bot]', type: 'Bot' } });
    await runAction(eventFile('fix'));
    expect(gh.comments.map((c) => c.id)).toEqual([1, 2]);
    expect(gh.comments[1]!.body).toContain('title-generic');
    expect(gh.comments[0]!.body).toContain('I quoted the bot');
  });

  it('a read-only token (403 on comments) does not fail the job for that reason', async () => {
    gh.commentWrites = 'forbidden';
    const clean = await runAction(eventFile('Poll the snapshot handle more often'));
    expect(clean.status, clean.stderr).toBe(0); // a clean PR still passes
    const bad = await runAction(eventFile('Update README.md'));
    expect(bad.status).toBe(1); // exit by the findings, not by the 403
    const warnings = bad.stdout.split('\n').filter((l) => /comment/i.test(l) && l.startsWith('::warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/read-only.*403/);
    expect(bad.stdout).toMatch(/^::error title=onramp title-github-default::/m);
    expect(bad.summary).toContain('title-github-default');
    expect(gh.comments).toEqual([]);
    expect(bad.stderr).toBe('');
    expect(bad.stdout + bad.stderr + clean.stdout + clean.stderr).not.toContain(TOKEN);
  });

  it('lints without files and commits when GitHub will not list them, and says so', async () => {
    delete gh.routes[`/repos/${REPO}/pulls/${N}/files`];
    const r = await runAction(eventFile('Poll the snapshot handle more often'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^::warning title=onramp::could not fetch the files and commits of PR #9700 \(HTTP 404\)/m);
    expect(r.summary).toContain('Not checked');
  });

  it('says what to do when --comment comes without --event', async () => {
    const env = cliEnv({ GITHUB_API_URL: gh.url, GITHUB_TOKEN: TOKEN });
    const r = await promisify(execFile)(process.execPath, ['dist/cli.js', 'lint-pr', '--title', 'x', '--comment'], { encoding: 'utf8', env }).catch((e) => e);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/--comment .*--event/);
  });
});

describe('report text', () => {
  const result = {
    ok: false,
    suggestedTitle: '<describe the change>',
    findings: [{ rule: 'title-generic', severity: 'error' as const, message: '"@everyone fix\n::set-output name=x::1" does not say what changed | x', fix: 'Retitle 100%' }],
    skipped: [],
  };

  it('escapes HTML, pipes and mentions in the comment', () => {
    const md = markdownReport(result, { number: 5 });
    expect(md).not.toMatch(/@everyone/);
    expect(md).toContain('\\| x');
    expect(md).toContain('<describe the change>'); // inside the fenced block, shown as is
    expect(md).not.toMatch(/\n::set-output/);
  });

  it('escapes workflow-command data so a title cannot start a command', () => {
    const [line] = annotations(result);
    expect(line!.split('\n')).toHaveLength(1);
    expect(line).toContain('%0A::set-output');
    expect(line).toContain('100%25');
    expect(escapeData('a\r\nb%')).toBe('a%0D%0Ab%25');
  });
});
