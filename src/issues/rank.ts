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

/**
 * Issue-ranking weights, in one place. A suggestion's score is the sum of what the scoring
 * rules below award; labels and area weigh most, freshness and discussion size adjust.
 */
export const RANKING = {
  goodFirstIssue: 1,
  helpWanted: 0.6,
  /** Extra when an issue carries both labels. */
  bothLabels: 0.2,
  /** Freshness: up to this much, falling to 0 over `freshDays`. */
  freshness: 0.5,
  freshDays: 365,
  /** "Active recently" is said of issues updated within this many days. */
  activeDays: 90,
  noComments: 0.1,
  someComments: 0.3,
  /** More comments than this is a long thread. */
  crowdedComments: 10,
  crowded: -0.2,
  smallTask: 0.3,
  /** Per matched interest, up to `interestMax`. */
  interest: 0.4,
  interestMax: 1,
  recentlySuggested: -0.8,
} as const;

interface ScoringInput {
  issue: IssueRecord;
  cls: ReturnType<typeof classifyIssue>;
  fallback: boolean;
  interestTerms: Array<{ text: string; terms: string[] }>;
  o: RankOptions;
}

/** One scoring rule: points and the reason a newcomer reads, or nothing when it does not apply. */
type ScoringRule = (x: ScoringInput) => { points: number; reason: string } | undefined;

const SMALL_TASK = /\b(add (more )?(unit )?tests?|unit tests?|logs?|docs?|documentation|typo|message)\b/i;

const SCORING: ScoringRule[] = [
  function labels({ issue, fallback, o }) {
    if (fallback) {
      const where = o.area ? `the ${o.area.name} area has` : 'there are';
      return { points: 0, reason: `Not labelled "Good first issue" or "Help wanted": offered because ${where} no open labelled ones right now; check with a maintainer before starting.` };
    }
    const gfi = hasLabel(issue, GOOD_FIRST);
    const both = gfi && hasLabel(issue, HELP_WANTED);
    return {
      points: (gfi ? RANKING.goodFirstIssue : RANKING.helpWanted) + (both ? RANKING.bothLabels : 0),
      reason: gfi ? 'Labelled "Good first issue" by the maintainers.' : 'Labelled "Help wanted": maintainers welcome an outside contribution.',
    };
  },
  function area({ cls }) {
    if (!cls) return undefined;
    return { points: cls.area.weight, reason: `Area ${cls.area.name}${cls.by === 'text' ? ' (from its text)' : ''}: ${cls.area.why}` };
  },
  function freshness({ issue, o }) {
    if (!issue.updatedAt) return undefined;
    const days = Math.max(0, (o.now.getTime() - Date.parse(issue.updatedAt)) / DAY);
    const points = RANKING.freshness * Math.max(0, 1 - days / RANKING.freshDays);
    return { points, reason: days <= RANKING.activeDays ? `Active recently (updated ${Math.round(days)} days ago).` : '' };
  },
  function discussion({ issue }) {
    const n = issue.comments;
    if (n === null) return undefined;
    if (n === 0) return { points: RANKING.noComments, reason: 'No discussion yet: you would be the first to pick it up.' };
    if (n <= RANKING.crowdedComments) return { points: RANKING.someComments, reason: `Some discussion (${n} comments) to learn from, not a crowded thread.` };
    return { points: RANKING.crowded, reason: `Long thread (${n} comments): read it all before starting.` };
  },
  function smallTask({ issue, fallback }) {
    if (!fallback || !SMALL_TASK.test(`${issue.title} ${issue.body}`)) return undefined;
    return { points: RANKING.smallTask, reason: 'Looks small and self-contained (tests, logs or docs).' };
  },
  function interest({ issue, cls, interestTerms }) {
    if (!interestTerms.length) return undefined;
    const haystack = new Set(tokenize(`${issue.title} ${issue.labels.join(' ')} ${cls?.area.name ?? ''} ${issue.body}`));
    const matched = interestTerms.filter((t) => t.terms.some((x) => haystack.has(x))).map((t) => t.text);
    if (!matched.length) return undefined;
    return { points: Math.min(RANKING.interestMax, RANKING.interest * matched.length), reason: `Matches your interest: ${matched.join(', ')}.` };
  },
  function spread({ issue, o }) {
    if (!o.recentlySuggested.has(issue.number)) return undefined;
    return { points: RANKING.recentlySuggested, reason: 'Suggested to someone else recently, so ranked lower to keep two newcomers off the same issue.' };
  },
];

function score(issue: IssueRecord, cls: ReturnType<typeof classifyIssue>, fallback: boolean, interestTerms: ScoringInput['interestTerms'], o: RankOptions): Suggestion {
  let s = 0;
  const reasons: string[] = [];
  for (const rule of SCORING) {
    const r = rule({ issue, cls, fallback, interestTerms, o });
    if (!r) continue;
    s += r.points;
    if (r.reason) reasons.push(r.reason);
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
