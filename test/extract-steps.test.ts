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

describe('a numbered list in an extract', () => {
  // A passage whose answer sits before a list too long to quote whole.
  const long = (n: number) => filler(`Step ${n} turns the crank.`).repeat(2);
  const listed: Chunk[] = [
    {
      id: 'm#machine', section: 'm', sectionTitle: 'Machine', headingPath: ['Machine', 'Start-up'], anchor: 'machine', url: '', sources: [],
      text: [
        'The machine warms up for ten minutes before the first run. The warm-up time is set with the --warmup flag.',
        'Starting the machine by hand takes five steps:',
        '',
        ...[1, 2, 3, 4, 5].map((n) => `${n}. ${long(n)}`),
      ].join('\n'),
    },
    { id: 'm#colour', section: 'm', sectionTitle: 'Machine', headingPath: ['Machine', 'Colour'], anchor: 'colour', url: '', sources: [], text: 'The machine is painted grey.' },
  ];

  it('never ends a span part-way through the steps', () => {
    const corpus = buildIndex(listed);
    const q = 'how long does the machine warm up, which flag sets the warmup time';
    const { answer } = composeExtractive(corpus, q, searchChunks(corpus, q));
    expect(answer).toContain('The warm-up time is set with the --warmup flag.');
    // Five long steps do not fit: the span ends before the list and its lead-in, not at step 2.
    expect(answer).not.toMatch(/^\d\. /m);
    expect(answer).not.toContain('takes five steps:');
  });

  it('reads on to the last step when the list fits', () => {
    // Steps too long to be one segment, short enough to quote all five.
    const fits = listed.map((c) => (c.anchor === 'machine' ? { ...c, text: c.text.replace(/^(\d)\. .*$/gm, (_, n) => `${n}. ${filler(`Step ${n} turns the crank.`)}`) } : c));
    const corpus = buildIndex(fits);
    const q = 'how long does the machine warm up, which flag sets the warmup time';
    const { answer } = composeExtractive(corpus, q, searchChunks(corpus, q));
    expect(answer).toMatch(/--warmup flag\. Starting the machine by hand takes five steps:\n1\. Step 1/);
    expect(answer).toMatch(/\n5\. Step 5 turns the crank\./);
  });
});

describe('a misspelt question word in an extract', () => {
  it('finds the sentence with the word it was meant to be', () => {
    const passage: Chunk = {
      id: 'n#agent', section: 'n', sectionTitle: 'Node agent', headingPath: ['Node agent', 'Settings'], anchor: 'agent', url: '', sources: [],
      text: [
        'The node agent pod runs on every node.',
        ...Array.from({ length: 8 }, (_, i) => `Gear ${i} turns the widget socket while the flywheel spins and the levers rattle in their frame.`),
        'Their concurrency is set in a ConfigMap.',
      ].join(' '),
    };
    // Other passages name the node agent too, so the rare word is what tells the sentences apart.
    const others = Array.from({ length: 6 }, (_, i): Chunk => ({ id: `o#${i}`, section: 'o', sectionTitle: 'Other', headingPath: ['Other', `P${i}`], anchor: `${i}`, url: '', sources: [], text: `The node agent pod number ${i} has a log.` }));
    const corpus = buildIndex([passage, ...others, ...chunks]);
    const q = 'what is the concurency of node agent pods';
    const { answer } = composeExtractive(corpus, q, searchChunks(corpus, q));
    expect(answer).toContain('Their concurrency is set in a ConfigMap.');
  });
});

describe('a list item with a paragraph of its own', () => {
  it('stays one item, so the steps after it keep their numbers', async () => {
    const { splitUnits } = await import('../src/retrieval/units.js');
    const units = splitUnits('1. Install the CLI.\n\n    Verify it with `velero version`.\n\n2. Update the CRDs.\n3. Restart the server.\n\nAfterwards, check the logs.');
    expect(units.map((u) => [u.kind, u.item])).toEqual([['item', 0], ['item', 0], ['item', 1], ['item', 2], ['sentence', undefined]]);
    const { joinSpan } = await import('../src/answer/segments.js');
    const items = units.filter((u) => u.kind === 'item').map((u) => ({ ...u, terms: new Set<string>() }));
    expect(joinSpan(items)).toBe('1. Install the CLI. Verify it with `velero version`.\n2. Update the CRDs.\n3. Restart the server.');
  });
});

describe('a list item holding a code block', () => {
  it('keeps the list going after the code, so the next step is step 2, not a new step 1', async () => {
    const { splitUnits } = await import('../src/retrieval/units.js');
    const md = '1. Create the file:\n\n   ```bash\n   cat certs > bundle.crt\n   ```\n\n2. Create the Secret.\n3. Reference it.\n\n```yaml\nkind: Secret\n```\n\n1. A new list after an unindented block.';
    const items = splitUnits(md).filter((u) => u.kind === 'item');
    expect(items.map((u) => [u.text, u.item])).toEqual([
      ['Create the file:', 0],
      ['Create the Secret.', 1],
      ['Reference it.', 2],
      ['A new list after an unindented block.', 0],
    ]);
    expect(new Set(items.slice(0, 3).map((u) => u.block)).size).toBe(1);
    expect(splitUnits(md).some((u) => u.text.includes('cat certs'))).toBe(false);
  });
});

describe('sentences that promise what the passage does not hold', () => {
  it('are not quoted: a colon with nothing after it, a list lead-in that points back or below', async () => {
    const { segmentsOf } = await import('../src/answer/segments.js');
    const { splitUnits: split } = await import('../src/retrieval/units.js');
    const splitUnits = (text: string) => split(text).map((u) => ({ ...u, terms: new Set<string>() }));
    const segs = segmentsOf(splitUnits('To install the chart, run the following command:\n\nThe chart then starts the server.'));
    expect(segs.map((g) => g.quotable)).toEqual([false, true]);
    const long = (n: number) => Array.from({ length: n }, (_, i) => `- Value ${i} of the option turns the widget ${'round and round the socket '.repeat(4)}slowly.`).join('\n');
    for (const leadIn of ['This option can have four values:', 'The option takes the values listed below:']) {
      const items = segmentsOf(splitUnits(`${leadIn}\n\n${long(8)}`));
      expect(items.length).toBeGreaterThan(1);
      // The first item carries its lead-in; the later ones cannot open a span on their own.
      expect(items.slice(1).every((g) => g.leans)).toBe(true);
    }
    const plain = segmentsOf(splitUnits(`The option takes four values:\n\n${long(8)}`));
    expect(plain.slice(1).some((g) => g.leans)).toBe(false);
    const pointer = segmentsOf(splitUnits('- Check the port.\n- Forward it as shown below.\n- Read the metrics.'));
    expect(pointer.every((g) => g.quotable)).toBe(false);
  });
});

describe('a short intro quoted to its end', () => {
  // A page intro that states the problem, with the fix under its first sub-heading, and a
  // sibling heading on another topic after it.
  const page = (tail: Chunk['headingPath']): Chunk[] => [
    {
      id: 'p#', section: 'p', sectionTitle: 'Gizmo certificates', headingPath: ['Gizmo certificates'], anchor: '', url: '', sources: [],
      text: 'A gizmo behind a private certificate authority fails with an unknown authority error. To proceed, give the gizmo a certificate bundle.',
    },
    { id: 'p#fix', section: 'p', sectionTitle: 'Gizmo certificates', headingPath: tail, anchor: 'fix', url: '', sources: [], text: 'The install command takes the --bundle-path flag, which names a file of trusted roots. The gizmo then trusts them.' },
  ];
  const others = Array.from({ length: 4 }, (_, i): Chunk => ({ id: `z#${i}`, section: 'z', sectionTitle: 'Other', headingPath: ['Other', `Z${i}`], anchor: `${i}`, url: '', sources: [], text: `Lever ${i} of the gizmo is painted green.` }));
  const q = 'gizmo fails with unknown authority error, private certificate authority';

  it('reads on into its first sub-heading, where the fix is', () => {
    const corpus = buildIndex([...page(['Gizmo certificates', 'Trusting the bundle']), ...others]);
    const hits = searchChunks(corpus, q).filter((h) => h.chunk.id !== 'p#fix');
    const { answer, usedChunks } = composeExtractive(corpus, q, hits);
    expect(answer).toMatch(/^A gizmo behind a private certificate authority fails/);
    expect(answer).toContain('The install command takes the --bundle-path flag');
    expect(usedChunks.map((h) => h.chunk.id)).toContain('p#fix');
  });

  it('does not read on into a heading that is not its own', () => {
    const corpus = buildIndex([...page(['Other page', 'Trusting the bundle']).map((c, i) => (i === 1 ? { ...c, section: 'p' } : c)), ...others]);
    const hits = searchChunks(corpus, q).filter((h) => h.chunk.id !== 'p#fix');
    const { answer } = composeExtractive(corpus, q, hits);
    expect(answer).not.toContain('--bundle-path');
  });
});

describe('a sentence opening on a discourse marker', () => {
  it('does not start a span: "For example" and "Alternatively" lean on the sentence before', async () => {
    const { leansBack } = await import('../src/answer/sentences.js');
    for (const s of ['For example, the job can be pinned to nodes in one zone.', 'Alternatively you could configure the locations after installing.', 'In that case the restore is skipped.']) {
      expect(leansBack(s), s).toBe(true);
    }
    // The same words later in a sentence, or a sentence that states its own subject, stand alone.
    expect(leansBack('Velero runs the job, for example, once an hour.')).toBe(false);
    expect(leansBack('Example values are listed in the table.')).toBe(false);
  });

  it('leans back on an opening phrase around "this" or "these": the example or process it names was left out', async () => {
    const { leansBack } = await import('../src/answer/sentences.js');
    for (const s of ['In this example, the first hook is guaranteed to run before the second one.', 'During this process the repository is locked.', 'With this enhancement, users can pick the node.', 'In these scenarios the restore is skipped.', 'For this reason the job is retried.', 'In this case the restore is skipped.']) {
      expect(leansBack(s), s).toBe(true);
    }
    // A sentence that names its own subject, or "this" deep inside it, stands alone.
    expect(leansBack('The example in the docs installs the plugin in this namespace.')).toBe(false);
    expect(leansBack('Velero keeps the repository locked during this process.')).toBe(false);
  });

  it('leans back on "therefore" or "thus" early in the sentence, where its reason was left out', async () => {
    const { leansBack } = await import('../src/answer/sentences.js');
    expect(leansBack('A backup that was running when the pod died therefore does not resume.')).toBe(true);
    expect(leansBack('The restore thus ends PartiallyFailed.')).toBe(true);
    // Far into a long sentence it concludes from that sentence's own first half.
    expect(leansBack('The server marks every backup left running as failed at startup, and a backup that was running therefore does not resume.')).toBe(false);
  });
});

describe('numbered steps that cannot be quoted from step 1', () => {
  const long = (what: string) => `${what} ${'while the conveyor carries each crate past the scanner and on to the loading bay '.repeat(3)}`.trim();
  const passages: Chunk[] = [
    {
      id: 'p#alpha', section: 'p', sectionTitle: 'Plant', headingPath: ['Plant', 'Alpha'], anchor: 'alpha', url: '', sources: [],
      text: long('The alpha widget is painted green in the paint shop.') + ' ' + long('The alpha widget dries overnight.'),
    },
    {
      id: 'p#line', section: 'p', sectionTitle: 'Plant', headingPath: ['Plant', 'Line'], anchor: 'line', url: '', sources: [],
      text: ['A crate moves through four stations:', '', `1. ${long('The crate is weighed.')}`, `2. ${long('The crate is labelled.')}`, `3. ${long('The gamma sprocket is fitted to the crate.')}`, `4. ${long('The crate is sealed.')}`].join('\n'),
    },
  ];

  it('are left out of a later span rather than quoted as "four stations:" then step 3', async () => {
    const { answerFlaws } = await import('../src/eval/answer-quality.js');
    const corpus = buildIndex(passages);
    const q = 'what colour is the alpha widget painted and when is the gamma sprocket fitted';
    const { answer } = composeExtractive(corpus, q, searchChunks(corpus, q));
    expect(answer).toContain('The alpha widget is painted green');
    expect(answer).not.toMatch(/^3\. /m);
    expect(answerFlaws(answer).brokenSteps).toBe(false);
  });

  it('are flagged by the answer check when steps are missing', async () => {
    const { answerFlaws } = await import('../src/eval/answer-quality.js');
    expect(answerFlaws('A crate moves through four stations:\n1. Weighed.\n2. Labelled.').brokenSteps).toBe(false);
    expect(answerFlaws('A crate moves through four stations:\n3. The sprocket is fitted.').brokenSteps).toBe(true);
    expect(answerFlaws('Steps:\n1. Weighed.\n3. Fitted.').brokenSteps).toBe(true);
    // Two separate lists each start at 1.
    expect(answerFlaws('First list:\n1. a\n2. b\n\nSecond list:\n1. c').brokenSteps).toBe(false);
  });

  it('are flagged when they stop before the last step of the passage they come from', async () => {
    const { answerFlaws } = await import('../src/eval/answer-quality.js');
    const source = 'A crate moves through three stations:\n\n1. The crate is weighed on the scale.\n\n    The scale prints a ticket.\n\n2. The crate is labelled with `crate-id`.\n3. The crate is sealed with tape.';
    const cut = 'A crate moves through three stations:\n1. The crate is weighed on the scale. The scale prints a ticket.\n2. The crate is labelled with [`crate-id`](https://example.test/blob/c/crate.go#L3).';
    expect(answerFlaws(cut).brokenSteps).toBe(false);
    // The link the answer adds to an identifier does not hide the step from its passage.
    expect(answerFlaws(cut, [source]).brokenSteps).toBe(true);
    expect(answerFlaws(`${cut}\n3. The crate is sealed with tape.`, [source]).brokenSteps).toBe(false);
    // After its paragraph, step 1 is followed by step 2: stopping at step 1 is flagged too.
    expect(answerFlaws('Stations:\n1. The crate is weighed on the scale. The scale prints a ticket.', [source]).brokenSteps).toBe(true);
    // Steps the passages do not hold are not judged.
    expect(answerFlaws('1. The parcel is weighed on the scale.', [source]).brokenSteps).toBe(false);
    // A step another page shares, where that page goes on, does not make a whole list broken.
    const other = '1. The pallet is counted by the dock crew.\n2. The pallet is wrapped in film.\n3. The crate is sealed with tape.\n4. The pallet is shipped.';
    expect(answerFlaws(`${cut}\n3. The crate is sealed with tape.`, [other, source]).brokenSteps).toBe(false);
  });
});

describe('a later span that restates the answer', () => {
  const passages: Chunk[] = [
    {
      id: 'a#count', section: 'a', sectionTitle: 'Plant', headingPath: ['Plant', 'Sprockets'], anchor: 'count', url: '', sources: [],
      text: 'The plant holds 13 brass sprockets: eleven green sprockets and two red sprockets. Every sprocket is counted each morning.',
    },
    {
      id: 'b#summary', section: 'b', sectionTitle: 'Summary', headingPath: ['Summary', 'Sprockets'], anchor: 'summary', url: '', sources: [],
      text: 'The plant holds 13 brass sprockets, eleven green and two red, in the shed.',
    },
  ];

  it('is not quoted: the same fact twice reads as padding', async () => {
    const { answerFlaws } = await import('../src/eval/answer-quality.js');
    const corpus = buildIndex(passages);
    const q = 'how many brass sprockets does the plant hold and when is every sprocket counted, any in the shed';
    const { answer } = composeExtractive(corpus, q, searchChunks(corpus, q));
    expect(answer).toContain('The plant holds 13 brass sprockets: eleven green');
    expect(answer).not.toContain('in the shed');
    expect(answerFlaws(answer).repeat).toBe(false);
  });

  it('is flagged by the answer check when it is there', async () => {
    const { answerFlaws } = await import('../src/eval/answer-quality.js');
    expect(answerFlaws(`${passages[0]!.text}\n\n${passages[1]!.text}`).repeat).toBe(true);
    expect(answerFlaws(`${passages[0]!.text}\n\nThe shed is painted blue and locked at night by the guard.`).repeat).toBe(false);
  });

  it('is not quoted when one of its sentences restates a quoted sentence among new words', async () => {
    const { answerFlaws } = await import('../src/eval/answer-quality.js');
    const lead: Chunk = { id: 'c#crates', section: 'c', sectionTitle: 'Crates', headingPath: ['Crates', 'Sealing'], anchor: 'crates', url: '', sources: [], text: 'Every crate is sealed with blue tape by the night shift before loading. The tape roll sits by the dock door.' };
    const other: Chunk = { id: 'd#dock', section: 'd', sectionTitle: 'Dock', headingPath: ['Dock', 'Loading'], anchor: 'dock', url: '', sources: [], text: 'The night shift seals every crate with blue tape before loading. Forklifts carry pallets from the ramp to the trucks while the gate guard logs plates.' };
    const corpus = buildIndex([lead, other]);
    const q = 'who seals the crates with tape before loading, and do forklifts carry pallets to the trucks';
    const hits = [{ chunk: lead, score: 10 }, { chunk: other, score: 8 }];
    const { answer } = composeExtractive(corpus, q, hits);
    expect(answer).toContain('Every crate is sealed with blue tape by the night shift');
    expect(answer).not.toContain('The night shift seals every crate');
    // The answer check reads the same fact in other words the same way.
    expect(answerFlaws(`${lead.text}\n\n${other.text}`).repeat).toBe(true);
  });

  it('is judged one sentence against another by one rule', async () => {
    const { restatesSentence } = await import('../src/answer/sentences.js');
    const set = (s: string) => new Set(s.split(' '));
    expect(restatesSentence(new Set(), set('a b c'))).toBe(false);
    // Five words are too few to call a restatement, markers are not words.
    expect(restatesSentence(set('a b c d e ~x'), set('a b c d e'))).toBe(false);
    expect(restatesSentence(set('a b c d e f g h i j'), set('a b c d e f g x y z'))).toBe(true);
    expect(restatesSentence(set('a b c d e f g h i j'), set('a b c d e f x y z w'))).toBe(false);
  });

  it('is not read into two paragraphs that share only their definition links', async () => {
    const { answerFlaws } = await import('../src/eval/answer-quality.js');
    const link = (name: string, line: number) => `[\`${name}\`](https://github.com/velero-io/velero/blob/d2241adba0610dbc1fd57f8df32fdd4a39c36552/pkg/plant/shed.go#L${line})`;
    const answer = `The shed keeps sprockets in ${link('Rack', 10)} by colour.\n\nThe version is written by ${link('Stamp', 40)} on every crate.`;
    expect(answerFlaws(answer).repeat).toBe(false);
  });
});

describe('a sentence about code the extract leaves out', () => {
  const passage = (text: string): Chunk => ({ id: 'c#cfg', section: 'c', sectionTitle: 'Config', headingPath: ['Config', 'Node pinning'], anchor: 'cfg', url: '', sources: [], text });
  const fence = ['```yaml', 'loadAffinity:', '  - nodeSelector: {}', '```'];
  const q = 'how do i pin the mover pods to nodes with a configmap';

  it('is not quoted when it points above at left-out code or leans on the code right before it', () => {
    const text = [
      'The mover pods are pinned to nodes through a ConfigMap that lists node selectors for the mover.',
      '',
      ...fence,
      '',
      'In this example, the mover pods run only on nodes with the mover label in the ConfigMap.',
      'Save the above sample to a file and create the ConfigMap for the mover pods from it.',
    ].join('\n');
    const unrelated = ['Widgets come in red and blue.', 'The gearbox is greased every spring.'].map((t, i): Chunk => ({ ...passage(t), id: `c#other-${i}`, anchor: `other-${i}` }));
    const corpus = buildIndex([passage(text), ...unrelated]);
    const { answer } = composeExtractive(corpus, q, searchChunks(corpus, q));
    expect(answer).toContain('The mover pods are pinned to nodes through a ConfigMap');
    expect(answer).not.toContain('In this example');
    expect(answer).not.toContain('above sample');
  });

  it('is quoted as before where no code was left out', async () => {
    const { splitUnits } = await import('../src/retrieval/units.js');
    const { pointsAtLeftOutCode } = await import('../src/answer/sentences.js');
    const units = (md: string) => splitUnits(md).map((u) => ({ ...u, terms: new Set<string>() }));
    const plain = units('The mover pods are pinned through a ConfigMap.\n\nThe values above apply to every mover pod.');
    expect(plain.some(pointsAtLeftOutCode)).toBe(false);
    const withCode = units(['The mover pods are pinned through a ConfigMap.', '', ...fence, '', 'The values above apply to every mover pod.', 'Each node runs one mover pod.'].join('\n'));
    expect(withCode.map(pointsAtLeftOutCode)).toEqual([false, true, false]);
  });

  it('reads malformed and empty markdown without marking anything: an unclosed fence hides the rest, no fence marks nothing', async () => {
    const { splitUnits } = await import('../src/retrieval/units.js');
    expect(splitUnits('')).toEqual([]);
    // An unclosed fence: its text is code to the end, so nothing after it is quoted or marked.
    const unclosed = splitUnits(['The mover pods are pinned.', '', '```yaml', 'loadAffinity: []', 'The values above apply.'].join('\n'));
    expect(unclosed.map((u) => u.text)).toEqual(['The mover pods are pinned.']);
    expect(unclosed.some((u) => u.codeBefore)).toBe(false);
    // A fence closed on the last line marks nothing either: no unit follows it.
    expect(splitUnits(['Pinned.', '```', 'x: 1', '```'].join('\n')).some((u) => u.codeBefore)).toBe(false);
    // A huge line after code is read in linear time.
    const huge = splitUnits(['```', 'x', '```', `${'above '.repeat(40_000)}end.`].join('\n'));
    expect(huge[0]!.afterCode).toBe(true);
  });
});
