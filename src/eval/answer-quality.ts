// Reads an extractive answer the way a newcomer would and flags what makes it hard to use:
// a paragraph that opens on a sentence leaning on something left out, a fragment or bare
// label, a pointer to elsewhere on the page, the same sentence twice, numbered steps with
// some left out ("five steps:" then step 3, or steps 1-3 of a passage's five).

import { isCrossReference, leansBack, restatesSentence } from '../answer/sentences.js';
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
  /** A run of numbered steps that does not start at 1, skips a number or stops before the passage's last step. */
  brokenSteps: boolean;
}

/**
 * `sources`: the texts an answer may quote (the knowledge's passages). With them, steps that
 * stop at step 3 where the passage goes on to step 4 count as broken too.
 */
export function answerFlaws(answer: string, sources: readonly string[] = []): AnswerFlaws {
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
    brokenSteps: hasBrokenSteps(answer) || stopsInsideSteps(answer, sources),
  };
}

function restatesEarlier(paragraphs: string[]): boolean {
  const said = new Set<string>();
  const sentences: Array<Set<string>> = [];
  return paragraphs.some((p, i) => {
    // A definition link's target (`…/blob/<commit>/pkg/…#L12`) is not something the answer says.
    const own = splitUnits(p.replace(LINK_TARGET, ']')).map((u) => termsOf(u.text));
    const terms = new Set(own.flatMap((t) => [...t]));
    const restated =
      i > 0 &&
      ((terms.size >= 4 && [...terms].filter((t) => said.has(t)).length / terms.size >= RESTATED_SHARE) ||
        // One sentence that is mostly one sentence of an earlier paragraph: the same fact in other words.
        own.some((t) => t.size >= 6 && sentences.some((e) => restatesSentence(t, e))));
    terms.forEach((t) => said.add(t));
    // Only sentences long enough to be restated are compared, and at most the first few
    // hundred of them, so a huge model answer is judged in bounded time.
    for (const t of own) if (t.size >= 6 && sentences.length < MAX_COMPARED_SENTENCES) sentences.push(t);
    return restated;
  });
}

const termsOf = (text: string) => new Set(tokenize(text).filter((t) => !t.startsWith('~')));

const LINK_TARGET = /\]\([^()\s]{1,2000}\)/g;

/** A paragraph whose words are this share already said restates the answer (so does one restating an earlier sentence). */
const RESTATED_SHARE = 0.7;
const MAX_COMPARED_SENTENCES = 200;

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

/** The last step of a numbered run in the answer is not the last of the passage it comes from. */
function stopsInsideSteps(answer: string, sources: readonly string[]): boolean {
  if (!sources.length || !/^\d{1,3}\. /m.test(answer)) return false;
  const plain = sources.map(plainText);
  let run: Array<{ n: number; opening: string }> = [];
  for (const line of [...answer.split('\n'), '']) {
    const step = /^(\d{1,3})\. (.+)$/.exec(line);
    if (step) {
      // An item's first sentence finds it (its later paragraphs are joined to it in the answer);
      // links the answer adds to identifiers are read as their text.
      run.push({ n: Number(step[1]), opening: plainText(step[2]!).split(/(?<=[.!?:])\s/, 1)[0]!.slice(0, 80) });
      continue;
    }
    const last = run[run.length - 1];
    // The run's steps, in order in one passage, tell which passage it is (docs pages repeat steps).
    if (last && last.opening.length >= 20 && plain.some((s) => nextStepFollows(s, run, last.n))) return true;
    run = [];
  }
  return false;
}

function nextStepFollows(source: string, run: Array<{ opening: string }>, n: number): boolean {
  let at = -1;
  for (const { opening } of run) {
    at = source.indexOf(opening, at + 1);
    if (at < 0) return false;
  }
  // The last item's own line, then blank or indented lines (its paragraphs), then the next line.
  const next = source.slice(at).split('\n').slice(1).find((l) => l.trim() && !/^\s/.test(l));
  return next !== undefined && next.startsWith(`${n + 1}. `);
}

const MARKDOWN_LINK = /\[([^\][\n]{0,500})\]\([^()\s]{0,2000}\)/g;
const plainText = (s: string) => s.replace(MARKDOWN_LINK, '$1');
