// `ask`: retrieve, judge confidence, answer extractively (or hand off to a composer),
// cite the sections and upstream files the answer rests on.

import { performance } from 'node:perf_hooks';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { upstreamUrl } from '../knowledge/upstream-paths.js';
import { assess, namesKnownIdentifier, judgeMeaning, MEANING, OUT_OF_SCOPE_THRESHOLD, type MeaningJudgement } from '../retrieval/confidence.js';
import { rankSections, searchChunks, type ChunkHit, type Corpus } from '../retrieval/index.js';
import { knownTermsMatcher } from '../retrieval/question-match.js';
import type { Chunk } from '../retrieval/types.js';
import { composeExtractive } from './extractive.js';
import { queryTerms, tokenize } from '../retrieval/tokenizer.js';
import { DEFAULT_REPO } from '../config.js';
import { checkQuestion } from './input.js';
import { answerWhereIs, linkSymbols } from './where-is.js';
import { DEFAULT_K, type AskResult, type Citation, type SourceLink } from './types.js';
import { UPSTREAM_SECTION } from '../knowledge/upstream-chunks.js';
import { isDocsChunk } from '../knowledge/velero-docs.js';
import { isFile, pathExists } from '../upstream/file-tree.js';
import { fuseRankings } from '../retrieval/fuse.js';
import type { DenseHit } from '../retrieval/semantic.js';

export interface AskOptions {
  /** Number of sections to cite. */
  k?: number;
  /** Earlier question in the same conversation, used as context for a short follow-up. */
  context?: string;
  repo?: string;
  /**
   * Where citations link: `<linkBase>/guide/<id>#<anchor>` (the bot's own guide pages, whose
   * anchors are the cited ones). Unset: the public guide's page of the topic, without an
   * anchor (its headings differ from ours, so an anchor there could be dead).
   */
  linkBase?: string;
  /** Query vectors by text (the question, and the question with its thread context), embedded before the ask. */
  vectors?: ReadonlyMap<string, Float32Array>;
}

/** The link for a guide passage: the bot's own page at its anchor, or the public page of the topic. */
export function citationUrl(chunk: Pick<Chunk, 'section' | 'anchor' | 'url'>, linkBase?: string): string {
  // Velero's docs are cited on velero.io, anchor and all; the bot serves only the guide.
  if (isDocsChunk(chunk)) return chunk.url;
  if (!linkBase) return chunk.url.split('#')[0]!;
  const base = linkBase.replace(/\/+$/, '');
  return `${base}/guide/${encodeURIComponent(chunk.section)}${chunk.anchor ? `#${chunk.anchor}` : ''}`;
}

export const WHERE_TO_ASK =
  `For anything else about Velero, ask in #velero-users (using Velero) or #velero-dev (developing it) on the Kubernetes Slack, or open a discussion at https://github.com/${DEFAULT_REPO}/discussions.`;

// "and for restores?", "what about the node agent?", "why is that?": words that lean on
// the previous question.
const FOLLOW_UP = /^(and|or|but|also|so|then|what about|how about|and what|why( is| does)? (that|it|this)|same for|ok(ay)?,? (and|what|how))\b|\b(it|that|this|those|they|them)\?*$/i;

/** A question read as a follow-up by meaning alone is this short, and its evidence must rise this much with the context. */
const FOLLOW_UP_MAX_WORDS = 12;
const FOLLOW_UP_MIN_GAIN = 0.2;

/** A follow-up's own words must be at least this well known to the guide. */
const FOLLOW_UP_MIN_COVERAGE = 0.6;

/** Words beyond follow-up phrasing and stop words ("and why?" has none). */
function hasTopicWords(question: string): boolean {
  return tokenize(question.replace(FOLLOW_UP, ' ')).some((t) => !t.startsWith('~'));
}

export function isFollowUp(question: string): boolean {
  return question.length < 120 && FOLLOW_UP.test(question.trim());
}

/** An answer plus what it was built from, for composers that reuse the retrieval. */
export interface Detailed {
  result: AskResult;
  /** The text that was searched (the question, with thread context when it was used). */
  query: string;
  hits: ChunkHit[];
  /** The question's own topic words (beyond its follow-up phrasing) are ones the guide knows. */
  ownWordsKnown: boolean;
  /** The meaning ranking, best first, when the embedding model took part. */
  dense?: DenseHit[];
  meaning?: MeaningJudgement;
}

export function ask(kb: KnowledgeBase, rawQuestion: string, options: AskOptions = {}): AskResult {
  return askDetailed(kb, rawQuestion, options).result;
}

/** The text searched for a follow-up: the question with its thread's earlier one. */
export const followUpQuery = (question: string, context: string) => `${question} ${context}`;

export function askDetailed(kb: KnowledgeBase, rawQuestion: string, options: AskOptions = {}): Detailed {
  const question = checkQuestion(rawQuestion);
  const alone = answer(kb, question, question, options);
  // A thread's earlier question is used only for a message that reads as a follow-up
  // ("and for restores?", "why is that?") and whose own words the guide knows: "write me a
  // poem about cats" after a BSL question is refused as it would be anywhere else.
  if (!options.context || !alone.ownWordsKnown) return alone;
  // By meaning, a short question the knowledge cannot answer alone ("does restore do the
  // same?") is read with the thread's earlier one when that reads clearly better.
  const leans = isFollowUp(question) || (alone.meaning?.notCovered === true && question.split(/\s+/).length <= FOLLOW_UP_MAX_WORDS);
  if (!leans) return alone;
  const joined = answer(kb, question, followUpQuery(question, options.context), options);
  if (joined.result.outOfScope) return alone;
  if (!isFollowUp(question) && (joined.meaning?.evidence ?? 0) < (alone.meaning?.evidence ?? 0) + FOLLOW_UP_MIN_GAIN) return alone;
  return joined;
}

/** Guide-section citations from ranked chunks, best first. */
export function citationsFor(hits: ChunkHit[], k: number, linkBase?: string): Citation[] {
  // Citations name guide sections; repository-metadata passages add answers and source links.
  const ranked = rankSections(hits.filter((h) => h.chunk.section !== UPSTREAM_SECTION));
  const topScore = ranked[0]?.score ?? 1;
  return ranked.slice(0, k).map((s) => ({
    section: s.section,
    title: s.title,
    anchor: s.best.chunk.anchor,
    url: citationUrl(s.best.chunk, linkBase),
    score: Math.round((s.score / topScore) * 1000) / 1000,
  }));
}

/** Upstream links for the paths the given chunks name, at the snapshot commit. */
export function sourcesFor(kb: KnowledgeBase, chunks: Chunk[], repo: string): SourceLink[] {
  const paths = [...new Set(chunks.flatMap((c) => c.sources))]
    .filter((p) => !kb.snapshot || pathExists(kb.snapshot.files, p))
    .slice(0, 5);
  return paths.map((path) => {
    // A folder named without its trailing slash still links as a folder.
    const folder = kb.snapshot && !path.endsWith('/') && !isFile(kb.snapshot.files, path);
    return { path, url: upstreamUrl(repo, kb.upstreamCommit, folder ? `${path}/` : path) };
  });
}

/** A docs citation says which commit of Velero's docs it quotes (extractive and LLM answers). */
export function withDocsCommit(kb: KnowledgeBase, citations: Citation[]): Citation[] {
  if (!kb.docs) return citations;
  const at = ` (main at ${kb.docs.commit.slice(0, 9)})`;
  return citations.map((c) => (isDocsChunk(c) ? { ...c, title: `${c.title}${at}` } : c));
}

/** The best similarity of a sentence of the top passages to the question. */
function bestSentence(hits: ChunkHit[], unitSims: (id: string) => Float32Array): number {
  let best = -1;
  for (const h of hits.slice(0, MEANING.passages)) for (const s of unitSims(h.chunk.id)) best = Math.max(best, s);
  return best;
}

/** A passage's sentence similarities to one query, computed once however often they are read. */
function unitSimsFor(kb: KnowledgeBase, vector: Float32Array): (id: string) => Float32Array {
  const seen = new Map<string, Float32Array>();
  return (id) => {
    let sims = seen.get(id);
    if (!sims) seen.set(id, (sims = kb.semantic!.unitSims(id, vector)));
    return sims;
  };
}

export function notCoveredAnswer(closest: Citation[]): string {
  const near = closest.map((c) => `${c.title} (${c.url})`).join('; ');
  return `The contributor guide doesn't cover this${near ? `; the closest it comes is ${near}` : ''}. ${WHERE_TO_ASK}`;
}

export function outOfScopeAnswer(injection: boolean): string {
  return injection
    ? `I only answer questions about contributing to Velero, and my instructions do not change. ${WHERE_TO_ASK}`
    : `I don't know: the contributor guide does not cover that. ${WHERE_TO_ASK}`;
}

/**
 * The passages an answer is drawn from, best first. The section cited first leads: its
 * rank rests on several passages agreeing, which is firmer evidence than one passage's
 * score. Folder listings answer "where is X?"; elsewhere they would crowd out the prose.
 */
export function passagesFor(question: string, hits: ChunkHit[], corpus?: Corpus, simOf?: ReadonlyMap<Chunk, number>): ChunkHit[] {
  const asksWhere = /\b(where|which (file|folder|package|directory|dir)|what (file|folder|package))\b/i.test(question);
  const usable = asksWhere ? hits : hits.filter((h) => !h.chunk.id.startsWith(`${UPSTREAM_SECTION}#dir-`));
  let lead = rankSections(usable.filter((h) => h.chunk.section !== UPSTREAM_SECTION))[0]?.best;
  if (lead && corpus) lead = askedLead(corpus, question, usable, lead, simOf);
  if (!lead || lead === usable[0]) return usable;
  // The lead passage takes the top score, so the composer weighs it as the best.
  const top = usable[0]!.score;
  return [{ chunk: lead.chunk, score: Math.max(top, lead.score) }, ...usable.filter((h) => h !== lead)];
}

function answer(kb: KnowledgeBase, question: string, query: string, options: AskOptions): Detailed {
  const started = performance.now();
  const repo = options.repo ?? DEFAULT_REPO;
  const located = answerWhereIs(kb, question);
  // A definition from the symbol index is found by name, without ranking.
  if (located) return { query, hits: [], ownWordsKnown: true, result: { question, mode: 'extractive', ...located, ms: Math.round((performance.now() - started) * 100) / 100, verifiedAt: kb.verifiedAt, retrieval: 'lexical' } };
  const vector = kb.semantic ? options.vectors?.get(query) : undefined;
  const retrieval = vector ? 'hybrid' : 'lexical';
  const lexical = searchChunks(kb.corpus, query);
  const dense = vector ? kb.semantic!.rank(vector) : undefined;
  const simOf = dense && new Map(dense.map((d) => [d.chunk, d.sim]));
  const unitSims = vector && unitSimsFor(kb, vector);
  const hits = dense ? fuseRankings(lexical, dense, simOf!, namesKnownIdentifier(kb.corpus, query)) : lexical;
  const judged = assess(kb.corpus, query, hits);
  // Agreement: the words and the meaning put the same section first.
  const agree = !dense || lexical[0]?.chunk.section === dense[0]?.chunk.section;
  const calibration = kb.semantic?.calibration;
  const meaning = unitSims && calibration ? judgeMeaning(calibration, judged.confidence, bestSentence(hits, unitSims), agree) : undefined;
  const done = (r: Omit<AskResult, 'question' | 'ms' | 'mode' | 'verifiedAt' | 'retrieval'>): Detailed => ({
    query,
    hits,
    ...(dense ? { dense } : {}),
    ...(meaning ? { meaning } : {}),
    ownWordsKnown: !judged.injection && (judged.coverage === 0 && judged.focus === 0 ? !hasTopicWords(question) : judged.coverage >= FOLLOW_UP_MIN_COVERAGE),
    result: { question, mode: 'extractive', ...r, ms: Math.round((performance.now() - started) * 100) / 100, verifiedAt: kb.verifiedAt, retrieval },
  });

  if (judged.injection || judged.confidence < OUT_OF_SCOPE_THRESHOLD) {
    return done({ answer: outOfScopeAnswer(judged.injection), confidence: meaning?.confidence ?? judged.confidence, outOfScope: true, citations: [], sources: [] });
  }
  // Words the guide knows, but no sentence of it says what was asked: say so, and name the
  // closest passages, so the asker can check them before asking elsewhere.
  if (meaning?.notCovered) {
    const closest = citationsFor(hits, 2, options.linkBase);
    return done({ answer: notCoveredAnswer(closest), confidence: meaning.confidence, outOfScope: true, citations: closest, sources: [] });
  }
  const citations = withDocsCommit(kb, citationsFor(hits, options.k ?? DEFAULT_K, options.linkBase));
  const answerHits = passagesFor(question, hits, kb.corpus, simOf);
  const extract = composeExtractive(kb.corpus, query, answerHits, unitSims);
  // Nothing quotable (every passage found was a fragment or a repeat): no answer, not an empty one.
  if (!extract.answer.trim()) return done({ answer: outOfScopeAnswer(false), confidence: judged.confidence, outOfScope: true, citations: [], sources: [] });
  const linked = linkSymbols(kb, extract.answer, sourcesFor(kb, extract.usedChunks.map((h) => h.chunk), repo), extract.usedChunks.map((h) => h.chunk.text));
  return done({ ...linked, confidence: meaning?.confidence ?? judged.confidence, outOfScope: false, citations: pointAtQuoted(citations, extract.usedChunks, options.linkBase) });
}

/**
 * A cited section links to the passage the answer quotes from it, when it quotes one, so
 * the reader lands on the sentences they just read rather than on the section's best match.
 */
export function pointAtQuoted(citations: Citation[], quoted: ChunkHit[], linkBase?: string): Citation[] {
  return citations.map((c) => {
    const chunk = quoted.find((h) => h.chunk.section === c.section)?.chunk;
    return chunk ? { ...c, anchor: chunk.anchor, url: citationUrl(chunk, linkBase) } : c;
  });
}

/**
 * A passage whose written question matches the question closely leads instead of the top
 * section's best passage, when its match is clearly better: "default timeout for a backup
 * hook?" is a question the hook-defaults passage was written for, though the hooks overview
 * shares more of its words. Matches are shares of the question's weight (question-match.ts).
 */
export const ASKED_LEAD = { passages: 6, minMatch: 0.5, margin: 0.15 } as const;

function askedLead(corpus: Corpus, question: string, hits: ChunkHit[], lead: ChunkHit, simOf?: ReadonlyMap<Chunk, number>): ChunkHit {
  const asked = knownTermsMatcher(corpus, queryTerms(question));
  // With the model, a passage whose written question shares the query's words but is
  // further from it in meaning than the lead takes no lead.
  const meansLess = (h: ChunkHit) => !!simOf && (simOf.get(h.chunk) ?? 0) < (simOf.get(lead.chunk) ?? 0);
  const matchOf = (h: ChunkHit) => asked(h.chunk)?.match ?? 0;
  const leadMatch = matchOf(lead);
  let best = lead;
  let bestMatch = leadMatch;
  for (const h of hits.slice(0, ASKED_LEAD.passages)) {
    // Velero's docs rank after the guide when both answer, so a docs passage never takes the lead from the guide.
    if (h.chunk.section === UPSTREAM_SECTION || (isDocsChunk(h.chunk) && !isDocsChunk(lead.chunk)) || meansLess(h)) continue;
    const m = matchOf(h);
    if (m > bestMatch) {
      best = h;
      bestMatch = m;
    }
  }
  return bestMatch >= ASKED_LEAD.minMatch && bestMatch >= leadMatch + ASKED_LEAD.margin ? best : lead;
}
