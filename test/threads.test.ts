import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRouter } from '../src/chat/build-router.js';
import { ChatMemory } from '../src/chat/memory.js';
import type { Router } from '../src/chat/router.js';
import { loadConfig } from '../src/config.js';
import { KNOWLEDGE_DIR, loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { loadConventions } from '../src/prlint/conventions.js';
import { openStore } from '../src/store/store.js';

// The console chat's path: the real router over the real guide, with thread memory.
let router: Router;
beforeAll(async () => {
  const kb = await loadKnowledgeBase();
  const store = await openStore(`file:${join(mkdtempSync(join(tmpdir(), 'threads-')), 's.json')}`);
  const config = loadConfig({});
  router = buildRouter({
    kb,
    repo: config.repo,
    memory: new ChatMemory(store),
    conventions: loadConventions(KNOWLEDGE_DIR),
    issues: { config, store, knowledgeDir: KNOWLEDGE_DIR, warn: () => {}, fetchLive: async () => { throw new Error('offline'); } },
  });
});

const say = (text: string, thread = 'console') => router.handle({ text, user: 'u', platform: 'console', thread });

describe('thread context through the router', () => {
  it('answers a follow-up in the light of the thread, and refuses an off-topic message there', async () => {
    expect((await say('what is a BSL?', 't1')).outOfScope).toBe(false);
    const poem = await say('write me a poem about cats', 't1');
    expect(poem.outOfScope).toBe(true);
    expect(poem.body).not.toMatch(/BackupStorageLocation/);
    const vsl = await say('and what about the VSL?', 't1');
    expect(vsl.outOfScope).toBe(false);
    expect(vsl.body).toMatch(/VolumeSnapshotLocation|VSL/);
  });

  it('does not carry one thread into another', async () => {
    await say('what is a BSL?', 't2');
    expect((await say('and why is that?', 't3')).outOfScope).toBe(true);
  });
});
