import { join } from 'node:path';

import { loadConfig } from '../config.js';
import { KNOWLEDGE_DIR } from '../knowledge/knowledge-base.js';
import { buildSnapshot } from '../upstream/build-snapshot.js';
import { openGitReader } from '../upstream/git-reader.js';
import { saveSnapshot } from '../upstream/snapshot-file.js';
import { InputError } from '../errors.js';
import type { RepoReader } from '../upstream/snapshot-types.js';

export async function runSync(opts: { fromGit?: string; rev?: string; docs?: boolean; knowledgeDir?: string }): Promise<number> {
  const config = loadConfig();
  const dir = opts.knowledgeDir ?? KNOWLEDGE_DIR;
  let reader;
  if (opts.fromGit !== undefined) {
    if (!opts.fromGit.trim()) throw new InputError('--from-git needs the path of a Velero clone');
    reader = await openGitReader(opts.fromGit, opts.rev ?? 'HEAD');
  } else {
    if (opts.rev) throw new InputError('--rev needs --from-git (the API reads the default branch)');
    if (opts.docs) throw new InputError('--docs needs --from-git (the docs are read from a clone)');
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
  if (opts.fromGit !== undefined) await syncSymbols(opts.fromGit, dir, { repo: config.repo, sha: snapshot.commit, date: snapshot.commitDate });
  if (opts.docs) await syncDocs(reader, config.dataDir, dir);
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

/** The symbol index needs every Go file's text, so it is built from a clone only. */
async function syncSymbols(clone: string, knowledgeDir: string, head: { repo: string; sha: string; date: string }): Promise<void> {
  const started = Date.now();
  const { buildSymbolIndex, saveSymbolIndex } = await import('../upstream/symbol-file.js');
  const { index, stats } = await buildSymbolIndex(clone, head.sha, head);
  // A clone without Velero's Go packages keeps the index it had.
  if (stats.files === 0) {
    process.stderr.write('onramp: no Go files under pkg/, internal/ or cmd/ there; symbol index left as it was\n');
    return;
  }
  const path = saveSymbolIndex(knowledgeDir, index);
  process.stdout.write(
    `indexed ${stats.symbols} Go symbols in ${stats.files} files at ${head.sha.slice(0, 12)} ` +
      `(${stats.skipped} generated left out${stats.withErrors ? `, ${stats.withErrors} with syntax errors` : ''}) in ${Date.now() - started} ms -> ${path}\n`,
  );
}

/** Velero's docs go to the data directory, never to knowledge/: the text is Velero's. */
async function syncDocs(reader: RepoReader, dataDir: string, knowledgeDir: string): Promise<void> {
  const { ingestDocs } = await import('../knowledge/ingest-docs.js');
  const { saveDocs } = await import('../knowledge/velero-docs.js');
  const { attachDocsQuestions, DOCS_QUESTIONS_FILE, readDocsQuestionsSource } = await import('../knowledge/docs-questions.js');
  const { parseDocsQuestions } = await import('../knowledge/passage-questions.js');
  const docs = await ingestDocs(reader);
  if (docs.chunks.length === 0) throw new InputError('no docs pages under site/content/docs/main in that clone (is it a Velero clone?)');
  const path = saveDocs(dataDir, docs);
  const pages = new Set(docs.chunks.map((c) => c.section)).size;
  process.stdout.write(`ingested ${pages} docs pages (${docs.chunks.length} passages) at ${docs.commit.slice(0, 12)} -> ${path}\n`);
  // Our questions are keyed by page and anchor; a renamed heading upstream leaves some unused.
  const file = join(knowledgeDir, DOCS_QUESTIONS_FILE);
  const source = readDocsQuestionsSource(file);
  if (!source) return;
  // The docs are saved already; attaching only counts.
  const { attached, stale } = attachDocsQuestions(docs.chunks, parseDocsQuestions(file, source));
  process.stdout.write(`${attached} of ${docs.chunks.length} docs passages have questions from ${file}\n`);
  if (stale.length) process.stderr.write(`onramp: ${stale.length} docs passages in ${file} are no longer in the docs (headings renamed or removed upstream): ${stale.slice(0, 10).join(', ')}${stale.length > 10 ? ', …' : ''}\n`);
}
