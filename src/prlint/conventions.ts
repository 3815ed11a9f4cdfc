import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Conventions } from './types.js';
import { KnowledgeError } from '../errors.js';
import { loadSnapshot } from '../upstream/snapshot-file.js';

export function loadConventions(knowledgeDir: string): Conventions {
  const path = join(knowledgeDir, 'upstream', 'pr-conventions.json');
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as Conventions;
    if (typeof c.titleMaxLength !== 'number' || !c.changelogDir || !c.prTemplate) throw new Error('missing fields');
    // The labeler's rules come from the synced snapshot, not a hand copy, so they follow Velero.
    const rules = loadSnapshot(knowledgeDir)?.labelerRules;
    return rules ? { ...c, labelerRules: rules } : c;
  } catch (err) {
    throw new KnowledgeError(path, `PR conventions file is not valid (${(err as Error).message})`);
  }
}
