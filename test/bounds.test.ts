// No input takes more than a second to lint or ask, and every file and stdin line the CLI
// reads is capped: adversarial 256 KB inputs through every prlint rule and through `ask`,
// and oversized files (/dev/zero among them) through the command line.

import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ask } from '../src/answer/ask.js';
import { answerFlaws } from '../src/eval/answer-quality.js';
import { MAX_QUESTION_CHARS } from '../src/answer/input.js';
import { cappedLines, READ_CAPS, readCapped } from '../src/bounded-read.js';
import { InputError } from '../src/errors.js';
import { KNOWLEDGE_DIR, loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { loadConventions } from '../src/prlint/conventions.js';
import { formatLint } from '../src/prlint/format.js';
import { lintPullRequest, RULES } from '../src/prlint/lint.js';
import { markdownReport } from '../src/prlint/report.js';
import type { PullRequestDraft } from '../src/prlint/types.js';
import { cliEnvWithDir } from './helpers/cli-env.js';

const KB = 1024;
const c = loadConventions(KNOWLEDGE_DIR);
const kb = await loadKnowledgeBase();

/** `unit` repeated to exactly `n` characters. */
const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

// Units that trip backtracking regexes and rescanning loops: brackets, mention fragments,
// whitespace runs, nested Markdown, repeated issue links and trailers.
const UNITS = ['<', '>', '[', ']', '(', '`', '```', '@', '<@U1|', '<!chan', '<#C1|', ' ', '\t', '\n', ' \n', '\r\n', '> ', '>>>', '**', '*_', '[a](',
  '[![', '](', '<!--', '-->', 'Fixes #', 'Fixes #1 ', '#', '#1', '- [ ] ', '- [x]', '\\', '"', ':', '/', 'a/', 'a.', 'https://github.com/', 'cherry-pick ', '[1.18]',
  'Signed-off-by: ', 'Signed-off-by: a <', '<a@b>', '<>', 'WIP ', 'issue 1 ', '\u0000', '\u200b', 'é', '😀', 'x'];

const FIELDS: Record<string, (text: string) => Partial<PullRequestDraft>> = {
  title: (t) => ({ title: t }),
  description: (t) => ({ body: t }),
  'commit message': (t) => ({ commits: [{ sha: 'a1', message: t, authorEmail: 'me@example.com' }] }),
  'changelog file': (t) => ({ files: [{ path: 'changelogs/unreleased/5-me', status: 'added', content: t }] }),
  'file path': (t) => ({ files: [{ path: 'changelogs/unreleased/5-me', status: 'added', content: 'Check for nil\n' }, { path: t, status: 'added' }] }),
};

const draft = (over: Partial<PullRequestDraft>): PullRequestDraft => ({
  title: 'Check for nil when validating foo',
  number: 5,
  author: 'me',
  base: 'release-1.18',
  labels: [],
  body: 'Summary.',
  files: [{ path: 'changelogs/unreleased/5-me', status: 'added', content: 'Check for nil\n' }],
  commits: [{ sha: 'a1', message: 'Fix\n\nSigned-off-by: Me <me@example.com>', authorEmail: 'me@example.com' }],
  ...over,
});

const msSince = (t: number) => performance.now() - t;

describe('linting is linear: 256 KB adversarial inputs, every rule', () => {
  for (const [field, place] of Object.entries(FIELDS)) {
    it(`lints a 256 KB ${field} of each pattern in under a second, rule by rule and in all`, () => {
      const slow: string[] = [];
      for (const unit of UNITS) {
        const pr = draft(place(fill(unit, 256 * KB)));
        for (const rule of RULES) {
          const t = performance.now();
          rule.check(pr, c);
          const ms = msSince(t);
          if (ms >= 1000) slow.push(`${rule.id} on ${JSON.stringify(unit)}: ${Math.round(ms)} ms`);
        }
        const t = performance.now();
        const result = lintPullRequest(pr, c);
        markdownReport(result, pr);
        formatLint(result);
        const ms = msSince(t);
        if (ms >= 1000) slow.push(`whole lint on ${JSON.stringify(unit)}: ${Math.round(ms)} ms`);
      }
      expect(slow).toEqual([]);
    });
  }

  it('lints a 100 KB commit message of < in under a second', () => {
    const pr = draft(FIELDS['commit message']!('<'.repeat(100 * KB)));
    const t = performance.now();
    lintPullRequest(pr, c);
    expect(msSince(t)).toBeLessThan(1000);
  });
});

describe('asking is linear: adversarial questions', () => {
  it('answers (or refuses) the longest question it takes, of each pattern, in under a second', () => {
    const slow: string[] = [];
    let answered = 0;
    for (const unit of UNITS) {
      // The pattern alone (often refused as unreadable), and woven into words (answered).
      for (const q of [fill(unit, MAX_QUESTION_CHARS), `how do I sign off ${fill(`${unit}backup restore `, MAX_QUESTION_CHARS - 20)}`]) {
        const t = performance.now();
        try {
          ask(kb, q);
          answered++;
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
        const ms = msSince(t);
        if (ms >= 1000) slow.push(`${JSON.stringify(q.slice(0, 30))}: ${Math.round(ms)} ms`);
      }
    }
    expect(slow).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(UNITS.length);
  });

  it('refuses a 256 KB question of each pattern at once, with a one-line reason', () => {
    for (const unit of UNITS) {
      const t = performance.now();
      expect(() => ask(kb, fill(unit, 256 * KB))).toThrow(InputError);
      expect(msSince(t)).toBeLessThan(1000);
    }
  });
});

describe('judging an answer is linear: the eval reads what a model wrote', () => {
  it('checks a 256 KB answer of each pattern, and of link after link, in under a second', () => {
    const slow: string[] = [];
    for (const unit of [...UNITS, '[`A`](https://x/', '](', '](https://github.com/a/b/blob/c/d.go#L1)', '\n\n[a](b) ']) {
      const t = performance.now();
      answerFlaws(fill(unit, 256 * KB), [fill(unit, 64 * KB)]);
      const ms = msSince(t);
      if (ms >= 1000) slow.push(`${JSON.stringify(unit)}: ${Math.round(ms)} ms`);
    }
    expect(slow).toEqual([]);
  });
});

describe('bounded readers', () => {
  const lines = async (chunks: Array<string | Buffer>, max: number) => {
    const out = [];
    for await (const l of cappedLines(Readable.from(chunks), max)) out.push(l);
    return out;
  };

  it('splits lines across chunks, drops \\r, keeps multi-byte characters whole', async () => {
    const euro = Buffer.from('€');
    expect(await lines(['one\r\ntw', 'o\n', euro.subarray(0, 1), Buffer.concat([euro.subarray(1), Buffer.from('\nlast')])], 100)).toEqual([
      { n: 1, text: 'one' },
      { n: 2, text: 'two' },
      { n: 3, text: '€' },
      { n: 4, text: 'last' },
    ]);
  });

  it('reports an over-long line by its size without keeping it, and goes on', async () => {
    const got = await lines(['short\n', 'x'.repeat(60), 'y'.repeat(60), '\nafter\n'], 100);
    expect(got).toEqual([{ n: 1, text: 'short' }, { n: 2, tooLong: true, bytes: 120 }, { n: 3, text: 'after' }]);
  });

  it('stops reading a stream at its cap (it never pulls the rest)', async () => {
    let pulled = 0;
    const endless = new Readable({ read() { pulled++; this.push(Buffer.alloc(64 * KB)); } });
    await expect(readCapped('-', 'body file (stdin)', 'prBody', endless)).rejects.toThrow(/too large \(over 256 KB/);
    expect(pulled * 64 * KB).toBeLessThan(READ_CAPS.prBody.bytes + 4 * 64 * KB);
    endless.destroy();
  });
});

describe('the CLI caps every file and stdin line it reads', () => {
  const run = (args: string[], input?: string) => {
    const { env, dir } = cliEnvWithDir();
    const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { input, encoding: 'utf8', env, timeout: 20_000, cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, out: r.stdout, err: r.stderr, dir };
  };
  const oneLine = (err: string) => err.trim().split('\n');

  it.each([
    [['lint-pr', '--title', 'Check for nil', '--body-file', '/dev/zero'], /^onramp: body file \/dev\/zero is too large \(over 256 KB, the limit for a PR description\)$/],
    [['lint-pr', '--event', '/dev/zero'], /^onramp: event file \/dev\/zero is too large \(over 25 MB, the limit for an event payload\)$/],
    [['lint-pr', '--title', 'Check for nil', '--commits-file', '/dev/zero'], /^onramp: commits file \/dev\/zero is too large \(over 5 MB, the limit for a commits file\)$/],
    [['eval', '--questions', '/dev/zero'], /^onramp: the question file \/dev\/zero is too large \(over 5 MB, the limit for a question file\)$/],
  ])('%j: one line naming the file and the limit, exit 2', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toHaveLength(1);
    expect(r.err.trim()).toMatch(message);
  });

  it('caps --body-file - on stdin too', () => {
    const r = run(['lint-pr', '--title', 'Check for nil', '--body-file', '-'], 'x'.repeat(READ_CAPS.prBody.bytes + 1));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('onramp: body file (stdin) is too large (over 256 KB, the limit for a PR description)');
  });

  it('reads a file of exactly the cap and refuses one byte more', async () => {
    const { dir } = cliEnvWithDir();
    const file = join(dir, 'body.md');
    writeFileSync(file, Buffer.alloc(READ_CAPS.prBody.bytes, 'a'));
    expect((await readCapped(file, 'body file', 'prBody')).length).toBe(READ_CAPS.prBody.bytes);
    writeFileSync(file, Buffer.alloc(READ_CAPS.prBody.bytes + 1, 'a'));
    await expect(readCapped(file, 'body file', 'prBody')).rejects.toThrow(/too large/);
  });

  it('lints a description read from a file under the cap', () => {
    const { dir } = cliEnvWithDir();
    const file = join(dir, 'body.md');
    writeFileSync(file, `## Summary\n\n${'a'.repeat(60_000)}\n`);
    const r = run(['lint-pr', '--title', 'Check for nil when validating foo', '--body-file', file, '--json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).findings).toBeInstanceOf(Array);
  });

  it('skips an over-long stdin question with one line (and a JSON error in --json mode) and answers the rest', async () => {
    // 50 MB on one line, streamed: the process must not buffer it.
    const child = spawn(process.execPath, ['dist/cli.js', 'ask', '--json'], { env: cliEnvWithDir().env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = new Promise<number | null>((r) => child.on('close', r));
    child.stdin.on('error', () => {});
    child.stdin.write('what is a BSL?\n');
    const block = Buffer.alloc(1024 * KB, 'a');
    for (let i = 0; i < 50; i++) if (!child.stdin.write(block)) await new Promise((r) => child.stdin.once('drain', r));
    child.stdin.end('\nhow do I sign off my commits\n');
    expect(await code).toBe(2);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].citations.length).toBeGreaterThan(0);
    expect(lines[1]).toEqual({ line: 2, error: 'line 2 of stdin is too long (over 8 KB, the limit for a question); skipped' });
    expect(lines[2].question).toBe('how do I sign off my commits');
    expect(err.trim()).toBe('onramp: line 2 of stdin is too long (over 8 KB, the limit for a question); skipped');
  }, 30_000);
});
