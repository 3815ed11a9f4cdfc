import { runConsoleChat } from '../adapters/console.js';
import { buildRouter } from '../chat/build-router.js';
import { ChatMemory } from '../chat/memory.js';
import { loadConfig } from '../config.js';
import { KNOWLEDGE_DIR, loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { loadConventions } from '../prlint/conventions.js';
import { openStore } from '../store/store.js';
import { fetchOpenIssues } from '../upstream/fetch-issues.js';
import { createGitHub } from '../upstream/github-client.js';

export async function runServe(): Promise<number> {
  const config = loadConfig();
  if (config.discord || config.slack) {
    const { startBot } = await import('../serve/start-bot.js');
    const bot = await startBot(config);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        process.stderr.write(`onramp: ${signal} received, finishing in-flight replies\n`);
        bot.stop().then(resolve, resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return 0;
  }
  // No platform credentials: the console chat, on the same router.
  const warn = (m: string) => process.stderr.write(`onramp: ${m}\n`);
  const kb = await loadKnowledgeBase();
  const store = await openStore(config.store, warn);
  const gh = createGitHub(config);
  const { createAnswerer } = await import('../answer/answerer.js');
  const router = buildRouter({
    kb,
    answerer: await createAnswerer(kb, config, { store, warn }),
    repo: config.repo,
    memory: new ChatMemory(store, { perUser: 1000, windowMs: 60_000, maxInputChars: 70_000 }),
    conventions: loadConventions(KNOWLEDGE_DIR),
    issues: { config, store, knowledgeDir: KNOWLEDGE_DIR, warn, fetchLive: () => fetchOpenIssues(gh, store.kv('github'), config.repo) },
  });
  try {
    await runConsoleChat(router, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  } finally {
    await store.close();
  }
  return 0;
}
