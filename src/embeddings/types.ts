// What the rest of the bot sees of an embedding model: texts in, unit vectors out.

import type { Calibration } from './model-spec.js';

export type TextKind = 'query' | 'passage';

export interface Embedder {
  /** Model id, part of every cached vector's key. */
  readonly id: string;
  readonly dims: number;
  readonly calibration?: Calibration;
  /** Unit-length vectors, one per text, in order. */
  embed(texts: readonly string[], kind: TextKind): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

export function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] = v[i]! / n;
  return v;
}
