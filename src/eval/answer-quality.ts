// Reads an extractive answer the way a newcomer would and flags what makes it hard to use:
// a paragraph that opens on a sentence leaning on something left out, a fragment or bare
// label, a pointer to elsewhere on the page, the same sentence twice, numbered steps with
// some left out ("five steps:" then step 3).

import { isCrossReference, leansBack } from '../answer/sentences.js';
import { splitUnits } from '../retrieval/units.js';
import { tokenize } from '../retrieval/tokenizer.js';

export interface AnswerFlaws {
  /** A paragraph starts with a sentence whose antecedent is not in the answer. */
  danglingStart: boolean;
  /** A stub or label quoted on its own ("Files: `main.go`."). */
  fragment: boolean;
  crossReference: boolean;
  /** The same sentence twice, or a paragraph whose words the answer already said (the same fact twice). */
  repeat: boolean;
  /** A run of numbered steps that does not start at 1 or skips a number. */
  brokenSteps: boolean;
}

export function answerFlaws(answer: string): AnswerFlaws {
  const paragraphs = answer.split(/\n{2,}/).filter((p) => p.trim());
  const units = splitUnits(answer);
  const seen = new Set<string>();
  let repeat = false;
  for (const u of units) {
    const key = u.text.toLowerCase().replace(/\W+/g, ' ').trim();
    if (key.length > 20 && seen.has(key)) repeat = true;
    seen.add(key);
  }
  return {
    // A paragraph's first line: "…goes through these steps:" then its list is not dangling.
    danglingStart: paragraphs.some((p) => leansBack(p.trim().split('\n')[0]!.replace(/^(\d+\.|-)\s+/, ''))),
    fragment: units.some((u, i) => {
      const words = u.text.replace(/`[^`]*`/g, 'X').split(/\s+/).filter(Boolean).length;
      const danglingLabel = /:\s*$/.test(u.text) && units[i + 1]?.kind !== 'item';
      return danglingLabel || (u.kind === 'sentence' && words < 3) || /^[^\s]{1,40}: (runs?|files?):/i.test(u.text);
    }),
    crossReference: units.some((u) => isCrossReference(u.text)),
    repeat: repeat || restatesEarlier(paragraphs),
    brokenSteps: hasBrokenSteps(answer),
  };
}

function restatesEarlier(paragraphs: string[]): boolean {
  const said = new Set<string>();
  return paragraphs.some((p, i) => {
    // A definition link's target (`…/blob/<commit>/pkg/…#L12`) is not something the answer says.
    const terms = new Set(tokenize(p.replace(LINK_TARGET, ']')).filter((t) => !t.startsWith('~')));
    const restated = i > 0 && terms.size >= 4 && [...terms].filter((t) => said.has(t)).length / terms.size >= RESTATED_SHARE;
    terms.forEach((t) => said.add(t));
    return restated;
  });
}

const LINK_TARGET = /\]\([^()\s]{1,2000}\)/g;

/** A paragraph whose words are this share already said restates the answer. */
const RESTATED_SHARE = 0.7;

function hasBrokenSteps(answer: string): boolean {
  let previous: number | undefined;
  for (const line of answer.split('\n')) {
    const n = /^(\d{1,3})\. /.exec(line)?.[1];
    if (n === undefined) {
      previous = undefined;
      continue;
    }
    if (Number(n) !== (previous ?? 0) + 1) return true;
    previous = Number(n);
  }
  return false;
}
