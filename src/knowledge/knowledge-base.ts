// The loaded knowledge: guide sections plus their search index. Parsing markdown and
// tokenizing every chunk costs a few hundred milliseconds, so the result is cached on disk
// under a key of the guide's text and the code that indexes it; a one-shot `onramp ask`
// then starts from the cache.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex, loadIndex, serializeIndex, type Corpus, type SerializedIndex } from '../retrieval/index.js';
import { loadSnapshot } from '../upstream/snapshot-file.js';
import { KNOWLEDGE_DIR, PACKAGE_ROOT } from './paths.js';
import type { UpstreamSnapshot } from '../upstream/snapshot-types.js';
import { upstreamChunks } from './upstream-chunks.js';
import { DOCS_FILE, loadDocs } from './velero-docs.js';
import { attachDocsQuestions, DOCS_QUESTIONS_FILE, readDocsQuestionsSource, type DocsQuestions } from './docs-questions.js';
import { readGuideFiles, readQuestionFiles } from './load-guide-files.js';
import type { Chunk } from '../retrieval/types.js';
import type { Section } from './types.js';
import { chooseEmbedder, type EmbedderChoice, type EmbeddingsMode } from '../embeddings/load-embedder.js';
import type { Embedder } from '../embeddings/types.js';
import { buildSemanticIndex, type SemanticIndex } from '../retrieval/semantic.js';

export interface KnowledgeBase {
  sections: Section[];
  corpus: Corpus;
  /** Commit the guide's facts were checked against (from the sections' front-matter). */
  upstreamCommit: string;
  /** What the answers were checked against: the guide's commit and, when the snapshot is of it, its date. */
  verifiedAt: { commit: string; date: string };
  /** Velero's repository metadata (knowledge/upstream), when present. */
  snapshot?: UpstreamSnapshot;
  /** The commit of Velero's docs ingested into the data directory, when there are any. */
  docs?: { commit: string; date: string; chunks: number };
  /** What embeds meaning, if anything: the local model's index, or why there is none. */
  embeddings: EmbeddingsStatus;
  semantic?: SemanticIndex;
  embedder?: Embedder;
}

export interface EmbeddingsStatus {
  mode: 'local' | 'remote' | 'off';
  model: string | null;
  ready: boolean;
  why?: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));
export { KNOWLEDGE_DIR };
const CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'onramp');

interface CacheFile {
  sections: Section[];
  upstream: Chunk[];
  index: SerializedIndex;
  docsQuestions?: DocsQuestions;
}

export interface LoadOptions {
  /** Read and write the on-disk index cache (default true). */
  cache?: boolean;
  /** ONRAMP_DATA_DIR: Velero docs ingested by `sync --docs` are read from here. */
  dataDir?: string;
  warn?: (message: string) => void;
  /** ONRAMP_EMBEDDINGS (default off here; the CLI and server pass the configured mode, `auto` unless set). */
  embeddings?: EmbeddingsMode;
  /** An embedding model other than the default one (model comparisons). */
  modelId?: string;
}

export async function loadKnowledgeBase(dir = KNOWLEDGE_DIR, options: LoadOptions = {}): Promise<KnowledgeBase> {
  // The model loads while the guide and its index do.
  const model = chooseEmbedder(options.embeddings ?? 'off', { dataDir: options.dataDir, modelId: options.modelId });
  const files = readGuideFiles(join(dir, 'guide'));
  const questions = readQuestionFiles(join(dir, 'questions'));
  const snapshot = loadSnapshot(dir);
  const ingested = loadDocs(options.dataDir, options.warn);
  const docsChunks = ingested?.docs.chunks ?? [];
  const docs = ingested && { commit: ingested.docs.commit, date: ingested.docs.commitDate, chunks: docsChunks.length };
  const questionsPath = join(dir, DOCS_QUESTIONS_FILE);
  const docsQuestionsSource = ingested ? readDocsQuestionsSource(questionsPath) : undefined;
  const useCache = options.cache ?? true;
  const keyed = [...files, ...questions];
  if (ingested) keyed.push({ file: DOCS_FILE, source: ingested.source }, { file: DOCS_QUESTIONS_FILE, source: docsQuestionsSource ?? '' });
  const cachePath = join(CACHE_DIR, `index-${cacheKey(keyed, snapshot)}.json`);

  if (useCache) {
    const cached = readCache(cachePath);
    if (cached) {
      // The cache keeps the parsed docs questions, so a cached start parses no YAML.
      attachDocsQuestions(docsChunks, cached.docsQuestions ?? {});
      const chunks = [...cached.sections.flatMap((s) => s.chunks), ...cached.upstream, ...docsChunks];
      return withMeaning(assemble(cached.sections, loadIndex(chunks, cached.index), snapshot, docs), await model, useCache);
    }
  }
  // Markdown and YAML parsers load only when the cache misses.
  const { parseGuideFiles } = await import('./load-guide.js');
  const { attachQuestions, parseDocsQuestions } = await import('./passage-questions.js');
  const sections = parseGuideFiles(files);
  attachQuestions(sections, questions);
  // Questions are attached before indexing: they are a field of the passage.
  const docsQuestions = docsQuestionsSource ? parseDocsQuestions(questionsPath, docsQuestionsSource) : {};
  attachDocsQuestions(docsChunks, docsQuestions);
  const upstream = snapshot ? upstreamChunks(snapshot, snapshot.repo) : [];
  const corpus = buildIndex([...sections.flatMap((s) => s.chunks), ...upstream, ...docsChunks]);
  if (useCache) writeCache(cachePath, { sections, upstream, index: serializeIndex(corpus), ...(ingested ? { docsQuestions } : {}) });
  return withMeaning(assemble(sections, corpus, snapshot, docs), await model, useCache);
}

/**
 * Loads the embedding model and embeds the corpus (vectors cached beside the index). Without
 * a model the knowledge works lexical-only, and `embeddings.why` says why.
 */
async function withMeaning(kb: KnowledgeBase, choice: EmbedderChoice, useCache: boolean): Promise<KnowledgeBase> {
  kb.embeddings = { mode: choice.mode, model: choice.model, ready: !!choice.embedder || choice.mode === 'remote', ...(choice.why ? { why: choice.why } : {}) };
  if (!choice.embedder) return kb;
  try {
    kb.semantic = await buildSemanticIndex(kb.corpus, choice.embedder, useCache ? join(CACHE_DIR, `vectors-${choice.embedder.id}.bin`) : undefined);
    kb.embedder = choice.embedder;
  } catch (err) {
    await choice.embedder.close().catch(() => undefined);
    kb.embeddings = { mode: 'off', model: choice.model, ready: false, why: `embedding the knowledge failed: ${String((err as Error).message).split('\n')[0]}` };
  }
  return kb;
}

function assemble(sections: Section[], corpus: Corpus, snapshot?: UpstreamSnapshot, docs?: KnowledgeBase['docs']): KnowledgeBase {
  const upstreamCommit = sections.find((s) => s.upstreamCommit)?.upstreamCommit ?? snapshot?.commit ?? 'main';
  const date = snapshot && snapshot.commit === upstreamCommit ? snapshot.commitDate : '';
  return { sections, corpus, upstreamCommit, verifiedAt: { commit: upstreamCommit, date }, snapshot, ...(docs ? { docs } : {}), embeddings: { mode: 'off', model: null, ready: false } };
}

// The key covers the guide files and the modules whose output the cache holds, so editing
// either (the tokenizer, the aliases, the chunker) rebuilds it.
function cacheKey(files: Array<{ file: string; source: string }>, snapshot?: UpstreamSnapshot): string {
  const hash = createHash('sha256');
  hash.update(snapshot ? `${snapshot.commit}\0${snapshot.syncedAt}\0` : 'no-snapshot\0');
  for (const f of files) hash.update(f.file).update('\0').update(f.source).update('\0');
  for (const dir of [join(HERE, '..', 'retrieval'), HERE, join(HERE, '..', 'upstream')]) {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.js') || name.endsWith('.ts')) hash.update(readFileSync(join(dir, name)));
    }
  }
  return hash.digest('hex').slice(0, 20);
}

function readCache(path: string): CacheFile | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
  } catch {
    return undefined;
  }
}

// A read-only install (a container running as a non-root user) simply goes without.
function writeCache(path: string, data: CacheFile): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, path);
    // Older indexes (earlier guide text or code) are never read again.
    for (const name of readdirSync(dirname(path))) {
      if (name.startsWith('index-') && name.endsWith('.json') && join(dirname(path), name) !== path) rmSync(join(dirname(path), name), { force: true });
    }
  } catch {
    /* cache is an optimisation only */
  }
}
