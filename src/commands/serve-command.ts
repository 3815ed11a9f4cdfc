import { runConsoleChat } from '../adapters/console.js';
import { buildRouter } from '../chat/build-router.js';
import { loadConfig } from '../config.js';
import { KNOWLEDGE_DIR, loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { openStore } from '../store/store.js';
import { loadConventions } from '../prlint/conventions.js';
import { fetchOpenIssues } from '../upstream/fetch-issues.js';
import { createGitHub } from '../upstream/github-client.js';

export async function runServe(): Promise<number> {
  const config = loadConfig();
  const warn = (m: string) => process.stderr.write(`onramp: ${m}\n`);
  const kb = await loadKnowledgeBase();
  const store = await openStore(config.store, warn);
  const gh = createGitHub(config);
  const router = buildRouter({
    kb,
    repo: config.repo,
    conventions: loadConventions(KNOWLEDGE_DIR),
    issues: { config, store, knowledgeDir: KNOWLEDGE_DIR, warn, fetchLive: () => fetchOpenIssues(gh, store.kv('github'), config.repo) },
  });
  if (config.discord || config.slack) {
    warn('Discord and Slack adapters are not available yet in this version; starting the console chat');
  }
  try {
    await runConsoleChat(router, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  } finally {
    await store.close();
  }
  return 0;
}
