// Judges a PR title by what it says: markers, issue refs, URLs, trailers, punctuation and
// words that fit any change are set aside, and what remains must name the change. Every
// title rule and the suggested title read this one analysis, so they never disagree.
//
// Only simple scans and anchored or single-class regexes are used: titles come from users
// and the cost must stay linear in their length.

import { parseTitle, type TitleParts } from './title-parts.js';

export type TitleKind = 'empty' | 'merge-commit' | 'trailer' | 'github-default' | 'issue-only' | 'vague' | 'question' | 'shouting' | 'no-subject' | 'ok';

export interface TitleAnalysis {
  kind: TitleKind;
  parts: TitleParts;
  /** Issue / PR numbers the title references (`#12`, `issue 12`, `.../issues/12`). */
  refs: number[];
  /** Words left once markers, refs, URLs, stop words and generic words are set aside. */
  words: string[];
}

/** Where only the author knows what to write. */
export const PLACEHOLDER = '<describe the change>';

/** Words that fit any change, so they say nothing about this one. */
const GENERIC = new Set(
  ('fix fixes fixed fixing fixup bugfix bugfixes hotfix bug bugs issue issues problem problems ' +
    'update updates updated updating change changes changed changing patch patches edit edits ' +
    'minor small tiny quick trivial misc miscellaneous various stuff thing things something ' +
    'wip draft pr tweak tweaks improvement improvements cleanup clean-up refactor refactoring ' +
    'feat chore temp tmp todo try attempt please review work done final resolve resolves resolved ' +
    'close closes closed ref refs see related new another').split(' '),
);

/** Glue words. */
const STOP = new Set(
  ('a an the of to for in on at by with and or from into onto as is are was be been it its this that ' +
    'these those my our some up via per also just now all any so very do not').split(' '),
);

// GitHub's own titles: web edits ("Update README.md", "Create foo.go"), uploads, and
// branch names it turns into titles ("Patch 1" from patch-1).
const DEFAULT_VERB = /^(?:update|create|delete|add|rename|modify|change|edit)\s+(\S+)$/i;
const RENAME = /^rename\s+(\S+)\s+to\s+(\S+)$/i;
const PATCH_BRANCH = /^patch[-_ ]?\d+$/i;
const UPLOAD = /^add files via upload$/i;
const EXTENSIONLESS = new Set(['makefile', 'dockerfile', 'license', 'owners', 'codeowners', 'maintainers', 'tiltfile', 'readme', 'changelog', 'notice']);

const TRAILER = /^(?:signed-off-by|co-authored-by|reviewed-by|acked-by|tested-by|reported-by|suggested-by|change-id)\s*:/i;
const MERGE = /^Merge (?:branch|pull request|remote-tracking branch|tag)\b/i;

const URL = /\bhttps?:\/\/\S+/gi;
// `issue 12`, `issue-12`, `issue#12`, `Issue #12`, `PR 12`, `GH-12`; `#12` and `owner/repo#12`
// are matched per token (anchored, so the owner/repo part cannot rescan the text).
const HASH_REF = /^(?:[\w.-]+\/[\w.-]+)?#(\d+)[.,:;]*$/;
const WORD_REF = /\b(?:issues?|pr|pull|gh)[ \t#:_-]*(\d+)\b/gi;

// A changelog file added through the web page is named `<PR>-<login>`.
const isFileLike = (s: string) => s.includes('.') || s.includes('/') || EXTENSIONLESS.has(s.toLowerCase()) || /^\d+-[\w-]+$/.test(s) || s.toLowerCase() === 'file';

function isAlnum(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

/** Trim everything but letters and digits from both ends (a loop: no backtracking). */
function trimPunct(s: string): string {
  const chars = [...s];
  let i = 0;
  let j = chars.length;
  while (i < j && !isAlnum(chars[i]!)) i++;
  while (j > i && !isAlnum(chars[j - 1]!)) j--;
  return chars.slice(i, j).join('');
}

/** Issue / PR numbers in the text, and the text without them and without URLs. */
export function stripRefs(text: string): { rest: string; refs: number[] } {
  const refs: number[] = [];
  let rest = text.replace(URL, (u) => {
    const m = u.match(/\/(?:issues|pull)\/(\d+)/);
    if (m) refs.push(Number(m[1]));
    return ' ';
  });
  rest = rest.replace(WORD_REF, (_all, n: string) => (refs.push(Number(n)), ' '));
  return { rest, refs };
}

/** A token of a summary that says something about the change: as written, and as compared. */
interface Token {
  raw: string;
  word: string;
}

/** Tokens of a summary that say something about the change (numbers go to `refs`). */
function meaningfulTokens(text: string, refs: number[] = []): Token[] {
  const tokens: Token[] = [];
  for (const raw of text.split(/[\s,;()[\]{}"!?`*|<>=+]+/)) {
    const ref = raw.match(HASH_REF);
    if (ref) {
      refs.push(Number(ref[1]));
      continue;
    }
    const w = trimPunct(raw).toLowerCase();
    if (!w) continue;
    // A bare number is an issue ref in disguise ("Fix 1234", "1521: ..."); versions keep their dots.
    if (/^\d+$/.test(w)) {
      if (w.length >= 2) refs.push(Number(w));
      continue;
    }
    if (STOP.has(w) || GENERIC.has(w)) continue;
    if (w.length < 2 && !/[^\x00-\x7f]/.test(w)) continue;
    if (!/\p{L}/u.test(w) && !/^\d+(?:\.\d+)+$/.test(w)) continue;
    tokens.push({ raw, word: w });
  }
  return tokens;
}

/** Words of a summary that say something about the change. */
export function meaningfulWords(text: string, refs: number[] = []): string[] {
  return meaningfulTokens(text, refs).map((t) => t.word);
}

/** Leading tags such as `[docs]`, `[main]`, `(restore)` that the marker parser does not know. */
function stripLeadingTags(s: string): string {
  let rest = s;
  for (let m = rest.match(/^\s*(?:\[[^\]\n]{0,40}\]|\([^)\n]{0,40}\))\s*/); m && m[0]; m = rest.match(/^\s*(?:\[[^\]\n]{0,40}\]|\([^)\n]{0,40}\))\s*/)) {
    rest = rest.slice(m[0].length);
  }
  return rest;
}

/** Words of Velero's code (path segments and identifier parts of the synced file tree). */
export type Vocabulary = ReadonlySet<string>;

/**
 * The words of Velero's code paths, split at separators and camelCase, lower-cased (3+
 * letters). The website, the repository's own automation, release notes and top-level files
 * are left out: their paths are English prose ("community", "maintainers", "actions"), and so
 * is the project's own name, which names no part of it.
 */
export function vocabularyOf(paths: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    if (!p.includes('/') || /^(?:site|\.github|changelogs|design)\//.test(p)) continue;
    for (const w of p.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/)) if (w.length >= 3) out.add(w.toLowerCase());
  }
  out.delete('velero');
  return out;
}

// "Why does…", "Should restore skip…?"; "Do not skip…" is an instruction, so a helper verb
// counts only before a subject ("can someone…", "is this…").
const QUESTION_START = /^(?:why|how|what|where|which|who|any idea)\b|^(?:should|can|could|does|do|did|is|are|will|would)\s+(?:i|we|you|someone|anyone|somebody|anybody|this|it|that|the|my|there)\b/i;

/** Code-like: an identifier (camelCase, snake_case, dotted or slashed), a flag, a version. */
const codeLike = (w: string) => /[a-z][A-Z]|[A-Z]{2,}[a-z]|_|\.\w|\/\w|^--?[a-z]|^v?\d+(?:\.\d+)+$|^[A-Z]{3,6}s?$|[a-z]\d|\d[a-z]/.test(w);

/** A word names a part of Velero when Velero's code uses it (plural and -ed/-ing forms too) or it is code-like. */
function namesVelero(raw: string, vocabulary: Vocabulary): boolean {
  if (codeLike(raw)) return true;
  return raw
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((w) => w.length >= 3 && [w, w.replace(/s$/, ''), w.replace(/es$/, ''), w.replace(/(?:ed|ing)$/, ''), w.replace(/(?:ed|ing)$/, 'e')].some((f) => vocabulary.has(f)));
}

// Every title rule and the suggestion ask about the same title: analyse it once. (Linear
// per call, but nine passes over a 256 KB title from an event payload add up.)
// A few recent titles per vocabulary: the suggestion analyses the PR's own sentences between
// the rules' calls about the title, which must not evict it.
const CACHED = 16;
const caches = new WeakMap<object, Map<string, TitleAnalysis>>();
const NO_VOCABULARY = {};

/**
 * `vocabulary`: Velero's code words; with it, a title whose words name no part of Velero
 * ("resolve merge conflicts", "handle edge case") is judged as saying nothing about the change.
 */
export function analyzeTitle(title: string, vocabulary?: Vocabulary): TitleAnalysis {
  const key = vocabulary ?? NO_VOCABULARY;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map()));
  let analysis = cache.get(title);
  if (!analysis) {
    analysis = analyze(title, vocabulary);
    if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
    cache.set(title, analysis);
  }
  return analysis;
}

function analyze(title: string, vocabulary?: Vocabulary): TitleAnalysis {
  const t = title.trim();
  const parts = parseTitle(t);
  const base = { parts, refs: [] as number[], words: [] as string[] };
  if (!t) return { ...base, kind: 'empty' };
  if (MERGE.test(t)) return { ...base, kind: 'merge-commit' };
  if (TRAILER.test(t)) return { ...base, kind: 'trailer' };

  const summary = stripLeadingTags(parts.summary).trim();
  const dv = summary.match(DEFAULT_VERB);
  const rn = summary.match(RENAME);
  if ((dv && isFileLike(dv[1]!)) || (rn && isFileLike(rn[1]!)) || PATCH_BRANCH.test(summary) || UPLOAD.test(summary)) {
    return { ...base, kind: 'github-default' };
  }
  const { rest, refs } = stripRefs(summary);
  const tokens = meaningfulTokens(rest, refs);
  const words = tokens.map((t) => t.word);
  // Two words is the least that names a change ("Retry uploads", "Bump Kopia").
  let kind: TitleKind = words.length >= 2 ? 'ok' : words.length === 0 && refs.length ? 'issue-only' : 'vague';
  if (kind === 'ok') kind = judgeWhatItSays(summary, tokens, vocabulary);
  return { parts, refs: [...new Set(refs)], words, kind };
}

/**
 * Past the words count: a question asks instead of saying what the change does; shouting
 * (every letter a capital) reads as noise; and the words must name some part of Velero (a
 * word its code uses, or an identifier, flag, path or version), else the title is about the
 * process ("address review feedback") or says nothing specific ("handle edge case").
 */
function judgeWhatItSays(summary: string, tokens: Token[], vocabulary?: Vocabulary): TitleKind {
  const s = summary.trim();
  if (s.endsWith('?') || QUESTION_START.test(s)) return 'question';
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 10 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 'shouting';
  if (!vocabulary) return 'ok';
  // @mentions name people, not code.
  return tokens.some((t) => !t.raw.startsWith('@') && namesVelero(trimPunct(t.raw), vocabulary)) ? 'ok' : 'no-subject';
}
