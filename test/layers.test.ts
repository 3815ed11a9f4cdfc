import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// Layers, lowest first: a module imports only from its own layer or below. The core
// (store .. eval) never imports a chat SDK.
const LAYERS: string[][] = [
  ['errors.ts', 'config.ts', 'bounded-read.ts', 'client-address.ts'],
  ['store', 'upstream'],
  ['embeddings'],
  ['retrieval'],
  ['knowledge'],
  ['issues', 'prlint', 'verify'],
  ['answer'],
  ['eval', 'chat', 'log', 'report'],
  ['adapters'],
  ['serve', 'bench', 'cli', 'cli.ts', 'action'],
];
const layerOf = (file: string) => {
  const top = relative('src', file).split(sep)[0]!;
  const i = LAYERS.findIndex((l) => l.includes(top));
  if (i < 0) throw new Error(`${file} is in no layer; add its folder to LAYERS`);
  return i;
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('layering', () => {
  const files = sources('src');

  it('has no import that runs up the layers', () => {
    const upward: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
        const target = normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '.ts');
        if (layerOf(target) > layerOf(file)) upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps platform SDKs out of the core', () => {
    const core = files.filter((f) => layerOf(f) <= 6);
    const offenders = core.filter((f) => /from '(discord\.js|@slack\/[\w-]+)'|import\('(discord\.js|@slack\/[\w-]+)'\)/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('defines the shared errors only in src/errors.ts', () => {
    const defining = files.filter((f) => /class \w+Error extends Error/.test(readFileSync(f, 'utf8')));
    expect(defining).toEqual([join('src', 'errors.ts')]);
  });
});
