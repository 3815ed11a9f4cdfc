// Which embedding model this run uses, or why none: ONRAMP_EMBEDDINGS picks local, remote or
// off; `auto` takes the local model when it is installed and runs lexical-only otherwise.

import { defaultModelId, installedModelDir, modelSpec } from './model-spec.js';
import { loadLocalModel } from './local-model.js';
import type { Embedder } from './types.js';

export type EmbeddingsMode = 'auto' | 'local' | 'remote' | 'off';

export interface EmbedderChoice {
  mode: 'local' | 'remote' | 'off';
  model: string | null;
  embedder?: Embedder;
  /** Why there is no model, in one line. */
  why?: string;
}

export async function chooseEmbedder(mode: EmbeddingsMode, options: { dataDir?: string; modelId?: string; threads?: number } = {}): Promise<EmbedderChoice> {
  if (mode === 'off') return { mode: 'off', model: null, why: 'ONRAMP_EMBEDDINGS is off' };
  // Remote embeddings rerank through the LLM endpoint (answer/answerer.ts); nothing loads here.
  if (mode === 'remote') return { mode: 'remote', model: null };
  const id = options.modelId ?? defaultModelId();
  const spec = modelSpec(id);
  if (!spec) return { mode: 'off', model: id, why: `unknown embedding model "${id}"` };
  const dir = installedModelDir(id, options.dataDir);
  if (!dir) return { mode: 'off', model: id, why: `the embedding model ${id} is not installed (run \`node scripts/install-model.mjs\`)` };
  try {
    return { mode: 'local', model: id, embedder: await loadLocalModel(spec, dir, { threads: options.threads }) };
  } catch (err) {
    const first = String((err as Error).message ?? err).split('\n')[0]!.slice(0, 300);
    return { mode: 'off', model: id, why: `the embedding model ${id} could not be loaded: ${first}` };
  }
}
