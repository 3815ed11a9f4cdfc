import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { suggestIssues, type SuggestDeps } from '../src/issues/suggest.js';
import { KNOWLEDGE_DIR } from '../src/knowledge/knowledge-base.js';
import { openStore, type Store } from '../src/store/store.js';
import { fetchOpenIssues, linkedIssues } from '../src/issues/fetch-issues.js';
import { createGitHub } from '../src/upstream/github-client.js';
import { startGitHubDouble, type GitHubDouble } from './helpers/github-double.js';
import { cliEnv } from './helpers/cli-env.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const DAY = 86_400_000;

// Real Velero issues (test/fixtures/velero-issues.jsonl) as GitHub's REST API returns them,
// all listed as open, with a few changes each test below relies on.
function buildFixtures() {
  const rows = readFileSync('test/fixtures/velero-issues.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const extraLabels: Record<number, string[]> = { 7774: ['Good first issue'], 1730: ['Good first issue'], 9166: ['Good first issue'] };
  const issues = rows.map((r) => ({
    number: r.number,
    title: r.title,
    html_url: r.url,
    labels: [...r.labels, ...(extraLabels[r.number] ?? [])].map((name: string) => ({ name })),
    assignees: r.number === 2476 ? [{ login: 'someone' }] : [],
    comments: r.number % 13,
    created_at: new Date(NOW.getTime() - (400 + (r.number % 300)) * DAY).toISOString(),
    updated_at: new Date(NOW.getTime() - (r.number % 200) * DAY).toISOString(),
    body: r.excerpt,
    ...(r.kind === 'pull_request' ? { pull_request: { url: `${r.url}` } } : {}),
  }));
  const pulls = [
    { number: 9999, title: 'Fix doc header links', html_url: 'https://github.com/velero-io/velero/pull/9999', body: 'Fixes #1216\n\nSummary...' },
  ];
  return { issues, pulls };
}

let gh: GitHubDouble;
let store: Store;

beforeAll(async () => {
  const f = buildFixtures();
  gh = await startGitHubDouble(f.issues, f.pulls);
});
afterAll(() => gh.close());
beforeEach(async () => {
  gh.mode = 'ok';
  gh.counters = { requests: 0, ok: 0, notModified: 0, rateLimited: 0, errors: 0 };
  store = await openStore(`file:${join(mkdtempSync(join(tmpdir(), 'issues-')), 'store.json')}`);
});

function deps(over: Partial<SuggestDeps> = {}, timeoutMs = 400): SuggestDeps {
  const config = { github: { apiUrl: gh.url }, repo: 'velero-io/velero' };
  const client = createGitHub(config, { timeoutMs, retries: 1, maxWaitSeconds: 2 });
  return {
    config,
    store,
    knowledgeDir: KNOWLEDGE_DIR,
    fetchLive: () => fetchOpenIssues(client, store.kv('github'), config.repo),
    ...over,
  };
}

describe('live suggestions through octokit against a GitHub double', () => {
  it('pages through the issue list and answers live', async () => {
    const r = await suggestIssues(deps(), { now: NOW });
    expect(r.source).toBe('live');
    // 166 issues at 100 per page: two issue pages and one pull page.
    expect(gh.counters.ok).toBe(3);
    expect(r.suggestions.length).toBeGreaterThan(0);
  });

  it('revalidates with ETags: the second call gets 304s and spends no rate limit', async () => {
    await suggestIssues(deps(), { now: NOW });
    const okBefore = gh.counters.ok;
    const r = await suggestIssues(deps(), { now: NOW });
    expect(r.source).toBe('live');
    expect(gh.counters.ok).toBe(okBefore);
    expect(gh.counters.notModified).toBe(3);
  });

  it('leaves out assigned issues, issues with an open PR, and pull requests', async () => {
    const r = await suggestIssues(deps(), { now: NOW, limit: 20 });
    const numbers = r.suggestions.map((s) => s.number);
    expect(numbers).not.toContain(2476); // assigned
    expect(numbers).not.toContain(1216); // "Fixes #1216" in an open PR
    expect(numbers).not.toContain(9166); // a pull request, though labelled
    expect(numbers).not.toContain(379); // Help wanted, but "Needs Product" and "Waiting for info": not ready (unfit-labels.json)
    expect(numbers).toEqual(expect.arrayContaining([595, 7774, 1730]));
  });

  it('ranks labelled issues, explains why, and names guide sections to read', async () => {
    const r = await suggestIssues(deps(), { now: NOW, limit: 4 });
    const gfi = r.suggestions.filter((s) => s.labels.some((l) => l.toLowerCase() === 'good first issue'));
    expect(r.suggestions[0]!.labels.map((l) => l.toLowerCase())).toContain('good first issue');
    expect(gfi.length).toBeGreaterThanOrEqual(3);
    for (const s of r.suggestions) {
      expect(s.reasons.length).toBeGreaterThan(0);
      expect(s.readFirst.length).toBeGreaterThan(0);
      expect(s.url).toMatch(/^https:\/\/github\.com\/velero-io\/velero\/issues\/\d+$/);
    }
    expect(r.note).toBeUndefined();
  });

  it('moves an issue up when it matches the asker\'s interest', async () => {
    const plain = await suggestIssues(deps(), { now: NOW, limit: 20 });
    const other = await openStore(`file:${join(mkdtempSync(join(tmpdir(), 'issues-')), 'store.json')}`);
    const keen = await suggestIssues(deps({ store: other }), { now: NOW, limit: 20, interest: 'volume policy' });
    const score = (r: typeof plain) => r.suggestions.find((s) => s.number === 7774)!.score;
    expect(score(keen)).toBeGreaterThan(score(plain));
    expect(keen.suggestions.find((s) => s.number === 7774)!.reasons.join(' ')).toMatch(/Matches your interest: volume policy/);
  });

  it('spreads newcomers: an issue just suggested to one person ranks lower for the next', async () => {
    const first = await suggestIssues(deps(), { now: NOW, limit: 1 });
    const second = await suggestIssues(deps(), { now: NOW, limit: 1 });
    expect(second.suggestions[0]!.number).not.toBe(first.suggestions[0]!.number);
    const again = await suggestIssues(deps(), { now: NOW, limit: 20 });
    const firstAgain = again.suggestions.find((s) => s.number === first.suggestions[0]!.number)!;
    expect(firstAgain.reasons.join(' ')).toMatch(/Suggested to someone else recently/);
  });

  it('retries once after a secondary rate limit with retry-after and stays live', async () => {
    gh.mode = 'secondary-rate-limit-once';
    const r = await suggestIssues(deps(), { now: NOW });
    expect(gh.counters.rateLimited).toBe(1);
    expect(r.source).toBe('live');
  });
});

describe('falling back to the snapshot', () => {
  for (const mode of ['rate-limited', 'error-500', 'hang'] as const) {
    it(`uses the snapshot when GitHub is ${mode}, quickly`, async () => {
      gh.mode = mode;
      const started = Date.now();
      const r = await suggestIssues(deps(), { now: NOW, area: 'CSI' });
      expect(r.source).toBe('snapshot');
      expect(r.fetchedAt).toBe(JSON.parse(readFileSync(join(KNOWLEDGE_DIR, 'upstream', 'velero-issues.json'), 'utf8')).fetchedAt);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(gh.counters.requests).toBeGreaterThan(0);
      // A 500 is retried once per request before giving up.
      if (mode === 'error-500') expect(gh.counters.errors).toBeGreaterThanOrEqual(3);
    });
  }

  it('never calls GitHub with offline set', async () => {
    const r = await suggestIssues(deps(), { offline: true, now: NOW });
    expect(r.source).toBe('snapshot');
    expect(gh.counters.requests).toBe(0);
  });

  it('says plainly when an area has no labelled issue and never presents one as labelled', async () => {
    const r = await suggestIssues(deps(), { offline: true, now: NOW, area: 'CSI' });
    expect(r.note).toMatch(/No open issue in CSI is labelled "Good first issue" or "Help wanted"/);
    for (const s of r.suggestions) {
      expect(s.area).toBe('CSI');
      expect(s.reasons[0]).toMatch(/^Not labelled "Good first issue" or "Help wanted"/);
    }
  });
});

describe('bad input', () => {
  it('names the known areas for an unknown one', async () => {
    await expect(suggestIssues(deps(), { area: 'bread', offline: true })).rejects.toThrow(/unknown area "bread"; known areas: .*datamover.*CSI/);
  });

  it('rejects an empty interest and a limit out of range', async () => {
    await expect(suggestIssues(deps(), { interest: '  ', offline: true })).rejects.toThrow(/interest is empty/);
    await expect(suggestIssues(deps(), { limit: 0, offline: true })).rejects.toThrow(/--limit must be a whole number from 1 to 20/);
    await expect(suggestIssues(deps(), { limit: 10000, offline: true })).rejects.toThrow(/--limit/);
  });

  it('names a malformed snapshot file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
    mkdirSync(join(dir, 'upstream'));
    copyFileSync(join(KNOWLEDGE_DIR, 'upstream', 'high-value-areas.json'), join(dir, 'upstream', 'high-value-areas.json'));
    writeFileSync(join(dir, 'upstream', 'velero-issues.json'), '{"issues": [ {"number": "x"');
    await expect(suggestIssues(deps({ knowledgeDir: dir }), { offline: true })).rejects.toThrow(/velero-issues\.json: issues snapshot cannot be read \(not valid JSON\)/);
    writeFileSync(join(dir, 'upstream', 'velero-issues.json'), '{"fetchedAt": "2026-01-01", "issues": [{"title": 1}]}');
    await expect(suggestIssues(deps({ knowledgeDir: dir }), { offline: true })).rejects.toThrow(/velero-issues\.json: issues snapshot is malformed/);
  });
});

describe('linked pull requests', () => {
  it('reads closing keywords and title references', () => {
    expect(linkedIssues({ title: 'Fix #12: thing', body: 'Fixes #34\ncloses velero-io/velero#56\nrelated to #78' }).sort()).toEqual([12, 34, 56]);
  });
});

describe('onramp issues (CLI)', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['dist/cli.js', 'issues', ...args], {
      encoding: 'utf8',
      env: cliEnv(),
    });

  it('gives CSI suggestions offline with real numbers, labels, reasons and sections', () => {
    const r = run('--offline', '--json', '--area', 'CSI');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const real = new Set(readFileSync('test/fixtures/velero-issues.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l).number));
    expect(j.source).toBe('snapshot');
    expect(j.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(j.suggestions.length).toBeLessThanOrEqual(5);
    for (const s of j.suggestions) {
      expect(real.has(s.number)).toBe(true);
      expect(s.url).toBe(`https://github.com/velero-io/velero/issues/${s.number}`);
      expect(Array.isArray(s.labels)).toBe(true);
      expect(s.reasons.length).toBeGreaterThanOrEqual(1);
      expect(s.readFirst.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('exits 2 with one line for bad options', () => {
    for (const args of [['--limit', '0'], ['--limit', '10000'], ['--limit', 'many'], ['--area', 'bread'], ['--interest', '']]) {
      const r = run('--offline', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
