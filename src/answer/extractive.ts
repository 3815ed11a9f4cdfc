// Extractive answer: contiguous spans of the best passages, not a collage of sentences.
// The first span is the window of consecutive segments (sentences, list items, short lists
// quoted whole; see segments.ts) in the section cited first that covers most of the
// question; it starts at a sentence that stands on its own and reads on through its passage.
// Up to two more spans are added only for question words still uncovered. Fragments,
// cross-references and repeats are never quoted (sentences.ts).

import type { Corpus, ChunkHit, Unit } from '../retrieval/index.js';
import { idf } from '../retrieval/index.js';
import { queryTerms as termsOfQuery, tokenize } from '../retrieval/tokenizer.js';
import { nearTerm } from '../retrieval/near-term.js';
import { knownTermsMatcher, type Matcher } from '../retrieval/question-match.js';
import type { Chunk } from '../retrieval/types.js';
import { joinSpan, segmentsOf, withDefinitions, type Segment } from './segments.js';
import { restatesSentence } from './sentences.js';


/** Extract weights and sizes, in one place. */
export const EXTRACT = {
  /** Longest answer, in characters (chat-sized). */
  charBudget: 1100,
  /** Passages considered: the best ones scoring at least `passageFloor` of the top. */
  passages: 6,
  passageFloor: 0.25,
  /** A passage's weight is its score relative to the best, to this power. */
  passageCurve: 1.5,
  /** The first span is read on through its passage up to this many characters. */
  firstSpanChars: 650,
  /** A passage this short, quoted to its end, reads on into the next passage of its page. */
  shortPassageChars: 400,
  /** Numbered steps quoted from step 1 may run to this length in the first span. */
  wholeStepsChars: 1500,
  /** Segments (sentences, items, short lists) in one span. */
  windowSegments: 6,
  /** Score lost per 100 characters of span, so a short span that answers wins. */
  lengthCost: 0.03,
  /** Spans quoted, from at most `maxPassages` passages. */
  maxSpans: 3,
  maxPassages: 3,
  /** Each later sentence of a span that returns to a question term adds this share of it, up to `repeatTermMax` times. */
  repeatTermWeight: 0.3,
  repeatTermMax: 2,
  /** A question term the lead passage lacks counts this much of its rarity. */
  offTopicTermWeight: 0.35,
  /** A question term found only in a passage's heading counts this much. */
  headingTermWeight: 0.25,
  /** Bonus for a sentence that defines the asked-about term ("A BSL is ..."). */
  definitionBonus: 1.5,
  /** Bonus for a span that starts a passage: first sentences usually state its point. */
  leadBonus: 0.2,
  /** A later span whose words are at least this share already quoted restates the answer (so does one restating a quoted sentence). */
  restateShare: 0.7,
  /** A later span must add at least this share of the question's weight not yet covered... */
  minNewCoverage: 0.05,
  /**
   * ...unless it holds the segment a passage's written question points at, when that
   * question shares at least `askedMinMatch` of the query's weight; such a window gains
   * `askedBonus`.
   */
  askedMinMatch: 0.5,
  askedBonus: 2,
  /**
   * A weaker match (`askedRelativeMatch`) counts too when it beats the lead passage's by
   * `askedMargin` and the passage scores at least `askedMinScore` of the lead: the docs'
   * page written for "velero backup delete vs kubectl delete" under a guide-led answer.
   */
  askedRelativeMatch: 0.3,
  askedMargin: 0.15,
  askedMinScore: 0.5,
  /** Such a span may run this far past `charBudget`: it is the part the asker asked for. */
  askedExtraChars: 300,
  /**
   * With the embedding model: the window holding the sentence closest in meaning to the
   * question gains up to this share of the question's whole term weight. Sentences this far
   * (`meaningWindow`) below the closest one gain nothing; later segments of a window count
   * less (`meaningDecay` each), so the answer leads with the sentence that answers.
   */
  meaningWeight: 0.25,
  meaningWindow: 0.15,
  meaningDecay: 0.15,
} as const;

interface Passage {
  hit: ChunkHit;
  rank: number;
  /** Retrieval score relative to the best passage, curved so the best passage leads. */
  weight: number;
  segments: Segment[];
  /** Per segment, the numbers of the question terms it holds. */
  termHits: number[][];
  /** Question terms in the passage's heading, by number and as a mask. */
  headingHits: number[];
  headingMask: Uint8Array;
  /** The segment that the passage's indexed question closest to the query points at. */
  asked?: number;
  /** Per segment, its score for meaning (see `meaningWeight`), when the model took part. */
  meaning?: Float64Array;
}

/** Similarity of the question to each answer unit of a passage (corpus.unitsOf order). */
export type UnitMeaning = (chunkId: string) => Float32Array | undefined;

interface Window {
  passage: Passage;
  from: number;
  to: number;
  score: number;
  gain: number;
}

export interface Extract {
  answer: string;
  /** Chunks the answer quotes, best first. */
  usedChunks: ChunkHit[];
}

export function composeExtractive(corpus: Corpus, question: string, hits: ChunkHit[], meaning?: UnitMeaning): Extract {
  const queryTerms = spelledAsCorpus(corpus, termsOfQuery(question));
  // Words the lead passage shares with the question are its topic; the rest ("writing a
  // script that needs to find them") are the asker's circumstances and weigh less.
  const leadTerms = hits[0] ? corpus.termsOf(hits[0].chunk.id) : new Set<string>();
  const weights = new Map([...queryTerms].map((t) => [t, idf(corpus, t) * (leadTerms.has(t) ? 1 : EXTRACT.offTopicTermWeight)]));
  const weightOf = (t: string) => weights.get(t) ?? 0;
  const totalWeight = [...queryTerms].reduce((s, t) => s + weightOf(t), 0) || 1;
  const q = numbered(queryTerms, weightOf);
  const passages = preparePassages(corpus, question, queryTerms, q, hits);
  if (meaning) scoreMeaning(passages, meaning, EXTRACT.meaningWeight * totalWeight);
  const leadSection = new Set(passages.filter((p) => p.hit.chunk.section === passages[0]?.hit.chunk.section).map((p) => p.rank));
  const covered = new Uint8Array(q.weight.length);
  const taken = new Map<number, Set<number>>();
  const spans: Array<{ passage: Passage; from: number; to: number; text: string }> = [];
  const quotedUnits = new Set<Unit>();
  let used = 0;
  /** Records a span: its units are quoted, its segments taken, its question terms covered. */
  const quote = (passage: Passage, from: number, to: number, units: Unit[], text: string) => {
    units.forEach((u) => quotedUnits.add(u));
    spans.push({ passage, from, to, text });
    used += text.length + 2;
    const mark = taken.get(passage.rank) ?? new Set<number>();
    for (let i = from; i <= to; i++) {
      mark.add(i);
      for (const t of passage.termHits[i]!) covered[t] = 1;
    }
    taken.set(passage.rank, mark);
  };

  /** A window not quoted: its segments are not offered again. */
  const setAside = (w: Window) => {
    const mark = taken.get(w.passage.rank) ?? new Set<number>();
    for (let i = w.from; i <= w.to; i++) mark.add(i);
    taken.set(w.passage.rank, mark);
  };

  let retries = 0;
  for (let n = 0; n < EXTRACT.maxSpans; n++) {
    const ranks = new Set(spans.map((s) => s.passage.rank));
    const room = EXTRACT.charBudget - used;
    // The first span comes from the section cited first, when it has anything to say.
    const only = n === 0 ? leadSection : ranks.size >= EXTRACT.maxPassages ? ranks : undefined;
    const best = bestWindow(passages, q, covered, taken, room, only, n > 0) ?? (n === 0 ? bestWindow(passages, q, covered, taken, room) : undefined);
    if (!best || (n > 0 && !holdsAsked(best.passage, best.from, best.to) && best.gain / totalWeight < EXTRACT.minNewCoverage)) break;
    // The first span reads on through its passage up to `firstSpanChars`: the sentences
    // after the best match usually finish the point (the flag, the annotation, the default).
    if (n === 0) best.to = extendForward(best.passage, best.from, best.to, Math.min(room, EXTRACT.firstSpanChars));
    const stepsRoom = n === 0 ? Math.max(room, EXTRACT.wholeStepsChars) : room;
    const from = fromFirstStep(best.passage, best.from, best.to, stepsRoom, taken.get(best.passage.rank));
    const steps = from !== best.from;
    best.from = from;
    // Numbered steps are quoted whole: a span that would open at step 3 of "five steps" reads
    // as steps lost, and one that stops at step 3 as the procedure done. A span ending inside
    // steps reads on to the last one when it fits, else ends before the list; one opening
    // inside them is not quoted, its segments are not offered again, and the span is chosen anew.
    const closed = opensMidList(best.passage.segments[from]!) ? undefined : closeSteps(best.passage, best.from, best.to, stepsRoom);
    if (closed === undefined) {
      setAside(best);
      if (n === 0 && retries++ < EXTRACT.passages * EXTRACT.windowSegments) n--;
      continue;
    }
    const stepsKept = steps || closed > best.to;
    best.to = closed;
    const segments = best.passage.segments.slice(best.from, best.to + 1);
    const first = segments[0]!;
    const leadIn = first.leadIn && !first.units.includes(first.leadIn) && !quotedUnits.has(first.leadIn) ? [first.leadIn] : [];
    const units = [...leadIn, ...segments.flatMap((g) => g.units)];
    // A later span that mostly restates what is quoted ("Velero defines 13 custom resources"
    // after the passage that lists them) says the same fact twice: another window is tried.
    if (n > 0 && restates(units, quotedUnits)) {
      setAside(best);
      continue;
    }
    const text = joinSpan(units);
    if (n > 0 && text.length > room + (holdsAsked(best.passage, best.from, best.to) ? EXTRACT.askedExtraChars : 0)) break;
    quote(best.passage, best.from, best.to, units, n === 0 ? trimTo(text, stepsKept ? stepsRoom : EXTRACT.charBudget) : text);
    const more = n === 0 ? continuation(corpus, q, passages, best, Math.min(room, EXTRACT.firstSpanChars) - text.length - 2) : undefined;
    if (more) {
      passages.push(more.passage);
      const moreUnits = more.passage.segments.slice(0, more.to + 1).flatMap((g) => g.units);
      quote(more.passage, 0, more.to, moreUnits, joinSpan(moreUnits));
    }
  }
  // Spans of one passage read in its order, placed where that passage's first span came.
  const order = [...new Set(spans.map((s) => s.passage.rank))];
  spans.sort((a, b) => order.indexOf(a.passage.rank) - order.indexOf(b.passage.rank) || a.from - b.from);
  // Two spans of one passage that meet read as one.
  const answer = spans.reduce((out, s, i) => {
    const prev = spans[i - 1];
    if (!prev) return s.text;
    return out + (prev.passage === s.passage && prev.to + 1 === s.from ? '\n' : '\n\n') + s.text;
  }, '');
  return {
    answer,
    usedChunks: order.map((rank) => passages[rank]!.hit),
  };
}

/**
 * The question's terms, a misspelt one ("concurency") read as the corpus term one edit away:
 * retrieval matched the passage through it, so the extract must find its sentences too.
 */
function spelledAsCorpus(corpus: Corpus, terms: readonly string[]): Set<string> {
  return new Set(terms.map((t) => (corpus.docFreq.has(t) ? t : (nearTerm(corpus, t) ?? t))));
}

function preparePassages(corpus: Corpus, question: string, queryTerms: Set<string>, q: QueryTerms, hits: ChunkHit[]): Passage[] {
  const top = hits[0]?.score ?? 0;
  // "What is a BSL?" wants the sentence that defines it, not the first one that mentions it.
  const asksDefinition = /^\s*(what|who)(\s+is|\s+are|'s|s)\b|^\s*what does .+ (do|mean)\b|^\s*(define|explain)\b/i.test(question);
  const asked = knownTermsMatcher(corpus, queryTerms);
  return hits
    .filter((h) => h.score >= top * EXTRACT.passageFloor)
    .slice(0, EXTRACT.passages)
    .map((hit, rank) => passageOf(corpus, q, hit, rank, (hit.score / top) ** EXTRACT.passageCurve, asksDefinition ? queryTerms : undefined))
    .map((p, _, all) => ({ ...p, asked: askedSegment(corpus, queryTerms, asked, p, all[0]) }));
}

function passageOf(corpus: Corpus, q: QueryTerms, hit: ChunkHit, rank: number, weight: number, definitionOf?: Set<string>): Passage {
  const segments = withDefinitions(segmentsOf(corpus.unitsOf(hit.chunk.id)), definitionOf);
  const headingHits = termNumbers(headingTermsOf(hit.chunk), q);
  const headingMask = new Uint8Array(q.weight.length);
  for (const i of headingHits) headingMask[i] = 1;
  return { hit, rank, weight, segments, termHits: segments.map((g) => termNumbers(g.terms, q)), headingHits, headingMask };
}

/**
 * A short passage quoted to its end whose next passage is its own first sub-heading ("To
 * proceed, provide a certificate bundle.", then "Trusting a self-signed certificate during
 * installation") has its point there: the first span reads on into that passage.
 */
function continuation(corpus: Corpus, q: QueryTerms, passages: Passage[], span: { passage: Passage; to: number }, room: number): { passage: Passage; to: number } | undefined {
  const p = span.passage;
  if (span.to !== p.segments.length - 1 || p.hit.chunk.text.length > EXTRACT.shortPassageChars || room <= 0) return undefined;
  const chunk = nextPassageOf(corpus, p.hit.chunk);
  if (!chunk || passages.some((x) => x.hit.chunk === chunk)) return undefined;
  const next = passageOf(corpus, q, { chunk, score: p.hit.score }, passages.length, p.weight);
  const first = next.segments[0];
  if (!first?.quotable || first.leans || first.text.length > room) return undefined;
  return { passage: next, to: extendForward(next, 0, 0, room) };
}

const following = new WeakMap<Corpus, Map<Chunk, Chunk>>();
function nextPassageOf(corpus: Corpus, chunk: Chunk): Chunk | undefined {
  let next = following.get(corpus);
  if (!next) {
    next = new Map();
    corpus.chunks.forEach((c, i) => {
      const after = corpus.chunks[i + 1];
      // Only into a sub-heading: a sibling heading ("Steps to troubleshoot metrics" after
      // "Backup stuck InProgress") is another topic.
      if (after && after.section === c.section && after.headingPath.length > c.headingPath.length && c.headingPath.every((h, k) => after.headingPath[k] === h)) next!.set(c, after);
    });
    following.set(corpus, next);
  }
  return next.get(chunk);
}

const headingTerms = new WeakMap<Chunk, Set<string>>();
function headingTermsOf(chunk: Chunk): Set<string> {
  let terms = headingTerms.get(chunk);
  if (!terms) headingTerms.set(chunk, (terms = new Set(tokenize(chunk.headingPath.join(' ')))));
  return terms;
}

/**
 * The question's terms by number, with their weights, so scoring a window adds numbers
 * instead of looking words up (the extract scores every window of six passages, per span).
 */
interface QueryTerms {
  index: Map<string, number>;
  weight: Float64Array;
}

function numbered(terms: Set<string>, weightOf: (t: string) => number): QueryTerms {
  const list = [...terms];
  return { index: new Map(list.map((t, i) => [t, i])), weight: Float64Array.from(list, weightOf) };
}

const termNumbers = (terms: Set<string>, q: QueryTerms): number[] => {
  const out: number[] = [];
  for (const t of terms) {
    const i = q.index.get(t);
    if (i !== undefined) out.push(i);
  }
  return out;
};

/** The window of consecutive segments worth most for what the question still lacks. */
function bestWindow(
  passages: Passage[],
  q: QueryTerms,
  covered: Uint8Array,
  taken: Map<number, Set<number>>,
  room: number,
  only?: Set<number>,
  /** A later span: one holding an asked segment may run past the budget. */
  later = false,
): Window | undefined {
  let best: Window | undefined;
  const counts = new Int32Array(q.weight.length);
  for (const p of passages) {
    if (only && !only.has(p.rank)) continue;
    const busy = taken.get(p.rank);
    // Question terms only the heading holds count a little, until a sentence holds them.
    let headingAll = 0;
    for (const i of p.headingHits) if (!covered[i]) headingAll += EXTRACT.headingTermWeight * q.weight[i]!;
    for (let from = 0; from < p.segments.length; from++) {
      const first = p.segments[from]!;
      // A span starts at a segment that stands on its own.
      if (!first.quotable || first.leans || busy?.has(from)) continue;
      counts.fill(0);
      let gain = 0;
      let elaboration = 0;
      let heading = headingAll;
      let length = 0;
      let meant = 0;
      for (let to = from; to < p.segments.length && to < from + EXTRACT.windowSegments; to++) {
        const g = p.segments[to]!;
        if (busy?.has(to) || !g.quotable) break;
        length += g.text.length + 1;
        if (length > room + (later && p.asked !== undefined ? EXTRACT.askedExtraChars : 0) && to > from) break;
        // A term counts fully once; later sentences that return to it elaborate the point
        // and count a little (saturating), so a span does not stop at its first sentence.
        for (const i of p.termHits[to]!) {
          if (covered[i]) continue;
          const n = ++counts[i]!;
          if (n === 1) {
            gain += q.weight[i]!;
            if (p.headingMask[i]) heading -= EXTRACT.headingTermWeight * q.weight[i]!;
          } else if (n - 1 <= EXTRACT.repeatTermMax) elaboration += q.weight[i]! * EXTRACT.repeatTermWeight;
        }
        // A window may not end just before a sentence that leans on it: that one is part of the
        // point. Unless it cannot be quoted at all (it is about code left out): then the window ends here.
        if (p.meaning) meant = Math.max(meant, p.meaning[to]! * Math.max(0, 1 - EXTRACT.meaningDecay * (to - from)));
        const next = p.segments[to + 1];
        if (next?.leans && next.quotable && to + 1 < from + EXTRACT.windowSegments) continue;
        const asked = holdsAsked(p, from, to);
        if (gain <= 0 && !asked && meant <= 0) continue;
        const lead = from === 0 ? EXTRACT.leadBonus : 0;
        const defines = first.defines ? EXTRACT.definitionBonus : 0;
        const score = (gain + elaboration + heading + lead + defines + meant + (asked ? EXTRACT.askedBonus : 0)) * p.weight - EXTRACT.lengthCost * (length / 100);
        if (!best || score > best.score) best = { passage: p, from, to, score, gain };
      }
    }
  }
  return best;
}

/** Each segment's meaning score: its closest unit, against the closest unit of any passage. */
function scoreMeaning(passages: Passage[], meaning: UnitMeaning, scale: number): void {
  const sims = passages.map((p) => {
    const units = meaning(p.hit.chunk.id);
    return p.segments.map((g) => {
      let best = -1;
      for (let i = g.at; i < g.at + g.units.length; i++) best = Math.max(best, units?.[i] ?? -1);
      return best;
    });
  });
  const top = Math.max(-1, ...sims.flat());
  const floor = top - EXTRACT.meaningWindow;
  passages.forEach((p, i) => (p.meaning = Float64Array.from(sims[i]!, (s) => (s > floor ? (scale * (s - floor)) / EXTRACT.meaningWindow : 0))));
}

function extendForward(p: Passage, from: number, to: number, chars: number): number {
  let length = p.segments.slice(from, to + 1).reduce((n, g) => n + g.text.length + 1, 0);
  while (to + 1 < p.segments.length) {
    const next = p.segments[to + 1]!;
    if (!next.quotable || length + next.text.length + 1 > chars) break;
    length += next.text.length + 1;
    to++;
  }
  return to;
}

function trimTo(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('\n'));
  if (sentenceEnd > max / 2) return cut.slice(0, sentenceEnd + 1).trimEnd();
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

/**
 * Numbered steps are quoted from step 1: a span that would start at step 3 of "five steps"
 * starts at the first step instead, when the steps up to the span's end fit in the room.
 */
function fromFirstStep(passage: Passage, from: number, to: number, room: number, taken?: Set<number>): number {
  const first = passage.segments[from]!;
  const unit = first.units[0]!;
  if (!first.leadIn || unit.kind !== 'item' || !unit.ordered || !unit.item) return from;
  let start = from;
  while (start > 0 && passage.segments[start - 1]!.leadIn === first.leadIn && !taken?.has(start - 1)) start--;
  const text = joinSpan([first.leadIn, ...passage.segments.slice(start, to + 1).flatMap((g) => g.units)]);
  return text.length <= room ? start : from;
}

function clearlyBetterAsked(match: number, asked: Matcher, p: Pick<Passage, 'hit'>, lead: Pick<Passage, 'hit'>): boolean {
  if (match < EXTRACT.askedRelativeMatch || p.hit.score < EXTRACT.askedMinScore * lead.hit.score) return false;
  return match >= (asked(lead.hit.chunk)?.match ?? 0) + EXTRACT.askedMargin;
}

/**
 * The span says again what is quoted: most of its words are, or one of its sentences is
 * mostly one quoted sentence (the guide states some facts in two sections, in other words).
 */
function restates(units: Unit[], quoted: Set<Unit>): boolean {
  const said = new Set<string>();
  for (const u of quoted) for (const t of u.terms) if (!t.startsWith('~')) said.add(t);
  const terms = new Set<string>();
  for (const u of units) for (const t of u.terms) if (!t.startsWith('~')) terms.add(t);
  if (terms.size < 4) return false;
  let old = 0;
  for (const t of terms) if (said.has(t)) old++;
  if (old / terms.size >= EXTRACT.restateShare) return true;
  for (const u of units) for (const v of quoted) if (restatesSentence(u.terms, v.terms)) return true;
  return false;
}

/**
 * Where a span from `from` to `to` may end so that no numbered list in it stops short: `to`
 * itself, the list's last step when the span through it fits in `room`, or the segment before
 * the list (its lead-in goes too: it announces steps that are not quoted). Undefined when the
 * span starts inside such a list and cannot reach its end.
 */
function closeSteps(p: Passage, from: number, to: number, room: number): number | undefined {
  const list = orderedListAround(p, to);
  if (!list || list.last === to) return to;
  const through = p.segments.slice(from, list.last + 1);
  const lead = p.segments[from]!.leadIn;
  const leadLength = lead && !p.segments[from]!.units.includes(lead) ? lead.text.length + 1 : 0;
  if (through.every((g) => g.quotable) && leadLength + through.reduce((n, g) => n + g.text.length + 1, 0) <= room) return list.last;
  return list.first > from ? list.first - 1 : undefined;
}

/** The segments of the numbered list that segment `i` holds steps of (a long list has one per step). */
function orderedListAround(p: Passage, i: number): { first: number; last: number } | undefined {
  const block = orderedBlock(p.segments[i]!);
  if (block === undefined) return undefined;
  let first = i;
  let last = i;
  while (first > 0 && orderedBlock(p.segments[first - 1]!) === block) first--;
  while (last + 1 < p.segments.length && orderedBlock(p.segments[last + 1]!) === block) last++;
  return { first, last };
}

const orderedBlock = (g: Segment) => g.units.find((u) => u.kind === 'item' && u.ordered)?.block;

function opensMidList(segment: Segment): boolean {
  const unit = segment.units[0]!;
  return unit.kind === 'item' && unit.ordered === true && (unit.item ?? 0) > 0;
}

const holdsAsked = (p: Passage, from: number, to: number) => p.asked !== undefined && p.asked >= from && p.asked <= to;

/**
 * A passage's written question that matches the query closely says what the asker wants
 * from the passage; the segment sharing most of that question's words (and, at half weight,
 * the query's) is where the passage answers it.
 */
function askedSegment(corpus: Corpus, queryTerms: Set<string>, matcher: Matcher, p: Pick<Passage, 'hit' | 'segments'>, lead?: Pick<Passage, 'hit'>): number | undefined {
  const asked = matcher(p.hit.chunk);
  if (!asked) return undefined;
  if (asked.match < EXTRACT.askedMinMatch && !(lead && lead !== p && clearlyBetterAsked(asked.match, matcher, p, lead))) return undefined;
  // With no sentence sharing those words, the passage answers from its start, where it states its point.
  let best = p.segments.findIndex((g) => g.quotable && !g.leans);
  let bestScore = 0;
  p.segments.forEach((g, i) => {
    if (!g.quotable || g.leans) return;
    let score = 0;
    for (const t of g.terms) if (asked.terms.has(t) || queryTerms.has(t)) score += idf(corpus, t) * (asked.terms.has(t) ? 1 : 0.5);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best < 0 ? undefined : best;
}
