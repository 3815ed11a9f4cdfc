import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeGitRepo } from './helpers/git-repo.js';
import { cliEnvWithDir } from './helpers/cli-env.js';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { buildIndex, searchChunks } from '../src/retrieval/index.js';
import { DOCS_WEIGHT } from '../src/knowledge/velero-docs.js';
import type { Chunk } from '../src/retrieval/types.js';

// A small docs tree of our own, laid out as Velero's site is.
const DOCS = {
  'site/content/docs/main/_index.md': '---\ntitle: "Docs"\n---\nLanding page.\n',
  'site/content/docs/main/tortoise-mode.md':
    '---\ntitle: "Tortoise Mode"\nlayout: docs\n---\n\nTortoise mode slows every backup down on purpose.\n\n' +
    '## Turning tortoise mode on\n\nStart the server with `--tortoise-factor 7` to make each item wait seven ticks. {{< note >}}\n\n' +
    '## Turning tortoise mode on\n\nA second heading of the same name gets its own anchor.\n',
  'site/content/docs/main/api-types/snail.md': '---\ntitle: "Snail API Type"\n---\n\n## Fields\n\nA Snail has a `shellColour` field that defaults to green.\n',
  'pkg/restore/restore.go': 'package restore\n',
  // The repository's written rules for changelogs and backports (our own words).
  '.github/copilot-instructions.md': '# Rules\n\n## Backport requests\n\nComment `/backport release-9.9` on the merged pull request to ask the bot for a snail-paced backport.\n',
  // Broken front matter: the page is skipped, the rest ingested.
  'site/content/docs/main/broken.md': '---\ntitle: [unclosed\n---\nBroken page.\n',
  // A docs site has many pages; term statistics over three pages would be meaningless.
  ...Object.fromEntries(
    Array.from({ length: 60 }, (_, i) => [
      `site/content/docs/main/filler-${i}.md`,
      `---\ntitle: "Gadget ${i}"\n---\n\n## Gadget ${i} settings\n\nGadget ${i} keeps its settings in the gadget-${i} ConfigMap, read at start.\n`,
    ]),
  ),
};


const onramp = (args: string[], env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', env });

describe('sync --docs', () => {
  it('ingests the docs into ONRAMP_DATA_DIR and answers from them, citing velero.io with the commit', async () => {
    const repo = makeGitRepo(DOCS);
    const sha = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const knowledge = mkdtempSync(join(tmpdir(), 'knowledge-'));
    mkdirSync(join(knowledge, 'upstream'));
    const { env, dir } = cliEnvWithDir();
    // The CLI writes metadata into the package's knowledge dir; run the same code with a temporary one.
    const script = `import('${join(process.cwd(), 'dist/cli/sync-command.js')}').then(m => m.runSync({ fromGit: '${repo}', docs: true, knowledgeDir: '${knowledge}' }))`;
    const sync = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env });
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/ingested 63 docs pages \(\d+ passages\)/);
    const saved = JSON.parse(readFileSync(join(dir, 'velero-docs.json'), 'utf8'));
    expect(saved.commit).toBe(sha);
    const anchors = saved.chunks.map((c: { url: string }) => c.url);
    expect(anchors).toContain('https://velero.io/docs/main/tortoise-mode/#turning-tortoise-mode-on');
    expect(anchors).toContain('https://velero.io/docs/main/tortoise-mode/#turning-tortoise-mode-on-1');
    expect(anchors).toContain('https://velero.io/docs/main/api-types/snail/#fields');
    expect(JSON.stringify(saved)).not.toContain('{{<');
    // .github/copilot-instructions.md is cited on GitHub at the synced commit.
    expect(anchors).toContain(`https://github.com/velero-io/velero/blob/${sha}/.github/copilot-instructions.md#backport-requests`);
    // Nothing of Velero's text lands in knowledge/.
    expect(existsSync(join(knowledge, 'velero-docs.json'))).toBe(false);

    const r = onramp(['ask', '--json', 'what does the tortoise factor flag do'], env);
    expect(r.status, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.outOfScope).toBe(false);
    expect(answer.answer).toContain('--tortoise-factor 7');
    const docsCitation = answer.citations.find((c: { section: string }) => c.section === 'docs:tortoise-mode');
    expect(docsCitation.url).toMatch(/^https:\/\/velero\.io\/docs\/main\/tortoise-mode\/#turning-tortoise-mode-on/);
    expect(docsCitation.title).toContain(`main at ${sha.slice(0, 9)}`);
  });

  it('ranks the guide before the docs when both answer', () => {
    // A docs page that repeats a guide topic word for word still comes second.
    const repo = makeGitRepo({
      'site/content/docs/main/changelog.md':
        '---\ntitle: "Changelogs"\n---\n\n## Changelog file\n\nAdd a changelog file to changelogs/unreleased for your PR.\n',
    });
    const { env } = cliEnvWithDir();
    const knowledge = mkdtempSync(join(tmpdir(), 'knowledge-'));
    mkdirSync(join(knowledge, 'upstream'));
    const script = `import('${join(process.cwd(), 'dist/cli/sync-command.js')}').then(m => m.runSync({ fromGit: '${repo}', docs: true, knowledgeDir: '${knowledge}' }))`;
    expect(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env }).status).toBe(0);
    const answer = JSON.parse(onramp(['ask', '--json', 'where does the changelog file for my PR go'], env).stdout);
    expect(answer.citations[0].section).toBe('contributing-upstream');
  });

  it('refuses --docs without a clone, with one line and exit 2', () => {
    const { env } = cliEnvWithDir();
    const r = onramp(['sync', '--docs'], env);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/--docs needs --from-git/);
  });
});

describe('docs next to the guide', () => {
  it('leave the guide passages in the order they had without docs', async () => {
    const kb = await loadKnowledgeBase();
    const docs = Array.from({ length: 200 }, (_, i) => ({
      id: `docs:page-${i}#a`, section: `docs:page-${i}`, sectionTitle: `Velero docs › Page ${i}`, headingPath: [`Page ${i}`, 'Backups and restores'],
      anchor: 'a', text: `Backup storage location ${i} restores the changelog of plugin hooks and snapshots ${'volume '.repeat(i % 7)}.`, url: '', sources: [], weight: 0.8,
    }));
    const joint = buildIndex([...kb.corpus.chunks, ...docs]);
    for (const q of ['what is a BackupStorageLocation', 'how do restore hooks wait for the container', 'where does the changelog file go', 'how are volume snapshots taken']) {
      const alone = searchChunks(kb.corpus, q).map((h) => [h.chunk.id, h.score]);
      const mixed = searchChunks(joint, q, 40).filter((h) => !h.chunk.id.startsWith('docs:')).map((h) => [h.chunk.id, h.score]);
      expect(mixed.slice(0, alone.length), q).toEqual(alone);
    }
  });
});

describe('a damaged docs file', () => {
  it('is ignored with one warning when it is not JSON or not a docs file, and bad passages are left out', async () => {
    const { loadDocs } = await import('../src/knowledge/velero-docs.js');
    const { writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'docs-bad-'));
    const file = join(dir, 'velero-docs.json');
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(loadDocs(dir, warn)).toBeUndefined(); // none there: no warning
    expect(warnings).toEqual([]);
    for (const text of ['{not json', '[]', 'null', '{"commit": 7, "chunks": []}', '']) {
      writeFileSync(file, text);
      expect(loadDocs(dir, warn), text).toBeUndefined();
    }
    expect(warnings).toHaveLength(5);
    const good = { id: 'docs:p#a', section: 'docs:p', sectionTitle: 'Velero docs › P', headingPath: ['P', 'A'], anchor: 'a', text: 'Text.', url: 'https://velero.io/docs/main/p/#a', sources: [] };
    writeFileSync(file, JSON.stringify({ commit: 'abc', commitDate: 'd', chunks: [good, { ...good, text: 5 }, { ...good, section: 'core-crds' }, { ...good, url: 'https://evil.example/' }, null, { ...good, questions: 'not a list' }] }));
    const loaded = loadDocs(dir, warn)!;
    expect(loaded.docs.chunks.map((c) => c.id)).toEqual(['docs:p#a', 'docs:p#a']);
    expect(loaded.docs.chunks.every((c) => c.questions === undefined && c.weight === DOCS_WEIGHT)).toBe(true);
    // The bot still starts and answers from the guide with a damaged file in place.
    writeFileSync(file, '{"commit": "x", "chunks": [{"id": 1}]}');
    const kb = await loadKnowledgeBase(undefined, { dataDir: dir, cache: false });
    expect(kb.docs?.chunks).toBe(0);
  });
});

describe('docs page clean-up', () => {
  it('drops HTML comments, closed or not, and keeps short code blocks as inline code', async () => {
    const { withoutComments, inlineShortCode } = await import('../src/knowledge/ingest-docs.js');
    expect(withoutComments('a <!-- hidden --> b <!-- never closed')).toBe('a  b ');
    // A command introduced by a colon joins its sentence; one without a lead-in is a paragraph.
    expect(inlineShortCode('Run this:\n\n```bash\nvelero uninstall\n```\n\nDone.')).toBe('Run this: `velero uninstall`\n\nDone.');
    expect(inlineShortCode('Intro.\n\n```\nvelero version\n```\nDone.')).toBe('Intro.\n\n\n`velero version`\n\nDone.');
    // Inside a list item the command stays in the item, and the next item keeps its number.
    expect(inlineShortCode('1. Update the CRDs:\n\n    ```bash\n    velero install --crds-only\n    ```\n\n2. Restart.')).toBe('1. Update the CRDs: `velero install --crds-only`\n\n2. Restart.');
    // A heading ending in a colon keeps its text (its anchor is made from it).
    expect(inlineShortCode('### Some examples:\n\n```\nexample.io/azure\n```')).toBe('### Some examples:\n\n\n`example.io/azure`\n');
    // Long blocks, blocks with backticks and an unclosed fence stay as they are.
    const long = '```\n1\n2\n3\n4\n```';
    expect(inlineShortCode(long)).toBe(long);
    expect(inlineShortCode('```\nuse `x`\n```')).toBe('```\nuse `x`\n```');
    expect(inlineShortCode('```\nnever closed')).toBe('```\nnever closed');
  });

  it('reads reference-style links as their text and drops their definitions', async () => {
    const { withoutLinkReferences } = await import('../src/knowledge/ingest-docs.js');
    expect(withoutLinkReferences('Follow the [instructions here][0].\n\n[0]: basic-install.md#install-the-cli\n[1]: https://velero.io/docs/v1.8/\nEnd.')).toBe('Follow the instructions here.\n\nEnd.');
    // An inline link and a bracketed word are left alone.
    expect(withoutLinkReferences('See [the page](x.md) and [optional].')).toBe('See [the page](x.md) and [optional].');
  });

  it('stays linear on hostile pages', async () => {
    const { withoutComments, inlineShortCode, withoutLinkReferences } = await import('../src/knowledge/ingest-docs.js');
    withoutLinkReferences('['.repeat(200_000));
    withoutLinkReferences('[a]'.repeat(100_000));
    withoutLinkReferences(`[${'a'.repeat(299)}]`.repeat(500));
    const started = performance.now();
    withoutComments('<!--'.repeat(100_000));
    withoutComments('<!-- -->'.repeat(50_000));
    inlineShortCode('```\n'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('our questions for docs passages', () => {
  const chunk = (page: string, anchor: string, text: string): Chunk => ({
    id: `docs:${page}#${anchor}`, section: `docs:${page}`, sectionTitle: `Velero docs › ${page}`, headingPath: [page, anchor || page], anchor, text,
    url: `https://velero.io/docs/main/${page}/${anchor ? `#${anchor}` : ''}`, sources: [],
  });

  it('are attached by page and anchor, and the ones the docs no longer have are reported', async () => {
    const { attachDocsQuestions } = await import('../src/knowledge/docs-questions.js');
    const { parseDocsQuestions } = await import('../src/knowledge/passage-questions.js');
    const asked = parseDocsQuestions('q.yaml', 'uninstalling:\n  "":\n    - how do i get rid of velero\n  gone:\n    - an old heading\nrestore-reference:\n  policy: []\n');
    expect(asked).toEqual({ 'docs:uninstalling#': ['how do i get rid of velero'], 'docs:uninstalling#gone': ['an old heading'] });
    const chunks = [chunk('uninstalling', '', 'Run `velero uninstall` to uninstall.'), chunk('restore-reference', 'policy', 'Policy.')];
    expect(attachDocsQuestions(chunks, asked)).toEqual({ attached: 1, stale: ['docs:uninstalling#gone'] });
    expect(chunks[0]!.questions).toEqual(['how do i get rid of velero']);
    expect(chunks[1]!.questions).toBeUndefined();
  });

  it('reject a file of the wrong shape with its name; an empty one has none', async () => {
    const { parseDocsQuestions } = await import('../src/knowledge/passage-questions.js');
    expect(() => parseDocsQuestions('q.yaml', '- a list')).toThrow(/q\.yaml.*map docs pages/);
    expect(() => parseDocsQuestions('q.yaml', 'page:\n  a: 7\n')).toThrow(/"page" › "a" must be a list/);
    expect(() => parseDocsQuestions('q.yaml', 'page: [x\n')).toThrow(/not valid YAML/);
    expect(() => parseDocsQuestions('q.yaml', 'page: 3\n')).toThrow(/"page" must map anchors/);
    expect(parseDocsQuestions('q.yaml', '')).toEqual({});
    expect(parseDocsQuestions('q.yaml', '# only a comment\n')).toEqual({});
  });

  it('cannot reach a passage through an object\'s own keys, and an oversized file is refused', async () => {
    const { attachDocsQuestions, readDocsQuestionsSource } = await import('../src/knowledge/docs-questions.js');
    const { parseDocsQuestions } = await import('../src/knowledge/passage-questions.js');
    const hostile = parseDocsQuestions('q.yaml', '__proto__:\n  x: [polluted]\nconstructor:\n  "": [a]\n');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const chunks = [chunk('toString', '', 'Text.'), chunk('constructor', 'x', 'Text.')];
    expect(attachDocsQuestions(chunks, hostile).attached).toBe(0);
    expect(chunks.every((c) => c.questions === undefined)).toBe(true);
    const { writeFileSync, truncateSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'docs-q-big-'));
    expect(readDocsQuestionsSource(join(dir, 'none.yaml'))).toBeUndefined();
    const big = join(dir, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, 9 * 1024 * 1024);
    expect(() => readDocsQuestionsSource(big)).toThrow(/big\.yaml.*larger than 8 MB/);
  });

  it('in the committed file all load, each passage with questions', async () => {
    const { KNOWLEDGE_DIR } = await import('../src/knowledge/knowledge-base.js');
    const { DOCS_QUESTIONS_FILE, readDocsQuestionsSource } = await import('../src/knowledge/docs-questions.js');
    const { parseDocsQuestions } = await import('../src/knowledge/passage-questions.js');
    const file = join(KNOWLEDGE_DIR, DOCS_QUESTIONS_FILE);
    const asked = parseDocsQuestions(file, readDocsQuestionsSource(file)!);
    expect(Object.keys(asked).length).toBeGreaterThan(600);
    for (const [id, list] of Object.entries(asked)) {
      expect(id).toMatch(/^docs:[\w./-]+#[\w-]*$/);
      expect(list.length, id).toBeGreaterThan(0);
    }
  });

  it('let a question worded unlike the docs find its page, through the knowledge base and its cache', async () => {
    const { writeFileSync, cpSync } = await import('node:fs');
    const { saveDocs } = await import('../src/knowledge/velero-docs.js');
    const { KNOWLEDGE_DIR } = await import('../src/knowledge/knowledge-base.js');
    const pages = [chunk('uninstalling', '', 'To completely uninstall Velero from your cluster, run `velero uninstall`.'), ...Array.from({ length: 40 }, (_, i) => chunk(`filler-${i}`, 'a', `Gadget ${i} keeps settings in a ConfigMap.`))];
    const data = mkdtempSync(join(tmpdir(), 'docs-q-'));
    saveDocs(data, { commit: 'abc1234', commitDate: '2026-08-21', chunks: pages });
    const knowledge = mkdtempSync(join(tmpdir(), 'knowledge-'));
    cpSync(KNOWLEDGE_DIR, knowledge, { recursive: true });
    const question = 'how do i get rid of the whole thing from my box';
    // The page's place among the docs passages found (the guide ranks apart).
    const found = async (cache: boolean) =>
      searchChunks((await loadKnowledgeBase(knowledge, { dataDir: data, cache })).corpus, question, 500)
        .filter((h) => h.chunk.section.startsWith('docs:'))
        .findIndex((h) => h.chunk.id === 'docs:uninstalling#');
    writeFileSync(join(knowledge, 'docs-questions.yaml'), 'other-page:\n  x: [unrelated]\n');
    expect(await found(false)).toBe(-1);
    writeFileSync(join(knowledge, 'docs-questions.yaml'), 'uninstalling:\n  "":\n    - how do i get rid of velero from my box\n');
    const kb = await loadKnowledgeBase(knowledge, { dataDir: data, cache: false });
    expect(kb.docs?.chunks).toBe(41);
    expect(kb.corpus.byId.get('docs:uninstalling#')?.questions).toEqual(['how do i get rid of velero from my box']);
    expect(await found(false)).toBe(0);
    // Built once, then read back from the on-disk cache: the questions come with it.
    expect(await found(true)).toBe(0);
    expect(await found(true)).toBe(0);
  });
});
