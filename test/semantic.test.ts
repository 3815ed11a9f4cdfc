// The semantic layer with the real model (installed by `npm ci`; CI installs it too):
// embeddings, the hybrid ask, "not covered" replies, the vector cache, and a damaged model.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { askWithMeaning } from '../src/answer/ask-meaning.js';
import { ask } from '../src/answer/ask.js';
import { chooseEmbedder } from '../src/embeddings/load-embedder.js';
import { defaultModelId, installedModelDir } from '../src/embeddings/model-spec.js';
import { MAX_TOKENS } from '../src/embeddings/local-model.js';
import { dot } from '../src/embeddings/types.js';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { buildIndex } from '../src/retrieval/index.js';
import { buildSemanticIndex } from '../src/retrieval/semantic.js';
import type { Chunk } from '../src/retrieval/types.js';

const modelDir = installedModelDir(defaultModelId());
if (!modelDir) throw new Error(`the embedding model ${defaultModelId()} is not installed: run \`node scripts/install-model.mjs\``);

const kb = await loadKnowledgeBase(undefined, { embeddings: 'local' });
const choice = await chooseEmbedder('local');
const embedder = choice.embedder!;

afterAll(async () => {
  await embedder.close();
  await kb.embedder?.close();
});

describe('the local embedding model', () => {
  it('loads and gives unit vectors', async () => {
    expect(choice.mode).toBe('local');
    const [v] = await embedder.embed(['where does the node agent run?'], 'query');
    expect(v!.length).toBe(embedder.dims);
    expect(dot(v!, v!)).toBeCloseTo(1, 3);
  });

  it('puts a paraphrase closer than an unrelated sentence', async () => {
    const [q] = await embedder.embed(['how do I get my changes merged upstream'], 'query');
    const [para, other] = await embedder.embed(['Contributors open a pull request against the main branch for review.', 'The sourdough starter needs feeding twice a day.'], 'passage');
    expect(dot(q!, para!)).toBeGreaterThan(dot(q!, other!) + 0.05);
  });

  it('cuts long and junk input to the model window: text past it changes nothing', async () => {
    const long = 'velero backup storage location '.repeat(300); // ~9,000 characters
    const junk = Buffer.from(Array.from({ length: 8000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const [a, b, c] = await embedder.embed([long, `${long} and a different ending that is never read`, junk], 'query');
    expect(dot(a!, b!)).toBeCloseTo(1, 5);
    expect(c!.every(Number.isFinite)).toBe(true);
    expect(MAX_TOKENS.query).toBeLessThanOrEqual(512);
  });
});

describe('a missing or damaged model', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onramp-model-'));

  it('reports a truncated model file in one line and leaves the bot lexical', async () => {
    const dir = join(dataDir, 'models', defaultModelId());
    mkdirSync(dir, { recursive: true });
    for (const f of ['installed.json', 'tokenizer.json']) copyFileSync(join(modelDir, f), join(dir, f));
    writeFileSync(join(dir, 'model.onnx'), readFileSync(join(modelDir, 'model.onnx')).subarray(0, 1_000_000));
    const broken = await chooseEmbedder('auto', { dataDir });
    expect(broken.mode).toBe('off');
    expect(broken.embedder).toBeUndefined();
    expect(broken.why).toMatch(/damaged/);
    expect(broken.why).not.toContain('\n');
    const lexical = await loadKnowledgeBase(undefined, { embeddings: 'auto', dataDir });
    expect(lexical.embeddings).toMatchObject({ mode: 'off', ready: false });
    expect((await askWithMeaning(lexical, 'what is a BSL?')).result.retrieval).toBe('lexical');
  });

  it('reports a model that is not installed, and an unknown one', async () => {
    expect((await chooseEmbedder('auto', { modelId: 'no-such-model' })).why).toMatch(/unknown embedding model/);
    expect((await chooseEmbedder('off')).mode).toBe('off');
  });
});

describe('the hybrid ask', () => {
  it('says hybrid when the model ranked, lexical without vectors', async () => {
    const hybrid = (await askWithMeaning(kb, 'What does the BackupStorageLocation CRD describe?')).result;
    expect(hybrid.retrieval).toBe('hybrid');
    expect(hybrid.citations[0]!.section).toBe('core-crds');
    expect(ask(kb, 'What does the BackupStorageLocation CRD describe?').retrieval).toBe('lexical');
  });

  it('finds a passage by meaning that shares few words with the question', async () => {
    const q = 'the thing that copies pod volume data into the bucket - which process does that and where does it live?';
    const d = await askWithMeaning(kb, q);
    expect(d.result.outOfScope).toBe(false);
    expect(d.dense!.slice(0, 3).map((h) => h.chunk.section)).toContain('node-agent-and-kopia');
    expect(d.result.citations.map((c) => c.section)).toContain('node-agent-and-kopia');
    expect(d.result.answer).toMatch(/data-mover pods|node-agent/);
  });

  it('answers "not covered" for a Velero question the guide has no sentence for, naming the closest passages', async () => {
    const r = (await askWithMeaning(kb, 'what is the pricing of the enterprise support plan for velero?')).result;
    expect(r.outOfScope).toBe(true);
    expect(r.answer).toMatch(/doesn't cover|does not cover/);
    expect(r.answer).toContain('#velero-dev');
  });

  it('still refuses off-topic questions, with or without the model', async () => {
    for (const q of ['whats a good recipe for banana bread', 'who won the champions league final last year']) {
      expect((await askWithMeaning(kb, q)).result.outOfScope, q).toBe(true);
    }
  });

  it('reads a short question the guide cannot answer alone with the thread before it', async () => {
    const context = 'how do pre and post backup hooks run in a pod?';
    const d = await askWithMeaning(kb, 'and what about during restores?', { context });
    expect(d.result.outOfScope).toBe(false);
    expect(d.result.citations[0]!.section).toBe('hooks-system');
    // An unrelated message in the same thread is not read as a follow-up.
    expect((await askWithMeaning(kb, 'write me a poem about cats', { context })).result.outOfScope).toBe(true);
  });
});

describe('the vector cache', () => {
  const chunk = (id: string, text: string): Chunk => ({ id: `s#${id}`, section: 's', sectionTitle: 'S', headingPath: ['S', id], anchor: id, text, url: 'https://example.invalid/s', sources: [] });
  const cachePath = join(mkdtempSync(join(tmpdir(), 'onramp-vectors-')), 'vectors.bin');

  it('embeds once, then only what changed', async () => {
    const chunks = [chunk('a', 'Velero backs up cluster resources. It stores them in a bucket.'), chunk('b', 'Restores read the backup tarball. They create resources in priority order.')];
    const first = await buildSemanticIndex(buildIndex(chunks), embedder, cachePath);
    expect(first.computed).toBe(6); // two passages and their four sentences
    const again = await buildSemanticIndex(buildIndex(chunks), embedder, cachePath);
    expect(again.computed).toBe(0);
    const edited = [chunks[0]!, { ...chunks[1]!, text: 'Restores read the backup tarball. They create namespaces first.' }];
    const after = await buildSemanticIndex(buildIndex(edited), embedder, cachePath);
    expect(after.computed).toBe(2); // the changed passage and its changed sentence
    const [q] = await embedder.embed(['in which order are resources restored?'], 'query');
    expect(after.rank(q!)[0]!.chunk.id).toBe('s#b');
  });
});
