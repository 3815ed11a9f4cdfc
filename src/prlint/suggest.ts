// One suggested title that resolves every title and cherry-pick finding at once: the
// marker Velero documents for the base branch, no WIP marker, issue refs moved to the
// description, and a placeholder where only the author knows what the change is. Rules
// quote it in their fixes, so no two fixes contradict each other.

import { analyzeTitle, meaningfulWords, PLACEHOLDER, type TitleAnalysis } from './title-content.js';
import type { Conventions, Finding, PullRequestDraft } from './types.js';

/** Findings the suggested title answers. */
export const isTitleFinding = (f: Pick<Finding, 'rule'>) => f.rule.startsWith('title-') || f.rule === 'cherry-pick-title';

/** The cherry-pick marker the title should carry: documented form on a release branch. */
function markerFor(pr: PullRequestDraft, c: Conventions, a: TitleAnalysis): string {
  if (pr.base === undefined) return a.parts.cherryPick; // base unknown: keep what the author wrote
  const release = pr.base.match(new RegExp(c.releaseBranchPattern));
  if (release) return c.documentedCherryPickForm.replace('{version}', release[1]!);
  // Not a release branch: a marker naming a version is wrong here; a bare one is tolerated.
  return a.parts.versions.length ? '' : a.parts.cherryPick;
}

/** A summary that fits `max` characters: the first clause if it still names the change, else a cut at a word. */
function shorten(summary: string, max: number): string {
  if (summary.length <= max) return summary;
  for (const sep of [': ', ' - ', ' (', '; ', ', ', ' because ', ' when ', ' to ']) {
    const i = summary.indexOf(sep);
    // Only a clause long enough to stand alone; a short prefix ("docs(x.md)") is no summary.
    if (i >= max / 3 && i <= max && meaningfulWords(summary.slice(0, i)).length >= 2) return summary.slice(0, i).trim();
  }
  const cut = summary.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  const head = (space > 0 ? cut.slice(0, space) : summary.slice(0, max)).trim();
  return meaningfulWords(head).length >= 2 ? head : PLACEHOLDER;
}

/** The summary part of the suggested title (no marker): what a changelog line can start from. */
export function suggestedSummary(pr: PullRequestDraft, c: Conventions, a: TitleAnalysis = analyzeTitle(pr.title)): string {
  if (a.kind !== 'ok') return PLACEHOLDER;
  return a.parts.summary;
}

/** The suggested title, computed whether or not a finding needs it. */
export function suggestTitle(pr: PullRequestDraft, c: Conventions): string {
  const a = analyzeTitle(pr.title);
  const marker = markerFor(pr, c, a);
  const room = c.titleMaxLength - (marker ? marker.length + 1 : 0);
  const summary = shorten(suggestedSummary(pr, c, a), room);
  return marker ? `${marker} ${summary}` : summary;
}

/** `Fixes #N` lines for the refs a flagged title carried, or ''. */
export function fixesLine(a: TitleAnalysis): string {
  return a.refs.map((n) => `Fixes #${n}`).join(', ');
}
