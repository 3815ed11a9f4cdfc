// The shape of knowledge/upstream/velero-symbols.json, apart from the parser that builds
// it, so reading the index at ask time never loads the parser.

import type { SymbolKind } from './go-symbols.js';

export const SYMBOLS_FILE = 'velero-symbols.json';
export const SYMBOLS_FORMAT = 1;

export const KIND_CODES: Record<SymbolKind, string> = { func: 'f', method: 'm', type: 't', const: 'c', var: 'v' };

/** `[name, kind letter, line]`, plus the receiver type for a method. */
export type SymbolRow = [string, string, number] | [string, string, number, string];
/** `[path, package name, symbols]` */
export type FileRow = [string, string, SymbolRow[]];

export interface SymbolIndexFile {
  format: number;
  repo: string;
  commit: string;
  commitDate: string;
  files: FileRow[];
}
