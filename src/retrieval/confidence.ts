// How far the knowledge supports an answer, in 0..1. Two measures, both over the query's
// topic terms weighted by rarity (idf; a term the corpus never saw counts as rare):
//  - coverage: share of the query the corpus knows at all;
//  - focus: share of the query the best passage itself contains.
// A question about bread shares no rare terms with the guide and scores near 0; a Velero
// question shares most of them. A question naming something Velero-specific (domain.ts)
// gets a floor; one that names nothing of Velero's is answered only when the evidence is
// strong (in Velero's own channels nearly every question is about Velero, and "what
// linter does CI run?" names no Velero word). Prompt-injection attempts score 0.

import type { Corpus, ChunkHit } from './index.js';
import { idf } from './index.js';
import { isDomainTerm, namesOtherProduct, scopesToOtherProject } from './domain.js';
import { queryTerms, tokenize } from './tokenizer.js';
import { nearTerm } from './near-term.js';
import { STOPWORDS } from './stopwords.js';
import { questionMatcher } from './question-match.js';
import type { Calibration } from '../embeddings/model-spec.js';

/** Confidence weights, in one place. */
export const CONFIDENCE = {
  /** Below this, the question is answered with "I don't know". */
  threshold: 0.28,
  coverageWeight: 0.55,
  focusWeight: 0.45,
  /** Curve that spreads mid values apart. */
  exponent: 1.2,
  /**
   * A question naming something of Velero's gets at least `floor` when the evidence
   * (`evidenceWeights` over coverage, focus and the best indexed-question match) reaches
   * `anchoredMinEvidence`: "how much does velero cost" names Velero but nothing the guide
   * can answer about it.
   */
  floor: 0.15,
  evidenceWeights: { coverage: 0.4, focus: 0.3, questionMatch: 0.3 },
  anchoredMinEvidence: 0.31,
  /**
   * A question with no Velero word is answered on evidence alone: the guide must know
   * nearly all of its words and the best passage must hold most of them; otherwise it is
   * capped at `unanchoredCap` of its raw score.
   */
  unanchoredMinCoverage: 0.75,
  unanchoredMinFocus: 0.55,
  /** ... and one question a top passage is known to answer must share this much of it. */
  unanchoredMinQuestionMatch: 0.35,
  /** Passages whose indexed questions are compared. */
  questionMatchPassages: 3,
  unanchoredCap: 0.3,
  /** An unknown identifier-shaped word (the asker's own names) weighs this much of an unknown word. */
  ownNameWeight: 0.3,
  /**
   * A word known only from the written questions ("cant find it anywhere", "lol", "tldr")
   * is how newcomers phrase a question, not what it is about: it weighs this much.
   */
  phrasingWeight: 0.5,
  /** A near-miss spelling counts this much of an exact term. */
  typoCredit: 0.7,
  /** Factor for questions about another product. */
  otherProduct: 0.3,
} as const;

export const OUT_OF_SCOPE_THRESHOLD = CONFIDENCE.threshold;

const INJECTION = [
  /\b(ignore|disregard|forget|override|bypass)\b[^.?!]{0,60}\b(instructions?|rules|prompts?|directions|guidelines|context)\b/i,
  /\b(system|hidden|initial|original|developer)\s+(prompt|message|instructions?)\b/i,
  /\byou are now\b|\bact as (an?|the)\b|\bpretend (to be|you are)\b|\bjailbreak\b|\bdeveloper mode\b|\bDAN mode\b/i,
  /\b(reveal|print|show|leak|dump|repeat|paste|output)\b[^.?!]{0,90}\b(your (instructions|prompt|rules|config(uration)?)|api[ _-]?keys?|tokens?|secrets?|env(ironment)? var|setup text|hidden rules)/i,
  /\bnew (instructions|rules|task)\s*[:.-]/i,
  /\b(system|admin|security)\s+(notice|override|message)\s*:/i,
  /\b(hidden|secret|internal)\s+(rules|instructions|prompt|configuration)\b/i,
  /\b(admin|maintenance|god|debug)\s+mode\b[^.?!]{0,40}\b(enabled|activated|on)\b/i,
  /\b(earlier|previous|prior|above|original)\s+(guidelines|instructions|rules)\b[^.?!]{0,30}\b(no longer|don'?t|do not)\s+apply/i,
];

export function looksLikeInjection(query: string): boolean {
  return INJECTION.some((re) => re.test(query));
}

export interface Assessment {
  confidence: number;
  coverage: number;
  focus: number;
  injection: boolean;
}

export function assess(corpus: Corpus, query: string, hits: ChunkHit[]): Assessment {
  const injection = looksLikeInjection(query);
  const all = [...new Set(queryTerms(query))];
  const terms = all.filter((t) => !t.startsWith('~'));
  const onTopic = all.some(isDomainTerm) || namesKnownIdentifier(corpus, query);
  // Numbers alone ("9", "1 2 3") name nothing the guide could be asked about.
  if (injection || !terms.some((t) => /[a-z]/.test(t)) || hits.length === 0) {
    return { confidence: 0, coverage: 0, focus: 0, injection };
  }
  const unseenWeight = idf(corpus, '\u0000never-seen');
  // The asker's own names (`velero.io/myplugin`, `my-bucket-2`) are bound to be unknown;
  // they say little about whether the guide covers the question.
  const ownNames = new Set((query.match(/[\w-]+(?:[./][\w-]+)+/g) ?? []).flatMap((id) => [id.toLowerCase(), ...tokenize(id)]));
  const top = corpus.termsOf(hits[0]!.chunk.id);
  let total = 0;
  let known = 0;
  let inTop = 0;
  for (const t of terms) {
    // "teh", "waht": a typo of a word that carries no topic carries none either.
    if (!corpus.docFreq.has(t) && isSwappedStopword(t)) continue;
    const seen = corpus.docFreq.has(t) ? t : nearTerm(corpus, t);
    const w = seen
      ? idf(corpus, seen) * (corpus.inPassages(seen) ? 1 : CONFIDENCE.phrasingWeight)
      : unseenWeight * (ownNames.has(t) || /[\d./_-]/.test(t) ? CONFIDENCE.ownNameWeight : 1);
    total += w;
    if (seen) known += w * (seen === t ? 1 : CONFIDENCE.typoCredit);
    if (seen && top.has(seen)) inTop += w;
  }
  const coverage = known / total;
  const focus = inTop / total;
  // Weighted mean, curved so mid values spread out; a question with no Velero word at all
  // is capped low, one with such a word gets a floor.
  const c = CONFIDENCE;
  const raw = (c.coverageWeight * coverage + c.focusWeight * focus) ** c.exponent;
  const matched = bestQuestionMatch(corpus, terms, hits, total);
  const w = c.evidenceWeights;
  const anchored = onTopic && w.coverage * coverage + w.focus * focus + w.questionMatch * matched >= c.anchoredMinEvidence;
  const evidenced = coverage >= c.unanchoredMinCoverage && focus >= c.unanchoredMinFocus && matched >= c.unanchoredMinQuestionMatch;
  let confidence = Math.max(0, Math.min(1, anchored || evidenced ? c.floor + (1 - c.floor) * raw : c.unanchoredCap * raw));
  if (namesOtherProduct(all) || scopesToOtherProject(query)) confidence *= c.otherProduct;
  return { confidence: round(confidence), coverage: round(coverage), focus: round(focus), injection };
}

/**
 * How much of the query one of the questions that the top passages are known to answer
 * shares (weighted by rarity): "which go version do i need to build it" is a question the
 * guide was written to answer, "how do I install helm charts for prometheus" only shares
 * words with it.
 */
function bestQuestionMatch(corpus: Corpus, terms: string[], hits: ChunkHit[], total: number): number {
  const asked = questionMatcher(corpus, terms, total);
  return Math.max(0, ...hits.slice(0, CONFIDENCE.questionMatchPassages).map((h) => asked(h.chunk)?.match ?? 0));
}

// Stop words with two neighbouring letters swapped ("the" -> "teh", "what" -> "waht").
const SWAPPED_STOPWORDS = new Set(
  [...STOPWORDS].filter((w) => w.length >= 3 && /^[a-z]+$/.test(w)).flatMap((w) => [...w.slice(1)].map((_, i) => w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))),
);
const isSwappedStopword = (t: string) => SWAPPED_STOPWORDS.has(t) && !STOPWORDS.has(t);

/**
 * A CamelCase or dotted identifier from the question that the guide also uses
 * (`DownloadRequest`, `velero.io/exclude-from-backup`) ties it to Velero as surely as a
 * keyword does.
 */
export function namesKnownIdentifier(corpus: Corpus, query: string): boolean {
  const ids = query.match(/\b[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*\b|\b[A-Za-z][\w-]*(?:[./][\w-]+)+\b/g) ?? [];
  return ids.some((id) => corpus.docFreq.has(id.toLowerCase()));
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * With the embedding model, confidence rests on evidence: how close the best sentence of the
 * top passages comes to the question in meaning, beside the lexical confidence above. A
 * question whose evidence falls below the model's `notCoveredBelow` is one the knowledge does
 * not cover, though its words may be Velero's ("which Helm value sets the node-agent's memory
 * limit?"). The weights are the model's own (models/embedding-models.json).
 */
export const MEANING = {
  /** Passages of the fused ranking whose sentences are compared. */
  passages: 5,
  /** Confidence kept when the two rankings disagree on the best section. */
  disagreement: 0.8,
} as const;

export interface MeaningJudgement {
  /** Best similarity of a sentence of the top passages to the question. */
  sentence: number;
  evidence: number;
  confidence: number;
  notCovered: boolean;
}

export function judgeMeaning(calibration: Calibration, lexicalConfidence: number, bestSentence: number, rankingsAgree = true): MeaningJudgement {
  const c = calibration;
  const evidence = lexicalConfidence + c.sentenceWeight * bestSentence;
  return {
    sentence: round(bestSentence),
    evidence: round(evidence),
    confidence: round(Math.max(0, Math.min(1, (evidence - c.low) / (c.high - c.low))) * (rankingsAgree ? 1 : MEANING.disagreement)),
    notCovered: evidence < c.notCoveredBelow,
  };
}
