// "Where is X defined?": a question asking for the location of a Go identifier the symbol
// index knows gets the definition's file and line, linked at the index's commit. And any
// answer's backticked identifiers link to their definitions.

import { symbolIndexFor, type SymbolDef, type SymbolIndex } from '../knowledge/symbol-index.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { upstreamUrl } from '../knowledge/upstream-paths.js';
import type { SymbolKind } from '../upstream/go-symbols.js';
import type { AskResult, SourceLink } from './types.js';

/** Definitions listed in full; more are counted and narrowed by `Receiver.Method`. */
export const MAX_LISTED = 8;
/** Symbol links that an ordinary (guide) answer gains at most. */
const MAX_LINKED_SOURCES = 3;

// "find"/"locate" only open a question ("unable to locate ObjectStore plugin" is an error
// message); "implemented" only with "where" ("how is X implemented" asks how).
const INTENT = /\bwhere|\b(which|what|in what) (file|package|folder|dir|directory)\b|^(find|locate|show me|go to)\b|\b(defined|declared|definition of|declaration of)\b/i;

const DEFINED = /\b(defined|declared|implemented|definition|declaration)\b/i;

// Words that phrase the question rather than name the symbol.
const FILLER = new Set(
  ('where wheres is are was the a an defined define defines definition declared declare declaration implemented implement implements ' +
    'implementation located location locate live lives which what file files package folder dir directory has have contains contain ' +
    'find i we you can could do does to should would look for of in on velero veleros code codebase source repo repository please ' +
    'me show tell it its at go golang hey hi thanks so see there and or kept written main logic').split(' '),
);
// A Map, not an object: a question word such as "constructor" must not find Object's own.
const KIND_WORDS = new Map<string, SymbolKind>([
  ...['func', 'function', 'funcs', 'functions', 'constructor'].map((w) => [w, 'func'] as const),
  ...['method', 'methods'].map((w) => [w, 'method'] as const),
  ...['type', 'types', 'struct', 'structs', 'interface', 'interfaces'].map((w) => [w, 'type'] as const),
  ...['const', 'constant', 'constants'].map((w) => [w, 'const'] as const),
  ...['var', 'variable', 'variables'].map((w) => [w, 'var'] as const),
]);

interface Word {
  text: string;
  /** Written as code: backticked, `Receiver.Method`, camelCase or snake_case. */
  codeLike: boolean;
  /** Capitalized mid-sentence ("Backup"): a name only when nothing else is asked about. */
  capitalized: boolean;
}

/** The question's words, code-ish punctuation (`*`, `()`, backticks, quotes) taken off. */
function wordsOf(question: string): Word[] {
  const out: Word[] = [];
  question.split(/\s+/).forEach((raw, i) => {
    // A whole backticked word is code; "`backup create`" is a command line, not an identifier.
    const ticked = /^[("'*]*`[^`\s]+`[)"'?!.,;:]*$/.test(raw);
    const text = raw.replace(/^[`"'(*]+|[`"'?!.,;:)]+$/g, '').replace(/\(\)$/, '').replace(/'s$/i, 's');
    if (!/^\(?\*?[A-Za-z_]\w*\)?(\.[A-Za-z_]\w*)?$/.test(text)) {
      if (text) out.push({ text: '', codeLike: false, capitalized: false }); // keeps plain words from joining across it
      return;
    }
    const clean = text.replace(/^\(\*?|\)(?=\.)/g, '');
    const codeLike = ticked || clean.includes('.') || clean.includes('_') || /[a-z0-9][A-Z]/.test(clean);
    out.push({ text: clean, codeLike, capitalized: i > 0 && /^[A-Z]/.test(clean) });
  });
  return out;
}

/** A name the question asks about, with its definitions. */
interface Target {
  written: string;
  defs: SymbolDef[];
  /** Question words beyond the name, used to rank the definitions ("restore" favours pkg/restore). */
  context: string[];
}

/**
 * The identifiers a where-question asks about. A name written as code counts anywhere in the
 * question; plain words ("restore item action") count only when they are all that is left
 * after the question's phrasing, and only for a compound name (so "where is the backup
 * stored" stays with the guide, while "newpvcpodcache" finds NewPVCPodCache).
 */
export function findTargets(index: SymbolIndex, question: string): { targets: Target[]; kind?: SymbolKind } {
  if (!INTENT.test(question) || question.length > 300) return { targets: [] };
  const words = wordsOf(question);
  // A kind word in lower case says what is asked for ("the X func"); "find Method" names one.
  const isKind = (w: Word) => /^[a-z]/.test(w.text) && KIND_WORDS.has(w.text);
  const kind = words.filter(isKind).map((w) => KIND_WORDS.get(w.text))[0];
  const named = words.filter((w) => !w.text || !FILLER.has(w.text.toLowerCase()));
  const rest = named.filter((w) => !isKind(w));
  const targets = codeTargets(index, rest);
  if (targets.length) return { targets, kind };
  // "the get storage variables function": a kind word inside a name is part of it.
  const trimmed = named.length > 0 && isKind(named[named.length - 1]!) ? named.length - 1 : named.length;
  const plain = plainTarget(index, question, rest, kind) ?? plainTarget(index, question, named.slice(0, trimmed), kind);
  return plain ? { targets: [plain], kind } : { targets: [] };
}

/** Names written as code, and capitalized words whose other question words only say where to look. */
function codeTargets(index: SymbolIndex, rest: Word[]): Target[] {
  const context = rest.map((w) => w.text.toLowerCase()).filter(Boolean);
  const targets: Target[] = [];
  for (const w of rest) {
    if (!(w.codeLike || w.capitalized) || targets.length >= 3 || targets.some((t) => t.written === w.text)) continue;
    const defs = index.resolve(w.text);
    const others = context.filter((c) => c !== w.text.toLowerCase());
    // "where is restore Execute defined" names Execute; "where are the Backup phases defined
    // in the API types" asks about phases.
    if (!w.codeLike && !others.every((c) => defs.some((d) => d.path.toLowerCase().includes(c)))) continue;
    if (defs.length) targets.push({ written: w.text, defs, context: others });
  }
  return targets;
}

/** Plain words that are all the question names, joined: "restore item action" -> RestoreItemAction. */
function plainTarget(index: SymbolIndex, question: string, rest: Word[], kind?: SymbolKind): Target | undefined {
  const plain = rest.filter((w) => w.text);
  if (plain.length === 0 || plain.length > 8 || plain.length !== rest.length) return undefined;
  let joined = plain.map((w) => w.text).join('');
  // "backup phases" -> BackupPhase
  if (!index.lookup(joined).length && /[^s]s$/i.test(joined)) joined = joined.slice(0, -1);
  // One plain word is a name only when compound, typed with its exact spelling after
  // "defined" ("poster defined where?"), or called a func/type/...
  const spelled = DEFINED.test(question);
  const defs = index.lookup(joined).filter((d) => kind !== undefined || plain.length > 1 || isCompound(d.name) || (spelled && d.name === joined));
  return defs.length ? { written: joined, defs, context: [] } : undefined;
}

function isCompound(name: string): boolean {
  return /[a-z0-9][A-Z]|_|[A-Z]{2}[a-z]/.test(name);
}

/** Most relevant first: exact spelling, the kind asked for, question words in the path. */
function rank(target: Target, kind?: SymbolKind): SymbolDef[] {
  const last = target.written.split('.').pop()!;
  const score = (d: SymbolDef) =>
    (d.name === last ? 4 : 0) + (kind && d.kind === kind ? 3 : 0) + target.context.filter((c) => d.path.toLowerCase().includes(c) || d.receiver?.toLowerCase() === c).length * 2 -
    (/^pkg\/(test|builder)\//.test(d.path) ? 1 : 0);
  return target.defs
    .map((d) => ({ d, s: score(d) }))
    .sort((a, b) => b.s - a.s || a.d.path.length - b.d.path.length || (a.d.path < b.d.path ? -1 : a.d.path > b.d.path ? 1 : a.d.line - b.d.line))
    .map((x) => x.d);
}

export function definitionUrl(index: SymbolIndex, d: Pick<SymbolDef, 'path' | 'line'>): string {
  return `${upstreamUrl(index.repo, index.commit, d.path)}#L${d.line}`;
}

const displayName = (d: SymbolDef) => (d.receiver ? `${d.receiver}.${d.name}` : d.name);
const where = (index: SymbolIndex, d: SymbolDef) => `[${d.path}:${d.line}](${definitionUrl(index, d)})`;

function describeTarget(index: SymbolIndex, target: Target, kind?: SymbolKind): { text: string; shown: SymbolDef[] } {
  // "the restore item action interface": the types of that name, not a builder method.
  const ofKind = kind ? target.defs.filter((d) => d.kind === kind) : [];
  const ranked = rank(ofKind.length ? { ...target, defs: ofKind } : target, kind);
  const name = target.written.includes('.') ? target.written : ranked[0]!.name;
  if (ranked.length === 1) {
    const d = ranked[0]!;
    return { text: `\`${displayName(d)}\` (${d.kind} in package \`${d.pkg}\`) is defined at ${where(index, d)}.`, shown: ranked };
  }
  const shown = ranked.slice(0, MAX_LISTED);
  const lines = shown.map((d) => `- \`${displayName(d)}\` (${d.kind}, package \`${d.pkg}\`): ${where(index, d)}`);
  const head =
    ranked.length > shown.length
      ? `\`${name}\` has ${ranked.length} definitions; the ${shown.length} most relevant:`
      : `\`${name}\` has ${ranked.length} definitions:`;
  const method = shown.find((d) => d.receiver);
  const narrow =
    ranked.length > shown.length
      ? `\nTo narrow it down, ask for ${method ? `\`Receiver.Method\`, e.g. "where is ${displayName(method)} defined?"` : 'the package too, e.g. `pkg.Name`'}.`
      : '';
  return { text: `${head}\n${lines.join('\n')}${narrow}`, shown };
}

/**
 * The answer to a where-question about identifiers the symbol index knows, or undefined
 * when the question is not one (it then goes to the guide).
 */
export function answerWhereIs(kb: KnowledgeBase, question: string): Omit<AskResult, 'question' | 'ms' | 'mode' | 'verifiedAt' | 'retrieval'> | undefined {
  if (!INTENT.test(question)) return undefined;
  const index = symbolIndexFor(kb);
  if (!index) return undefined;
  const { targets, kind } = findTargets(index, question);
  if (!targets.length) return undefined;
  const parts = targets.map((t) => describeTarget(index, t, kind));
  const shown = parts.flatMap((p) => p.shown);
  const sources: SourceLink[] = shown.map((d) => ({ path: d.path, url: definitionUrl(index, d), line: d.line }));
  const answer = `${parts.map((p) => p.text).join('\n\n')}\n\n(From the symbol index of Velero's Go code at velero@${index.commit.slice(0, 9)}.)`;
  return { answer, confidence: shown.length === targets.length ? 0.95 : 0.8, outOfScope: false, citations: [], sources };
}

/** A backticked span of an answer or passage that names exactly one definition. */
function uniqueDefinition(index: SymbolIndex, span: string): SymbolDef | undefined {
  if (!/^\(?\*?[A-Za-z_]\w*\)?(\.[A-Za-z_]\w*)?(\(\))?$/.test(span)) return undefined;
  const defs = index.resolve(span);
  const written = span.replace(/[()*]/g, '');
  // Exact spelling only: a guide's `backup` in prose is not the func `Backup`.
  // A one-word span (`New`, `Succeeded`) is as likely a phase or a field as a symbol.
  if (!written.includes('.') && !isCompound(written)) return undefined;
  const exact = defs.filter((d) => d.name === written.split('.').pop());
  return exact.length === 1 ? exact[0] : undefined;
}

const TICKED = /`([^`\n]{1,100})`/g;

// Passages are the corpus's own texts, so what each names is worked out once per index
// (bounded by the corpus size, cleared past it in case other texts come through).
const PASSAGE_MEMO = 4096;
const namedIn = new WeakMap<SymbolIndex, Map<string, SymbolDef[]>>();

/** The definitions a passage's backticked spans name, in order. */
function definitionsIn(index: SymbolIndex, passage: string): SymbolDef[] {
  let memo = namedIn.get(index);
  if (!memo) namedIn.set(index, (memo = new Map()));
  let defs = memo.get(passage);
  if (!defs) {
    defs = [];
    for (const m of passage.matchAll(TICKED)) {
      const d = uniqueDefinition(index, m[1]!);
      if (d) defs.push(d);
    }
    if (memo.size >= PASSAGE_MEMO) memo.clear();
    memo.set(passage, defs);
  }
  return defs;
}

/**
 * Links each backticked identifier of `answer` that names one definition (its first
 * mention), and adds to `sources` the definitions named there or in the passages the answer
 * quotes from, with their lines.
 */
export function linkSymbols(kb: KnowledgeBase, answer: string, sources: SourceLink[], passages: string[] = []): { answer: string; sources: SourceLink[] } {
  if (!answer.includes('`') && !passages.some((p) => p.includes('`'))) return { answer, sources };
  const index = symbolIndexFor(kb);
  if (!index) return { answer, sources };
  const found: SymbolDef[] = [];
  const linked = new Set<string>();
  const text = answer.replace(TICKED, (whole, span: string, at: number) => {
    const d = uniqueDefinition(index, span);
    // Already inside a link's text (`[`X`](...)`), or linked earlier in the answer.
    if (!d || answer[at - 1] === '[' || linked.has(span)) return whole;
    linked.add(span);
    found.push(d);
    return `[${whole}](${definitionUrl(index, d)})`;
  });
  for (const p of passages) found.push(...definitionsIn(index, p));
  const have = new Set(sources.map((s) => s.url));
  const extra: SourceLink[] = [];
  for (const d of found) {
    const url = definitionUrl(index, d);
    if (have.has(url) || extra.length >= MAX_LINKED_SOURCES) continue;
    have.add(url);
    extra.push({ path: d.path, url, line: d.line });
  }
  return { answer: text, sources: [...sources, ...extra] };
}
