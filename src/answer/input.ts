// Checks user text before any work: one clear message per problem, never a stack trace.

import { InputError } from '../errors.js';


export const MAX_QUESTION_CHARS = 2000;

/** Returns the question trimmed, or throws an InputError saying what to do. */
export function checkQuestion(raw: string): string {
  const q = raw.replace(/\s+/g, ' ').trim();
  if (!q) throw new InputError('the question is empty: ask something about contributing to Velero');
  if (q.length > MAX_QUESTION_CHARS) {
    throw new InputError(`the question is too long (${q.length} characters); keep it under ${MAX_QUESTION_CHARS}`);
  }
  if (looksBinary(q)) throw new InputError('the question is not readable text; ask it in plain words');
  return q;
}

// NUL and other control characters, U+FFFD from undecodable bytes, or text with almost
// no letters: none of these is a question a person typed.
function looksBinary(text: string): boolean {
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) return true;
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 0 && bad / text.length > 0.05) return true;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  return text.length >= 8 && letters / text.length < 0.3;
}
