// RepoReader over a local clone (bare or with a work tree) through the git command line.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { RepoReader } from './snapshot-types.js';
import { InputError } from '../errors.js';

const run = promisify(execFile);

export async function openGitReader(dir: string, ref = 'HEAD'): Promise<RepoReader> {
  const git = async (...args: string[]) =>
    (await run('git', ['-C', dir, ...args], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' })).stdout;
  // A revision that looks like an option would be read as one by git.
  if (!ref || ref.startsWith('-')) throw new InputError(`"${ref}" is not a revision (pass a commit, tag or branch to --rev)`);
  try {
    await git('rev-parse', '--verify', `${ref}^{commit}`);
  } catch {
    throw new InputError(`${dir} is not a git repository with a commit at ${ref} (pass a clone of Velero to --from-git)`);
  }
  return {
    describe: () => `git:${dir}`,
    async head() {
      const [sha, date] = (await git('log', '-1', '--format=%H%n%cI', ref)).trim().split('\n');
      return { sha: sha!, date: date! };
    },
    async listFiles() {
      return (await git('ls-tree', '-r', '--name-only', '-z', ref)).split('\0').filter(Boolean);
    },
    async readFile(path) {
      try {
        return await git('show', `${ref}:${path}`);
      } catch {
        return undefined;
      }
    },
  };
}
