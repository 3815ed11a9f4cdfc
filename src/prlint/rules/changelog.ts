import type { Conventions, Finding, PullRequestDraft, Rule } from '../types.js';

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/;

/** Labels the auto-labeler would put on these files (each file must match). */
function autoLabelFor(files: string[], c: Conventions): string | undefined {
  for (const rule of c.autoLabels) {
    const all = files.every((f) => rule.include.some((p) => f.startsWith(p)) && !rule.exclude.some((p) => f.startsWith(p)));
    if (files.length && all) return rule.label;
  }
  return undefined;
}

export const changelogFile: Rule = {
  id: 'changelog',
  needs: ['number', 'files'],
  check(pr: PullRequestDraft, c: Conventions): Finding[] {
    const n = pr.number!;
    const user = pr.author ?? '<your GitHub login>';
    const expected = `${c.changelogDir}/${n}-${user}`;
    const title = pr.title.replace(/"/g, "'").trim() || 'Describe your change';
    const make = `make new-changelog CHANGELOG_BODY="${title}"`;
    const labels = pr.labels ?? [];
    const has = (l: string) => labels.some((x) => x.toLowerCase() === l.toLowerCase());

    const exempt = c.changelogExemptLabels.find(has);
    if (exempt) {
      return [{ rule: this.id, severity: 'info', message: `No changelog needed: the label "${exempt}" skips CI's changelog check.`, fix: null }];
    }
    const paths = pr.files!.filter((f) => f.status !== 'removed').map((f) => f.path);
    const added = pr.files!.filter((f) => f.path.startsWith(`${c.changelogDir}/`) && f.status !== 'removed' && !f.path.endsWith('/.keep'));
    const findings: Finding[] = [];

    if (has(c.changelogDocsLabel) && !added.length) {
      findings.push({
        rule: this.id,
        severity: 'warning',
        message: `The label "${c.changelogDocsLabel}" (the name the docs give) does not skip the check: CI's workflow reads "kind/changelog-not-required".`,
        fix: 'Comment "/kind changelog-not-required" on the PR so Prow adds the label CI reads.',
      });
    }
    if (!added.length) {
      const auto = autoLabelFor(paths, c);
      if (auto && c.changelogExemptLabels.includes(auto)) {
        return [
          {
            rule: this.id,
            severity: 'info',
            message: `No changelog needed: only ${auto === 'Documentation' ? 'docs' : 'website'} files change, so the PR gets the "${auto}" label, which CI exempts.`,
            fix: null,
          },
        ];
      }
      const note = auto ? ` It only touches ${auto === 'Area/Design' ? 'design/' : 'those'} files, but the "${auto}" label it gets is not one CI exempts.` : '';
      findings.push({
        rule: this.id,
        severity: 'error',
        message: `No changelog file: CI requires ${c.changelogDir}/${n}-*.${note}`,
        fix: `Add ${expected} with a one-line description (${make}), or comment "/kind changelog-not-required" if the change needs no entry.`,
      });
      return findings;
    }

    for (const f of added) {
      const name = f.path.slice(c.changelogDir.length + 1);
      if (INVISIBLE.test(name)) {
        findings.push({
          rule: this.id,
          severity: 'error',
          message: `The changelog file name "${name}" contains an invisible character (${[...name].filter((ch) => INVISIBLE.test(ch)).map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}).`,
          fix: `git mv "${f.path}" ${expected}`,
        });
        continue;
      }
      const m = name.match(/^(\d+)-(.+)$/);
      if (!m || Number(m[1]) !== n) {
        findings.push({
          rule: this.id,
          severity: 'error',
          message: `The changelog file "${name}" does not start with this PR's number (${n}); CI looks for ${c.changelogDir}/${n}-*.`,
          fix: `git mv ${f.path} ${expected}`,
        });
        continue;
      }
      if (pr.author && m[2] !== pr.author) {
        findings.push({
          rule: this.id,
          severity: 'warning',
          message: `The changelog file is named for "${m[2]}" but the PR author is "${pr.author}" (CI only checks the number; the convention is <PR>-<author>).`,
          fix: `git mv ${f.path} ${expected}`,
        });
      }
      if (f.content !== undefined) {
        const lines = f.content.split('\n').filter((l) => l.trim());
        if (!lines.length) {
          findings.push({ rule: this.id, severity: 'error', message: 'The changelog file is empty.', fix: `echo "${title}" > ${f.path}` });
        } else if (lines.length > 1) {
          findings.push({
            rule: this.id,
            severity: 'warning',
            message: `The changelog file has ${lines.length} lines; release notes expect one.`,
            fix: `Keep one line that says what changed for users, e.g. "${title}".`,
          });
        }
      }
    }
    return findings;
  },
};
