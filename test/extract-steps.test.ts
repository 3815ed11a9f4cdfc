import { describe, expect, it } from 'vitest';
import { composeExtractive } from '../src/answer/extractive.js';
import { buildIndex, searchChunks } from '../src/retrieval/index.js';
import type { Chunk } from '../src/retrieval/types.js';

const filler = (what: string) => `${what} ${'and the widget keeps turning in its socket while the gears mesh '.repeat(3)}`.trim();

// One passage whose numbered steps are too long to quote with anything else, plus others.
const chunks: Chunk[] = [
  {
    id: 's#steps', section: 's', sectionTitle: 'Widgets', headingPath: ['Widgets', 'Assembly'], anchor: 'steps', url: '', sources: [],
    text: [
      'A widget is assembled in four steps:',
      '',
      `1. ${filler('The frame is clamped to the bench.')}`,
      `2. ${filler('The spindle is oiled.')}`,
      `3. ${filler('The cover is fitted.')}`,
      `4. ${filler('The flux capacitor is calibrated with the --flux-level flag.')}`,
    ].join('\n'),
  },
  { id: 's#other', section: 's', sectionTitle: 'Widgets', headingPath: ['Widgets', 'Colours'], anchor: 'other', url: '', sources: [], text: 'Widgets come in red and blue.' },
];

describe('numbered steps in an extract', () => {
  it('are quoted from step 1 when the question matches a later step', () => {
    const corpus = buildIndex(chunks);
    const q = 'how is the flux capacitor calibrated';
    const { answer } = composeExtractive(corpus, q, searchChunks(corpus, q));
    expect(answer).toMatch(/^A widget is assembled in four steps:\n1\. The frame/);
    expect(answer).toContain('4. The flux capacitor is calibrated with the --flux-level flag.');
    expect(answer.indexOf('1.')).toBeLessThan(answer.indexOf('4.'));
  });
});
