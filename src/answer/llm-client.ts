// The one OpenAI-compatible client (OpenAI, Azure-style gateways, Ollama, vLLM: anything
// that speaks /v1/chat/completions), built lazily so extractive answers never load it.
// The SDK never retries on its own: it would sleep out a `Retry-After: 59` whatever the
// budget. `withinBudget` retries only when the wait fits before the answer's deadline.

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

/** Attempts per call, the first included. */
export const MAX_ATTEMPTS = 2;
/** The pause before a retry when the endpoint names none. */
const DEFAULT_RETRY_DELAY_MS = 500;
/** A retry is only worth sending with at least this long left for its answer. */
const MIN_ATTEMPT_MS = 1_000;

export async function createLlm(openai: NonNullable<Config['openai']>, budgetMs = DEFAULT_LLM_BUDGET_MS): Promise<Llm> {
  const { default: OpenAIClient } = await import('openai');
  const client = new OpenAIClient({
    apiKey: openai.apiKey,
    baseURL: openai.baseUrl,
    maxRetries: 0,
    timeout: budgetMs,
  });
  return { client, model: openai.model, embeddingModel: openai.embeddingModel, budgetMs };
}

/** Thrown when the deadline passes before the model answered. */
export class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
}

/**
 * Runs `call` with a signal that aborts at `deadline` (epoch ms), retrying a rate limit,
 * a server error or a dropped connection once when the endpoint's `Retry-After` (or a
 * short default) leaves room for another attempt. Never waits past the deadline.
 */
export async function withinBudget<T>(deadline: number, call: (signal: AbortSignal) => Promise<T>, now = () => Date.now()): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const left = deadline - now();
    if (left <= 0) throw new BudgetExceeded('the answer budget ran out');
    const signal = AbortSignal.timeout(left);
    try {
      return await raceAbort(call(signal), signal);
    } catch (err) {
      if (signal.aborted) throw new BudgetExceeded('the answer budget ran out');
      const wait = retryDelayMs(err);
      if (attempt >= MAX_ATTEMPTS || wait === undefined || now() + wait + MIN_ATTEMPT_MS > deadline) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** The call's result, or a rejection as soon as the signal aborts (whatever the call does with it). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** How long to wait before retrying `err`; undefined when it is not worth retrying. */
export function retryDelayMs(err: unknown): number | undefined {
  const e = err as { status?: number; name?: string; headers?: { get(name: string): string | null } };
  const transient = e.status === undefined ? e.name === 'APIConnectionError' : e.status === 408 || e.status === 409 || e.status === 429 || e.status >= 500;
  if (!transient) return undefined;
  const afterMs = e.headers?.get?.('retry-after-ms');
  if (afterMs && Number.isFinite(Number(afterMs)) && Number(afterMs) >= 0) return Number(afterMs);
  const after = e.headers?.get?.('retry-after');
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const at = Date.parse(after);
    if (Number.isFinite(at)) return Math.max(0, at - Date.now());
  }
  return DEFAULT_RETRY_DELAY_MS;
}
