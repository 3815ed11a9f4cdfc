import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliEnv, cliEnvWithDir, scrubbedEnv } from './helpers/cli-env.js';

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

describe('test/helpers/cli-env', () => {
  it('drops OPENAI_, GITHUB_, DISCORD_, SLACK_ and ONRAMP_ variables and keeps the rest', () => {
    const env = scrubbedEnv({
      PATH: '/bin', HOME: '/home/x', LOG_LEVEL: 'warn',
      OPENAI_API_KEY: 'sk', GITHUB_TOKEN: 'ghp', DISCORD_TOKEN: 'd', SLACK_BOT_TOKEN: 'xoxb', ONRAMP_STORE: 'file:/x', ONRAMP_REPO: 'a/b',
    });
    expect(env).toEqual({ PATH: '/bin', HOME: '/home/x', LOG_LEVEL: 'warn' });
  });

  it('points the store and data dir at a fresh temporary directory, then adds the extras', () => {
    process.env.SLACK_BOT_TOKEN = 'xoxb-from-the-shell';
    process.env.ONRAMP_STORE = 'file:.onramp/store.json';
    const a = cliEnvWithDir({ GITHUB_API_URL: 'http://127.0.0.1:9', PATH: undefined });
    const b = cliEnvWithDir();
    expect(a.dir).not.toBe(b.dir);
    expect(readdirSync(a.dir)).toEqual([]);
    expect('ONRAMP_STORE' in a.env).toBe(false); // the embedded database in ONRAMP_DATA_DIR
    expect(a.env.ONRAMP_DATA_DIR).toBe(a.dir);
    expect(a.env.GITHUB_API_URL).toBe('http://127.0.0.1:9');
    expect(a.env.SLACK_BOT_TOKEN).toBeUndefined();
    expect('PATH' in a.env).toBe(false);
  });

  it('keeps a credential set in the calling shell away from the spawned CLI, and its store in the temporary directory', () => {
    // Inherited, this half-configured Slack setup would make the CLI exit 2.
    process.env.SLACK_BOT_TOKEN = 'xoxb-from-the-shell';
    process.env.ONRAMP_STORE = 'file:.onramp/should-not-exist.json';
    const { env, dir } = cliEnvWithDir();
    const r = spawnSync(process.execPath, ['dist/cli.js', 'serve'], { input: 'what is a BSL?\n', encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('BackupStorageLocation');
    expect(existsSync(join(dir, 'onramp.db'))).toBe(true);
    expect(existsSync('.onramp/should-not-exist.json')).toBe(false);
    const leaky = spawnSync(process.execPath, ['dist/cli.js', 'ask', 'what is a BSL'], { encoding: 'utf8', env: { ...process.env } });
    expect(leaky.status).toBe(2); // the control: the same shell, not scrubbed
    expect(spawnSync(process.execPath, ['dist/cli.js', 'ask', 'what is a BSL'], { encoding: 'utf8', env: cliEnv() }).status).toBe(0);
  });
});
