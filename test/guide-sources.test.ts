import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR, loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { loadGuide } from '../src/knowledge/load-guide.js';
import { SECTIONS } from '../src/knowledge/sections.js';
import { pathExists } from '../src/upstream/file-tree.js';
import { loadSnapshot } from '../src/upstream/snapshot-file.js';
import { join } from 'node:path';
import { cliEnv } from './helpers/cli-env.js';

const snapshot = loadSnapshot(KNOWLEDGE_DIR)!;
const sections = loadGuide(join(KNOWLEDGE_DIR, 'guide'));

describe('guide sections against the upstream snapshot', () => {
  it('has all twelve sections with complete front-matter', () => {
    expect(sections.map((s) => s.id).sort()).toEqual(SECTIONS.map((s) => s.id).sort());
    for (const s of sections) {
      const info = SECTIONS.find((x) => x.id === s.id)!;
      expect(s.title).toBe(info.title);
      expect(s.guideUrl).toBe(info.guideUrl);
      expect(s.upstreamCommit).toBe(snapshot.commit);
      expect(s.sources.length).toBeGreaterThan(0);
    }
  });

  it('names only real upstream paths in front-matter sources', () => {
    const missing = sections.flatMap((s) => s.sources.filter((p) => !pathExists(snapshot.files, p)).map((p) => `${s.id}: ${p}`));
    expect(missing).toEqual([]);
  });

  it('names only real upstream paths in the text', () => {
    const missing = sections.flatMap((s) =>
      s.chunks.flatMap((c) => c.sources.filter((p) => !pathExists(snapshot.files, p)).map((p) => `${c.id}: ${p}`)),
    );
    expect(missing).toEqual([]);
  });
});

describe('repository metadata answers', () => {
  it('"where is the restore code?" links paths that exist in the snapshot', () => {
    const r = spawnSync(process.execPath, ['dist/cli.js', 'ask', '--json', 'where is the restore code?'], { encoding: 'utf8', env: cliEnv() });
    const j = JSON.parse(r.stdout);
    expect(j.sources.length).toBeGreaterThan(0);
    expect(j.sources.some((s: { path: string }) => s.path.startsWith('pkg/restore'))).toBe(true);
    for (const s of j.sources) expect(pathExists(snapshot.files, s.path)).toBe(true);
  });

  it('answers who maintains Velero from MAINTAINERS.md', async () => {
    const { ask } = await import('../src/answer/ask.js');
    const kb = await loadKnowledgeBase();
    const r = ask(kb, 'who maintains velero?');
    for (const login of snapshot.maintainers.active.slice(0, 3)) expect(r.answer).toContain(login);
    expect(r.sources.map((s) => s.path)).toContain('MAINTAINERS.md');
  });

  it('answers which make target runs the unit tests', async () => {
    const { ask } = await import('../src/answer/ask.js');
    const r = ask(await loadKnowledgeBase(), 'which make target runs unit tests?');
    expect(r.answer).toMatch(/make test/);
  });
});
