// Read-only questions to a Velero clone (bare or not) about two of its commits: which files
// exist, which identifiers occur, what changed in a file. Through the git command line,
// with bounded output; a bad directory or revision is an InputError.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { InputError } from '../errors.js';

const run = promisify(execFile);
const MAX_OUTPUT = 256 * 1024 * 1024;

export interface GitHistory {
  /** Full sha and commit date of a revision. */
  resolve(rev: string): Promise<{ sha: string; date: string }>;
  files(rev: string): Promise<Set<string>>;
  show(rev: string, path: string): Promise<string | undefined>;
  /** Zero-context diff of one path between two revisions. */
  diff(from: string, to: string, path: string): Promise<string>;
  /** Paths under `prefix` added between two revisions. */
  added(from: string, to: string, prefix: string): Promise<string[]>;
  /** Which of the fixed strings occur anywhere in the tree at `rev`. */
  present(rev: string, needles: string[]): Promise<Set<string>>;
}

// A word is a run of letters, digits and underscores; an identifier joins words with dots,
// slashes or dashes (`velero.io/exclude-from-backup`, `fs-backup-timeout`). Every joined run
// of a token's words counts, so `backup.velero.io` is found inside `pre.hook.backup.velero.io`.
const TOKEN = /[A-Za-z0-9_]+(?:[./-][A-Za-z0-9_]+)*/g;
const MAX_PARTS = 8;

/** Every identifier-shaped run of words in the text files of the tar archive `tar`. */
export function wordsOfTar(tar: Buffer): Set<string> {
  const words = new Set<string>();
  for (let at = 0; at + 512 <= tar.length; ) {
    const size = parseInt(tar.subarray(at + 124, at + 136).toString('ascii').replace(/\0/g, '').trim() || '0', 8);
    const type = String.fromCharCode(tar[at + 156] ?? 0);
    const name = tar.subarray(at, at + 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name && size === 0) break;
    const body = tar.subarray(at + 512, at + 512 + size);
    if ((type === '0' || type === '\0') && !body.subarray(0, 8000).includes(0)) addWords(body.toString('utf8'), words);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return words;
}

function addWords(text: string, words: Set<string>): void {
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    words.add(token);
    if (!/[./-]/.test(token)) continue;
    const parts = token.split(/(?=[./-])/);
    if (parts.length > MAX_PARTS) continue;
    for (let i = 0; i < parts.length; i++) {
      let run = '';
      for (let j = i; j < parts.length; j++) {
        run += parts[j];
        words.add(i === 0 ? run : run.slice(1));
      }
    }
  }
}

export async function openGitHistory(dir: string): Promise<GitHistory> {
  const cache = new Map<string, Promise<Set<string>>>();
  const wordsAt = (rev: string) => {
    let w = cache.get(rev);
    if (!w) {
      w = run('git', ['-C', dir, 'archive', '--format=tar', rev], { maxBuffer: MAX_OUTPUT, encoding: 'buffer' }).then((r) => wordsOfTar(r.stdout));
      cache.set(rev, w);
    }
    return w;
  };
  const git = async (args: string[]) => (await run('git', ['-C', dir, ...args], { maxBuffer: MAX_OUTPUT, encoding: 'utf8' })).stdout;
  try {
    await git(['rev-parse', '--git-dir']);
  } catch {
    throw new InputError(`${dir} is not a git repository (pass a clone of Velero to --from-git)`);
  }
  return {
    async resolve(rev) {
      // A revision that looks like an option would be read as one by git.
      if (!rev || rev.startsWith('-')) throw new InputError(`"${rev}" is not a revision (pass a commit, tag or branch to --rev)`);
      try {
        const [sha, date] = (await git(['log', '-1', '--format=%H%n%cI', `${rev}^{commit}`, '--'])).trim().split('\n');
        return { sha: sha!, date: date! };
      } catch {
        throw new InputError(`${dir} has no commit "${rev}" (fetch it, or pass another --rev)`);
      }
    },
    async files(rev) {
      return new Set((await git(['ls-tree', '-r', '--name-only', '-z', rev])).split('\0').filter(Boolean));
    },
    async show(rev, path) {
      try {
        return await git(['show', `${rev}:${path}`]);
      } catch {
        return undefined;
      }
    },
    diff: (from, to, path) => git(['diff', '--no-color', '--no-ext-diff', '-U0', from, to, '--', path]),
    async added(from, to, prefix) {
      return (await git(['diff', '--name-only', '--diff-filter=A', '-z', from, to, '--', prefix])).split('\0').filter(Boolean);
    },
    async present(rev, needles) {
      if (!needles.length) return new Set();
      const words = await wordsAt(rev);
      return new Set(needles.filter((n) => words.has(n)));
    },
  };
}
