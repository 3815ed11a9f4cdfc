import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startSlackDouble } from './helpers/slack-double.js';
import { cliEnv } from './helpers/cli-env.js';

describe('onramp serve process', () => {
  it('starts Slack with /healthz, and shuts down cleanly on SIGTERM', async () => {
    const slack = await startSlackDouble();
    const child = spawn(process.execPath, ['dist/cli.js', 'serve'], {
      env: cliEnv({
        SLACK_BOT_TOKEN: 'xoxb-secret-token-value',
        SLACK_SIGNING_SECRET: 'sekret',
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const port = await new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no listen line: ${err}`)), 15_000);
      child.stderr.on('data', () => {
        const m = err.match(/listening on :(\d+)/);
        if (m) {
          clearTimeout(t);
          resolve(Number(m[1]));
        }
      });
    });
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', platforms: ['slack'] });
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(err).toMatch(/SIGTERM received/);
    expect(err).toMatch(/"msg":"stopped"/);
    expect(err).not.toContain('xoxb-secret-token-value');
    expect(err).not.toContain('sekret');
    await slack.close();
  });

  it('names the missing half of partial credentials in one line', async () => {
    const child = spawn(process.execPath, ['dist/cli.js', 'serve'], { env: cliEnv({ DISCORD_GUILD_ID: '123456789' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(err.trim()).toBe('onramp: DISCORD_TOKEN is missing (DISCORD_APP_ID/DISCORD_GUILD_ID are set)');
  });
});
