import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ask } from '../src/answer/ask.js';
import { askWithLlm } from '../src/answer/ask-llm.js';
import { createLlm } from '../src/answer/llm-client.js';
import { startOpenAIDouble } from './helpers/openai-double.js';
import { formatWithSources } from '../src/answer/format-text.js';
import { inlineHtml } from '../src/serve/web/answer-html.js';
import { answerWhereIs, findTargets, linkSymbols, MAX_LISTED } from '../src/answer/where-is.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { attachSymbolIndex, createSymbolIndex, symbolIndexFor, type SymbolIndex } from '../src/knowledge/symbol-index.js';

interface Case {
  id: string;
  question: string;
  symbol: string;
  path: string;
  line: number;
}

const cases: Case[] = readFileSync('test/fixtures/symbols.where.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Case);

let kb: KnowledgeBase;
let index: SymbolIndex;
beforeAll(async () => {
  kb = await loadKnowledgeBase();
  index = symbolIndexFor(kb)!;
});

describe('the committed symbol index', () => {
  it('is built at the guide pin and covers Velero packages', () => {
    expect(index).toBeDefined();
    expect(index.commit).toBe(kb.upstreamCommit);
    expect(index.size).toBeGreaterThan(3000);
    expect(index.lookup('NewPVCPodCache').map((d) => `${d.path}:${d.line}`)).toEqual(['pkg/util/podvolume/pod_volume.go:45']);
    // The mock of the client factory is not a definition; the real factory is.
    expect(index.lookup('SetClientQPS').map((d) => d.path)).toEqual(['pkg/client/factory.go']);
  });
});

describe('where is X: 25 random symbols, file and line from git grep', () => {
  it('finds the right file for >= 90% and the right line (within 3) for >= 80%', () => {
    expect(cases).toHaveLength(25);
    let file = 0;
    let line = 0;
    const misses: string[] = [];
    for (const c of cases) {
      const r = ask(kb, c.question);
      const first = r.sources[0];
      if (first?.path === c.path) file++;
      if (first?.path === c.path && first.line !== undefined && Math.abs(first.line - c.line) <= 3) line++;
      else misses.push(`${c.id} "${c.question}" -> ${first ? `${first.path}:${first.line}` : 'no source'}`);
    }
    expect(file / cases.length, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(line / cases.length, misses.join('\n')).toBeGreaterThanOrEqual(0.8);
  });

  it('answers with the path, the line and a link at the index commit, named in short form', () => {
    const r = ask(kb, 'where is NewPVCPodCache defined?');
    const url = `https://github.com/velero-io/velero/blob/${index.commit}/pkg/util/podvolume/pod_volume.go#L45`;
    expect(r.outOfScope).toBe(false);
    expect(r.sources).toEqual([{ path: 'pkg/util/podvolume/pod_volume.go', url, line: 45 }]);
    expect(r.answer).toContain('pkg/util/podvolume/pod_volume.go:45');
    expect(r.answer).toContain(url);
    expect(r.answer).toContain(`velero@${index.commit.slice(0, 9)}`);
  });

  it('reads the plain-word, lower-case and Receiver.Method forms', () => {
    const first = (q: string) => ask(kb, q).sources[0];
    expect(first('where do i find the restore item action interface')?.path).toMatch(/^pkg\/plugin\/velero\/restoreitemaction\/v[12]\/restore_item_action\.go$/);
    expect(first('where is newpvcpodcache')?.line).toBe(45);
    expect(first('find podvolume.NewPVCPodCache')?.line).toBe(45);
    expect(first('where is (*factory).SetClientQPS defined')?.path).toBe('pkg/client/factory.go');
  });

  it('lists several definitions, the most relevant first, and says how to narrow them', () => {
    const all = index.resolve('Execute');
    expect(all.length).toBeGreaterThan(MAX_LISTED);
    const r = ask(kb, 'where is Execute implemented?');
    expect(r.sources).toHaveLength(MAX_LISTED);
    expect(r.answer).toContain(`has ${all.length} definitions; the ${MAX_LISTED} most relevant`);
    expect(r.answer).toMatch(/ask for `Receiver\.Method`, e\.g\. "where is \w+\.Execute defined\?"/);
    // Question words weigh in: restore's actions come before backup's.
    const restore = ask(kb, 'where is restore Execute defined?');
    expect(restore.sources[0]!.path).toMatch(/^pkg\/restore\//);
  });

  it('leaves questions that only mention code, or ask how, to the guide', () => {
    for (const q of [
      'where is the backup stored',
      'where are the Backup phases defined in the API types?',
      'unable to locate ObjectStore plugin named velero.io/aws',
      'how is runBackup implemented',
      "where's the code for the `backup create` command and all its flags",
      'what does NewPVCPodCache do',
      'where',
    ]) {
      expect(answerWhereIs(kb, q), q).toBeUndefined();
    }
  });

  it('goes to the guide when no symbol index is attached', async () => {
    const bare = await loadKnowledgeBase();
    attachSymbolIndex(bare, undefined);
    const r = ask(bare, 'where is NewPVCPodCache defined?');
    expect(r.sources.some((s) => s.line !== undefined)).toBe(false);
  });

  it('takes no more than a second on long or hostile questions', () => {
    const started = performance.now();
    for (const q of [`where is ${'a'.repeat(5000)}`, `where is ${'Ab_'.repeat(2000)}(`, `where ${'`x` '.repeat(2000)}`, `find ${'(*'.repeat(3000)}`]) {
      findTargets(index, q);
      answerWhereIs(kb, q);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('backticked identifiers link to their definitions', () => {
  const small = createSymbolIndex({
    format: 1,
    repo: 'velero-io/velero',
    commit: 'c'.repeat(40),
    commitDate: '',
    files: [
      ['pkg/a/a.go', 'a', [['NewThing', 'f', 10], ['Run', 'm', 20, 'Thing'], ['Run', 'm', 30, 'Other']]],
      ['pkg/b/b.go', 'b', [['PluginHelper', 't', 5], ['New', 'f', 9]]],
    ],
  });

  it('links a compound name with one definition, once, and adds it and the passage names to sources', async () => {
    const own = await loadKnowledgeBase();
    attachSymbolIndex(own, small);
    const base = `https://github.com/velero-io/velero/blob/${'c'.repeat(40)}`;
    const r = linkSymbols(own, 'Call `NewThing`, then `Run` (ambiguous), `Thing.Run` and `NewThing` again; `newthing` and `New` are prose.', [{ path: 'pkg/a/', url: 'x' }], [
      'The passage names `PluginHelper` and `New`.',
    ]);
    expect(r.answer).toBe(
      `Call [\`NewThing\`](${base}/pkg/a/a.go#L10), then \`Run\` (ambiguous), [\`Thing.Run\`](${base}/pkg/a/a.go#L20) and \`NewThing\` again; \`newthing\` and \`New\` are prose.`,
    );
    expect(r.sources).toEqual([
      { path: 'pkg/a/', url: 'x' },
      { path: 'pkg/a/a.go', url: `${base}/pkg/a/a.go#L10`, line: 10 },
      { path: 'pkg/a/a.go', url: `${base}/pkg/a/a.go#L20`, line: 20 },
      { path: 'pkg/b/b.go', url: `${base}/pkg/b/b.go#L5`, line: 5 },
    ]);
  });

  it('links identifiers in real guide answers, with lines that match their urls', () => {
    const questions = Object.values(parse(readFileSync('knowledge/questions/plugin-system.yaml', 'utf8')) as Record<string, string[]>).flat();
    let linked = 0;
    for (const q of questions) {
      const r = ask(kb, q);
      if (/\[`[\w.]+`\]\(https:\/\/github\.com\/[^)]+#L\d+\)/.test(r.answer)) linked++;
      for (const s of r.sources) if (s.line !== undefined) expect(s.url.endsWith(`/${s.path}#L${s.line}`)).toBe(true);
    }
    expect(linked).toBeGreaterThan(0);
  });
});


describe('front ends show a definition link and its line', () => {
  it('renders a linked identifier as linked code, and sources as path:line', () => {
    const r = ask(kb, 'where is NewPVCPodCache defined?');
    const url = r.sources[0]!.url;
    expect(inlineHtml(`See [\`NewPVCPodCache\`](${url}).`)).toBe(`See <a href="${url}"><code>NewPVCPodCache</code></a>.`);
    expect(formatWithSources(r.answer, r.citations, r.sources).join('\n')).toContain(`pkg/util/podvolume/pod_volume.go:45  ${url}`);
  });
});

describe('with an LLM configured', () => {
  it('answers a where-question from the index without a completion', async () => {
    const ai = await startOpenAIDouble();
    try {
      const llm = await createLlm({ apiKey: 'sk-test', baseUrl: ai.baseUrl, model: 'test-model' }, 800);
      const r = await askWithLlm(kb, 'which file has SetClientQPS', llm);
      expect(ai.counters.chat).toBe(0);
      expect(r.outOfScope).toBe(false);
      expect(r.sources[0]).toMatchObject({ path: 'pkg/client/factory.go', line: 236 });
    } finally {
      await ai.close();
    }
  });
});
