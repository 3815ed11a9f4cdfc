// RepoReader over the GitHub REST API, for `onramp sync` without a clone.

import type { Config } from '../config.js';
import { createGitHub, splitRepo } from './github-client.js';
import type { RepoReader } from './snapshot-types.js';

export async function openApiReader(config: Config): Promise<RepoReader> {
  const gh = createGitHub(config, { maxWaitSeconds: 10, retries: 2, timeoutMs: 15000 });
  const where = splitRepo(config.repo);
  const { data: repo } = await gh.repos.get(where);
  const { data: branch } = await gh.repos.getBranch({ ...where, branch: repo.default_branch });
  const sha = branch.commit.sha;
  return {
    describe: () => `GitHub API (${config.github.apiUrl})`,
    async head() {
      return { sha, date: branch.commit.commit.committer?.date ?? new Date().toISOString() };
    },
    async listFiles() {
      const { data } = await gh.git.getTree({ ...where, tree_sha: sha, recursive: 'true' });
      return data.tree.filter((e) => e.type === 'blob' && e.path).map((e) => e.path!);
    },
    async readFile(path) {
      try {
        const { data } = await gh.repos.getContent({ ...where, path, ref: sha });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
        return Buffer.from(data.content, 'base64').toString('utf8');
      } catch (err) {
        if ((err as { status?: number }).status === 404) return undefined;
        throw err;
      }
    },
  };
}
