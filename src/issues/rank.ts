// Ranks open issues for a newcomer. Pure: the caller supplies the issues, the open-PR links,
// what was suggested recently and the clock, so every rule here is testable on its own.

import { tokenize } from '../retrieval/tokenizer.js';
import { classifyIssue, type Area } from './areas.js';
import type { IssueRecord, Suggestion } from './types.js';

export const GOOD_FIRST = 'good first issue';
export const HELP_WANTED = 'help wanted';
const DAY = 86_400_000;

export interface RankOptions {
  area?: Area;
  interest?: string;
  limit: number;
  now: Date;
  /** Issues not updated for this many days are left out (when the update time is known). */
  staleDays: number;
  /** Issue number -> when it was last suggested to someone (ms). */
  recentlySuggested: Map<number, number>;
  /** Issues an open pull request already works on. */
  linkedToOpenPr: Set<number>;
}

export interface Ranked {
  suggestions: Suggestion[];
  /** True when no labelled issue matched and approachable unlabelled ones are offered. */
  fallback: boolean;
  excluded: { assigned: number; linkedPr: number; stale: number };
}

const hasLabel = (i: IssueRecord, name: string) => i.labels.some((l) => l.toLowerCase() === name);

export function rankSuggestions(areas: Area[], issues: IssueRecord[], o: RankOptions): Ranked {
  const excluded = { assigned: 0, linkedPr: 0, stale: 0 };
  const open = issues.filter((i) => {
    if (i.assignees.length) return void excluded.assigned++, false;
    if (o.linkedToOpenPr.has(i.number)) return void excluded.linkedPr++, false;
    if (i.updatedAt && o.now.getTime() - Date.parse(i.updatedAt) > o.staleDays * DAY) return void excluded.stale++, false;
    return !hasLabel(i, 'epic');
  });
  const classified = open.map((issue) => ({ issue, cls: classifyIssue(areas, issue) }));
  const inArea = o.area ? classified.filter((c) => c.cls?.area.name === o.area!.name) : classified;
  const labelled = inArea.filter((c) => hasLabel(c.issue, GOOD_FIRST) || hasLabel(c.issue, HELP_WANTED));
  const fallback = labelled.length === 0;
  const pool = fallback ? inArea : labelled;

  const interestTerms = o.interest ? interestTermsOf(o.interest) : [];
  const scored = pool.map(({ issue, cls }) => score(issue, cls, fallback, interestTerms, o));
  scored.sort((a, b) => b.score - a.score || b.number - a.number);
  return { suggestions: scored.slice(0, o.limit), fallback, excluded };
}

function score(
  issue: IssueRecord,
  cls: ReturnType<typeof classifyIssue>,
  fallback: boolean,
  interestTerms: Array<{ text: string; terms: string[] }>,
  o: RankOptions,
): Suggestion {
  const reasons: string[] = [];
  let s = 0;

  if (fallback) {
    reasons.push(
      `Not labelled "Good first issue" or "Help wanted": offered because ${o.area ? `the ${o.area.name} area has` : 'there are'} no open labelled ones right now; check with a maintainer before starting.`,
    );
  } else {
    const gfi = hasLabel(issue, GOOD_FIRST);
    const hw = hasLabel(issue, HELP_WANTED);
    s += gfi ? 1 : 0.6;
    if (gfi && hw) s += 0.2;
    reasons.push(gfi ? 'Labelled "Good first issue" by the maintainers.' : 'Labelled "Help wanted": maintainers welcome an outside contribution.');
  }

  if (cls) {
    s += cls.area.weight;
    reasons.push(`Area ${cls.area.name}${cls.by === 'text' ? ' (from its text)' : ''}: ${cls.area.why}`);
  }

  if (issue.updatedAt) {
    const days = Math.max(0, (o.now.getTime() - Date.parse(issue.updatedAt)) / DAY);
    s += 0.5 * Math.max(0, 1 - days / 365);
    if (days <= 90) reasons.push(`Active recently (updated ${Math.round(days)} days ago).`);
  }

  if (issue.comments !== null) {
    if (issue.comments === 0) {
      s += 0.1;
      reasons.push('No discussion yet: you would be the first to pick it up.');
    } else if (issue.comments <= 10) {
      s += 0.3;
      reasons.push(`Some discussion (${issue.comments} comments) to learn from, not a crowded thread.`);
    } else {
      s -= 0.2;
      reasons.push(`Long thread (${issue.comments} comments): read it all before starting.`);
    }
  }

  if (fallback && /\b(add (more )?(unit )?tests?|unit tests?|logs?|docs?|documentation|typo|message)\b/i.test(`${issue.title} ${issue.body}`)) {
    s += 0.3;
    reasons.push('Looks small and self-contained (tests, logs or docs).');
  }

  if (interestTerms.length) {
    const haystack = new Set(tokenize(`${issue.title} ${issue.labels.join(' ')} ${cls?.area.name ?? ''} ${issue.body}`));
    const matched = interestTerms.filter((t) => t.terms.some((x) => haystack.has(x))).map((t) => t.text);
    if (matched.length) {
      s += Math.min(1, 0.4 * matched.length);
      reasons.push(`Matches your interest: ${matched.join(', ')}.`);
    }
  }

  const last = o.recentlySuggested.get(issue.number);
  if (last !== undefined) {
    s -= 0.8;
    reasons.push('Suggested to someone else recently, so ranked lower to keep two newcomers off the same issue.');
  }

  return {
    number: issue.number,
    title: issue.title,
    url: issue.url,
    labels: issue.labels,
    area: cls?.area.name ?? null,
    score: Math.round(s * 1000) / 1000,
    reasons,
    readFirst: [...new Set([...(cls?.area.readFirst ?? ['codebase-tour']), 'contributing-upstream'])],
  };
}

/** "csi, go tests" -> [{text: "csi", terms}, {text: "go tests", terms}]. */
function interestTermsOf(interest: string): Array<{ text: string; terms: string[] }> {
  return interest
    .split(/[,;]+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((text) => {
      // In "go tests", "go" matches nearly every Velero issue; the longer words carry the interest.
      const terms = tokenize(text);
      const significant = terms.filter((t) => t.length > 2);
      return { text, terms: significant.length ? significant : terms };
    })
    .filter((t) => t.terms.length);
}
