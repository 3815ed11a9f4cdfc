import { describe, expect, it } from 'vitest';
import { parseTitle, type TitleParts } from '../src/prlint/title-parts.js';

const plain = (summary: string): TitleParts => ({ cherryPick: '', versions: [], wip: false, summary });

describe('parseTitle', () => {
  it.each<[string, TitleParts]>([
    // No markers
    ['Fix nil pointer when restoring PVCs', plain('Fix nil pointer when restoring PVCs')],
    ['   Add a flag to velero install  ', plain('Add a flag to velero install')],
    ['', plain('')],
    ['Wipe the cache before a restore', plain('Wipe the cache before a restore')], // "Wip" inside a word
    ['CPU limits for the node-agent', plain('CPU limits for the node-agent')], // "CP" inside a word
    ['Backporting guide for maintainers', plain('Backporting guide for maintainers')],
    ['Bump to 1.18 in the docs', plain('Bump to 1.18 in the docs')], // a version not at the start
    // Work in progress
    ['[WIP] Add repository maintenance metrics', { cherryPick: '', versions: [], wip: true, summary: 'Add repository maintenance metrics' }],
    ['WIP: Add metrics', { cherryPick: '', versions: [], wip: true, summary: 'Add metrics' }],
    ['wip add metrics', { cherryPick: '', versions: [], wip: true, summary: 'add metrics' }],
    ['(draft) Add metrics', { cherryPick: '', versions: [], wip: true, summary: 'Add metrics' }],
    ['[Do not merge] Add metrics', { cherryPick: '', versions: [], wip: true, summary: 'Add metrics' }],
    ['Draft - Add metrics', { cherryPick: '', versions: [], wip: true, summary: 'Add metrics' }],
    // Cherry-picks
    ['[1.18] Fix restore of CRDs', { cherryPick: '[1.18]', versions: ['1.18'], wip: false, summary: 'Fix restore of CRDs' }],
    ['[release-1.17] Fix restore', { cherryPick: '[release-1.17]', versions: ['1.17'], wip: false, summary: 'Fix restore' }],
    ['[1.16.2] Fix restore', { cherryPick: '[1.16.2]', versions: ['1.16'], wip: false, summary: 'Fix restore' }],
    ['[release-1.17 CP] Fix restore', { cherryPick: '[release-1.17 CP]', versions: ['1.17'], wip: false, summary: 'Fix restore' }],
    ['[1.15 cherry-pick] Fix restore', { cherryPick: '[1.15 cherry-pick]', versions: ['1.15'], wip: false, summary: 'Fix restore' }],
    ['[cherry-pick] Fix restore', { cherryPick: '[cherry-pick]', versions: [], wip: false, summary: 'Fix restore' }],
    ['[Cherry-Pick][1.16] Fix restore', { cherryPick: '[Cherry-Pick][1.16]', versions: ['1.16'], wip: false, summary: 'Fix restore' }],
    ['[cherrypick] [release-1.14] Fix restore', { cherryPick: '[cherrypick] [release-1.14]', versions: ['1.14'], wip: false, summary: 'Fix restore' }],
    ['release-1.17: Fix restore', { cherryPick: 'release-1.17:', versions: ['1.17'], wip: false, summary: 'Fix restore' }],
    ['1.16: Fix restore', { cherryPick: '1.16:', versions: ['1.16'], wip: false, summary: 'Fix restore' }],
    ['Cherry-pick of 1.15: Fix restore', { cherryPick: 'Cherry-pick of 1.15:', versions: ['1.15'], wip: false, summary: 'Fix restore' }],
    ['backport to release-1.14 Fix restore', { cherryPick: 'backport to release-1.14', versions: ['1.14'], wip: false, summary: 'Fix restore' }],
    ['CP: Fix restore', { cherryPick: 'CP:', versions: [], wip: false, summary: 'Fix restore' }],
    ['[1.18][1.17] Fix restore', { cherryPick: '[1.18][1.17]', versions: ['1.18', '1.17'], wip: false, summary: 'Fix restore' }],
    // Both, in either order
    ['[WIP] [1.18] Fix restore', { cherryPick: '[1.18]', versions: ['1.18'], wip: true, summary: 'Fix restore' }],
    ['[1.18] [WIP] Fix restore', { cherryPick: '[1.18]', versions: ['1.18'], wip: true, summary: 'Fix restore' }],
    // Release-collection titles: the marker word comes last and the summary is kept whole
    ['v1.3.1 cherrypicks', { cherryPick: 'cherrypicks', versions: ['1.3'], wip: false, summary: 'v1.3.1 cherrypicks' }],
    ['0.9 backports', { cherryPick: 'backports', versions: ['0.9'], wip: false, summary: '0.9 backports' }],
  ])('%j', (title, expected) => {
    expect(parseTitle(title)).toEqual(expected);
  });

  it('returns a summary with no marker left at its start', () => {
    for (const t of ['[WIP][1.18] x', '[1.18] WIP: x', 'release-1.17: [WIP] x', '[cherry-pick][1.16] (draft) x']) {
      const p = parseTitle(t);
      expect(p.summary, t).toBe('x');
      expect(p.wip, t).toBe(true);
      expect(p.cherryPick, t).not.toBe('');
    }
  });
});
