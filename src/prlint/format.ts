import type { LintResult } from './types.js';

const ICON = { error: '✗', warning: '!', info: 'i' } as const;

export function formatLint(r: LintResult): string {
  const lines: string[] = [];
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  // The one title that resolves every title finding comes first: it is the fix to copy.
  if (r.suggestedTitle) lines.push(`Suggested title: ${r.suggestedTitle}`, '');
  lines.push(r.ok ? (warnings ? `Looks mergeable by convention, with ${warnings} warning(s):` : 'No problems found.') : `${errors} problem(s) a reviewer or CI will flag:`);
  for (const f of r.findings) {
    lines.push(`${ICON[f.severity]} [${f.severity}] ${f.rule}: ${f.message}`);
    if (f.fix) lines.push(`    fix: ${f.fix}`);
  }
  if (r.skipped.length) {
    lines.push('', 'Not checked:');
    for (const s of r.skipped) lines.push(`  - ${s.rule}: ${s.reason}`);
  }
  return lines.join('\n');
}
