// The local embedding model: an ONNX sentence encoder run by onnxruntime-node on the CPU,
// with its tokenizer.json read by @huggingface/tokenizers. Loading checks the files against
// the pinned hashes, so a corrupt or truncated model is refused with one clear reason.

import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelSpec } from './model-spec.js';
import { normalise, type Embedder, type TextKind } from './types.js';

/** Tokens a text is cut to: a question's words all fit; a passage's opening carries its topic. */
export const MAX_TOKENS: Record<TextKind, number> = { query: 128, passage: 256 };
/** Characters read before tokenizing, so an 8,000-character message costs no more than a short one. */
const MAX_CHARS = 2000;
const BATCH = 32;

export interface LocalModelOptions {
  /**
   * ONNX threads. One by default: two replicas on two cores then never starve each other,
   * and a single short query is not faster on more.
   */
  threads?: number;
}

interface Encoded {
  ids: number[];
}

interface TokenizerLike {
  encode(text: string): Encoded;
}

/**
 * `BackupStorageLocation` reads as "Backup Storage Location": the model's vocabulary knows
 * the words, not Velero's identifiers, which it would cut into meaningless pieces.
 * (Part of what a vector means: changing it changes TEXT_FORM.)
 */
export function splitIdentifiers(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

type Ort = typeof import('onnxruntime-node');

/**
 * Graph optimisation takes ORT ~150 ms at every start; its result is saved once beside the
 * model (keyed by ORT's version) and later starts load that with optimisation off. A
 * read-only model directory simply optimises at each start.
 */
async function openSession(ort: Ort, modelPath: string, modelBytes: number, threads: number) {
  const base = { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' as const };
  const optimised = `${modelPath.replace(/\.onnx$/, '')}.ort-${ort.env.versions.common}.onnx`;
  const sidecar = `${optimised}.json`;
  try {
    const meta = JSON.parse(readFileSync(sidecar, 'utf8')) as { from: number; bytes: number };
    if (meta.from === modelBytes && statSync(optimised).size === meta.bytes) return await ort.InferenceSession.create(optimised, { ...base, graphOptimizationLevel: 'disabled' });
  } catch {
    /* not saved yet, or damaged: optimise again below */
  }
  const tmp = `${optimised}.${process.pid}.tmp`;
  try {
    // 'extended', not 'all': a saved graph must not carry layouts tied to this CPU.
    const session = await ort.InferenceSession.create(modelPath, { ...base, graphOptimizationLevel: 'extended', optimizedModelFilePath: tmp });
    try {
      renameSync(tmp, optimised);
      writeFileSync(sidecar, JSON.stringify({ from: modelBytes, bytes: statSync(optimised).size }));
    } catch {
      rmSync(tmp, { force: true });
    }
    return session;
  } catch {
    // Perhaps only the optimised copy could not be written: open the model itself, whose
    // error (a damaged file) is the one to report.
    rmSync(tmp, { force: true });
    return ort.InferenceSession.create(modelPath, { ...base, graphOptimizationLevel: 'extended' });
  }
}

/** Version of how text is prepared for the model; cached vectors of another form are not reused. */
export const TEXT_FORM = 2;

export async function loadLocalModel(spec: ModelSpec, dir: string, options: LocalModelOptions = {}): Promise<Embedder> {
  const installed = JSON.parse(readFileSync(join(dir, 'installed.json'), 'utf8')) as { onnxSha256?: string; onnxBytes?: number };
  const modelPath = join(dir, 'model.onnx');
  // The jar's checksum was verified at install; here a size check finds a truncated file
  // without reading 34 MB on every start (an install without the size is hashed instead).
  const damaged = installed.onnxBytes !== undefined ? statSync(modelPath).size !== installed.onnxBytes : installed.onnxSha256 !== undefined && createHash('sha256').update(readFileSync(modelPath)).digest('hex') !== installed.onnxSha256;
  if (damaged) throw new Error(`${modelPath} is damaged (it differs from the installed file); run \`node scripts/install-model.mjs\` again`);
  const [{ Tokenizer }, ort] = await Promise.all([import('@huggingface/tokenizers'), import('onnxruntime-node')]);
  const tokenizer: TokenizerLike = new Tokenizer(JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')), {});
  const threads = options.threads ?? 1;
  const session = await openSession(ort, modelPath, installed.onnxBytes ?? 0, threads);
  const sep = tokenizer.encode('').ids.at(-1)!;
  const wantsTypes = session.inputNames.includes('token_type_ids');

  const tokens = (text: string, kind: TextKind): number[] => {
    const prefix = kind === 'query' ? spec.queryPrefix : spec.passagePrefix;
    const ids = tokenizer.encode(prefix + splitIdentifiers(text.slice(0, MAX_CHARS))).ids;
    const max = MAX_TOKENS[kind];
    return ids.length <= max ? ids : [...ids.slice(0, max - 1), sep];
  };

  async function run(batch: number[][]): Promise<Float32Array[]> {
    const n = batch.length;
    const len = Math.max(...batch.map((b) => b.length));
    const ids = new BigInt64Array(n * len);
    const mask = new BigInt64Array(n * len);
    batch.forEach((b, i) => b.forEach((id, j) => {
      ids[i * len + j] = BigInt(id);
      mask[i * len + j] = 1n;
    }));
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
      input_ids: new ort.Tensor('int64', ids, [n, len]),
      attention_mask: new ort.Tensor('int64', mask, [n, len]),
    };
    if (wantsTypes) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(n * len), [n, len]);
    const out = await session.run(feeds);
    const hidden = out[session.outputNames[0]!]!;
    const dims = hidden.dims[2]!;
    const data = hidden.data as Float32Array;
    return batch.map((b, i) => {
      const v = new Float32Array(dims);
      const base = i * len * dims;
      if (spec.pooling === 'cls') v.set(data.subarray(base, base + dims));
      else {
        for (let t = 0; t < b.length; t++) for (let d = 0; d < dims; d++) v[d] = v[d]! + data[base + t * dims + d]!;
        for (let d = 0; d < dims; d++) v[d] = v[d]! / b.length;
      }
      return normalise(v);
    });
  }

  const probe = await run([tokens('probe', 'query')]);
  return {
    id: `${spec.id}@${TEXT_FORM}`,
    ...(spec.calibration ? { calibration: spec.calibration } : {}),
    dims: probe[0]!.length,
    async embed(texts, kind) {
      const encoded = texts.map((t, i) => ({ i, ids: tokens(t, kind) }));
      // Similar lengths share a batch, so little of each batch is padding.
      encoded.sort((a, b) => a.ids.length - b.ids.length);
      const out = new Array<Float32Array>(texts.length);
      for (let s = 0; s < encoded.length; s += BATCH) {
        const part = encoded.slice(s, s + BATCH);
        const vecs = await run(part.map((p) => p.ids));
        part.forEach((p, j) => (out[p.i] = vecs[j]!));
      }
      return out;
    },
    close: () => session.release(),
  };
}
