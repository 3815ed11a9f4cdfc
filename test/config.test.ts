import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('configuration from the environment', () => {
  it('has working defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, store: `sqlite:${process.cwd()}/.onramp/onramp.db`, repo: 'velero-io/velero', logLevel: 'info' });
    expect(c.discord).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.openai).toBeUndefined();
    expect(c.github.apiUrl).toBe('https://api.github.com');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT must be a port number/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/^PORT must be/);
    expect(() => loadConfig({ ONRAMP_STORE: 'sqlite:x' })).toThrow(/^ONRAMP_STORE must be file:<path> or a redis:\/\/ URL/);
    expect(() => loadConfig({ GITHUB_API_URL: 'not a url' })).toThrow(/^GITHUB_API_URL must be an http\(s\) URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL must be one of/);
  });

  it('names the missing half of a partial credential, never the secret', () => {
    const attempt = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    };
    const m1 = attempt({ SLACK_BOT_TOKEN: 'xoxb-top-secret' });
    expect(m1).toMatch(/SLACK_SIGNING_SECRET is missing/);
    expect(m1).not.toContain('top-secret');
    expect(attempt({ SLACK_SIGNING_SECRET: 's3cr3t' })).toMatch(/SLACK_BOT_TOKEN is missing/);
    expect(attempt({ DISCORD_GUILD_ID: '123456789' })).toMatch(/DISCORD_TOKEN is missing/);
    expect(attempt({ OPENAI_MODEL: 'gpt-4o-mini' })).toMatch(/OPENAI_API_KEY is missing/);
  });

  it('accepts Socket Mode without a signing secret', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(c.slack).toMatchObject({ botToken: 'xoxb-1', appToken: 'xapp-1' });
  });

  it('turns on the LLM path with a base URL alone (local servers need no key)', () => {
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).openai).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1' });
  });
});
