// `ask` through an OpenAI-compatible model, grounded in the retrieved passages. Retrieval
// and the out-of-scope decision come first (no tokens spent on "bake bread"); any failure
// of the model (error, timeout, malformed reply) returns the extractive answer.

import { performance } from 'node:perf_hooks';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { ChunkHit } from '../retrieval/index.js';
import { UPSTREAM_SECTION } from '../knowledge/upstream-chunks.js';
import { linkSymbols } from './where-is.js';
import { askWithMeaning } from './ask-meaning.js';
import { citationUrl, citationsFor, withDocsCommit, passagesFor, outOfScopeAnswer, sourcesFor, type AskOptions } from './ask.js';
import { DEFAULT_K, type AskResult, type Citation } from './types.js';
import { DEFAULT_REPO } from '../config.js';
import { allowedUrlsOf, buildMessages, postProcess, type Passage } from './grounding.js';
import { BudgetExceeded, withinBudget, type Llm } from './llm-client.js';

/** What the prompt carries: passages in answer order up to a character budget (a few thousand tokens). */
export const LLM_CONTEXT = { maxPassages: 10, charBudget: 12000 } as const;

/** The passages a question's prompt carries, best first, within the prompt budget. */
export function llmPassages(question: string, hits: ChunkHit[]): ChunkHit[] {
  const out: ChunkHit[] = [];
  let used = 0;
  for (const hit of passagesFor(question, hits)) {
    if (out.length >= LLM_CONTEXT.maxPassages) break;
    if (out.length && used + hit.chunk.text.length > LLM_CONTEXT.charBudget) continue;
    out.push(hit);
    used += hit.chunk.text.length;
  }
  return out;
}

export interface LlmAskOptions extends AskOptions {
  /** Streams the answer as it grows (already post-processed); chat adapters throttle it. */
  onPartial?: (text: string) => void;
  /** Reorders lexical hits (hybrid retrieval); failures fall back to the lexical order. */
  rerank?: (query: string, hits: ChunkHit[]) => Promise<ChunkHit[]>;
  warn?: (message: string) => void;
}

export async function askWithLlm(kb: KnowledgeBase, rawQuestion: string, llm: Llm, options: LlmAskOptions = {}): Promise<AskResult> {
  const started = performance.now();
  const base = await askWithMeaning(kb, rawQuestion, options);
  // Out of scope, or a definition from the symbol index (found without retrieval): nothing to compose.
  if (base.result.outOfScope || !base.hits.length) return base.result;

  // One deadline for the whole answer: reranking, the completion and any retry.
  const deadline = Date.now() + llm.budgetMs;
  let hits = base.hits;
  if (options.rerank) {
    try {
      hits = await withinDeadline(options.rerank(base.query, hits), deadline);
    } catch (err) {
      options.warn?.(`hybrid retrieval skipped: ${(err as Error).message}`);
    }
  }
  // Guide passages carry the link the answer may use: the one its citations use.
  const linked = (hit: ChunkHit): ChunkHit =>
    hit.chunk.section === UPSTREAM_SECTION ? hit : { ...hit, chunk: { ...hit.chunk, url: citationUrl(hit.chunk, options.linkBase) } };
  const passages: Passage[] = llmPassages(base.result.question, hits).map((hit, i) => ({ n: i + 1, hit: linked(hit) }));

  try {
    const messages = buildMessages(base.result.question, passages);
    const onPartial = options.onPartial && ((t: string) => options.onPartial!(preview(t, passages)));
    const raw = await withinBudget(deadline, (signal) => complete(llm, messages, signal, onPartial));
    const ranked = citationsFor(hits, options.k ?? DEFAULT_K, options.linkBase);
    const repo = options.repo ?? DEFAULT_REPO;
    const allowed = allowedUrlsOf(passages, [...ranked.map((c) => c.url), ...base.result.sources.map((s) => s.url)]);
    // Citations: sections in the order the answer cites them, then the retrieval's others.
    const order = citationOrder(passages, raw, ranked);
    const processed = postProcess(raw, passages.length, allowed, (n) => order.indexFor(n));
    if (processed.dontKnow) {
      return { ...base.result, answer: outOfScopeAnswer(false), outOfScope: true, citations: [], sources: [], mode: 'llm', ms: elapsed(started) };
    }
    const citedChunks = processed.cited.map((n) => passages[n - 1]!.hit.chunk);
    const sourceChunks = citedChunks.length ? citedChunks : passages.map((p) => p.hit.chunk);
    // Identifiers the model wrote as code link to their definitions, as in extractive answers
    // (after grounding: these links come from the symbol index, not from the model).
    const linked = linkSymbols(kb, processed.answer, sourcesFor(kb, sourceChunks, repo), citedChunks.map((c) => c.text));
    return { ...base.result, ...linked, mode: 'llm', citations: withDocsCommit(kb, order.citations), ms: elapsed(started) };
  } catch (err) {
    options.warn?.(`LLM answer failed, answering extractively: ${describe(err)}`);
    return { ...base.result, ms: elapsed(started) };
  }
}

/** One request under `signal`; streams when asked to. Throws on anything malformed. */
async function complete(llm: Llm, messages: ReturnType<typeof buildMessages>, signal: AbortSignal, onPartial?: (text: string) => void): Promise<string> {
  const request = { model: llm.model, messages, temperature: 0.1, max_tokens: 500 };
  if (onPartial) {
    const stream = await llm.client.chat.completions.create({ ...request, stream: true }, { signal });
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices?.[0]?.delta?.content;
      if (typeof delta === 'string' && delta) {
        text += delta;
        // Past the deadline the extractive answer has gone out: nothing may overwrite it.
        if (signal.aborted) break;
        onPartial(text);
      }
    }
    if (!text.trim()) throw new Error('empty streamed answer');
    return text;
  }
  const res = await llm.client.chat.completions.create(request, { signal });
  const content = res?.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || !content.trim()) throw new Error('malformed completion (no message content)');
  return content;
}

interface CitationOrder {
  citations: Citation[];
  indexFor(passage: number): number | undefined;
}

function citationOrder(passages: Passage[], raw: string, ranked: Citation[]): CitationOrder {
  const guideCitation = (hit: ChunkHit): Citation | undefined =>
    hit.chunk.section === UPSTREAM_SECTION
      ? undefined
      : { section: hit.chunk.section, title: hit.chunk.sectionTitle, anchor: hit.chunk.anchor, url: hit.chunk.url, score: 1 };
  const citations: Citation[] = [];
  for (const m of raw.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    for (const n of m[1]!.split(',').map((x) => Number(x.trim()))) {
      const c = passages[n - 1] && guideCitation(passages[n - 1]!.hit);
      if (c && !citations.some((x) => x.section === c.section)) citations.push(c);
    }
  }
  for (const c of ranked) if (!citations.some((x) => x.section === c.section)) citations.push(c);
  citations.forEach((c, i) => (c.score = Math.round((1 - i / Math.max(1, citations.length)) * 1000) / 1000));
  return {
    citations,
    indexFor(n) {
      const p = passages[n - 1];
      if (!p) return undefined;
      const i = citations.findIndex((c) => c.section === p.hit.chunk.section);
      return i >= 0 ? i + 1 : undefined;
    },
  };
}

// While streaming, markers are shown as they will end up; links are checked at the end.
function preview(text: string, passages: Passage[]): string {
  return text.replace(/\[(\d+)\]/g, (m, n: string) => (Number(n) <= passages.length ? m : ''));
}

/** `work`, or a BudgetExceeded once the deadline passes (the work itself runs on). */
function withinDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExceeded('reranking took the whole answer budget')), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const elapsed = (t: number) => Math.round((performance.now() - t) * 100) / 100;

function describe(err: unknown): string {
  const e = err as { status?: number; name?: string; message?: string };
  if (e.status) return `HTTP ${e.status}`;
  return `${e.name ?? 'Error'}: ${(e.message ?? String(err)).split('\n')[0]!.slice(0, 160)}`;
}

