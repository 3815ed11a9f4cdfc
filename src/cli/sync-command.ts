
import { loadConfig } from '../config.js';
import { KNOWLEDGE_DIR } from '../knowledge/knowledge-base.js';
import { buildSnapshot } from '../upstream/build-snapshot.js';
import { openGitReader } from '../upstream/git-reader.js';
import { saveSnapshot } from '../upstream/snapshot-file.js';
import { InputError } from '../errors.js';

export async function runSync(opts: { fromGit?: string; rev?: string; knowledgeDir?: string }): Promise<number> {
  const config = loadConfig();
  const dir = opts.knowledgeDir ?? KNOWLEDGE_DIR;
  let reader;
  if (opts.fromGit !== undefined) {
    if (!opts.fromGit.trim()) throw new InputError('--from-git needs the path of a Velero clone');
    reader = await openGitReader(opts.fromGit, opts.rev ?? 'HEAD');
  } else {
    if (opts.rev) throw new InputError('--rev needs --from-git (the API reads the default branch)');
    const { openApiReader } = await import('../upstream/api-reader.js');
    reader = await openApiReader(config);
  }
  const snapshot = await buildSnapshot(reader, config.repo);
  const path = saveSnapshot(dir, snapshot);
  process.stdout.write(
    `synced ${config.repo} at ${snapshot.commit.slice(0, 12)} from ${reader.describe()}: ${snapshot.files.length} files, ` +
      `${snapshot.labels.area.length} area and ${snapshot.labels.kind.length} kind labels, ${snapshot.maintainers.active.length} maintainers, ` +
      `${snapshot.makeTargets.length} make targets, ${snapshot.workflows.length} workflows -> ${path}\n`,
  );
  if (snapshot.missing.length) process.stderr.write(`onramp: not found upstream (left empty): ${snapshot.missing.join(', ')}\n`);
  if (opts.fromGit === undefined) {
    // The API path also refreshes the offline issue snapshot used by `issues`.
    const { createGitHub } = await import('../upstream/github-client.js');
    const { fetchOpenIssues } = await import('../issues/fetch-issues.js');
    const { saveIssuesSnapshot } = await import('../issues/snapshot-file.js');
    const { default: Keyv } = await import('keyv');
    const issues = await fetchOpenIssues(createGitHub(config, { maxWaitSeconds: 10, retries: 2, timeoutMs: 15000 }), new Keyv(), config.repo);
    const file = saveIssuesSnapshot(dir, { ...issues, origin: `GitHub API (${config.github.apiUrl})` });
    process.stdout.write(`saved ${issues.issues.length} open issues and ${issues.openPullRequests.length} open PRs -> ${file}\n`);
  }
  return 0;
}
