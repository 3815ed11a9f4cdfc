// Turns text into index terms that understand Velero's identifiers:
//  - a dotted/slashed identifier is kept whole and split into its parts
//    (`pre.hook.backup.velero.io/command` -> the whole, pre, hook, backup, velero, io, command);
//  - a CamelCase word is kept whole and split (`BackupStorageLocation` -> backupstoragelocation,
//    backup, storage, location);
//  - acronyms and spelled-out names add a shared concept term (see aliases.ts);
//  - plain words are lower-cased, stop words dropped, lightly stemmed.
// The same function runs at index time and query time, so both sides agree.

import { ALIAS_GROUPS } from './aliases.js';
import { stem } from './stem.js';
import { STOPWORDS } from './stopwords.js';

const RAW_TOKEN = /[A-Za-z0-9][A-Za-z0-9_.\/:-]*[A-Za-z0-9]|[A-Za-z0-9]/g;
const SEPARATORS = /[_.\/:-]+/;
const CAMEL = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

// Alias forms indexed by their first word; longest forms first so "pod volume backup"
// wins over "backup".
const formsByFirstWord = new Map<string, Array<{ words: string[]; concept: string }>>();
for (const g of ALIAS_GROUPS) {
  for (const form of g.forms) {
    const words = form.split(/[\s-]+/);
    const list = formsByFirstWord.get(words[0]!) ?? [];
    list.push({ words, concept: g.concept });
    list.sort((a, b) => b.words.length - a.words.length);
    formsByFirstWord.set(words[0]!, list);
  }
}

export function splitCamel(word: string): string[] {
  // "PVBs", "CRDs": a plural acronym is one word, not "PV" + "Bs".
  if (/^[A-Z]{2,}s$/.test(word)) return [word.slice(0, -1)];
  return word.match(CAMEL) ?? [word];
}

/** Lower-case words of `text` in order, identifiers split into parts (no stop words removed). */
function words(text: string): { words: string[]; identifiers: string[] } {
  const out: string[] = [];
  const identifiers: string[] = [];
  for (const m of text.matchAll(RAW_TOKEN)) {
    const raw = m[0];
    const parts = raw.split(SEPARATORS).filter(Boolean);
    if (parts.length > 1) identifiers.push(raw.toLowerCase());
    for (const part of parts) {
      const pieces = splitCamel(part);
      if (pieces.length > 1) identifiers.push(part.toLowerCase());
      for (const p of pieces) out.push(p.toLowerCase());
    }
  }
  return { words: out, identifiers };
}

// Identifiers were already split into `seq`, so phrase matching over `seq` sees
// `BackupStorageLocation` as "backup storage location" too. A match consumes its words.
function conceptsOf(seq: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < seq.length; i++) {
    const candidates = formsByFirstWord.get(seq[i]!) ?? formsByFirstWord.get(stem(seq[i]!));
    if (!candidates) continue;
    const hit = candidates.find((c) =>
      c.words.every((w, j) => seq[i + j] === w || stem(seq[i + j] ?? '') === stem(w)),
    );
    if (hit) {
      found.push(hit.concept);
      i += hit.words.length - 1;
    }
  }
  return found;
}

/** Index/query terms for `text`. Repeats are kept (term frequency matters to BM25). */
export function tokenize(text: string): string[] {
  const { words: seq, identifiers } = words(text);
  const terms: string[] = [];
  for (const w of seq) {
    if (STOPWORDS.has(w)) continue;
    terms.push(stem(w));
  }
  for (const id of identifiers) terms.push(id);
  terms.push(...conceptsOf(seq));
  return terms;
}

// One ask tokenizes its question four times (retrieval, the confidence measure, the lead
// choice, the extract); remembering the last few saves that work and its garbage (garbage
// collections landing in an ask make part of its p99).
const QUERY_MEMO = 8;
const queryMemo = new Map<string, readonly string[]>();

/** `tokenize` for a query, remembered for the last few queries; the result is shared, so read-only. */
export function queryTerms(text: string): readonly string[] {
  const known = queryMemo.get(text);
  if (known) return known;
  const terms = Object.freeze(tokenize(text));
  if (queryMemo.size >= QUERY_MEMO) queryMemo.delete(queryMemo.keys().next().value!);
  queryMemo.set(text, terms);
  return terms;
}
