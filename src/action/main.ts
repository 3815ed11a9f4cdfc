// The GitHub Action's entry, bundled into action/index.mjs (no install, no build per PR):
// the runner's INPUT_* variables, then the same check as `onramp lint-pr --event --comment`.

import { InputError } from '../errors.js';
import { runAction } from '../cli/lint-command.js';
import { escapeData } from '../prlint/report.js';

/** An input as the runner passes it: INPUT_<NAME in capitals>, hyphens kept. */
const input = (name: string): string => process.env[`INPUT_${name.toUpperCase()}`]?.trim() ?? '';

function yesNo(name: string, fallback: boolean): boolean {
  const v = input(name).toLowerCase();
  if (!v) return fallback;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new InputError(`input ${name} must be true or false`);
}

export async function main(): Promise<number> {
  const mode = input('mode').toLowerCase() || 'blocking';
  if (mode !== 'blocking' && mode !== 'advisory') throw new InputError('input mode must be blocking or advisory');
  const token = input('github-token');
  if (token) process.env.GITHUB_TOKEN = token;
  const event = process.env.GITHUB_EVENT_PATH;
  if (!event) throw new InputError('GITHUB_EVENT_PATH is not set: run this action on a pull_request or pull_request_target event');
  return runAction({ event, comment: true, postComment: yesNo('comment', true), checks: input('checks') || undefined, advisory: mode === 'advisory' });
}

try {
  process.exitCode = await main();
} catch (err) {
  // One line, as a workflow error; never a stack with the environment in it.
  const message = err instanceof InputError ? err.message : `unexpected failure: ${String((err as Error)?.message ?? err).split('\n')[0]}`;
  process.stdout.write(`::error title=onramp::${escapeData(message)}\n`);
  process.exitCode = 2;
}
