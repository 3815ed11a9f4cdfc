import { runConsoleChat } from '../adapters/console.js';
import { buildRouter } from '../chat/build-router.js';
import { loadConfig } from '../config.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';

export async function runServe(): Promise<number> {
  const config = loadConfig();
  const kb = await loadKnowledgeBase();
  const router = buildRouter({ kb, repo: config.repo });
  if (config.discord || config.slack) {
    process.stderr.write('onramp: Discord and Slack adapters are not available yet in this version; starting the console chat\n');
  }
  await runConsoleChat(router, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  return 0;
}
