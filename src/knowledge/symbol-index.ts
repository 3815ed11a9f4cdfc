// The symbol index (knowledge/upstream/velero-symbols.json) in memory: definitions by
// name, case-insensitively, with `Receiver.Method` and `pkg.Name` lookups. Loaded on first
// use, so a question that never names code costs nothing.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { KnowledgeError } from '../errors.js';
import { SYMBOLS_FILE, SYMBOLS_FORMAT, type SymbolIndexFile } from '../upstream/symbol-types.js';
import type { SymbolKind } from '../upstream/go-symbols.js';
import { KNOWLEDGE_DIR, type KnowledgeBase } from './knowledge-base.js';

export interface SymbolDef {
  name: string;
  kind: SymbolKind;
  line: number;
  receiver?: string;
  path: string;
  /** The Go package name of the file. */
  pkg: string;
}

export interface SymbolIndex {
  repo: string;
  commit: string;
  commitDate: string;
  size: number;
  /** Definitions named `name`, ignoring case ("newpvcpodcache" finds NewPVCPodCache). */
  lookup(name: string): SymbolDef[];
  /**
   * Definitions of a written reference: `Name`, `Receiver.Method`, `pkg.Name`, also with
   * `*`, `()` or `(*T).M` around it. Case-insensitive; an exact-case match, when there is
   * one, narrows the result.
   */
  resolve(reference: string): SymbolDef[];
}

const KINDS: Record<string, SymbolKind> = { f: 'func', m: 'method', t: 'type', c: 'const', v: 'var' };
const REFERENCE = /^\(?\*?([A-Za-z_]\w*)\)?(?:\.([A-Za-z_]\w*))?(?:\(\))?$/;

export function createSymbolIndex(data: SymbolIndexFile): SymbolIndex {
  const byName = new Map<string, SymbolDef[]>();
  let size = 0;
  for (const [path, pkg, rows] of data.files) {
    for (const [name, code, line, receiver] of rows) {
      const def: SymbolDef = { name, kind: KINDS[code] ?? 'func', line, path, pkg, ...(receiver ? { receiver } : {}) };
      const key = name.toLowerCase();
      const list = byName.get(key);
      if (list) list.push(def);
      else byName.set(key, [def]);
      size++;
    }
  }
  const lookup = (name: string) => byName.get(name.toLowerCase()) ?? [];
  return {
    repo: data.repo,
    commit: data.commit,
    commitDate: data.commitDate,
    size,
    lookup,
    resolve(reference) {
      const m = REFERENCE.exec(reference.trim());
      if (!m) return [];
      const [, first, second] = m;
      if (!second) return preferExact(lookup(first!), first!, (d) => d.name);
      // `Receiver.Method` first, then `pkg.Name`.
      const lower = first!.toLowerCase();
      const methods = lookup(second).filter((d) => d.receiver?.toLowerCase() === lower);
      if (methods.length) return preferExact(methods, `${first}.${second}`, (d) => `${d.receiver}.${d.name}`);
      const inPackage = lookup(second).filter((d) => d.pkg.toLowerCase() === lower && !d.receiver);
      return preferExact(inPackage, `${first}.${second}`, (d) => `${d.pkg}.${d.name}`);
    },
  };
}

function preferExact(defs: SymbolDef[], written: string, form: (d: SymbolDef) => string): SymbolDef[] {
  const exact = defs.filter((d) => form(d) === written);
  return exact.length ? exact : defs;
}

/** The index in `knowledgeDir`, or undefined when sync has not written one. */
export function loadSymbolIndex(knowledgeDir = KNOWLEDGE_DIR): SymbolIndex | undefined {
  const path = join(knowledgeDir, 'upstream', SYMBOLS_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as SymbolIndexFile;
    if (data.format !== SYMBOLS_FORMAT || !data.commit || !Array.isArray(data.files)) throw new Error('unknown format or no commit');
    return createSymbolIndex(data);
  } catch (err) {
    throw new KnowledgeError(path, `symbol index is not valid (${(err as Error).message}); run onramp sync --from-git`);
  }
}

// One index per knowledge base; `null` records "none", so a missing or broken file is
// looked at once, not on every question.
const attached = new WeakMap<KnowledgeBase, SymbolIndex | null>();
let shared: SymbolIndex | null | undefined;

/** Use `index` (or none) for the answers drawn from `kb`, instead of the packaged one. */
export function attachSymbolIndex(kb: KnowledgeBase, index: SymbolIndex | undefined): void {
  attached.set(kb, index ?? null);
}

/** The symbol index for `kb`'s answers: attached, else the packaged one (loaded once). */
export function symbolIndexFor(kb: KnowledgeBase): SymbolIndex | undefined {
  const own = attached.get(kb);
  if (own !== undefined) return own ?? undefined;
  if (shared === undefined) {
    try {
      shared = loadSymbolIndex() ?? null;
    } catch (err) {
      // A broken file loses the "where is X" answers, never the guide's.
      process.stderr.write(`onramp: ${(err as Error).message}\n`);
      shared = null;
    }
  }
  return shared ?? undefined;
}
