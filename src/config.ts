// Environment -> validated configuration. Each problem is reported as one line naming the
// variable, and secrets never appear in the message.

import { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const url = (name: string) =>
  z.string().refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, `${name} must be an http(s) URL`);

const optional = (s: z.ZodType<string>) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

const schema = z.object({
  DISCORD_TOKEN: optional(z.string()),
  DISCORD_APP_ID: optional(z.string().regex(/^\d{5,25}$/, 'DISCORD_APP_ID must be a numeric application id')),
  DISCORD_GUILD_ID: optional(z.string().regex(/^\d{5,25}$/, 'DISCORD_GUILD_ID must be a numeric guild id')),
  DISCORD_API_URL: optional(url('DISCORD_API_URL')),
  SLACK_BOT_TOKEN: optional(z.string()),
  SLACK_SIGNING_SECRET: optional(z.string()),
  SLACK_APP_TOKEN: optional(z.string()),
  SLACK_API_URL: optional(url('SLACK_API_URL')),
  PORT: optional(z.string().regex(/^\d{1,5}$/, 'PORT must be a port number (0-65535)')),
  GITHUB_TOKEN: optional(z.string()),
  GITHUB_API_URL: optional(url('GITHUB_API_URL')),
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_BASE_URL: optional(url('OPENAI_BASE_URL')),
  OPENAI_MODEL: optional(z.string()),
  ONRAMP_STORE: optional(
    z.string().regex(/^(file:.+|rediss?:\/\/.+)$/, 'ONRAMP_STORE must be file:<path> or a redis:// URL'),
  ),
  ONRAMP_REPO: optional(z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'ONRAMP_REPO must look like owner/name')),
  LOG_LEVEL: optional(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    }),
  ),
});

export interface Config {
  discord?: { token: string; appId?: string; guildId?: string; apiUrl?: string };
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string };
  port: number;
  github: { token?: string; apiUrl: string };
  openai?: { apiKey: string; baseUrl?: string; model: string };
  store: string;
  repo: string;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(issue.message.includes(String(issue.path[0])) ? issue.message : `${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const port = e.PORT === undefined ? 3000 : Number(e.PORT);
  if (port > 65535) throw new ConfigError('PORT must be a port number (0-65535)');

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
  if (!e.OPENAI_API_KEY && (e.OPENAI_BASE_URL || e.OPENAI_MODEL) && !e.OPENAI_BASE_URL) {
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
        ? { apiKey: e.OPENAI_API_KEY ?? 'unused', baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL ?? 'gpt-4o-mini' }
        : undefined,
    store: e.ONRAMP_STORE ?? 'file:.onramp/store.json',
    repo: e.ONRAMP_REPO ?? 'velero-io/velero',
    logLevel: e.LOG_LEVEL ?? 'info',
  };
}
