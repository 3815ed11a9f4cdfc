// One suggested title that resolves every title and cherry-pick finding at once: the
// marker Velero documents for the base branch, no WIP marker, issue refs moved to the
// description, and a placeholder where only the author knows what the change is. Rules
// quote it in their fixes, so no two fixes contradict each other.

import { analyzeTitle, meaningfulWords, PLACEHOLDER, type TitleAnalysis } from './title-content.js';
import { sectionText, stripComments } from './pr-text.js';
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

/**
 * A summary that fits `max` characters: itself, or its first clause when that still names
 * the change; never a cut in the middle of a clause (undefined then).
 */
function shorten(summary: string, max: number): string | undefined {
  if (summary.length <= max) return summary;
  for (const sep of [': ', ' - ', ' (', '; ', ', ', ' because ', ' when ', ' so that ', ' to ', ' by ', ' for ']) {
    const i = summary.indexOf(sep);
    // Only a clause long enough to stand alone; a short prefix ("docs(x.md)") is no summary.
    if (i >= max / 3 && i <= max && meaningfulWords(summary.slice(0, i)).length >= 2) return summary.slice(0, i).trim();
  }
  return undefined;
}

// "This PR adds X" -> "Add X": a description's first sentence read as a title.
const ABOUT_ITSELF = /^(?:this|the)\s+(?:pr|pull request|change|patch|commit|fix)\s+(?:will\s+)?([a-z]+)\b\s*/i;

function asTitle(sentence: string): string {
  let t = sentence.replace(/\s+/g, ' ').trim().replace(/[.:;,]+$/, '');
  const m = t.match(ABOUT_ITSELF);
  if (m) {
    const verb = m[1]!.toLowerCase().replace(/(?<=(?:x|sh|ch|ss|z))es$|s$/, '');
    t = `${verb[0]!.toUpperCase()}${verb.slice(1)} ${t.slice(m[0].length)}`;
  }
  return t ? `${t[0]!.toUpperCase()}${t.slice(1)}` : t;
}

/** The first sentence of a text (a line, up to its first full stop). */
const firstSentence = (text: string) => (text.split('\n').map((l) => l.replace(/^[-*>#\s]+/, '').trim()).find((l) => l) ?? '').split(/(?<=[.!?])\s/)[0] ?? '';

/**
 * What the PR itself says the change is, best source first: the changelog line (written for
 * users), the description's summary, then commit subjects. Each must read as a good title.
 */
function fromThePr(pr: PullRequestDraft, c: Conventions, max: number): string | undefined {
  const changelog = pr.files?.find((f) => f.path.startsWith(`${c.changelogDir}/`) && f.content?.trim())?.content;
  const body = pr.body ? stripComments(pr.body) : undefined;
  const summary = body && (sectionText(body, c.prTemplate.summaryHeading) ?? body);
  const subjects = (pr.commits ?? []).map((k) => k.message.split('\n')[0] ?? '').filter((m) => !/^Merge /.test(m));
  for (const raw of [changelog, summary, ...subjects]) {
    if (!raw) continue;
    const candidate = shorten(asTitle(firstSentence(raw)), max);
    if (candidate && analyzeTitle(candidate, c.vocabulary).kind === 'ok' && !analyzeTitle(candidate, c.vocabulary).parts.wip) return candidate;
  }
  return undefined;
}

/** The summary part of the suggested title (no marker): what a changelog line can start from. */
export function suggestedSummary(pr: PullRequestDraft, c: Conventions, a: TitleAnalysis = analyzeTitle(pr.title, c.vocabulary), max = c.titleMaxLength): string {
  if (a.kind === 'ok') {
    const own = shorten(a.parts.summary, max);
    if (own) return own;
  }
  return fromThePr(pr, c, max) ?? PLACEHOLDER;
}

/** The suggested title, computed whether or not a finding needs it. */
export function suggestTitle(pr: PullRequestDraft, c: Conventions): string {
  const a = analyzeTitle(pr.title, c.vocabulary);
  const marker = markerFor(pr, c, a);
  const room = c.titleMaxLength - (marker ? marker.length + 1 : 0);
  const summary = suggestedSummary(pr, c, a, room);
  return marker ? `${marker} ${summary}` : summary;
}

/** `Fixes #N` lines for the refs a flagged title carried, or ''. */
export function fixesLine(a: TitleAnalysis): string {
  return a.refs.map((n) => `Fixes #${n}`).join(', ');
}
