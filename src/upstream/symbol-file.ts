// Builds and writes knowledge/upstream/velero-symbols.json: every top-level Go declaration
// of Velero's packages at one commit, read from a clone by `onramp sync --from-git`.
// Compact: one row per file, each symbol a short array, kinds as one letter.

import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { listBlobs, readBlobs } from './git-blobs.js';
import { GO_FOLDERS, isIndexedGoPath, isSkippedGoSource, openGoParser } from './go-symbols.js';
import { KIND_CODES, SYMBOLS_FILE, SYMBOLS_FORMAT, type FileRow, type SymbolIndexFile, type SymbolRow } from './symbol-types.js';

export interface BuildStats {
  files: number;
  symbols: number;
  /** Files left out because their header marks them generated (or `//go:build ignore`). */
  skipped: number;
  /** Files too large to read (none in Velero; a guard against a stray blob). */
  tooLarge: number;
  /** Files the parser recovered from a syntax error in (their other declarations are kept). */
  withErrors: number;
}

/** No hand-written Go file comes near this; larger ones are left unread. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Reads and parses the Go files of `rev` in the clone at `dir` (a checked revision). */
export async function buildSymbolIndex(
  dir: string,
  rev: string,
  head: { repo: string; sha: string; date: string },
): Promise<{ index: SymbolIndexFile; stats: BuildStats }> {
  const all = (await listBlobs(dir, rev, GO_FOLDERS)).filter((b) => isIndexedGoPath(b.path));
  const wanted = all.filter((b) => b.size <= MAX_FILE_BYTES).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const texts = await readBlobs(dir, wanted);
  const stats: BuildStats = { files: 0, symbols: 0, skipped: 0, tooLarge: all.length - wanted.length, withErrors: 0 };
  const parser = await openGoParser();
  const files: FileRow[] = [];
  try {
    wanted.forEach((blob, i) => {
      const text = texts[i] ?? '';
      if (isSkippedGoSource(text)) {
        stats.skipped++;
        return;
      }
      const parsed = parser.symbols(text);
      if (parsed.hasError) stats.withErrors++;
      const rows = parsed.symbols.map((s): SymbolRow => (s.receiver ? [s.name, KIND_CODES[s.kind], s.line, s.receiver] : [s.name, KIND_CODES[s.kind], s.line]));
      stats.files++;
      stats.symbols += rows.length;
      files.push([blob.path, parsed.pkg, rows]);
    });
  } finally {
    parser.close();
  }
  return { index: { format: SYMBOLS_FORMAT, repo: head.repo, commit: head.sha, commitDate: head.date, files }, stats };
}

/** One file per line, so a re-sync's diff shows which files changed. */
export function serializeSymbolIndex(index: SymbolIndexFile): string {
  const { files, ...head } = index;
  const rows = files.map((f) => JSON.stringify(f)).join(',\n');
  return `${JSON.stringify(head).slice(0, -1)},"files":[\n${rows}\n]}\n`;
}

export function saveSymbolIndex(knowledgeDir: string, index: SymbolIndexFile): string {
  const path = join(knowledgeDir, 'upstream', SYMBOLS_FILE);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, serializeSymbolIndex(index));
  renameSync(tmp, path);
  return path;
}
