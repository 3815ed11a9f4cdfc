import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatMemory } from '../src/chat/memory.js';
import { createRouter } from '../src/chat/router.js';
import type { ChatCommand, ChatRequest, CommandContext } from '../src/chat/types.js';
import { openStore } from '../src/store/store.js';

const base = { description: '', usage: '', options: [], ephemeral: false, threaded: false };
const echo: ChatCommand = { ...base, name: 'ask', threaded: true, run: async (r, args) => ({ title: 'Answer', body: r.context ? `${args} | after: ${r.context}` : args, citations: [], sources: [], question: args }) };
const boom: ChatCommand = { ...base, name: 'issues', run: async () => { throw new Error('database exploded at /secret/path'); } };
const secret: ChatCommand = { ...base, name: 'lint-pr', ephemeral: true, run: async () => ({ title: 'PR check', body: 'ok', citations: [], sources: [] }) };
const req = (text: string, user = 'u1'): ChatRequest => ({ text, user, platform: 'console' });

async function router() {
  const store = await openStore(`file:${join(mkdtempSync(join(tmpdir(), 'router-')), 's.json')}`);
  const errors: string[] = [];
  const memory = new ChatMemory(store, { perUser: 5, windowMs: 60_000, maxInputChars: 100 });
  const ctx = { commands: [echo, boom, secret] } as unknown as CommandContext;
  return { r: createRouter(ctx, { memory, onError: (e, c) => errors.push(`${c}: ${(e as Error).message}`) }), errors, store };
}

describe('chat router', () => {
  it('treats a plain question as ask and a command word as that command', async () => {
    const { r } = await router();
    expect((await r.handle(req('what is a BSL?'))).body).toBe('what is a BSL?');
    expect((await r.handle(req('/velero ask hi there'))).body).toBe('hi there');
  });

  it('refuses an over-long message politely without running a command', async () => {
    const { r } = await router();
    const reply = await r.handle(req('x'.repeat(101)));
    expect(reply.error).toBe(true);
    expect(reply.body).toMatch(/too long \(101 characters\); keep it under 100/);
  });

  it('turns an unexpected failure into a friendly reply and reports it, without leaking details', async () => {
    const { r, errors } = await router();
    const reply = await r.handle(req('issues csi'));
    expect(reply.body).toMatch(/Something went wrong/);
    expect(reply.body).not.toContain('/secret/path');
    expect(errors).toEqual(['issues: database exploded at /secret/path']);
  });

  it('survives binary junk and empty text', async () => {
    const { r } = await router();
    for (const t of ['', '\u0000\u0001\u0002', '   ']) {
      const reply = await r.handle(req(t));
      // The test command echoes what it was asked: junk reaches it trimmed, nothing throws.
      expect(reply.error).toBeUndefined();
      expect(reply.body).toBe(t.trim());
      expect(reply.command).toBe('ask');
    }
  });

  it('takes ephemerality and thread memory from the command definitions', async () => {
    const { r } = await router();
    expect(r.commandFor({ text: 'lint-pr Fix it' })?.name).toBe('lint-pr');
    expect(r.commandFor({ text: 'what is a BSL?' })?.name).toBe('ask');
    const lint = await r.handle(req('lint-pr Fix it'));
    expect(lint).toMatchObject({ ephemeral: true, command: 'lint-pr', title: 'PR check', body: 'ok' });
    const first = await r.handle({ ...req('what is a BSL?'), thread: 't1' });
    expect(first.ephemeral).toBe(false);
    // The thread keeps the question's search terms, not its text.
    expect((await r.handle({ ...req('and the VSL?'), thread: 't1' })).body).toBe('and the VSL? | after: bsl');
    // Feedback goes through the router, not its memory.
    expect(await r.feedback(first.replyId!, 'u2', 'up')).toBe(true);
    expect(await r.feedback('no-such-reply', 'u2', 'up')).toBe(false);
  });

  it('rate-limits per user, not globally', async () => {
    const { r } = await router();
    for (let i = 0; i < 5; i++) await r.handle(req('hi', 'busy'));
    expect((await r.handle(req('hi', 'busy'))).body).toMatch(/faster than I can answer/);
    expect((await r.handle(req('hi', 'calm'))).body).toBe('hi');
  });

  it('treats a malformed stored rate-limit entry as absent instead of limiting the user forever', async () => {
    const { r, store } = await router();
    for (const bad of [{ start: Date.now(), count: 'NaN' }, { start: 'soon', count: 99 }, { start: Date.now() + 3_600_000, count: 99 }, 'garbage']) {
      await store.kv('ratelimit').set('console:stuck', bad);
      expect((await r.handle(req('hi', 'stuck'))).body).toBe('hi');
    }
  });
});
