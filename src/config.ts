// Environment -> validated configuration. Each problem is reported as one line naming the
// variable, and secrets never appear in the message.

// Plain checks rather than a schema library: zod alone costs ~100 ms to import, a quarter
// of a one-shot `onramp ask`.

import { resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { parseTrustProxy, type TrustProxy } from './client-address.js';

/** Velero's repository under its current name (vmware-tanzu/velero redirects there). */
export const DEFAULT_REPO = 'velero-io/velero';

type Check = (value: string) => string | undefined;

const httpUrl: Check = (v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'must be an http(s) URL';
  } catch {
    return 'must be an http(s) URL';
  }
};
const matches = (re: RegExp, what: string): Check => (v) => (re.test(v) ? undefined : what);

const CHECKS: Record<string, Check | undefined> = {
  DISCORD_APP_ID: matches(/^\d{5,25}$/, 'must be a numeric application id'),
  DISCORD_GUILD_ID: matches(/^\d{5,25}$/, 'must be a numeric guild id'),
  DISCORD_API_URL: httpUrl,
  SLACK_API_URL: httpUrl,
  GITHUB_API_URL: httpUrl,
  OPENAI_BASE_URL: httpUrl,
  ONRAMP_PUBLIC_URL: httpUrl,
  PORT: (v) => (/^\d{1,5}$/.test(v) && Number(v) <= 65535 ? undefined : 'must be a port number (0-65535)'),
  ONRAMP_STORE: matches(/^(file:.+|rediss?:\/\/.+)$/, 'must be file:<path> or a redis:// URL'),
  ONRAMP_REPO: matches(/^[\w.-]+\/[\w.-]+$/, 'must look like owner/name'),
  ONRAMP_DATA_DIR: (v) => (v.length <= 4096 && !v.includes('\0') ? undefined : 'must be a directory path'),
  ONRAMP_LOG_DAYS: (v) => (/^\d{1,5}$/.test(v) ? undefined : 'must be a whole number of days (0 turns the question log off)'),
  ONRAMP_REPORT_TOKEN: (v) => (v.length >= 16 ? undefined : 'must be at least 16 characters (it guards the question report)'),
  ONRAMP_RATE_LIMIT: (v) => (/^\d{1,6}$/.test(v) && Number(v) >= 1 ? undefined : 'must be a whole number of questions a minute, at least 1'),
  ONRAMP_TRUST_PROXY: (v) => {
    const t = parseTrustProxy(v);
    return typeof t === 'string' ? t : undefined;
  },
  ONRAMP_EMBEDDINGS: matches(/^(auto|local|remote|off)$/, 'must be auto, local, remote or off'),
  LOG_LEVEL: matches(/^(fatal|error|warn|info|debug|trace|silent)$/, 'must be one of fatal, error, warn, info, debug, trace, silent'),
};

const NAMES = [
  'DISCORD_TOKEN', 'DISCORD_APP_ID', 'DISCORD_GUILD_ID', 'DISCORD_API_URL', 'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'PORT', 'GITHUB_TOKEN', 'GITHUB_API_URL',
  'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL', 'OPENAI_EMBEDDING_MODEL', 'ONRAMP_STORE', 'ONRAMP_DATA_DIR', 'ONRAMP_REPO', 'ONRAMP_PUBLIC_URL', 'ONRAMP_REPORT_TOKEN', 'ONRAMP_LOG_DAYS', 'ONRAMP_EMBEDDINGS', 'ONRAMP_RATE_LIMIT', 'ONRAMP_TRUST_PROXY', 'LOG_LEVEL',
] as const;
type Name = (typeof NAMES)[number];

/** Set, non-empty, checked variables; the message names the variable, never its value. */
function readEnv(env: NodeJS.ProcessEnv): Partial<Record<Name, string>> {
  const out: Partial<Record<Name, string>> = {};
  for (const name of NAMES) {
    const value = env[name]?.trim();
    if (!value) continue;
    const problem = CHECKS[name]?.(value);
    if (problem) throw new ConfigError(`${name} ${problem}`);
    out[name] = value;
  }
  return out;
}

export interface Config {
  discord?: { token: string; appId?: string; guildId?: string; apiUrl?: string };
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string };
  port: number;
  github: { token?: string; apiUrl: string };
  openai?: { apiKey: string; baseUrl?: string; model: string; embeddingModel?: string };
  store: string;
  /** Where run-time state lives (embedded database, ingested docs); never committed. */
  dataDir: string;
  repo: string;
  /** The bot's public base URL (no trailing slash): citations link to `<publicUrl>/guide/<id>#<anchor>`. */
  publicUrl?: string;
  logLevel: string;
  /** Bearer token for `GET /report`; unset: the route is 404. */
  reportToken?: string;
  /** Days the private question log keeps an entry; 0: no log. */
  logDays: number;
  /** ONRAMP_EMBEDDINGS: auto (the local model when installed), local, remote, off. */
  embeddings: 'auto' | 'local' | 'remote' | 'off';
  /** ONRAMP_RATE_LIMIT: questions a minute per chat user and per web client. */
  rateLimit: number;
  /** ONRAMP_TRUST_PROXY: whose X-Forwarded-For names the web client. */
  trustProxy: TrustProxy;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = readEnv(env);
  const port = e.PORT === undefined ? 3000 : Number(e.PORT);

  // A half-configured platform is a mistake worth stopping for, not something to skip.
  if (!e.DISCORD_TOKEN && (e.DISCORD_APP_ID || e.DISCORD_GUILD_ID)) {
    throw new ConfigError('DISCORD_TOKEN is missing (DISCORD_APP_ID/DISCORD_GUILD_ID are set)');
  }
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    throw new ConfigError('SLACK_SIGNING_SECRET is missing (needed with SLACK_BOT_TOKEN for HTTP mode; or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (!e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
    throw new ConfigError('SLACK_BOT_TOKEN is missing (SLACK_SIGNING_SECRET/SLACK_APP_TOKEN are set)');
  }
  if (e.ONRAMP_EMBEDDINGS === 'remote' && (!e.OPENAI_EMBEDDING_MODEL || !(e.OPENAI_API_KEY || e.OPENAI_BASE_URL))) {
    throw new ConfigError('ONRAMP_EMBEDDINGS=remote needs OPENAI_EMBEDDING_MODEL and OPENAI_BASE_URL or OPENAI_API_KEY');
  }
  if (e.OPENAI_MODEL && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    throw new ConfigError('OPENAI_API_KEY is missing (OPENAI_MODEL is set)');
  }

  return {
    discord: e.DISCORD_TOKEN
      ? { token: e.DISCORD_TOKEN, appId: e.DISCORD_APP_ID, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL }
      : undefined,
    slack: e.SLACK_BOT_TOKEN
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
      : undefined,
    port,
    github: { token: e.GITHUB_TOKEN, apiUrl: e.GITHUB_API_URL ?? 'https://api.github.com' },
    // A local server (Ollama, vLLM) often needs no key; a base URL alone turns the LLM on.
    openai:
      e.OPENAI_API_KEY || e.OPENAI_BASE_URL
        ? {
            apiKey: e.OPENAI_API_KEY ?? 'unused',
            baseUrl: e.OPENAI_BASE_URL,
            model: e.OPENAI_MODEL ?? 'gpt-4o-mini',
            // Optional hybrid retrieval; off unless a model is named.
            embeddingModel: e.OPENAI_EMBEDDING_MODEL,
          }
        : undefined,
    // Unset: the embedded database in the data directory (a `file:` JSON store is imported once).
    store: e.ONRAMP_STORE ?? `sqlite:${resolve(e.ONRAMP_DATA_DIR ?? '.onramp', 'onramp.db')}`,
    dataDir: resolve(e.ONRAMP_DATA_DIR ?? '.onramp'),
    repo: e.ONRAMP_REPO ?? DEFAULT_REPO,
    publicUrl: e.ONRAMP_PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL ?? 'info',
    reportToken: e.ONRAMP_REPORT_TOKEN,
    logDays: e.ONRAMP_LOG_DAYS === undefined ? 90 : Number(e.ONRAMP_LOG_DAYS),
    embeddings: (e.ONRAMP_EMBEDDINGS as Config['embeddings'] | undefined) ?? 'auto',
    rateLimit: e.ONRAMP_RATE_LIMIT === undefined ? 8 : Number(e.ONRAMP_RATE_LIMIT),
    trustProxy: parseTrustProxy(e.ONRAMP_TRUST_PROXY) as TrustProxy,
  };
}
