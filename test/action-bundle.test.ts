// The bundled GitHub Action (action/index.mjs, what action.yml runs): rebuilt and compared so
// it never drifts from src/, then run as the runner runs it, with INPUT_* variables, against
// the GitHub double over loopback HTTP.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as yaml } from 'yaml';
import { startGitHubDouble, type GitHubDouble } from './helpers/github-double.js';
import { scrubbedEnv } from './helpers/cli-env.js';

const TOKEN = 'ghs_bundleT0kenThatMustNeverBePrinted000002';
const REPO = 'velero-io/velero';
const N = 9800;
const tmp = mkdtempSync(join(tmpdir(), 'onramp-action-'));

function eventFile(title: string): string {
  const file = join(tmp, `event-${Math.random().toString(36).slice(2)}.json`);
  const body = '# Please add a summary of your change\n\nRetry the snapshot poll.\n\n# Does your change fix a particular issue?\n\nFixes #9600\n\n- [x] Accepted the DCO.\n- [x] Created a changelog file\n- [x] Updated the corresponding documentation\n';
  writeFileSync(file, JSON.stringify({ action: 'edited', number: N, repository: { full_name: REPO }, pull_request: { number: N, title, body, user: { login: 'newcomer' }, base: { ref: 'main' }, labels: [], draft: false } }));
  return file;
}

let gh: GitHubDouble;
beforeAll(async () => {
  gh = await startGitHubDouble([], []);
});
afterAll(() => gh.close());
beforeEach(() => {
  gh.comments.length = 0;
  gh.commentWrites = 'ok';
  gh.log.length = 0;
  // No changelog file and an unsigned commit: the changelog and DCO checks would both be errors.
  gh.routes[`/repos/${REPO}/pulls/${N}/files`] = [{ filename: 'pkg/util/csi/volume_snapshot.go', status: 'modified' }];
  gh.routes[`/repos/${REPO}/pulls/${N}/commits`] = [{ sha: 'bbbbbbb2222', commit: { message: 'Retry the poll', author: { name: 'New Comer', email: 'new@example.com' } } }];
});

/** The bundle as the runner starts it: `node action/index.mjs` with the inputs as INPUT_* variables. */
async function runBundle(title: string, inputs: Record<string, string> = {}) {
  const summary = join(tmp, `summary-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = { ...scrubbedEnv(), GITHUB_API_URL: gh.url, GITHUB_EVENT_PATH: eventFile(title), GITHUB_STEP_SUMMARY: summary, 'INPUT_GITHUB-TOKEN': TOKEN };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['action/index.mjs'], { encoding: 'utf8', env });
    return { status: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { status: e.code, out: e.stdout + e.stderr };
  }
}

describe('the bundled Action', () => {
  it('is exactly what scripts/bundle-action.mjs builds from src/ (rebuild it after a change)', () => {
    const fresh = join(tmp, 'index.mjs');
    execFileSync(process.execPath, ['scripts/bundle-action.mjs', fresh]);
    expect(readFileSync(fresh, 'utf8') === readFileSync('action/index.mjs', 'utf8')).toBe(true);
  });

  it('runs from action.yml with the four inputs and no install or build step', () => {
    const action = yaml(readFileSync('action.yml', 'utf8')) as { runs: { using: string; main: string; steps?: unknown }; inputs: Record<string, unknown> };
    expect(action.runs).toEqual({ using: 'node24', main: 'action/index.mjs' });
    expect(Object.keys(action.inputs).sort()).toEqual(['checks', 'comment', 'github-token', 'mode']);
  });

  it('blocking: fails on errors and keeps one comment across runs and concurrent events', async () => {
    const first = await runBundle('Fixes #9600');
    expect(first.status, first.out).toBe(1);
    expect(gh.comments).toHaveLength(1);
    // Two events at once (an edit and a push), with no concurrency group to serialise them.
    const [a, b] = await Promise.all([runBundle('Fixes #9600'), runBundle('Fixes #9600')]);
    expect([a.status, b.status]).toEqual([1, 1]);
    expect(gh.comments).toHaveLength(1);
    gh.comments.length = 0;
    await Promise.all([runBundle('Fixes #9600'), runBundle('Fixes #9600'), runBundle('Fixes #9600')]);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toContain('title-issue-only');
  });

  it('advisory: the same report and comment, but the job never fails', async () => {
    const r = await runBundle('Fixes #9600', { mode: 'advisory' });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/^::error title=onramp title-issue-only::/m);
    expect(r.out).toContain('advisory mode');
    expect(gh.comments).toHaveLength(1);
  });

  it('runs only the selected checks, and posts no comment when told not to', async () => {
    const r = await runBundle('Fixes #9600', { checks: 'title, description', comment: 'false' });
    expect(r.out).not.toMatch(/title=onramp (changelog|dco)::/);
    expect(r.out).toMatch(/changelog: not selected/);
    expect(gh.comments).toHaveLength(0);
    expect(gh.log.filter((x) => x.method !== 'GET').map((x) => x.method)).toEqual([]);
  });

  it('says what is wrong with a bad input in one line (exit 2), and never prints the token', async () => {
    const bad = await runBundle('Fixes #9600', { mode: 'loud' });
    expect(bad.status).toBe(2);
    expect(bad.out.trim()).toBe('::error title=onramp::input mode must be blocking or advisory');
    const unknown = await runBundle('Fixes #9600', { checks: 'title,spelling' });
    expect(unknown.out).toContain('unknown check "spelling"');
    const comment = await runBundle('Fixes #9600', { comment: 'maybe' });
    expect(comment.status).toBe(2);
    expect(comment.out.trim()).toBe('::error title=onramp::input comment must be true or false');
    // An empty checks input means all checks; a huge one is one clear line, not a crash.
    expect((await runBundle('Fixes #9600', { checks: '' })).out).toMatch(/title=onramp dco::/);
    const huge = await runBundle('Fixes #9600', { checks: 'title,'.repeat(20_000) + 'x' });
    expect(huge.status).toBe(2);
    expect(huge.out.trim().split('\n')).toHaveLength(1);
    for (const r of [bad, unknown, comment, huge, await runBundle('Fixes #9600')]) expect(r.out).not.toContain(TOKEN);
    // The token went to GitHub, as a header only.
    expect(gh.log.some((x) => x.authorization?.includes(TOKEN))).toBe(true);
  });
});
