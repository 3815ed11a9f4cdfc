// The committed snapshot in knowledge/upstream: load and save.

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { UpstreamSnapshot } from './snapshot-types.js';
import { KnowledgeError } from '../errors.js';

export const SNAPSHOT_FILE = 'velero-metadata.json';

export function loadSnapshot(knowledgeDir: string): UpstreamSnapshot | undefined {
  const path = join(knowledgeDir, 'upstream', SNAPSHOT_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as UpstreamSnapshot;
    if (!data.commit || !Array.isArray(data.files)) throw new Error('missing commit or files');
    return data;
  } catch (err) {
    throw new KnowledgeError(path, `upstream snapshot is not valid (${(err as Error).message}); run onramp sync`);
  }
}

export function saveSnapshot(knowledgeDir: string, snapshot: UpstreamSnapshot): string {
  const path = join(knowledgeDir, 'upstream', SNAPSHOT_FILE);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(snapshot, null, 1)}\n`);
  renameSync(tmp, path);
  return path;
}
