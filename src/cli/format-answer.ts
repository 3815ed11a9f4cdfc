import type { AskResult } from '../answer/types.js';
import { formatWithSources } from '../answer/format-text.js';

/** Plain-text rendering of an answer for terminals. */
export function formatAnswerText(r: AskResult): string {
  const lines = formatWithSources(r.answer, r.citations, r.sources, r.outOfScope ? undefined : r.verifiedAt);
  lines.push(`(confidence ${r.confidence.toFixed(2)}${r.outOfScope ? ', out of scope' : ''}, ${r.mode})`);
  return lines.join('\n');
}
