// The sentence-embedding models the bot knows, as pinned in models/embedding-models.json
// (Maven coordinates, jar SHA-256, how to pool and prefix), and where an installed one lives.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ModelSpec {
  id: string;
  maven: string;
  sha256: string;
  /** mean: average of the token states; cls: the first token's state. */
  pooling: 'mean' | 'cls';
  /** Prefixes the model was trained with for queries and passages (e5, bge). */
  queryPrefix: string;
  passagePrefix: string;
  /**
   * Where this model's similarities mean "the knowledge says this" (fitted on the tuning
   * sets; a model without one ranks and picks sentences, but judges no question uncovered).
   */
  calibration?: Calibration;
}

export interface Calibration {
  /** Evidence = lexical confidence + sentenceWeight x the best sentence's similarity. */
  sentenceWeight: number;
  /** Evidence below this: the knowledge does not cover the question. */
  notCoveredBelow: number;
  /** Evidence mapped onto 0..1 confidence between these two. */
  low: number;
  high: number;
}

interface SpecFile {
  default: string;
  models: ModelSpec[];
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SPEC_FILE = join(ROOT, 'models', 'embedding-models.json');

let spec: SpecFile | undefined;
function readSpec(): SpecFile {
  spec ??= JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as SpecFile;
  return spec;
}

export const defaultModelId = (): string => readSpec().default;

export function modelSpec(id: string): ModelSpec | undefined {
  return readSpec().models.find((m) => m.id === id);
}

/**
 * Where an installed model's files are: the data directory first, then the package's own
 * `.onramp/` (where `npm ci` puts it), so a run with its own data directory still finds it.
 */
export function installedModelDir(id: string, dataDir?: string): string | undefined {
  const dirs = [dataDir && join(dataDir, 'models', id), join(ROOT, '.onramp', 'models', id)].filter((d): d is string => !!d);
  return dirs.find((d) => existsSync(join(d, 'installed.json')));
}
