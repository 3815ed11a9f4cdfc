// Issue 19: suggestions a newcomer can take. Offline, on the committed snapshot: no issue
// with an unfit label among the suggestions, reviewers and a next step on every one,
// interests that steer, and a spread by (hashed) chat user.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { issuesCommand } from '../src/chat/commands/issues.js';
import type { ChatRequest, CommandContext } from '../src/chat/types.js';
import { askerId } from '../src/issues/asker.js';
import { loadIssuesSnapshot } from '../src/issues/snapshot-file.js';
import { suggestIssues, type SuggestDeps } from '../src/issues/suggest.js';
import { loadUnfitLabels, unfitLabelsOf } from '../src/issues/unfit.js';
import { KNOWLEDGE_DIR } from '../src/knowledge/knowledge-base.js';
import { SECTION_IDS } from '../src/knowledge/sections.js';
import { openStore, type Store } from '../src/store/store.js';
import { loadSnapshot } from '../src/upstream/snapshot-file.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const INTERESTS = ['csi, volume snapshots', 'kopia, fs backup', 'go tests'];
const meta = loadSnapshot(KNOWLEDGE_DIR)!;
const unfit = loadUnfitLabels(KNOWLEDGE_DIR);
const snapshot = loadIssuesSnapshot(KNOWLEDGE_DIR);
const makeTargets = new Set(meta.makeTargets.map((t) => t.name));
const knownLogins = new Set([...meta.maintainers.active, ...meta.owners.reviewers, ...Object.values(meta.reviewAssignment.groups).flat()]);

let store: Store;
beforeEach(async () => {
  store = await openStore(`file:${join(mkdtempSync(join(tmpdir(), 'issues-fit-')), 'store.json')}`);
});
const deps = (): SuggestDeps => ({ config: { github: {}, repo: 'velero-io/velero' }, store, knowledgeDir: KNOWLEDGE_DIR } as SuggestDeps);
const offline = (o: { interest?: string; area?: string; asker?: string; limit?: number } = {}) => suggestIssues(deps(), { offline: true, now: NOW, ...o });

describe('the unfit-labels file', () => {
  it('spells every label as Velero does: a /kind value of .github/labels.yaml or a label on real Velero issues', () => {
    const kinds = new Set(meta.labels.kind.map((k) => k.toLowerCase()));
    const onIssues = new Set(
      [
        ...readFileSync('test/fixtures/velero-issues.jsonl', 'utf8').trim().split('\n').flatMap((l) => JSON.parse(l).labels as string[]),
        ...snapshot.issues.flatMap((i) => i.labels),
      ].map((l) => l.toLowerCase()),
    );
    for (const u of unfit) {
      for (const s of u.spellings) {
        const k = s.toLowerCase().replace(/^kind\//, '');
        expect(kinds.has(k) || onIssues.has(s.toLowerCase()), `${s} is not in Velero's label set`).toBe(true);
      }
    }
    // The labels issue 19 names, all covered.
    for (const want of ['Needs investigation', 'Needs info', 'Epic', 'depends-upstream', 'backlog', 'release-blocker', 'spike', 'voting']) {
      expect(unfitLabelsOf({ labels: [want] }, unfit).length + unfitLabelsOf({ labels: [`kind/${want}`] }, unfit).length, want).toBeGreaterThan(0);
    }
  });

  it('marks the snapshot issues the report named as unfit', () => {
    const left = snapshot.issues.filter((i) => unfitLabelsOf(i, unfit).length).map((i) => i.number).sort((a, b) => a - b);
    expect(left).toEqual([2419, 6020, 7582, 9314, 9866]);
  });
});

describe('offline suggestions across interests', () => {
  it('never suggests an unfit issue, and gives each suggestion reviewers and a next step', async () => {
    for (const interest of [undefined, ...INTERESTS]) {
      store = await openStore(`file:${join(mkdtempSync(join(tmpdir(), 'issues-fit-')), 'store.json')}`);
      const r = await offline({ interest, limit: 20 });
      expect(r.suggestions.length, interest).toBeGreaterThanOrEqual(5);
      for (const s of r.suggestions) {
        const issue = snapshot.issues.find((i) => i.number === s.number)!;
        expect(unfitLabelsOf(issue, unfit), `#${s.number} for ${interest}`).toEqual([]);
        expect(s.unfit).toBeUndefined();
        expect(s.reviewers.length).toBeGreaterThan(0);
        for (const login of s.reviewers) expect(knownLogins.has(login), login).toBe(true);
        for (const login of s.reviewers) expect(meta.maintainers.emeritus).not.toContain(login);
        expect(s.nextStep).toMatch(new RegExp(`^Comment on #${s.number} asking .*to be assigned`));
        const section = /section \(([a-z-]+)\)/.exec(s.nextStep)?.[1];
        expect(s.readFirst).toContain(section);
        expect(SECTION_IDS).toContain(section);
        const target = /`make ([\w-]+)`/.exec(s.nextStep)?.[1];
        expect(makeTargets.has(target!), target).toBe(true);
        expect(s.nextStep.includes('\n')).toBe(false);
      }
    }
  });

  it('ranks differently for different interests, and says which interest matched', async () => {
    const tops: string[] = [];
    for (const interest of INTERESTS) {
      store = await openStore(`file:${join(mkdtempSync(join(tmpdir(), 'issues-fit-')), 'store.json')}`);
      const r = await offline({ interest });
      tops.push(r.suggestions.map((s) => s.number).join(','));
      const first = r.suggestions[0]!;
      expect(first.reasons.join(' '), interest).toMatch(new RegExp(`Matches your interest: [^.]*${interest.split(',')[0]!}`));
    }
    expect(new Set(tops).size).toBe(3);
  });

  it('matches an interest through the area vocabulary: "kopia" finds a Restic-era fs-backup issue', async () => {
    const r = await offline({ interest: 'kopia', limit: 20 });
    const s605 = r.suggestions.find((s) => s.number === 605)!; // says "restic", not "kopia"
    expect(s605.reasons).toContain('Matches your interest: kopia.');
  });

  it('demotes issues with years of silence and Restic-only issues, saying why', async () => {
    const r = await offline({ limit: 20 });
    const old = r.suggestions.find((s) => s.number === 605)!;
    expect(old.reasons.join(' ')).toMatch(/Quiet for years: opened around 2018 \(estimated from its number/);
    expect(old.reasons.join(' ')).toMatch(/Written for Restic/);
    expect(r.suggestions.slice(0, 5).map((s) => s.number)).not.toContain(605);
    expect(r.suggestions.slice(0, 5).map((s) => s.number)).not.toContain(244);
  });

  it('shows unfit issues only as a marked fallback when nothing else matches', async () => {
    const r = await offline({ area: 'Metrics' }); // the snapshot's only Metrics issue is "Needs investigation"
    expect(r.note).toMatch(/^FALLBACK: no open issue in Metrics is ready for a newcomer/);
    expect(r.note).toContain('"Needs investigation"');
    expect(r.suggestions.map((s) => s.number)).toEqual([7582]);
    const s = r.suggestions[0]!;
    expect(s.unfit).toEqual(['Needs investigation']);
    expect(s.reasons[0]).toMatch(/^FALLBACK, not ready for a newcomer: labelled "Needs investigation"/);
    expect(s.nextStep).toMatch(/^Ask on #7582 whether it is ready for an outside contributor/);
    expect(s.reviewers.length).toBeGreaterThan(0);
  });
});

describe('spread by chat user', () => {
  const ctx = (): CommandContext => ({ issues: deps() }) as unknown as CommandContext;
  const ask = (user: string, platform: ChatRequest['platform'] = 'discord') =>
    issuesCommand.run({ text: 'issues', user, platform }, '', ctx());
  const firstNumber = (body: string) => Number(/^1\. #(\d+)/m.exec(body)![1]);

  it('gives two different users different first suggestions, and one user asking twice the same', async () => {
    const a = firstNumber((await ask('111111111111111111')).body);
    expect(firstNumber((await ask('111111111111111111')).body)).toBe(a); // not spread against oneself
    const b = firstNumber((await ask('222222222222222222')).body);
    expect(b).not.toBe(a);
  });

  it('keeps only a hashed id, never the platform user id', async () => {
    await ask('U0SECRETUSER', 'slack');
    const stored = JSON.stringify(await store.kv('suggested').get('recent'));
    expect(stored).not.toContain('U0SECRETUSER');
    expect(stored).toContain(askerId('slack', 'U0SECRETUSER'));
    expect(askerId('slack', 'U0SECRETUSER')).toMatch(/^[0-9a-f]{16}$/);
    expect(askerId('discord', 'U0SECRETUSER')).not.toBe(askerId('slack', 'U0SECRETUSER'));
  });

  it('rejects a raw user id passed as the asker', async () => {
    await expect(offline({ asker: 'U0SECRETUSER' })).rejects.toThrow(/hashed id/);
  });

  it('reads a store written before askers were kept (issue -> time)', async () => {
    const first = (await offline({ limit: 1 })).suggestions[0]!.number;
    await store.kv('suggested').set('recent', { [String(first)]: NOW.getTime() - 60_000 });
    const again = await offline({ limit: 1, asker: askerId('discord', '42') });
    expect(again.suggestions[0]!.number).not.toBe(first);
  });
});
