import { runConsoleChat } from '../adapters/console.js';
import { DEFAULT_LIMITS } from '../chat/memory.js';
import { loadConfig } from '../config.js';

// The bot process never exits because one request went wrong somewhere below it (an SDK's
// own promise, a malformed event): the failure is logged, one line, and serving goes on.
function guardProcess(): void {
  const log = (what: string) => (err: unknown) =>
    process.stderr.write(`onramp: ${what} (kept running): ${err instanceof Error ? err.message.split('\n')[0] : String(err).slice(0, 200)}\n`);
  process.on('unhandledRejection', log('unhandled rejection'));
}

/** Past the drain of in-flight replies (10 s) and the store's bounded close. */
const STOP_DEADLINE_MS = 15_000;

export async function runServe(): Promise<number> {
  const config = loadConfig();
  guardProcess();
  const { startBot } = await import('../serve/start-bot.js');
  if (config.discord || config.slack) {
    const bot = await startBot(config);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        process.stderr.write(`onramp: ${signal} received, finishing in-flight replies\n`);
        // A signal always ends the process, even if some client hangs while closing.
        setTimeout(() => {
          process.stderr.write('onramp: shutdown took too long; exiting\n');
          process.exit(1);
        }, STOP_DEADLINE_MS).unref();
        bot.stop().then(resolve, resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return 0;
  }
  // No platform credentials: the console chat, on the same core, with the HTTP server (web
  // pages, the guide the answers cite) alongside. One local user at the console, so no rate
  // limit there and room for a pasted PR description; the web keeps the chat's limits.
  // A taken PORT only turns the web pages off: the console still works.
  const bot = await startBot(config, {
    limits: { perUser: 1_000_000, windowMs: 60_000, maxInputChars: 70_000 },
    webLimits: { ...DEFAULT_LIMITS, perUser: config.rateLimit },
    onListenError: 'warn',
    logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
  });
  if (bot.port !== undefined) process.stderr.write(`onramp: web pages at http://localhost:${bot.port}/ (the guide at /guide/)\n`);
  try {
    await runConsoleChat(bot.router, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  } finally {
    await bot.stop();
  }
  return 0;
}
