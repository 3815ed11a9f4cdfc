import { describe, expect, it } from 'vitest';
import { buildBm25, editDistance, loadBm25, searchBm25, serializeBm25, type Bm25Options } from '../src/retrieval/bm25.js';

const OPTIONS: Bm25Options = {
  boost: { title: 2, body: 1 },
  expand: (t) => t.length >= 5,
  fuzzy: 0.2,
  maxFuzzy: 6,
  fuzzyWeight: 0.35,
  prefixWeight: 0.3,
};

// Four documents, two fields (title, body), already tokenized.
const DOCS = [
  [['backup'], ['backup', 'storage', 'location', 'bucket']],
  [['restore'], ['restore', 'hook', 'pod', 'pod']],
  [['plugin'], ['plugin', 'backup', 'item', 'action']],
  [[], ['changelog', 'file', 'unreleased']],
];

function bm25(tf: number, df: number, n: number, len: number, avg: number): number {
  const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  return idf * (0.5 + (tf * 2.2) / (tf + 1.2 * (0.3 + (0.7 * len) / avg)));
}

describe('BM25 index', () => {
  const index = buildBm25(['title', 'body'], DOCS);

  it('scores a term as BM25+ over boosted fields', () => {
    const hits = searchBm25(index, ['backup'], OPTIONS, 10);
    // title lengths 1,1,1,0 (avg 0.75); body distinct-term lengths 4,3,4,3 (avg 3.5)
    const doc0 = 2 * bm25(1, 1, 4, 1, 0.75) + bm25(1, 2, 4, 4, 3.5);
    const doc2 = bm25(1, 2, 4, 4, 3.5);
    expect(hits.map((h) => h.doc)).toEqual([0, 2]);
    expect(hits[0]!.score).toBeCloseTo(doc0, 10);
    expect(hits[1]!.score).toBeCloseTo(doc2, 10);
  });

  it('multiplies a document score by the number of distinct query terms it matched', () => {
    const one = searchBm25(index, ['pod'], OPTIONS, 10)[0]!;
    const two = searchBm25(index, ['pod', 'hook'], OPTIONS, 10)[0]!;
    const hookAlone = searchBm25(index, ['hook'], OPTIONS, 10)[0]!;
    expect(two.doc).toBe(1);
    expect(two.score).toBeCloseTo(2 * (one.score + hookAlone.score), 10);
  });

  it('matches an unknown word by prefix and by a near spelling, at reduced weight', () => {
    const exact = searchBm25(index, ['restore'], OPTIONS, 10)[0]!;
    const prefix = searchBm25(index, ['resto'], OPTIONS, 10)[0]!;
    const typo = searchBm25(index, ['restroe'], OPTIONS, 10);
    expect(prefix.doc).toBe(1);
    expect(prefix.score).toBeCloseTo((exact.score * 0.3 * 7) / (7 + 0.6), 10);
    // "restroe" is two edits from "restore" but only one is allowed for 7 letters.
    expect(typo).toEqual([]);
    expect(searchBm25(index, ['plugn'], OPTIONS, 10)[0]?.doc).toBe(2);
  });

  it('returns only the best `limit` documents, best first, and forgets the previous query', () => {
    const top = searchBm25(index, ['backup', 'plugin', 'changelog'], OPTIONS, 2);
    expect(top).toHaveLength(2);
    expect(top[0]!.score).toBeGreaterThanOrEqual(top[1]!.score);
    const again = searchBm25(index, ['changelog'], OPTIONS, 10);
    expect(again.map((h) => h.doc)).toEqual([3]);
  });

  it('loads from its serialized form with the same results', () => {
    const copy = loadBm25(JSON.parse(JSON.stringify(serializeBm25(index))));
    for (const q of [['backup'], ['pod', 'hook'], ['resto'], ['nothing']]) {
      expect(searchBm25(copy, q, OPTIONS, 10)).toEqual(searchBm25(index, q, OPTIONS, 10));
    }
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions and stops past the bound', () => {
    expect(editDistance('backup', 'backup', 2)).toBe(0);
    expect(editDistance('backup', 'bakup', 2)).toBe(1);
    expect(editDistance('backup', 'backups', 2)).toBe(1);
    expect(editDistance('backup', 'bockap', 2)).toBe(2);
    expect(editDistance('backup', 'restore', 2)).toBe(3);
  });
});
