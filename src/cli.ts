#!/usr/bin/env node
// The `onramp` command line: argument parsing only. Each command lazy-imports what it
// needs, so `ask` never pays for the chat SDKs.

import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_K } from './answer/types.js';
import { InputError } from './errors.js';

const program = new Command()
  .name('onramp')
  .description('Contributor-onboarding bot for Velero: ask, issues, lint-pr, serve, sync, verify, report, eval, status')
  .exitOverride()
  .configureOutput({ outputError: () => {} })
  .showSuggestionAfterError(true);

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new InputError(`${name} must be a whole number from 1 to 50`);
  return n;
};

const wholeNumber = (name: string) => (v: string) => {
  if (!/^-?\d+$/.test(v.trim())) throw new InputError(`${name} must be a whole number`);
  return Number(v);
};

program
  .command('ask')
  .description('answer a question about contributing to Velero (no question: one per line from stdin)')
  .argument('[question...]', 'the question')
  .option('--json', 'print JSON (one object per line in batch mode)')
  .addOption(new Option('--k <n>', 'number of guide sections to cite').argParser(positiveInt('--k')).default(DEFAULT_K))
  .action(async (words: string[], opts: { json?: boolean; k: number }) => {
    const { runAsk } = await import('./cli/ask-command.js');
    process.exitCode = await runAsk(words.length ? words.join(' ') : undefined, opts);
  });

program
  .command('eval')
  .description('measure retrieval and answer quality on a question file')
  .option('--questions <file>', 'JSON Lines question file (default: ../shared/eval/questions.public.jsonl)')
  .option('--json', 'print the report as JSON')
  .option('--mode <mode>', 'extractive (default) or llm (through OPENAI_*)')
  .option('--model <id>', 'rank with this installed embedding model (compare models; see models/embedding-models.json)')
  .action(async (opts: { questions?: string; json?: boolean; mode?: string; model?: string }) => {
    const { runEvalCommand } = await import('./cli/eval-command.js');
    process.exitCode = await runEvalCommand(opts);
  });

program
  .command('serve')
  .description('run every chat platform whose credentials are set; none set: console chat')
  .action(async () => {
    const { runServe } = await import('./cli/serve-command.js');
    process.exitCode = await runServe();
  });

program
  .command('sync')
  .description('refresh knowledge/upstream from the GitHub API, or from a clone with --from-git')
  .option('--from-git <dir>', 'read a local clone (bare or not) instead of the API')
  .option('--rev <rev>', 'with --from-git: the commit to read (default HEAD)')
  .option('--docs', "with --from-git: also ingest the clone's site/content/docs/main into ONRAMP_DATA_DIR")
  .action(async (opts: { fromGit?: string; rev?: string; docs?: boolean }) => {
    const { runSync } = await import('./cli/sync-command.js');
    process.exitCode = await runSync(opts);
  });

program
  .command('verify')
  .description("check the guide's claims against a Velero revision (exit 1 when a cited path or identifier is gone)")
  .requiredOption('--from-git <dir>', 'a clone of Velero (bare or not)')
  .option('--rev <rev>', 'the revision to check against (default HEAD)')
  .option('--json', 'print JSON')
  .action(async (opts: { fromGit: string; rev?: string; json?: boolean }) => {
    const { runVerify } = await import('./cli/verify-command.js');
    process.exitCode = await runVerify(opts);
  });

program
  .command('issues')
  .description('suggest good first issues in high-value areas')
  .option('--area <area>', 'an area such as CSI, datamover, fs-backup, Metrics, CLI')
  .option('--interest <text>', 'what you know or like, e.g. "csi, go tests"')
  .addOption(new Option('--limit <n>', 'how many suggestions (1-20)').argParser(wholeNumber('--limit')))
  .option('--offline', 'use the committed snapshot, not GitHub')
  .option('--json', 'print JSON')
  .action(async (opts: { area?: string; interest?: string; limit?: number; offline?: boolean; json?: boolean }) => {
    const { runIssues } = await import('./cli/issues-command.js');
    process.exitCode = await runIssues(opts);
  });

program
  .command('lint-pr')
  .description("check a draft PR's title and description against Velero's conventions (exit 1 on errors)")
  .option('--title <title>', 'the PR title')
  .option('--body <text>', 'the PR description')
  .option('--body-file <file>', 'read the description from a file (- for stdin)')
  .option('--files <paths>', 'changed files, comma-separated')
  .option('--author <login>', "the PR author's GitHub login")
  .addOption(new Option('--number <n>', 'the PR number').argParser(wholeNumber('--number')))
  .option('--base <branch>', 'the base branch (main, release-1.18)')
  .option('--labels <labels>', 'labels, comma-separated')
  .option('--commits-file <file>', 'JSON from GitHub\'s "list commits on a pull request"')
  .option('--draft', 'the PR is a draft')
  .addOption(new Option('--pr <n>', 'fetch this PR from GitHub').argParser(wholeNumber('--pr')))
  .option('--event <file>', 'a GitHub pull_request event payload')
  .option('--comment', 'GitHub Action mode (with --event): one sticky PR comment, step summary, annotations')
  .option('--checks <list>', 'only these checks: title, cherry-pick, description, changelog, dco, docs (comma-separated)')
  .option('--advisory', 'report findings but exit 0')
  .option('--json', 'print JSON')
  .action(async (opts: Record<string, unknown>) => {
    const { runLint } = await import('./cli/lint-command.js');
    process.exitCode = await runLint(opts);
  });

program
  .command('report')
  .description('what was asked: volume, outcomes and knowledge gaps, from the private question log')
  .option('--since <age>', 'how far back, e.g. 30d, 12h (default 30d)')
  .option('--json', 'print JSON')
  .option('--html <file>', 'write a self-contained HTML page with charts')
  .action(async (opts: { since?: string; json?: boolean; html?: string }) => {
    const { runReport } = await import('./cli/report-command.js');
    process.exitCode = await runReport(opts);
  });

program
  .command('status')
  .description('what this install has loaded: knowledge pin, docs, symbols, embedding model, store, platforms')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    const { runStatus } = await import('./cli/status-command.js');
    process.exitCode = await runStatus(opts);
  });

program
  .command('register-commands')
  .description('register the /velero slash command with Discord (DISCORD_GUILD_ID: one guild, else global)')
  .action(async () => {
    const { runRegisterCommands } = await import('./cli/register-command.js');
    process.exitCode = await runRegisterCommands();
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      process.exitCode = 0;
    } else {
      const message = err.message.replace(/^error:\s*/, '').split('\n')[0];
      process.stderr.write(`onramp: ${message} (see onramp --help)\n`);
      process.exitCode = 2;
    }
  } else {
    const { describeError } = await import('./errors.js');
    const { message, exitCode } = describeError(err);
    process.stderr.write(`onramp: ${message}\n`);
    process.exitCode = exitCode;
  }
}
