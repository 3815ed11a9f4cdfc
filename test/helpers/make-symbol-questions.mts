// Writes test/fixtures/symbols.where.jsonl: 25 symbols drawn (seeded) from the committed
// index, asked the way newcomers type, each with the file and line found by `git grep` on
// the Velero clone at the index's commit, so the test catches a parser that is wrong.
//
//   npx tsx test/helpers/make-symbol-questions.mts /path/to/velero-clone [seed]

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const clone = process.argv[2];
const seed = Number(process.argv[3] ?? 17);
if (!clone) throw new Error('pass the path of a Velero clone');
const root = join(import.meta.dirname, '..', '..');
const index = JSON.parse(readFileSync(join(root, 'knowledge/upstream/velero-symbols.json'), 'utf8'));

// mulberry32: a small seeded generator, so the same seed draws the same symbols.
let state = seed >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const KIND: Record<string, string> = { f: 'func', m: 'method', t: 'type', c: 'const', v: 'var' };
const counts = new Map<string, number>();
const all: Array<{ name: string; kind: string; receiver?: string }> = [];
for (const [, , rows] of index.files) {
  for (const [name, code, , receiver] of rows) {
    counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
    all.push({ name, kind: KIND[code]!, receiver });
  }
}
const unique = all.filter((s) => counts.get(s.name.toLowerCase()) === 1 && s.name !== 'main');

/** Declaration lines of `name` per git grep, outside tests, mocks and generated files. */
function grep(name: string, kind: string): Array<{ path: string; line: number }> {
  const pattern = {
    func: `^func ${name}[[(]`,
    method: `^func \\(.*\\) ${name}[[(]`,
    type: `^(type )?\\s*${name}( |\\[|=)`,
    const: `^(const )?\\s*${name}( |,|=|$)`,
    var: `^(var )?\\s*${name}( |,|=|$)`,
  }[kind]!;
  let out = '';
  try {
    out = execFileSync('git', ['-C', clone!, 'grep', '-n', '-E', pattern, index.commit, '--', 'pkg', 'internal', 'cmd', ':!*_test.go', ':!*/mocks/*', ':!*zz_generated*', ':!pkg/plugin/generated/*'], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .trim()
    .split('\n')
    .map((l) => {
      const [, path, line] = l.split(':');
      return { path: path!, line: Number(line) };
    });
}

const words = (name: string) => (name.match(/[A-Z]+\d*(?![a-z])|[A-Z]?[a-z]+\d*|\d+/g) ?? [name]).map((w) => w.toLowerCase()).join(' ');
const phrasings: Array<(s: { name: string; kind: string; receiver?: string }) => string> = [
  (s) => `where is ${s.name} defined?`,
  (s) => `which file has ${s.name}`,
  (s) => `where's the ${s.name} ${s.kind === 'type' ? 'struct' : s.kind}`,
  (s) => `find ${s.receiver ? `${s.receiver}.` : ''}${s.name}`,
  (s) => `${s.name} defined where?`,
  (s) => `where is ${s.name.toLowerCase()} implemented`,
  (s) => `where do i find the ${words(s.name)} ${s.kind === 'method' ? 'method' : s.kind === 'type' ? 'type' : s.kind === 'func' ? 'function' : s.kind}`,
];

const picked = new Set<string>();
const lines: string[] = [];
while (lines.length < 25 && picked.size < unique.length) {
  const s = unique[Math.floor(random() * unique.length)]!;
  if (picked.has(s.name)) continue;
  picked.add(s.name);
  const hits = grep(s.name, s.kind);
  // Only a symbol git grep places unambiguously is a fair check.
  if (hits.length !== 1) continue;
  const question = phrasings[lines.length % phrasings.length]!(s);
  lines.push(JSON.stringify({ id: `sym-${lines.length + 1}`, question, symbol: s.name, kind: s.kind, path: hits[0]!.path, line: hits[0]!.line }));
}
writeFileSync(join(root, 'test/fixtures/symbols.where.jsonl'), `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} questions (seed ${seed}, ${picked.size} drawn)`);
