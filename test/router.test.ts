import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatMemory } from '../src/chat/memory.js';
import { createRouter } from '../src/chat/router.js';
import type { ChatCommand, ChatRequest } from '../src/chat/types.js';
import { openStore } from '../src/store/store.js';

const echo: ChatCommand = { name: 'ask', summary: '', usage: '', run: async (_r, args) => ({ title: 'Answer', body: args, citations: [], sources: [], question: args }) };
const boom: ChatCommand = { name: 'issues', summary: '', usage: '', run: async () => { throw new Error('database exploded at /secret/path'); } };
const req = (text: string, user = 'u1'): ChatRequest => ({ text, user, platform: 'console' });

async function router() {
  const store = await openStore(`file:${join(mkdtempSync(join(tmpdir(), 'router-')), 's.json')}`);
  const errors: string[] = [];
  const memory = new ChatMemory(store, { perUser: 5, windowMs: 60_000, maxInputChars: 100 });
  return { r: createRouter([echo, boom], { memory, onError: (e, c) => errors.push(`${c}: ${(e as Error).message}`) }), errors, store };
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
      expect(typeof reply.body).toBe('string');
    }
  });

  it('rate-limits per user, not globally', async () => {
    const { r } = await router();
    for (let i = 0; i < 5; i++) await r.handle(req('hi', 'busy'));
    expect((await r.handle(req('hi', 'busy'))).body).toMatch(/faster than I can answer/);
    expect((await r.handle(req('hi', 'calm'))).body).toBe('hi');
  });
});
