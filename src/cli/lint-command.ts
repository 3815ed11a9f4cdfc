import { readFileSync } from 'node:fs';

import { loadConfig } from '../config.js';
import { KNOWLEDGE_DIR } from '../knowledge/knowledge-base.js';
import { loadConventions } from '../prlint/conventions.js';
import { formatLint } from '../prlint/format.js';
import { draftFromEvent, draftFromFlags, draftFromGitHub, MAX_BODY_CHARS } from '../prlint/inputs.js';
import { lintPullRequest } from '../prlint/lint.js';
import type { PullRequestDraft } from '../prlint/types.js';
import { InputError } from '../errors.js';

export interface LintFlags {
  title?: string;
  body?: string;
  bodyFile?: string;
  files?: string;
  author?: string;
  number?: number;
  base?: string;
  labels?: string;
  commitsFile?: string;
  draft?: boolean;
  pr?: number;
  event?: string;
  json?: boolean;
}

function readText(file: string, what: string): string {
  try {
    const buf = readFileSync(file === '-' ? 0 : file);
    if (buf.length > MAX_BODY_CHARS * 4) throw new InputError(`${what} ${file} is too large (${buf.length} bytes)`);
    return buf.toString('utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${what} ${file} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${what} ${file} is not valid JSON`);
  }
}

export async function buildDraft(flags: LintFlags): Promise<PullRequestDraft> {
  const sources = [flags.pr !== undefined, flags.event !== undefined, flags.title !== undefined].filter(Boolean).length;
  if (sources === 0) throw new InputError('say what to check: --title T [--body ...], --pr N or --event FILE');
  if (sources > 1) throw new InputError('use only one of --title, --pr and --event');
  if (flags.body !== undefined && flags.bodyFile !== undefined) throw new InputError('use --body or --body-file, not both');

  if (flags.event !== undefined) return draftFromEvent(readJson(flags.event, 'event file'), flags.event);
  if (flags.pr !== undefined) {
    if (!Number.isInteger(flags.pr) || flags.pr < 1) throw new InputError('--pr must be a positive PR number');
    const config = loadConfig();
    const { createGitHub } = await import('../upstream/github-client.js');
    try {
      return await draftFromGitHub(createGitHub(config, { retries: 1, timeoutMs: 8000 }), config.repo, flags.pr);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404) throw new InputError(`PR #${flags.pr} was not found in ${config.repo}`);
      throw new InputError(`could not fetch PR #${flags.pr} from GitHub (${status ? `HTTP ${status}` : (err as Error).message.split('\n')[0]}); paste --title/--body instead`);
    }
  }
  const body = flags.bodyFile !== undefined ? readText(flags.bodyFile, 'body file') : flags.body;
  const commits = flags.commitsFile !== undefined ? readJson(flags.commitsFile, 'commits file') : undefined;
  return draftFromFlags({ ...flags, body, commits });
}

export async function runLint(flags: LintFlags): Promise<number> {
  const draft = await buildDraft(flags);
  const result = lintPullRequest(draft, loadConventions(KNOWLEDGE_DIR));
  process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatLint(result)}\n`);
  return result.ok ? 0 : 1;
}
