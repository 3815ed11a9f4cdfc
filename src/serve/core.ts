// The core every front end shares, built once: knowledge, store, answerer and the chat
// router with its memory. Console chat and the bots differ only in what they wrap it with.

import { createAnswerer, type Answerer, type LinkBase } from '../answer/answerer.js';
import { buildRouter } from '../chat/build-router.js';
import { ChatMemory, type ChatLimits } from '../chat/memory.js';
import type { Router } from '../chat/router.js';
import type { Config } from '../config.js';
import { KNOWLEDGE_DIR, loadKnowledgeBase, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { loadConventions } from '../prlint/conventions.js';
import { openStore, type Store } from '../store/store.js';
import { openQuestionLog, type QuestionLog } from '../log/question-log.js';
import { fetchOpenIssues } from '../issues/fetch-issues.js';
import { createGitHub } from '../upstream/github-client.js';

export interface Core {
  router: Router;
  store: Store;
  answerer: Answerer;
  kb: KnowledgeBase;
  log?: QuestionLog;
}

export async function createCore(
  config: Config,
  o: {
    warn: (m: string) => void;
    limits?: ChatLimits;
    onError?: (err: unknown, command: string, platform: string) => void;
    /** Where citations link when ONRAMP_PUBLIC_URL is unset (a running server: itself). */
    linkBase?: LinkBase;
  },
): Promise<Core> {
  const kb = await loadKnowledgeBase(undefined, { dataDir: config.dataDir, embeddings: config.embeddings, warn: o.warn });
  // Said once, at start: answers are lexical-only until the model is installed.
  if (kb.embeddings.why && config.embeddings !== 'off') o.warn(`answers are lexical-only: ${kb.embeddings.why}`);
  const store = await openStore(config.store, o.warn);
  const gh = createGitHub(config, { warn: o.warn });
  const log = openQuestionLog(store, config.logDays);
  const answerer = await createAnswerer(kb, config, { store, warn: o.warn, linkBase: o.linkBase });
  const router = buildRouter({
    kb,
    repo: config.repo,
    answerer,
    memory: new ChatMemory(store, o.limits),
    log,
    conventions: loadConventions(KNOWLEDGE_DIR),
    issues: { config, store, knowledgeDir: KNOWLEDGE_DIR, warn: o.warn, fetchLive: () => fetchOpenIssues(gh, store.kv('github'), config.repo) },
    onError: o.onError,
  });
  return { router, store, answerer, kb, log };
}
