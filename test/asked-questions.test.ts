import { describe, expect, it } from 'vitest';
import { passagesFor } from '../src/answer/ask.js';
import { composeExtractive } from '../src/answer/extractive.js';
import { buildIndex, searchChunks } from '../src/retrieval/index.js';
import type { Chunk } from '../src/retrieval/types.js';

const chunk = (section: string, anchor: string, text: string, questions?: string[]): Chunk => ({
  id: `${section}#${anchor}`, section, sectionTitle: section, headingPath: [section, anchor], anchor, url: '', sources: [], text, ...(questions ? { questions } : {}),
});

const gears = (n: number) => Array.from({ length: n }, (_, i) => `Gear ${i} turns the flywheel while the levers rattle in their frame and the belts hum along.`);

// A passage's written questions say what it answers, even where its text uses other words.
describe('a written question that matches the question closely', () => {
  const build = (withQuestions: boolean) => {
    const hooks = [
      chunk('hooks', 'overview', 'A backup hook runs a command in a pod of your app before the backup and another after it. Backup hooks suit databases: a hook can flush tables before the backup copies the volume. Hooks are written as pod annotations or in the backup spec.'),
      chunk('hooks', 'annotations', 'Pod annotations name the hook command, its container and what happens on error. A backup hook from annotations runs before spec hooks for the same pod.'),
    ];
    const limits = chunk('limits', 'defaults', 'Each exec command is stopped once 30 seconds pass, unless its annotation asks for more.', withQuestions ? ['how long can a backup hook run before it gets killed', 'default hook timeout'] : undefined);
    const fill = Array.from({ length: 6 }, (_, i) => chunk('misc', `m${i}`, `The widget number ${i} is painted red and shipped in a box.`));
    return buildIndex([...hooks, limits, ...fill]);
  };

  it('leads the answer with its passage, over the section that shares more words', () => {
    const q = 'how long can my backup hook run before it gets killed';
    const corpus = build(true);
    const hits = searchChunks(corpus, q);
    expect(passagesFor(q, hits, corpus)[0]!.chunk.id).toBe('limits#defaults');
    expect(composeExtractive(corpus, q, passagesFor(q, hits, corpus)).answer).toMatch(/^Each exec command is stopped once 30 seconds pass/);
    // Without the written questions the words decide, and the hooks section leads.
    const plain = build(false);
    expect(passagesFor(q, searchChunks(plain, q), plain)[0]!.chunk.section).toBe('hooks');
  });

  it('points the extract at the sentence the question was written for', () => {
    const text = [
      'The node agent copies pod volumes to the bucket and keeps a cache on its node.',
      'The node agent reads the volumes of each pod through the kubelet directory.',
      ...gears(7),
      'A restore blocks the restored pod with an init container until its files are back.',
    ].join(' ');
    const build2 = (questions?: string[]) => buildIndex([chunk('agent', 'copies', text, questions), ...Array.from({ length: 6 }, (_, i) => chunk('o', `${i}`, `The node agent pod number ${i} writes a log.`))]);
    const q = 'why is my app slow to start when velero brings its data home';
    const asked = build2(['app slow to start after velero brings data home: an init container blocks the restored pod']);
    expect(composeExtractive(asked, q, searchChunks(asked, q)).answer).toContain('A restore blocks the restored pod with an init container');
    const plain = build2();
    expect(composeExtractive(plain, q, searchChunks(plain, q)).answer).not.toContain('init container');
  });
});

describe('a passage the question was written for, more clearly than the lead', () => {
  it('gets a span of its own although it adds no new question words', () => {
    // Numbered steps are quoted whole, so the lead takes nearly all of the answer's room.
    const long = chunk('guide', 'deletion', [
      'Deleting a backup removes its data from the bucket in these steps:',
      '',
      ...Array.from({ length: 8 }, (_, i) => `${i + 1}. The server deletes part ${i} of the backup data from the bucket and logs what it removed in the delete request.`),
    ].join('\n'));
    const docs = chunk('docs', 'deleting', 'Removing only the custom resource by hand leaves every file in object storage where it was, and the next sync of the storage location brings the object back, with its tarball, its logs and its volume snapshots still in place, so the space is never freed.', ['kubectl delete']);
    const corpus = buildIndex([long, docs, ...Array.from({ length: 6 }, (_, i) => chunk('misc', `m${i}`, `The widget number ${i} is painted red.`))]);
    const q = 'is kubectl delete backup different from velero backup delete? the bucket still has the data';
    // As retrieval ranks such a pair when the guide is weighted first.
    const hits = [{ chunk: long, score: 10 }, { chunk: docs, score: 7 }];
    const { answer } = composeExtractive(corpus, q, hits);
    expect(answer).toMatch(/^Deleting a backup removes its data from the bucket in these steps:\n1\. /);
    expect(answer).toContain('\n8. The server deletes part 7');
    expect(answer).toContain('Removing only the custom resource by hand leaves every file in object storage');
  });
});
