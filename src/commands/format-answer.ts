import type { AskResult } from '../answer/ask.js';

/** Plain-text rendering of an answer for terminals. */
export function formatAnswerText(r: AskResult): string {
  const lines = [r.answer];
  if (r.citations.length) {
    lines.push('', 'Read more:');
    r.citations.forEach((c, i) => lines.push(`  [${i + 1}] ${c.title}${c.anchor ? ` › #${c.anchor}` : ''}  ${c.url}`));
  }
  if (r.sources.length) {
    lines.push('Upstream:');
    for (const s of r.sources) lines.push(`  ${s.path}  ${s.url}`);
  }
  lines.push(`(confidence ${r.confidence.toFixed(2)}${r.outOfScope ? ', out of scope' : ''})`);
  return lines.join('\n');
}
