// The one OpenAI-compatible client (OpenAI, Azure-style gateways, Ollama, vLLM: anything
// that speaks /v1/chat/completions), built lazily so extractive answers never load it.

import type OpenAI from 'openai';
import type { Config } from '../config.js';

export interface Llm {
  client: OpenAI;
  model: string;
  embeddingModel?: string;
  /** Longest a caller waits for the model before answering extractively. */
  budgetMs: number;
}

export const DEFAULT_LLM_BUDGET_MS = 12_000;

export async function createLlm(openai: NonNullable<Config['openai']>, budgetMs = DEFAULT_LLM_BUDGET_MS): Promise<Llm> {
  const { default: OpenAIClient } = await import('openai');
  const client = new OpenAIClient({
    apiKey: openai.apiKey,
    baseURL: openai.baseUrl,
    // One quick retry at most: the budget, not the SDK, decides how long we wait.
    maxRetries: 1,
    timeout: budgetMs,
  });
  return { client, model: openai.model, embeddingModel: openai.embeddingModel, budgetMs };
}
