// The LLM budget is one deadline for the whole answer: a 429 asking for 59 s, a hanging
// endpoint or a call that ignores its abort signal all end in the extractive answer on time.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { askWithLlm } from '../src/answer/ask-llm.js';
import { BudgetExceeded, createLlm, MAX_ATTEMPTS, retryDelayMs, withinBudget, type Llm } from '../src/answer/llm-client.js';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { startOpenAIDouble, type OpenAIDouble } from './helpers/openai-double.js';

const kb = await loadKnowledgeBase();
const Q = 'how do I add a changelog for my PR';
const BUDGET_MS = 1500;
let ai: OpenAIDouble;
let llm: Llm;

beforeAll(async () => {
  ai = await startOpenAIDouble();
  llm = await createLlm({ apiKey: 'sk-test', baseUrl: ai.baseUrl, model: 'test-model' }, BUDGET_MS);
});
afterAll(() => ai.close());
beforeEach(() => {
  ai.mode = 'ok';
  ai.retryAfter = undefined;
  ai.counters = { chat: 0, embeddings: 0, embeddedInputs: 0 };
});

async function timedAsk(options: Parameters<typeof askWithLlm>[3] = {}) {
  const warnings: string[] = [];
  const started = Date.now();
  const r = await askWithLlm(kb, Q, llm, { warn: (m) => warnings.push(m), ...options });
  return { r, ms: Date.now() - started, warnings };
}

describe('the LLM budget covers retries and Retry-After', () => {
  it('answers extractively within the budget when a 429 asks to wait 59 s, without retrying', async () => {
    ai.mode = 'rate-limited';
    const { r, ms, warnings } = await timedAsk();
    expect(r.mode).toBe('extractive');
    expect(r.answer).toContain('changelogs/unreleased');
    expect(ms).toBeLessThan(BUDGET_MS + 500);
    expect(ai.counters.chat).toBe(1);
    expect(warnings.join(' ')).toMatch(/HTTP 429/);
  });

  it('does the same while streaming, and never shows a partial answer', async () => {
    ai.mode = 'rate-limited';
    const partials: string[] = [];
    const { r, ms } = await timedAsk({ onPartial: (t) => partials.push(t) });
    expect(r.mode).toBe('extractive');
    expect(ms).toBeLessThan(BUDGET_MS + 500);
    expect(partials).toEqual([]);
  });

  it('retries a 429 whose wait fits the budget, at most once more', async () => {
    ai.mode = 'rate-limited';
    ai.retryAfter = '0';
    const { r, ms } = await timedAsk();
    expect(r.mode).toBe('extractive');
    expect(ai.counters.chat).toBe(MAX_ATTEMPTS);
    expect(ms).toBeLessThan(BUDGET_MS + 500);
  });

  it('gives up on a hanging endpoint at the deadline', async () => {
    ai.mode = 'hang';
    const { r, ms, warnings } = await timedAsk();
    expect(r.mode).toBe('extractive');
    expect(ms).toBeGreaterThanOrEqual(BUDGET_MS - 50);
    expect(ms).toBeLessThan(BUDGET_MS + 500);
    expect(warnings.join(' ')).toMatch(/budget ran out/);
  });

  it('counts reranking against the same deadline', async () => {
    const { r, ms } = await timedAsk({ rerank: () => new Promise(() => {}) });
    expect(ms).toBeLessThan(BUDGET_MS + 500);
    expect(r.mode).toBe('extractive');
  });

  it('still answers through the model when it replies in time', async () => {
    ai.reply = () => 'Add a file under `changelogs/unreleased/` [1].';
    const { r } = await timedAsk();
    expect(r.mode).toBe('llm');
  });
});

describe('withinBudget', () => {
  it('rejects at the deadline even when the call ignores its signal', async () => {
    const started = Date.now();
    await expect(withinBudget(Date.now() + 200, () => new Promise(() => {}))).rejects.toBeInstanceOf(BudgetExceeded);
    expect(Date.now() - started).toBeLessThan(700);
  });

  it('does not start a call once the deadline has passed', async () => {
    let calls = 0;
    await expect(withinBudget(Date.now() - 1, async () => ++calls)).rejects.toBeInstanceOf(BudgetExceeded);
    expect(calls).toBe(0);
  });

  it('reads Retry-After in seconds, as a date and in milliseconds; client errors are not retried', () => {
    const headers = (h: Record<string, string>) => ({ get: (k: string) => h[k] ?? null });
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': '59' }) })).toBe(59_000);
    expect(retryDelayMs({ status: 503, headers: headers({ 'retry-after-ms': '250' }) })).toBe(250);
    const inTen = new Date(Date.now() + 10_000).toUTCString();
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': inTen }) })).toBeGreaterThan(8_000);
    expect(retryDelayMs({ status: 500, headers: headers({}) })).toBeGreaterThan(0);
    expect(retryDelayMs({ status: 400, headers: headers({}) })).toBeUndefined();
    expect(retryDelayMs({ status: 401, headers: headers({ 'retry-after': '1' }) })).toBeUndefined();
  });
});
