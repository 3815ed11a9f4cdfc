// Vectors kept on disk between runs, keyed by the model and a hash of the text, so a rebuild
// after a one-line guide change embeds only the passages that changed. One binary file per
// model: a JSON header (dims, keys) and the vectors as float32, read in one go.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Cache files above this size are not read (a cache is an optimisation; a rebuild is safe). */
const MAX_BYTES = 512 * 1024 * 1024;

export const textKey = (kind: string, text: string): string => createHash('sha256').update(kind).update('\0').update(text).digest('base64url').slice(0, 22);

export function readVectorCache(path: string, modelId: string): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  try {
    const buf = readFileSync(path);
    if (buf.length > MAX_BYTES || buf.length < 4) return out;
    const headerLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + headerLength).toString('utf8')) as { model: string; dims: number; keys: string[] };
    if (header.model !== modelId) return out;
    const start = 4 + headerLength;
    if (buf.length !== start + header.keys.length * header.dims * 4) return out;
    // Copied out of the file buffer: it has no float alignment guarantee.
    const all = new Float32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
    header.keys.forEach((k, i) => out.set(k, all.subarray(i * header.dims, (i + 1) * header.dims)));
  } catch {
    /* no cache or an unreadable one: vectors are computed again */
  }
  return out;
}

export function writeVectorCache(path: string, modelId: string, vectors: Map<string, Float32Array>): void {
  const keys = [...vectors.keys()];
  const dims = vectors.get(keys[0] ?? '')?.length ?? 0;
  const header = Buffer.from(JSON.stringify({ model: modelId, dims, keys }), 'utf8');
  const body = new Float32Array(keys.length * dims);
  keys.forEach((k, i) => body.set(vectors.get(k)!, i * dims));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length, 0);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([size, header, Buffer.from(body.buffer)]));
    renameSync(tmp, path);
  } catch {
    /* a read-only install goes without the cache */
  }
}
