import { sectionText, stripComments } from '../pr-text.js';
import type { Finding, PullRequestDraft, Rule } from '../types.js';

// Checklist lines are matched one line at a time with [ \t], never \s: with the m flag, a
// leading \s* crosses newlines and rescans every following blank line (quadratic).
const CHECKBOX = /^[ \t]*[-*][ \t]+\[([ xX])\][ \t]+(.*)$/;
const CHECKBOX_LINE = /^[ \t]*[-*][ \t]+\[[ xX]\]/;

export const descriptionSummary: Rule = {
  id: 'description-summary',
  needs: ['body'],
  check(pr, c) {
    const body = stripComments(pr.body!).trim();
    const prompt = 'Write two or three sentences: what the change does, why, and how you tested it.';
    if (!body) {
      return [{ rule: this.id, severity: 'error', message: 'The description is empty.', fix: `Fill in the PR template. ${prompt}` }];
    }
    const summary = sectionText(body, c.prTemplate.summaryHeading);
    if (summary !== undefined && !summary.replace(/^thank you for contributing to velero!?$/im, '').trim()) {
      return [
        {
          rule: this.id,
          severity: 'error',
          message: `The template's "${c.prTemplate.summaryHeading}" section is still empty.`,
          fix: prompt,
        },
      ];
    }
    return [];
  },
};

export const descriptionIssueLink: Rule = {
  id: 'description-issue-link',
  needs: ['body'],
  check(pr, c) {
    const body = stripComments(pr.body!);
    if (body.includes(c.prTemplate.issuePlaceholder)) {
      return [
        {
          rule: this.id,
          severity: 'warning',
          message: `The issue placeholder "${c.prTemplate.issuePlaceholder}" was left as is.`,
          fix: 'Replace it with "Fixes #<issue number>" so the issue closes on merge, or delete the line if no issue exists.',
        },
      ];
    }
    if (/(?:#\d+|github\.com\/[\w.-]+\/[\w.-]+\/issues\/\d+)/.test(body)) return [];
    return [
      {
        rule: this.id,
        severity: 'info',
        message: 'No issue is linked.',
        fix: 'If an issue describes the problem, add "Fixes #<issue number>"; maintainers use it to track the change.',
      },
    ];
  },
};

interface ChecklistItem {
  text: string;
  ticked: boolean;
}

function checklist(body: string): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const line of stripComments(body).split('\n')) {
    const m = line.replace(/\r$/, '').match(CHECKBOX);
    if (m) items.push({ ticked: m[1] !== ' ', text: m[2]! });
  }
  return items;
}

/** Whether the draft already shows a changelog file or an exempting label. */
function changelogHandled(pr: PullRequestDraft, exempt: string[], dir: string): boolean {
  const labels = (pr.labels ?? []).map((l) => l.toLowerCase());
  if (exempt.some((l) => labels.includes(l.toLowerCase()))) return true;
  return (pr.files ?? []).some((f) => f.path.startsWith(`${dir}/`) && f.status !== 'removed');
}

export const descriptionChecklist: Rule = {
  id: 'description-checklist',
  needs: ['body'],
  check(pr, c) {
    const items = checklist(pr.body!);
    if (!items.length) {
      return [
        {
          rule: this.id,
          severity: 'info',
          message: 'The template checklist (DCO, changelog, docs) is missing from the description.',
          fix: 'Keep the checklist from .github/pull_request_template.md and tick what you did.',
        },
      ];
    }
    const findings: Finding[] = [];
    // The template's own checklist line mentions /kind changelog-not-required; look elsewhere.
    const bodyLower = stripComments(pr.body!).split('\n').filter((l) => !CHECKBOX_LINE.test(l)).join('\n').toLowerCase();
    const find = (word: string) => items.find((i) => i.text.toLowerCase().includes(word.toLowerCase()));
    const dco = find(c.prTemplate.checklist.dco);
    if (dco && !dco.ticked) {
      findings.push({
        rule: this.id,
        severity: 'warning',
        message: 'The DCO item is not ticked.',
        fix: 'Sign off every commit (git commit -s) and tick "Accepted the DCO".',
      });
    }
    const cl = find(c.prTemplate.checklist.changelog);
    if (cl && !cl.ticked && !changelogHandled(pr, c.changelogExemptLabels, c.changelogDir) && !bodyLower.includes('changelog-not-required')) {
      findings.push({
        rule: this.id,
        severity: 'warning',
        message: 'The changelog item is not ticked.',
        fix: `Add ${c.changelogDir}/<PR number>-<GitHub login> (make new-changelog CHANGELOG_BODY="...") and tick it, or comment "/kind changelog-not-required" if the change needs no entry.`,
      });
    }
    const docs = find(c.prTemplate.checklist.docs);
    if (docs && !docs.ticked && !/\b(no docs?|docs? not needed|n\/a|not user[- ]facing|no user[- ]facing)/i.test(pr.body!)) {
      findings.push({
        rule: this.id,
        severity: 'info',
        message: 'The documentation item is not ticked.',
        fix: `Update ${c.docsPath} if users see the change, or say in the description why no docs are needed.`,
      });
    }
    return findings;
  },
};

export const descriptionRules: Rule[] = [descriptionSummary, descriptionIssueLink, descriptionChecklist];
