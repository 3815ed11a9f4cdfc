import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Conventions } from './types.js';
import { KnowledgeError } from '../errors.js';
import { loadSnapshot } from '../upstream/snapshot-file.js';
import { vocabularyOf } from './title-content.js';
import { SYMBOLS_FILE, type SymbolIndexFile } from '../upstream/symbol-types.js';

/** Names of Velero's Go declarations (`pkg/<package>/<Name>`), for the title vocabulary; none when not synced. */
function symbolNames(knowledgeDir: string): string[] {
  try {
    const data = JSON.parse(readFileSync(join(knowledgeDir, 'upstream', SYMBOLS_FILE), 'utf8')) as SymbolIndexFile;
    return data.files.flatMap(([path, pkg, rows]) => rows.map((r) => `${path.slice(0, path.lastIndexOf('/'))}/${pkg}/${r[0]}`));
  } catch {
    return [];
  }
}

export function loadConventions(knowledgeDir: string): Conventions {
  const path = join(knowledgeDir, 'upstream', 'pr-conventions.json');
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as Conventions;
    if (typeof c.titleMaxLength !== 'number' || !c.changelogDir || !c.prTemplate) throw new Error('missing fields');
    // The labeler's rules come from the synced snapshot, not a hand copy, so they follow Velero.
    const snapshot = loadSnapshot(knowledgeDir);
    return snapshot ? { ...c, ...(snapshot.labelerRules ? { labelerRules: snapshot.labelerRules } : {}), vocabulary: vocabularyOf([...snapshot.files, ...symbolNames(knowledgeDir)]) } : c;
  } catch (err) {
    throw new KnowledgeError(path, `PR conventions file is not valid (${(err as Error).message})`);
  }
}
