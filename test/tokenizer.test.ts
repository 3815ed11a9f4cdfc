import { describe, expect, it } from 'vitest';
import { queryTerms, tokenize } from '../src/retrieval/tokenizer.js';
import { stem } from '../src/retrieval/stem.js';
import { withinOneEdit } from '../src/retrieval/near-term.js';

describe('tokenizer', () => {
  it('keeps a CamelCase identifier whole and splits it into words', () => {
    const t = tokenize('The BackupStorageLocation resource');
    expect(t).toContain('backupstoragelocation');
    expect(t).toEqual(expect.arrayContaining(['backup', 'storage', 'location'].map(stem)));
  });

  it('keeps dotted and slashed identifiers whole and by parts', () => {
    const t = tokenize('set pre.hook.backup.velero.io/command and read pkg/restore');
    expect(t).toContain('pre.hook.backup.velero.io/command');
    expect(t).toEqual(expect.arrayContaining(['pre', 'hook', 'velero', 'command', 'restore'].map(stem)));
    expect(t).toContain('pkg/restore');
  });

  it('gives an acronym and its spelled-out form the same concept term', () => {
    for (const [short, long] of [
      ['BSL', 'BackupStorageLocation'],
      ['VSL', 'volume snapshot location'],
      ['PVB', 'PodVolumeBackup'],
      ['PVR', 'pod volume restore'],
      ['DU', 'DataUpload'],
      ['DD', 'DataDownload'],
      ['FSB', 'file system backup'],
      ['BIA', 'BackupItemAction'],
      ['RIA', 'RestoreItemAction'],
      ['CP', 'cherry-pick'],
      ['DCO', 'Signed-off-by'],
    ]) {
      const a = tokenize(short!).filter((x) => x.startsWith('~'));
      const b = tokenize(long!).filter((x) => x.startsWith('~'));
      expect(a.length, short).toBeGreaterThan(0);
      expect(b, `${short} vs ${long}`).toEqual(expect.arrayContaining(a));
    }
  });

  it('treats a plural acronym as the acronym', () => {
    expect(tokenize('PVBs')).toContain('pvb');
    expect(tokenize('CRDs')).toContain('~crd');
  });

  it('drops stop words and stems plurals and verb endings', () => {
    const t = tokenize('How do I restore the hooks when running backups?');
    expect(t).not.toContain('how');
    expect(t).not.toContain('the');
    expect(t).toEqual(expect.arrayContaining(['restore', 'hook', 'run', 'backup'].map(stem)));
  });

  it('stems lightly without mangling Velero words', () => {
    expect(stem('policies')).toBe('policy');
    expect(stem('status')).toBe('status');
    expect(stem('restic')).toBe('restic');
    expect(stem('stopped')).toBe('stop');
    expect(new Set(['restore', 'restores', 'restored', 'restoring'].map(stem)).size).toBe(1);
    expect(new Set(['snapshot', 'snapshots', 'snapshotted'].map(stem)).size).toBe(1);
  });

  it('counts one typo as near', () => {
    expect(withinOneEdit('backup', 'bakcup')).toBe(true);
    expect(withinOneEdit('restore', 'restor')).toBe(true);
    expect(withinOneEdit('restore', 'resort')).toBe(false);
  });

  it('remembers a query\'s terms for the next few queries, equal to tokenize and read-only', () => {
    const q = 'why does the PodVolumeBackup for my pvc stay InProgress?';
    const first = queryTerms(q);
    expect(first).toEqual(tokenize(q));
    expect(queryTerms(q)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // Past the memo's size the oldest query is forgotten and tokenized afresh, still equal.
    for (let i = 0; i < 20; i++) queryTerms(`filler question ${i}`);
    const again = queryTerms(q);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
