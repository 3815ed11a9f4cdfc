import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGuide, parseSection } from '../src/knowledge/load-guide.js';
import { createSlugger, slugify } from '../src/knowledge/slug.js';
import { findUpstreamPaths } from '../src/knowledge/upstream-paths.js';
import { KNOWLEDGE_DIR } from '../src/knowledge/knowledge-base.js';
import { SECTION_IDS } from '../src/knowledge/sections.js';

const fm = (id: string) => `---\nid: ${id}\ntitle: T\npart: Foundations\norder: 2\nguideUrl: https://example.test/g\n---\n`;

describe('anchor slugs', () => {
  it('follow the guide site rules (MkDocs toc)', () => {
    expect(slugify('How to Best Use This Guide')).toBe('how-to-best-use-this-guide');
    expect(slugify('1. Validation & Queueing')).toBe('1-validation-queueing');
    expect(slugify('Backup → Restore flow')).toBe('backup-restore-flow');
    expect(slugify('`velero install` flags')).toBe('velero-install-flags');
  });

  it('number repeated headings the MkDocs way', () => {
    const slug = createSlugger();
    expect([slug('Phases'), slug('Phases'), slug('Phases')]).toEqual(['phases', 'phases_1', 'phases_2']);
  });
});

describe('chunking', () => {
  const section = parseSection(
    'x.md',
    `${fm('architecture')}Intro text.\n\n## Server\n\nThe server runs \`pkg/cmd/server/server.go\`.\n\n### Flags\n\nFlag text.\n\n## Node agent\n\nAgent text.\n\n\`\`\`yaml\nkey: value\n\`\`\`\n`,
  );

  it('splits at h2 and h3 and keeps the heading path and anchor', () => {
    expect(section.chunks.map((c) => c.anchor)).toEqual(['', 'server', 'flags', 'node-agent']);
    expect(section.chunks[2]!.headingPath).toEqual(['T', 'Server', 'Flags']);
    expect(section.chunks[2]!.url).toBe('https://example.test/g#flags');
    expect(section.chunks[2]!.id).toBe('architecture#flags');
  });

  it('keeps markdown in chunk text and finds upstream paths', () => {
    expect(section.chunks[1]!.text).toContain('`pkg/cmd/server/server.go`');
    expect(section.chunks[1]!.sources).toEqual(['pkg/cmd/server/server.go']);
    expect(section.chunks[3]!.text).toContain('key: value');
  });

  it('recognises repository paths but not placeholders or annotations', () => {
    expect(findUpstreamPaths('see `pkg/restore/`, `Makefile`, `changelogs/unreleased/<PR>-<user>`, `velero.io/exclude-from-backup`')).toEqual([
      'pkg/restore/',
      'Makefile',
    ]);
  });
});

describe('loading the guide folder', () => {
  const dirWith = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'guide-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it('rejects a file without an id, naming the file', () => {
    const dir = dirWith({ 'a.md': '---\ntitle: x\n---\nBody' });
    expect(() => loadGuide(dir)).toThrow(/a\.md: front-matter has no "id"/);
  });

  it('rejects an unknown section id', () => {
    const dir = dirWith({ 'b.md': `${fm('bread-baking')}Body` });
    expect(() => loadGuide(dir)).toThrow(/b\.md: unknown section id "bread-baking"/);
  });

  it('rejects a duplicate id, naming both files', () => {
    const dir = dirWith({ 'c.md': `${fm('core-crds')}One`, 'd.md': `${fm('core-crds')}Two` });
    expect(() => loadGuide(dir)).toThrow(/d\.md: duplicate section id "core-crds" \(also in c\.md\)/);
  });

  it('rejects an empty section', () => {
    const dir = dirWith({ 'e.md': `${fm('core-crds')}\n\n` });
    expect(() => loadGuide(dir)).toThrow(/e\.md: section has no text/);
  });

  it('rejects broken front-matter', () => {
    const dir = dirWith({ 'f.md': '---\nid: [unclosed\n---\nBody' });
    expect(() => loadGuide(dir)).toThrow(/f\.md: front-matter is not valid YAML/);
  });

  it('loads the shipped guide: known ids, front-matter complete, unique anchors', () => {
    const sections = loadGuide(join(KNOWLEDGE_DIR, 'guide'));
    expect(sections.length).toBeGreaterThanOrEqual(3);
    for (const s of sections) {
      expect(SECTION_IDS).toContain(s.id);
      expect(s.upstreamCommit).toMatch(/^[0-9a-f]{40}$/);
      expect(s.sources.length).toBeGreaterThan(0);
      const anchors = s.chunks.map((c) => c.anchor);
      expect(new Set(anchors).size).toBe(anchors.length);
    }
  });
});

describe('questions each passage answers (knowledge/questions)', () => {
  const section = () => parseSection('architecture.md', `${fm('architecture')}Intro text.\n\n## Server flags\n\nThe flags.\n`);
  const file = (source: string) => [{ file: '/k/questions/architecture.yaml', source }];

  it('attaches the questions to the passages by anchor', async () => {
    const { attachQuestions } = await import('../src/knowledge/passage-questions.js');
    const s = section();
    attachQuestions([s], file('"":\n  - what is this\nserver-flags:\n  - which flags does the server take\n  - "  "\n'));
    expect(s.chunks.map((c) => c.questions)).toEqual([['what is this'], ['which flags does the server take']]);
  });

  it('refuses, naming the file, an unknown anchor, a non-list, bad YAML, a non-mapping and an unknown section', async () => {
    const { attachQuestions } = await import('../src/knowledge/passage-questions.js');
    const cases: Array<[string, RegExp, string?]> = [
      ['renamed-heading:\n  - q\n', /"renamed-heading" is not a heading anchor of architecture/],
      ['server-flags: just one string\n', /must be a list of questions/],
      ['server-flags: [unclosed\n', /not valid YAML/],
      ['- a\n- b\n', /must map passage anchors/],
      ['"": [q]\n', /no guide section "nope"/, '/k/questions/nope.yaml'],
    ];
    for (const [source, message, name] of cases) {
      expect(() => attachQuestions([section()], [{ file: name ?? '/k/questions/architecture.yaml', source }])).toThrow(message);
    }
  });
});
