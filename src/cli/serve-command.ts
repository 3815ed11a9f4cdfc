import { runConsoleChat } from '../adapters/console.js';
import { loadConfig } from '../config.js';

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
  // No platform credentials: the console chat, on the same core. One local user, so no
  // rate limit, and room for a pasted PR description.
  const { createCore } = await import('../serve/core.js');
  const warn = (m: string) => process.stderr.write(`onramp: ${m}\n`);
  const { router, store } = await createCore(config, { warn, limits: { perUser: 1_000_000, windowMs: 60_000, maxInputChars: 70_000 } });
  try {
    await runConsoleChat(router, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  } finally {
    await store.close();
  }
  return 0;
}
