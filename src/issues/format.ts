import { sectionInfo } from '../knowledge/sections.js';
import type { SuggestionResult } from './types.js';

/** "live from GitHub" or "from the snapshot of 2026-05-20 (188 days old)". */
export function describeSource(r: SuggestionResult, now = new Date()): string {
  if (r.source === 'live') return 'live from GitHub';
  const days = Math.max(0, Math.floor((now.getTime() - Date.parse(r.fetchedAt)) / 86_400_000));
  return `from the offline snapshot of ${r.fetchedAt.slice(0, 10)} (${days} days old)`;
}

/** Markdown for chat and terminals alike. */
export function formatSuggestions(r: SuggestionResult, now = new Date()): string {
  const lines = [`Open Velero issues, ${describeSource(r, now)}:`];
  if (r.note) lines.push('', r.note);
  r.suggestions.forEach((s, i) => {
    const read = s.readFirst.map((id) => sectionInfo(id)?.title ?? id).join(', ');
    lines.push(
      '',
      `${i + 1}. #${s.number} ${s.title}`,
      `   ${s.url}`,
      `   labels: ${s.labels.length ? s.labels.join(', ') : 'none'}${s.area ? ` · area: ${s.area}` : ''}`,
      ...s.reasons.map((why) => `   - ${why}`),
      `   Read first: ${read}`,
      ...(s.reviewers.length ? [`   Reviewers: ${s.reviewers.join(', ')}`] : []),
      `   Next step: ${s.nextStep}`,
    );
  });
  return lines.join('\n');
}
