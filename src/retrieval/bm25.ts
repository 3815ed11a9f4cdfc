// A compact BM25+ index over a few weighted fields, scored with flat accumulators.
// MiniSearch (used before) scores the same way but builds a result object per matching
// passage and sorts them all: on a corpus 100x the guide's size a query took ~350 ms.
// Here postings are typed arrays, scores go into one reusable Float64Array and only the
// best `limit` passages are ordered, so a query costs a scan of its terms' postings.
// Scoring follows MiniSearch 7's (BM25+ with k 1.2, b 0.7, d 0.5; a document's score
// times the number of distinct query terms it matched; unknown words matched by prefix
// and within an edit distance, at reduced weight), so rankings carried over unchanged.

import { lowerBound } from '../upstream/file-tree.js';

export interface FieldWeights {
  [field: string]: number;
}

interface Posting {
  field: number;
  docs: Int32Array;
  tfs: Uint16Array;
}

export interface Bm25Index {
  fields: string[];
  docCount: number;
  /** Distinct terms per document and field (MiniSearch's field length). */
  lengths: Uint16Array[];
  avgLength: number[];
  postings: Map<string, Posting[]>;
  /** Sorted vocabulary, for prefix and edit-distance expansion. */
  vocab: string[];
}

export interface Bm25Options {
  boost: FieldWeights;
  /** Whether an unknown query word is expanded (prefix and edit distance). */
  expand: (term: string) => boolean;
  fuzzy: number;
  maxFuzzy: number;
  fuzzyWeight: number;
  prefixWeight: number;
}

const K = 1.2;
const B = 0.7;
const D = 0.5;

/** Builds the index; `docs[i][f]` holds the terms of document i's field f. */
export function buildBm25(fields: string[], docs: string[][][]): Bm25Index {
  const lists = new Map<string, Array<{ docs: number[]; tfs: number[] } | undefined>>();
  const lengths = fields.map(() => new Uint16Array(docs.length));
  docs.forEach((doc, d) => {
    fields.forEach((_, f) => {
      const counts = new Map<string, number>();
      for (const t of doc[f] ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
      lengths[f]![d] = Math.min(counts.size, 65535);
      for (const [t, n] of counts) {
        let perField = lists.get(t);
        if (!perField) lists.set(t, (perField = []));
        const list = (perField[f] ??= { docs: [], tfs: [] });
        list.docs.push(d);
        list.tfs.push(Math.min(n, 65535));
      }
    });
  });
  const postings = new Map<string, Posting[]>();
  for (const [t, perField] of lists) {
    const out: Posting[] = [];
    perField.forEach((l, f) => l && out.push({ field: f, docs: Int32Array.from(l.docs), tfs: Uint16Array.from(l.tfs) }));
    postings.set(t, out);
  }
  return finish(fields, docs.length, lengths, postings);
}

function finish(fields: string[], docCount: number, lengths: Uint16Array[], postings: Map<string, Posting[]>): Bm25Index {
  const avgLength = lengths.map((l) => (docCount ? l.reduce((s, n) => s + n, 0) / docCount : 0));
  return { fields, docCount, lengths, avgLength, postings, vocab: [...postings.keys()].sort() };
}

export interface SerializedBm25 {
  fields: string[];
  docCount: number;
  lengths: number[][];
  postings: Array<[string, Array<[number, number[], number[]]>]>;
}

export function serializeBm25(index: Bm25Index): SerializedBm25 {
  return {
    fields: index.fields,
    docCount: index.docCount,
    lengths: index.lengths.map((l) => [...l]),
    postings: [...index.postings].map(([t, ps]) => [t, ps.map((p) => [p.field, [...p.docs], [...p.tfs]])]),
  };
}

export function loadBm25(data: SerializedBm25): Bm25Index {
  const postings = new Map<string, Posting[]>();
  for (const [t, ps] of data.postings) {
    postings.set(t, ps.map(([field, docs, tfs]) => ({ field, docs: Int32Array.from(docs), tfs: Uint16Array.from(tfs) })));
  }
  return finish(data.fields, data.docCount, data.lengths.map((l) => Uint16Array.from(l)), postings);
}

/** Query-time buffers, reused across searches (searches are synchronous). */
interface Scratch {
  score: Float64Array;
  matched: Uint16Array;
  last: Int32Array;
  /** Documents scored so far, the first `count` of them (a typed array, not garbage per query). */
  touched: Int32Array;
  count: number;
}
const scratch = new WeakMap<Bm25Index, Scratch>();

export interface Bm25Hit {
  doc: number;
  score: number;
}

/** The best `limit` documents for the query terms, best first. */
export function searchBm25(index: Bm25Index, terms: readonly string[], options: Bm25Options, limit: number): Bm25Hit[] {
  let buf = scratch.get(index);
  if (!buf) {
    const n = index.docCount;
    buf = { score: new Float64Array(n), matched: new Uint16Array(n), last: new Int32Array(n).fill(-1), touched: new Int32Array(n), count: 0 };
    scratch.set(index, buf);
  }
  buf.count = 0;
  const boosts = index.fields.map((f) => options.boost[f] ?? 1);
  // A repeated query word counts once per repeat, as in MiniSearch.
  const multiplicity = new Map<string, number>();
  for (const t of terms) multiplicity.set(t, (multiplicity.get(t) ?? 0) + 1);
  let termId = 0;
  for (const [term, times] of multiplicity) {
    for (const [derived, weight] of expansions(index, term, options)) {
      const ps = index.postings.get(derived);
      if (ps) addPostings(index, buf, ps, boosts, weight * times, termId);
    }
    termId++;
  }
  const hits = topK(buf, limit);
  for (let i = 0; i < buf.count; i++) {
    const d = buf.touched[i]!;
    buf.score[d] = 0;
    buf.matched[d] = 0;
    buf.last[d] = -1;
  }
  return hits;
}

function addPostings(
  index: Bm25Index,
  buf: Scratch,
  ps: Posting[],
  boosts: number[],
  weight: number,
  termId: number,
): void {
  for (const p of ps) {
    const boost = boosts[p.field]!;
    const n = p.docs.length;
    const idf = Math.log(1 + (index.docCount - n + 0.5) / (n + 0.5));
    const lengths = index.lengths[p.field]!;
    const avg = index.avgLength[p.field]!;
    for (let i = 0; i < n; i++) {
      const d = p.docs[i]!;
      const tf = p.tfs[i]!;
      const s = idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * lengths[d]!) / avg)));
      if (buf.last[d] !== termId) {
        if (buf.last[d] === -1) buf.touched[buf.count++] = d;
        buf.last[d] = termId;
        buf.matched[d]!++;
      }
      buf.score[d]! += weight * boost * s;
    }
  }
}

function topK(buf: Scratch, limit: number): Bm25Hit[] {
  const best: Bm25Hit[] = [];
  for (let k = 0; k < buf.count; k++) {
    const d = buf.touched[k]!;
    const score = buf.score[d]! * buf.matched[d]!;
    if (best.length === limit && !better(score, d, best[limit - 1]!)) continue;
    let i = best.length === limit ? limit - 1 : best.length;
    while (i > 0 && better(score, d, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = { doc: d, score };
  }
  return best;
}

// Equal scores keep the earlier document first (stable across runs).
const better = (score: number, doc: number, than: Bm25Hit) => score > than.score || (score === than.score && doc < than.doc);

// Expanding an unknown word scans the vocabulary; the same typos and chat words come back
// again and again, so expansions are remembered (bounded) per index.
const MEMO_SIZE = 5000;
const memos = new WeakMap<Bm25Index, Map<string, Array<[string, number]>>>();

/** The term itself, then (when it may be expanded) prefix and near-spelling matches. */
function expansions(index: Bm25Index, term: string, o: Bm25Options): Array<[string, number]> {
  if (!o.expand(term)) return [[term, 1]];
  let memo = memos.get(index);
  if (!memo) memos.set(index, (memo = new Map()));
  let out = memo.get(term);
  if (!out) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    out = expand(index, term, o);
    memo.set(term, out);
  }
  return out;
}

function expand(index: Bm25Index, term: string, o: Bm25Options): Array<[string, number]> {
  const out: Array<[string, number]> = [[term, 1]];
  const seen = new Set([term]);
  for (let i = lowerBound(index.vocab, term); i < index.vocab.length && index.vocab[i]!.startsWith(term); i++) {
    const t = index.vocab[i]!;
    if (seen.has(t)) continue;
    seen.add(t);
    const distance = t.length - term.length;
    out.push([t, (o.prefixWeight * t.length) / (t.length + 0.3 * distance)]);
  }
  const max = Math.min(o.maxFuzzy, Math.round(term.length * o.fuzzy));
  if (max === 0) return out;
  for (const t of index.vocab) {
    if (seen.has(t) || Math.abs(t.length - term.length) > max) continue;
    const distance = editDistance(term, t, max);
    if (distance > 0 && distance <= max) out.push([t, (o.fuzzyWeight * t.length) / (t.length + distance)]);
  }
  return out;
}

let rows = [new Int32Array(64), new Int32Array(64)];

/** Levenshtein distance, or max + 1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (rows[0]!.length <= b.length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let prev = rows[0]!;
  let cur = rows[1]!;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
