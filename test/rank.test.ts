import { describe, expect, it } from 'vitest';
import { loadAreas, type Area } from '../src/issues/areas.js';
import { rankSuggestions, type RankOptions } from '../src/issues/rank.js';
import type { IssueRecord } from '../src/issues/types.js';
import { DAY, NOW, daysAgo, issue } from './helpers/issue-fixtures.js';
import { KNOWLEDGE_DIR } from '../src/knowledge/knowledge-base.js';

const areas = loadAreas(KNOWLEDGE_DIR);
const area = (name: string): Area => {
  const a = areas.find((x) => x.name === name);
  if (!a) throw new Error(`no area ${name} in high-value-areas.json`);
  return a;
};


const opts = (over: Partial<RankOptions> = {}): RankOptions => ({
  limit: 10,
  now: NOW,
  staleDays: 180,
  recentlySuggested: new Map(),
  linkedToOpenPr: new Set(),
  ...over,
});
const numbers = (r: ReturnType<typeof rankSuggestions>) => r.suggestions.map((s) => s.number);

describe('rankSuggestions: exclusions', () => {
  it('leaves out assigned, linked-to-open-PR, stale and epic issues and counts the first three', () => {
    const issues = [
      issue(1),
      issue(2, { assignees: ['someone'] }),
      issue(3),
      issue(4, { updatedAt: daysAgo(181) }),
      issue(5, { labels: ['Good first issue', 'Epic'] }),
      issue(6, { updatedAt: null }), // unknown update time: never stale
    ];
    const r = rankSuggestions(areas, issues, opts({ linkedToOpenPr: new Set([3]) }));
    expect(numbers(r).sort()).toEqual([1, 6]);
    expect(r.excluded).toMatchObject({ assigned: 1, linkedPr: 1, stale: 1 });
    expect(r.fallback).toBe(false);
  });

  it('counts each left-out issue once, under the first rule it breaks', () => {
    const issues = [issue(7, { assignees: ['a'], updatedAt: daysAgo(400) }), issue(8, { updatedAt: daysAgo(400) })];
    const r = rankSuggestions(areas, issues, opts({ linkedToOpenPr: new Set([7, 8]) }));
    expect(r.suggestions).toEqual([]);
    expect(r.excluded).toMatchObject({ assigned: 1, linkedPr: 1, stale: 0 });
  });

  it('uses staleDays as the cut-off', () => {
    const issues = [issue(9, { updatedAt: daysAgo(40) })];
    expect(numbers(rankSuggestions(areas, issues, opts({ staleDays: 60 })))).toEqual([9]);
    const r = rankSuggestions(areas, issues, opts({ staleDays: 30 }));
    expect(r.suggestions).toEqual([]);
    expect(r.excluded.stale).toBe(1);
  });
});

describe('rankSuggestions: labels', () => {
  it('ranks Good first issue above Help wanted, and offers no unlabelled issue while labelled ones exist', () => {
    const issues = [issue(30, { labels: [] }), issue(20, { labels: ['Help wanted'] }), issue(10, { labels: ['good first issue'] })];
    const r = rankSuggestions(areas, issues, opts());
    expect(r.fallback).toBe(false);
    expect(numbers(r)).toEqual([10, 20]);
    expect(r.suggestions[0]!.score).toBeGreaterThan(r.suggestions[1]!.score);
    expect(r.suggestions[0]!.reasons[0]).toMatch(/Good first issue/);
    expect(r.suggestions[1]!.reasons[0]).toMatch(/Help wanted/);
  });

  it('ranks an issue with both labels above one with Good first issue only', () => {
    const r = rankSuggestions(areas, [issue(11), issue(12, { labels: ['Good first issue', 'Help wanted'] })], opts());
    expect(numbers(r)).toEqual([12, 11]);
  });

  it('falls back to unlabelled issues, saying so, when no labelled one is left', () => {
    const issues = [issue(40, { labels: [] }), issue(41, { labels: ['Good first issue'], assignees: ['x'] })];
    const r = rankSuggestions(areas, issues, opts());
    expect(r.fallback).toBe(true);
    expect(numbers(r)).toEqual([40]);
    expect(r.suggestions[0]!.reasons[0]).toMatch(/^Not labelled "Good first issue" or "Help wanted"/);
  });

  it('breaks score ties by the newer (higher) issue number', () => {
    const r = rankSuggestions(areas, [issue(100), issue(300), issue(200)], opts());
    expect(new Set(r.suggestions.map((s) => s.score)).size).toBe(1);
    expect(numbers(r)).toEqual([300, 200, 100]);
  });
});

describe('rankSuggestions: areas', () => {
  const issues = [
    issue(50, { labels: ['Good first issue', 'area/csi'] }),
    issue(51, { title: 'Wrong VolumeSnapshotClass picked for a driver' }),
    issue(52, { labels: ['Good first issue', 'area/datamover'] }),
    issue(53),
  ];

  it('keeps only issues of the requested area, by label or by text', () => {
    const r = rankSuggestions(areas, issues, opts({ area: area('CSI') }));
    expect(numbers(r).sort()).toEqual([50, 51]);
    for (const s of r.suggestions) {
      expect(s.area).toBe('CSI');
      expect(s.readFirst).toEqual(expect.arrayContaining(['csi-snapshots', 'contributing-upstream']));
    }
    const byText = r.suggestions.find((s) => s.number === 51)!;
    expect(byText.reasons.some((x) => x.startsWith('Area CSI (from its text)'))).toBe(true);
    const byLabel = r.suggestions.find((s) => s.number === 50)!;
    expect(byLabel.reasons.some((x) => x.startsWith('Area CSI:'))).toBe(true);
  });

  it('gives an issue in a high-value area a higher score than one in no area', () => {
    const r = rankSuggestions(areas, issues, opts());
    expect(numbers(r)[0]).toBe(52); // datamover has the top weight
    const none = r.suggestions.find((s) => s.number === 53)!;
    expect(none.area).toBeNull();
    expect(none.readFirst).toEqual(['codebase-tour', 'contributing-upstream']);
    expect(r.suggestions.at(-1)!.number).toBe(53);
  });

  it('falls back within the area and names it when the area has no labelled issue', () => {
    const r = rankSuggestions(areas, [issue(60, { labels: [], title: 'Windows node support for the helper' }), issue(61)], opts({ area: area('WindowsSupport') }));
    expect(r.fallback).toBe(true);
    expect(numbers(r)).toEqual([60]);
    expect(r.suggestions[0]!.reasons[0]).toContain('the WindowsSupport area has no open labelled ones');
  });
});

describe('rankSuggestions: interest', () => {
  // 71 would win the tie on number; the interest must lift 70 above it.
  const issues = [issue(70, { body: 'Timestamps ignore the configured timezone.' }), issue(71)];

  it('raises an issue that matches the interest and says why', () => {
    const plain = rankSuggestions(areas, issues, opts());
    expect(numbers(plain)).toEqual([71, 70]);
    const r = rankSuggestions(areas, issues, opts({ interest: 'timezone' }));
    expect(numbers(r)).toEqual([70, 71]);
    expect(r.suggestions[0]!.reasons).toContain('Matches your interest: timezone.');
    expect(r.suggestions[1]!.reasons.some((x) => x.startsWith('Matches your interest'))).toBe(false);
  });

  it('lists each matched part of a comma-separated interest, and ignores parts that match nothing', () => {
    const r = rankSuggestions(areas, [issue(72, { title: 'Timezone of the naming helper' })], opts({ interest: 'timezone, naming; quantum' }));
    expect(r.suggestions[0]!.reasons).toContain('Matches your interest: timezone, naming.');
  });
});

describe('rankSuggestions: spreading and limit', () => {
  it('demotes an issue suggested recently and says why', () => {
    const issues = [issue(80), issue(81)];
    expect(numbers(rankSuggestions(areas, issues, opts()))).toEqual([81, 80]);
    const r = rankSuggestions(areas, issues, opts({ recentlySuggested: new Map([[81, NOW.getTime() - 60_000]]) }));
    expect(numbers(r)).toEqual([80, 81]);
    const demoted = r.suggestions[1]!;
    expect(demoted.reasons.some((x) => x.startsWith('Suggested to someone else recently'))).toBe(true);
    expect(r.suggestions[0]!.score - demoted.score).toBeCloseTo(0.8, 3);
  });

  it('returns at most `limit` suggestions, the top of the full ranking', () => {
    const issues = Array.from({ length: 7 }, (_, i) => issue(90 + i, { comments: i }));
    const all = rankSuggestions(areas, issues, opts({ limit: 100 }));
    expect(all.suggestions).toHaveLength(7);
    const top = rankSuggestions(areas, issues, opts({ limit: 3 }));
    expect(top.suggestions).toEqual(all.suggestions.slice(0, 3));
    expect(rankSuggestions(areas, issues, opts({ limit: 0 })).suggestions).toEqual([]);
  });

  it('scores recent activity and a modest discussion higher', () => {
    const r = rankSuggestions(
      areas,
      [issue(1, { comments: 3 }), issue(2, { comments: 40 }), issue(3, { updatedAt: daysAgo(150), comments: 3 })],
      opts(),
    );
    expect(numbers(r)).toEqual([1, 3, 2]);
    const first = r.suggestions[0]!;
    expect(first.reasons).toContain('Active recently (updated 10 days ago).');
    expect(first.reasons).toContain('Some discussion (3 comments) to learn from, not a crowded thread.');
    expect(r.suggestions.find((s) => s.number === 3)!.reasons.some((x) => x.startsWith('Active recently'))).toBe(false);
  });
});
