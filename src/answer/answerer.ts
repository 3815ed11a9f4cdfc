// Picks how `ask` answers: extractive always works; with an OpenAI-compatible endpoint
// configured, grounded LLM answers (and, with an embedding model, hybrid retrieval).

import type { Config } from '../config.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Store } from '../store/store.js';
import type { AskOptions } from './ask.js';
import { askWithMeaning } from './ask-meaning.js';
import type { AskResult } from './types.js';

export interface AnswerOptions extends AskOptions {
  onPartial?: (text: string) => void;
}

export interface Answerer {
  mode: 'extractive' | 'llm';
  answer(question: string, options?: AnswerOptions): Promise<AskResult>;
}

/** Where citations link; a function because a server knows its port only once it listens. */
export type LinkBase = string | (() => string | undefined) | undefined;

const linkBaseOf = (b: LinkBase) => (typeof b === 'function' ? b() : b);

export function extractiveAnswerer(kb: KnowledgeBase, repo: string, linkBase?: LinkBase): Answerer {
  return { mode: 'extractive', answer: async (q, o = {}) => (await askWithMeaning(kb, q, { repo, linkBase: linkBaseOf(linkBase), ...o })).result };
}

export async function createAnswerer(
  kb: KnowledgeBase,
  config: Pick<Config, 'openai' | 'repo'> & Partial<Pick<Config, 'publicUrl'>>,
  deps: { store?: Store; warn?: (m: string) => void; budgetMs?: number; linkBase?: LinkBase } = {},
): Promise<Answerer> {
  // ONRAMP_PUBLIC_URL wins; else whatever the caller knows (a running server: itself).
  const linkBase: LinkBase = config.publicUrl ?? deps.linkBase;
  if (!config.openai) return extractiveAnswerer(kb, config.repo, linkBase);
  const { createLlm } = await import('./llm-client.js');
  const { askWithLlm } = await import('./ask-llm.js');
  const llm = await createLlm(config.openai, deps.budgetMs);

  let rerank: ((query: string, hits: import('../retrieval/index.js').ChunkHit[]) => Promise<import('../retrieval/index.js').ChunkHit[]>) | undefined;
  if (llm.embeddingModel && deps.store) {
    const { EmbeddingIndex, fuseWithEmbeddings } = await import('../retrieval/hybrid.js');
    const index = new EmbeddingIndex(llm.client, llm.embeddingModel, deps.store.kv('embeddings'));
    let ready: Promise<unknown> | undefined;
    rerank = async (query, hits) => {
      ready ??= index.ensure(kb.corpus.chunks).catch((err: Error) => {
        ready = undefined; // try again next time
        throw err;
      });
      await ready;
      return fuseWithEmbeddings(kb.corpus, index, query, hits);
    };
  }
  return {
    mode: 'llm',
    answer: (q, o = {}) => askWithLlm(kb, q, llm, { repo: config.repo, linkBase: linkBaseOf(linkBase), rerank, warn: deps.warn, ...o }),
  };
}
