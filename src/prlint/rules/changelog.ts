import { predictLabels } from '../labeler.js';
import { suggestedSummary } from '../suggest.js';
import type { Conventions, Finding, PullRequestDraft, Rule } from '../types.js';

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/;

const RULE = 'changelog';

/** Text safe inside the double quotes of a shell command and of make's echo: no quote, backtick, $ or backslash to expand. */
const shellSafe = (s: string) => s.replace(/"/g, "'").replace(/[`$\\]/g, '').trim();

/** What every part of the check needs to know about the PR. */
interface Context {
  pr: PullRequestDraft;
  c: Conventions;
  n: number;
  /** The file CI and the convention expect: changelogs/unreleased/<PR>-<author>. */
  expected: string;
  /** A one-line description to start from: the suggested title's summary, a placeholder when the title was flagged. */
  title: string;
  make: string;
}

export const changelogFile: Rule = {
  id: RULE,
  needs: ['number', 'files'],
  check(pr: PullRequestDraft, c: Conventions): Finding[] {
    const n = pr.number!;
    // Never the raw title: a flagged one ("fix", "Fixes #12") would become the release note.
    const title = shellSafe(suggestedSummary(pr, c));
    const ctx: Context = { pr, c, n, expected: `${c.changelogDir}/${n}-${pr.author ?? '<your GitHub login>'}`, title, make: `make new-changelog CHANGELOG_BODY="${title}"` };
    const labels = pr.labels ?? [];
    const has = (l: string) => labels.some((x) => x.toLowerCase() === l.toLowerCase());

    const exempt = c.changelogExemptLabels.find(has);
    if (exempt) return [{ rule: RULE, severity: 'info', message: `No changelog needed: the label "${exempt}" skips CI's changelog check.`, fix: null }];
    const added = pr.files!.filter((f) => f.path.startsWith(`${c.changelogDir}/`) && f.status !== 'removed' && !f.path.endsWith('/.keep'));
    if (!added.length) return missingChangelog(ctx, has(c.changelogDocsLabel));
    return added.flatMap((f) => checkFile(ctx, f));
  },
};

function missingChangelog(ctx: Context, docsLabel: boolean): Finding[] {
  const { pr, c, n } = ctx;
  const findings: Finding[] = [];
  if (docsLabel) {
    findings.push({
      rule: RULE,
      severity: 'warning',
      message: `The label "${c.changelogDocsLabel}" (the name the docs give) does not skip the check: CI's workflow reads "kind/changelog-not-required".`,
      fix: 'Comment "/kind changelog-not-required" on the PR so Prow adds the label CI reads.',
    });
  }
  // Velero's labeler adds its labels before CI's changelog check reads them: a PR it exempts
  // (only .github/, site/ or top-level Markdown files, say) passes that check without a file.
  const predicted = c.labelerRules ? predictLabels(c.labelerRules, { files: pr.files!.map((f) => f.path), base: pr.base }) : [];
  const auto = c.changelogExemptLabels.find((l) => predicted.includes(l));
  if (auto) {
    return [{ rule: RULE, severity: 'info', message: `No changelog needed: Velero's labeler (.github/labeler.yml) adds "${auto}" for these files, and CI's changelog check skips PRs with it.`, fix: null }];
  }
  const note = predicted.includes('Area/Design') ? ' It touches design/ files, but the "Area/Design" label they get is not one CI exempts.' : '';
  findings.push({
    rule: RULE,
    severity: 'error',
    message: `No changelog file: CI requires ${c.changelogDir}/${n}-*.${note}`,
    fix: `Add ${ctx.expected} with a one-line description (${ctx.make}), or comment "/kind changelog-not-required" if the change needs no entry.`,
  });
  return findings;
}

function checkFile(ctx: Context, f: NonNullable<PullRequestDraft['files']>[number]): Finding[] {
  const { pr, c, n, expected, title } = ctx;
  const name = f.path.slice(c.changelogDir.length + 1);
  if (INVISIBLE.test(name)) {
    const chars = [...name].filter((ch) => INVISIBLE.test(ch)).map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    return [{ rule: RULE, severity: 'error', message: `The changelog file name "${name}" contains an invisible character (${chars.join(', ')}).`, fix: `git mv "${f.path}" ${expected}` }];
  }
  const m = name.match(/^(\d+)-(.+)$/);
  if (!m || Number(m[1]) !== n) {
    return [{ rule: RULE, severity: 'error', message: `The changelog file "${name}" does not start with this PR's number (${n}); CI looks for ${c.changelogDir}/${n}-*.`, fix: `git mv ${f.path} ${expected}` }];
  }
  const findings: Finding[] = [];
  if (pr.author && m[2] !== pr.author) {
    findings.push({
      rule: RULE,
      severity: 'warning',
      message: `The changelog file is named for "${m[2]}" but the PR author is "${pr.author}" (CI only checks the number; the convention is <PR>-<author>).`,
      fix: `git mv ${f.path} ${expected}`,
    });
  }
  if (f.content === undefined) return findings;
  const lines = f.content.split('\n').filter((l) => l.trim());
  if (!lines.length) findings.push({ rule: RULE, severity: 'error', message: 'The changelog file is empty.', fix: `echo "${title}" > ${f.path}` });
  else if (lines.length > 1) {
    findings.push({ rule: RULE, severity: 'warning', message: `The changelog file has ${lines.length} lines; release notes expect one.`, fix: `Keep one line that says what changed for users, e.g. "${title}".` });
  }
  return findings;
}
