import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/serve/start-bot.js';
import { startOpenAIDouble, type OpenAIDouble } from './helpers/openai-double.js';
import { startSlackDouble, type SlackDouble } from './helpers/slack-double.js';
import { createHmac } from 'node:crypto';
import { cliEnv } from './helpers/cli-env.js';

let ai: OpenAIDouble;
let slack: SlackDouble;
let bot: RunningBot;

beforeAll(async () => {
  ai = await startOpenAIDouble();
  ai.reply = () => 'Add a one-line file `changelogs/unreleased/<PR>-<login>`; `make new-changelog` writes it [1]. CI checks the PR number prefix [1].';
  slack = await startSlackDouble();
  bot = await startBot(
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: slack.apiUrl, PORT: '0', LOG_LEVEL: 'silent',
      OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: ai.baseUrl, OPENAI_MODEL: 'test-model',
      ONRAMP_STORE: `file:${join(mkdtempSync(join(tmpdir(), 'llmchat-')), 's.json')}`, GITHUB_API_URL: 'http://127.0.0.1:9',
    }),
  );
});
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await ai.close();
});

describe('streamed LLM answers in chat', () => {
  it('posts the answer as it streams in a Slack thread, then updates it with the final blocks', async () => {
    ai.streamDelayMs = 40;
    const body = JSON.stringify({
      token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'Ev1', event_time: 1,
      event: { type: 'app_mention', user: 'U1', text: '<@UBOT> how do I add a changelog for my PR?', ts: '1700000009.000100', channel: 'C5', event_ts: '1700000009.000100' },
    });
    const ts = Math.floor(Date.now() / 1000);
    const sig = `v0=${createHmac('sha256', 's').update(`v0:${ts}:${body}`).digest('hex')}`;
    const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig },
      body,
    });
    expect(res.status).toBe(200);
    const [first] = await slack.waitFor('/api/chat.postMessage');
    expect(first!.body.thread_ts).toBe('1700000009.000100');
    expect(String(first!.body.text)).toMatch(/ …$/);
    const updates = await slack.waitFor('/api/chat.update');
    const final = updates.at(-1)!;
    expect(final.body.ts).toBe('1700000000.000200');
    expect(JSON.stringify(final.body.blocks)).toContain('changelogs/unreleased');
    expect(JSON.stringify(final.body.blocks)).toMatch(/http:\/\/localhost:\d+\/guide\/contributing-upstream#/);
    expect(ai.lastChat!.stream).toBe(true);
    ai.streamDelayMs = 0;
  });
});

describe('CLI with an OpenAI-compatible endpoint', () => {
  const env = () => cliEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: ai.baseUrl, OPENAI_MODEL: 'test-model' });
  const run = async (args: string[]) => {
    try {
      return (await promisify(execFile)(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', env: env() })).stdout;
    } catch (err) {
      throw new Error((err as { stderr: string }).stderr);
    }
  };

  it('answers with mode "llm" and falls back to "extractive" when the endpoint fails', async () => {
    const j = JSON.parse(await run(['ask', '--json', 'how do I add a changelog for my PR']));
    expect(j.mode).toBe('llm');
    expect(j.citations[0].section).toBe('contributing-upstream');
    ai.mode = 'error-500';
    const k = JSON.parse(await run(['ask', '--json', 'how do I add a changelog for my PR']));
    expect(k.mode).toBe('extractive');
    ai.mode = 'ok';
  });

  it('runs the evaluation through the LLM path', async () => {
    const before = ai.counters.chat;
    const j = JSON.parse(await run(['eval', '--mode', 'llm', '--json', '--questions', 'test/fixtures/questions.public.jsonl']));
    expect(j.n).toBe(55);
    expect(ai.counters.chat - before).toBeGreaterThanOrEqual(50 - 5);
    expect(j.outOfScope.recall).toBe(1);
  });
});
