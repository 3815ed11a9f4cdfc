import { checkedAgainst, type Citation, type SourceLink } from './types.js';

/** Plain-text answer with its guide citations and upstream links, for terminals. */
export function formatWithSources(body: string, citations: Citation[], sources: SourceLink[], verifiedAt?: { commit: string; date: string }): string[] {
  const lines = [body];
  if (citations.length) {
    lines.push('', 'Read more:');
    citations.forEach((c, i) => lines.push(`  [${i + 1}] ${c.title}${c.anchor ? ` › #${c.anchor}` : ''}  ${c.url}`));
  }
  if (sources.length) {
    lines.push('Upstream:');
    for (const s of sources) lines.push(`  ${s.path}${s.line ? `:${s.line}` : ''}  ${s.url}`);
  }
  if (verifiedAt && citations.length) lines.push(`(${checkedAgainst(verifiedAt)})`);
  return lines;
}
