// The lint report as GitHub shows it: one Markdown text for the sticky PR comment and the
// step summary, and workflow-command annotations for the log. Pure functions; the text
// comes from users (titles, file names), so it is escaped for each place it lands.

import type { Finding, LintResult } from './types.js';

/** Hidden marker that identifies Onramp's one sticky comment on a PR. */
export const STICKY_MARKER = '<!-- onramp:lint-pr -->';

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

/**
 * Markdown-safe text: HTML is escaped (GitHub would drop `<describe the change>` as a tag)
 * and `@` gets a zero-width joiner so a quoted title never pings anyone.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@/g, '@\u2060').replace(/\r?\n/g, ' ');
}

/** A fenced block that the text cannot close early. */
function fence(text: string): string {
  const ticks = text.includes('```') ? '~~~' : '```';
  return `${ticks}text\n${text.replace(/\r?\n/g, ' ')}\n${ticks}`;
}

/** Whether the PR needs nothing from its author (infos are notes, not problems). */
export const isClean = (r: LintResult) => !r.findings.some((f) => f.severity !== 'info');

export function markdownReport(r: LintResult, pr: { number?: number } = {}): string {
  const lines = [STICKY_MARKER];
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const what = pr.number ? `PR #${pr.number}` : 'This PR';
  if (isClean(r)) lines.push(`### ✅ Onramp PR check: all clear`, '', `${what} follows Velero's PR conventions as far as Onramp checks them.`);
  else lines.push(`### Onramp PR check: ${errors} error(s), ${warnings} warning(s)`);
  if (r.suggestedTitle) lines.push('', '**Suggested title** (fixes every title finding below; replace any `<...>` part):', '', fence(r.suggestedTitle));
  const shown = r.findings.filter((f) => !isClean(r) || f.severity === 'info');
  if (shown.length) {
    lines.push('', '| | rule | finding | fix |', '|---|---|---|---|');
    for (const f of shown) lines.push(`| ${ICON[f.severity]} | \`${f.rule}\` | ${cell(f.message)} | ${f.fix ? cell(f.fix) : ''} |`);
  }
  if (r.skipped.length) {
    lines.push('', '<details><summary>Not checked</summary>', '');
    for (const s of r.skipped) lines.push(`- \`${s.rule}\`: ${escapeMarkdown(s.reason)}`);
    lines.push('', '</details>');
  }
  lines.push('', '<sub>Updated on every push and edit; this one comment is edited in place. Run `onramp lint-pr` locally for the same check.</sub>');
  return `${lines.join('\n')}\n`;
}

const cell = (s: string) => escapeMarkdown(s).replace(/\|/g, '\\|');

/** Workflow-command data escaping (GitHub's own rules), so text cannot start a new command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error title=...::message` lines; infos are left to the summary. */
export function annotations(r: LintResult): string[] {
  return r.findings
    .filter((f): f is Finding & { severity: 'error' | 'warning' } => f.severity !== 'info')
    .map((f) => `::${f.severity} title=${escapeProperty(`onramp ${f.rule}`)}::${escapeData(f.fix ? `${f.message} Fix: ${f.fix}` : f.message)}`);
}
