// What makes a sentence unfit to quote on its own: it leans on the sentence before it, it
// points elsewhere on the page, or it is a stub. And whether it defines a term.

import type { Unit } from '../retrieval/index.js';
import { tokenize } from '../retrieval/tokenizer.js';

// Phrases anywhere early in a sentence that point at something said before it.
const POINTS_BACK = /^.{0,60}\b(the same|these|those|such|therefore|thus|the latter|the former|the above|that (one|step|file|flag|field|value|call|case))\b/i;
// Words that open a sentence leaning on the one before it. An opening phrase around a
// demonstrative ("In this case", "For this reason", "In this example", "During this process")
// points at what came before, the YAML or the steps, which the quote leaves out.
const LEANS_BACK =
  /^(this|these|that|those|it|its|it's|they|their|them|instead|then|next|also|however|otherwise|finally|afterwards|thus|hence|so|such|both|here|second(ly)?|third(ly)?|fourth|fifth|last(ly)?|in (either|both) cases?|as a result|the (latter|former|same|other)|meanwhile|likewise|similarly|in addition|besides|moreover|furthermore|but|and|or|because of (this|that)|after that|before that|at that point|in turn|even so|for (example|instance)|e\.g\.|alternatively|additionally|therefore|consequently|accordingly|nevertheless|nonetheless|in other words|on the other hand|as such|in such a case|(in|for|with|during|by|from|after|before|under|unlike|like) (this|that|these|those) [a-z]+)\b/i;
// Pointers that mean nothing outside the page.
const CROSS_REFERENCE =
  /\b(see (the )?[\w\s-]{1,40}\b(part|section|subsection|passage) of this|(described|explained|shown|listed|mentioned|covered|noted) (above|below|earlier|later|next)|(the|see) (previous|next|following|preceding) (part|section|subsection|passage|paragraph)|as (noted|mentioned|described|shown) (above|earlier|before))\b/i;

export function leansBack(text: string): boolean {
  const t = text.replace(/^[*_`"'(\s]+/, '');
  // "…works through these steps:" points ahead, at the list it introduces.
  return LEANS_BACK.test(t) || (POINTS_BACK.test(t) && !t.trimEnd().endsWith(':'));
}

export function isCrossReference(text: string): boolean {
  return CROSS_REFERENCE.test(text);
}

/**
 * A sentence about code the extract leaves out: one leaning on what came right before it
 * when that was a code block ("In this example, the hook runs…"), or one pointing above
 * once code was left out ("save the above sample to a file", "The above commands create…").
 */
export function pointsAtLeftOutCode(u: Pick<Unit, 'text' | 'codeBefore' | 'afterCode'>): boolean {
  if (!u.codeBefore) return false;
  return (u.afterCode === true && leansBack(u.text)) || /\babove\b/i.test(u.text);
}

/** A bare label or a stub: too few words to say anything on its own. */
export function isFragment(u: Pick<Unit, 'text' | 'kind'>): boolean {
  const words = u.text.replace(/`[^`]*`/g, 'X').split(/\s+/).filter(Boolean);
  if (u.kind === 'row') return words.length < 3;
  if (/^[^.!?]{1,40}:$/.test(u.text.trim())) return true; // "Files:" with nothing after it
  return words.length < (u.kind === 'item' ? 2 : 4);
}

/** "A BackupStorageLocation (BSL) describes ..." — the subject, then a defining verb. */
export function definesTerm(text: string, queryTerms: Set<string>): boolean {
  const m = text.match(/^(.{0,90}?)\b(is|are|describes|means|stands for|represents|holds|tracks|records)\b/i);
  // The subject is short: "A BackupStorageLocation (BSL)", not half a sentence.
  if (!m || m[1]!.trim().split(/\s+/).length > 6 || /\b(whose|which|that|when|whether|if|because|so|while|after|before)\b/i.test(m[1]!)) return false;
  return tokenize(m[1]!).some((t) => queryTerms.has(t));
}

/**
 * One sentence says again what another said: at least six of its own words (not counting
 * `~` markers), seven in ten of them in the other. The guide states some facts in two
 * sections in other words; the extract and the eval's repeat check both read it this way.
 */
export function restatesSentence(terms: ReadonlySet<string>, other: ReadonlySet<string>): boolean {
  let size = 0;
  let shared = 0;
  for (const t of terms) {
    if (t.startsWith('~')) continue;
    size++;
    if (other.has(t)) shared++;
  }
  return size >= 6 && shared / size >= 0.7;
}
