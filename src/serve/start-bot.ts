// The bots behind `onramp serve`: builds the core once (knowledge, store, router), starts
// every platform whose credentials are set plus the HTTP server (with the web pages, in
// every mode), and shuts down gracefully: no new work, in-flight replies finished, store closed.

import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { AdapterHooks, RunningAdapter } from '../adapters/types.js';
import { ChatMemory, DEFAULT_LIMITS, type ChatLimits } from '../chat/memory.js';
import { clientAddressOf } from '../client-address.js';
import { KNOWLEDGE_DIR, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Answerer } from '../answer/answerer.js';
import type { QuestionLog } from '../log/question-log.js';
import { join } from 'node:path';
import { createWebHandler } from './web/web-app.js';
import type { Store } from '../store/store.js';
import { replayMemoryOf } from './slack-body-guard.js';
import { createCore } from './core.js';
import type { Router } from '../chat/router.js';
import type { Config } from '../config.js';
import { createHttpServer } from './http-server.js';
import { createMetrics, type Metrics } from './metrics.js';

export interface RunningBot {
  router: Router;
  store: Store;
  metrics: Metrics;
  adapters: RunningAdapter[];
  server?: Server;
  port?: number;
  /** Where citations link: ONRAMP_PUBLIC_URL, else this server on localhost (unset when it could not listen). */
  linkBase?: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  limits?: ChatLimits;
  /** Grace period for in-flight replies on shutdown. */
  drainMs?: number;
  /** Limits of the web routes (default: `limits`, else the chat defaults). */
  webLimits?: ChatLimits;
  /** When PORT cannot be taken: 'fail' (default) or 'warn' and run without the HTTP server (console chat). */
  onListenError?: 'fail' | 'warn';
  /** Log level override (the console chat logs only warnings by default). */
  logLevel?: string;
}

export function createLogger(level: string) {
  // Secrets are never passed to the logger; redaction is a second line of defence.
  return pino(
    { level, redact: { paths: ['token', '*.token', 'botToken', 'signingSecret', 'appToken', 'apiKey', '*.apiKey', 'authorization', '*.authorization'], censor: '[redacted]' } },
    pino.destination(2),
  );
}

export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const log = createLogger(options.logLevel ?? config.logLevel);
  const metrics = createMetrics();
  // Citations link to ONRAMP_PUBLIC_URL, else to this server once it listens; before (or
  // without) that, to the public guide's page of the topic.
  let selfBase: string | undefined;
  const { router: core, store, answerer, kb, log: questionLog } = await createCore(config, {
    warn: (m) => log.warn(m),
    limits: options.limits ?? { ...DEFAULT_LIMITS, perUser: config.rateLimit },
    linkBase: () => selfBase,
    onError: (err, command, platform) => {
      metrics.errors.inc({ platform, command });
      log.error({ command, platform, err: (err as Error).message }, 'request failed');
    },
  });
  log.info(`answers: ${answerer.mode}${config.openai ? ` (${config.openai.model}${config.openai.embeddingModel ? ` + ${config.openai.embeddingModel}` : ''})` : ''}`);
  store.onFault((op) => metrics.storeFaults.inc({ op }));
  const router = instrumented(core, metrics);
  const inflight = new Set<Promise<unknown>>();
  const hooks = adapterHooks(log, inflight);

  let adapters: RunningAdapter[];
  let slackListener: RequestListener | undefined;
  try {
    ({ adapters, slackListener } = await startAdapters(config, router, hooks));
  } catch (err) {
    await store.close();
    throw err;
  }
  let stopping = false;
  let server: Server | undefined;
  let port: number | undefined;
  try {
    const web = webHandler(config, { kb, answerer, store, questionLog, metrics, log, limits: options.webLimits ?? options.limits ?? { ...DEFAULT_LIMITS, perUser: config.rateLimit } });
    server = createHttpServer({
      metrics,
      slack: slackListener,
      web,
      report: reportRoute(config, kb, questionLog),
      health: () => ({ platforms: adapters.map((a) => a.name), stopping, ...storeHealth(store) }),
      onError: (err) => log.error({ err: (err as Error).message }, 'http request failed'),
      replays: replayMemoryOf(store.kv('slackreplays')),
      slackSigningSecret: config.slack?.signingSecret,
    });
    port = await listen(server, config.port);
    selfBase = `http://localhost:${port}`;
    log.info(`listening on :${port} (GET /healthz, GET /metrics, GET /, GET /ask, GET /guide/, POST /api/ask${config.reportToken ? ', GET /report' : ''}${slackListener ? ', POST /slack/events' : ''})`);
  } catch (err) {
    if (options.onListenError !== 'warn') {
      await Promise.all(adapters.map((a) => a.stop().catch(() => {})));
      await store.close();
      throw err;
    }
    server = undefined;
    port = undefined;
    log.warn(`the HTTP server did not start (${(err as Error).message}); no web pages, and citations link to the public guide`);
  }

  return {
    router,
    store,
    metrics,
    adapters,
    server,
    port,
    get linkBase() {
      return config.publicUrl ?? selfBase;
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      server?.close();
      await Promise.all(adapters.map((a) => a.stop().catch((err: Error) => log.warn(`stopping ${a.name}: ${err.message}`))));
      const drain = Promise.allSettled([...inflight]);
      await Promise.race([drain, new Promise((r) => setTimeout(r, options.drainMs ?? 10_000).unref())]);
      server?.closeAllConnections();
      await store.close();
      log.info('stopped');
    },
  };
}

/**
 * A store that is down makes the bot `degraded`, still HTTP 200: it keeps answering (without
 * memory or limits), so a liveness probe must not restart it for a Redis outage.
 */
function storeHealth(store: Store): { status?: 'degraded'; reason?: string } {
  const h = store.health();
  return h.ok ? {} : { status: 'degraded', reason: `store: ${h.reason}` };
}

/** The router, counting each request and its latency by platform and command. */
function instrumented(core: Router, metrics: Metrics): Router {
  return {
    ...core,
    async handle(req) {
      const started = performance.now();
      const reply = await core.handle(req);
      const labels = { platform: req.platform, command: reply.command ?? 'none' };
      metrics.requests.inc(labels);
      metrics.latency.observe(labels, (performance.now() - started) / 1000);
      return reply;
    },
  };
}

/** Hooks that log and keep every in-flight reply in `inflight`, so shutdown can wait for it. */
function adapterHooks(log: ReturnType<typeof createLogger>, inflight: Set<Promise<unknown>>): AdapterHooks {
  return {
    log: { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
    track<T>(work: Promise<T>) {
      inflight.add(work);
      const done = () => inflight.delete(work);
      work.then(done, done);
      return work;
    },
  };
}

/** Every platform whose credentials are set; on a failure, those already started are stopped. */
async function startAdapters(config: Config, router: Router, hooks: AdapterHooks): Promise<{ adapters: RunningAdapter[]; slackListener?: RequestListener }> {
  const adapters: RunningAdapter[] = [];
  let slackListener: RequestListener | undefined;
  try {
    if (config.discord) {
      const { startDiscord } = await import('../adapters/discord.js');
      adapters.push(await startDiscord(config.discord, router, hooks));
    }
    if (config.slack) {
      const { startSlack } = await import('../adapters/slack.js');
      const slack = await startSlack(config.slack, router, hooks);
      slackListener = slack.requestListener;
      adapters.push(slack);
    }
  } catch (err) {
    await Promise.all(adapters.map((a) => a.stop().catch(() => {})));
    throw err;
  }
  return { adapters, slackListener };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve((server.address() as AddressInfo).port));
  });
}

/** The web pages and API, answering with the bot's answerer and counting in its metrics. */
function webHandler(
  config: Config,
  d: { kb: KnowledgeBase; answerer: Answerer; store: Store; questionLog?: QuestionLog; metrics: Metrics; log: ReturnType<typeof createLogger>; limits: ChatLimits },
) {
  return createWebHandler({
    kb: d.kb,
    answerer: d.answerer,
    memory: new ChatMemory(d.store, d.limits),
    clientOf: clientAddressOf(config.trustProxy ?? { kind: 'off' }),
    guideDir: join(KNOWLEDGE_DIR, 'guide'),
    repo: config.repo,
    log: d.questionLog,
    onError: (err, route) => {
      d.metrics.errors.inc({ platform: 'web', command: route });
      d.log.error({ route, err: (err as Error).message }, 'web request failed');
    },
    onAnswer: (seconds) => {
      d.metrics.requests.inc({ platform: 'web', command: 'ask' });
      d.metrics.latency.observe({ platform: 'web', command: 'ask' }, seconds);
    },
  });
}

/** `GET /report`, only when a token is configured; the report modules load on first use. */
function reportRoute(config: Config, kb: KnowledgeBase, questionLog?: QuestionLog) {
  if (!config.reportToken) return undefined;
  return {
    token: config.reportToken,
    render: async (sinceMs: number) => {
      const { reportFrom, emptyReport } = await import('../report/report.js');
      const { reportHtml } = await import('../report/report-html.js');
      const guideTexts = kb.sections.flatMap((s) => s.chunks.map((c) => c.text));
      return reportHtml(questionLog ? await reportFrom(questionLog, { sinceMs, guideTexts }) : emptyReport(config.logDays, sinceMs));
    },
  };
}
