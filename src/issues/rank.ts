// Ranks open issues for a newcomer. Pure: the caller supplies the issues, the open-PR links,
// what was suggested recently and the clock, so every rule here is testable on its own.

import { tokenize } from '../retrieval/tokenizer.js';
import type { UpstreamSnapshot } from '../upstream/snapshot-types.js';
import { estimateOpened } from './age.js';
import { classifyIssue, type Area } from './areas.js';
import { nextStepFor, startTarget, type ClaimKind } from './next-step.js';
import { reviewersFor, type ReviewMeta } from './reviewers.js';
import type { IssueRecord, Suggestion } from './types.js';
import { DEFAULT_UNFIT, unfitLabelsOf, type UnfitLabel } from './unfit.js';

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
  /** Labels no newcomer can take (knowledge/upstream/unfit-labels.json); default: Epic only. */
  unfit?: UnfitLabel[];
  /** The metadata snapshot, for reviewers and the make target of each next step. */
  metadata?: ReviewMeta & Partial<Pick<UpstreamSnapshot, 'makeTargets'>>;
}

export interface Ranked {
  suggestions: Suggestion[];
  /** True when no labelled issue matched and approachable unlabelled ones are offered. */
  fallback: boolean;
  /** True when nothing fit matched and issues carrying an unfit label are offered, marked. */
  unfitFallback: boolean;
  /** Left out before ranking; `unfit` counts issues carrying an unfit label (whether or not a fallback showed them). */
  excluded: { assigned: number; linkedPr: number; stale: number; unfit: number };
}

const hasLabel = (i: IssueRecord, name: string) => i.labels.some((l) => l.toLowerCase() === name);

export function rankSuggestions(areas: Area[], issues: IssueRecord[], o: RankOptions): Ranked {
  const excluded = { assigned: 0, linkedPr: 0, stale: 0, unfit: 0 };
  const unfitList = o.unfit ?? DEFAULT_UNFIT;
  const open = issues.filter((i) => {
    if (i.assignees.length) return void excluded.assigned++, false;
    if (o.linkedToOpenPr.has(i.number)) return void excluded.linkedPr++, false;
    if (i.updatedAt && o.now.getTime() - Date.parse(i.updatedAt) > o.staleDays * DAY) return void excluded.stale++, false;
    return true;
  });
  const classified = open.map((issue) => ({ issue, cls: classifyIssue(areas, issue), unfit: unfitLabelsOf(issue, unfitList) }));
  const inArea = o.area ? classified.filter((c) => c.cls?.area.name === o.area!.name) : classified;
  const fit = inArea.filter((c) => !c.unfit.length);
  excluded.unfit = classified.length - classified.filter((c) => !c.unfit.length).length;
  const labelled = fit.filter((c) => hasLabel(c.issue, GOOD_FIRST) || hasLabel(c.issue, HELP_WANTED));
  const fallback = labelled.length === 0;
  // Issues no newcomer can take are offered only when nothing else is left, and marked.
  const unfitFallback = fallback && fit.length === 0 && inArea.length > 0;
  const pool = !fallback ? labelled : unfitFallback ? inArea : fit;

  const interests = o.interest ? interestTermsOf(o.interest) : [];
  const generic = genericTerms(pool.map((c) => c.issue));
  const kind: ClaimKind = unfitFallback ? 'unfit' : fallback ? 'unlabelled' : 'labelled';
  const scored = pool.map((c) => score({ ...c, fallback, kind, interests, generic, o }));
  scored.sort((a, b) => b.score - a.score || b.number - a.number);
  return { suggestions: scored.slice(0, o.limit), fallback, unfitFallback, excluded };
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
  /** Per matched interest (in the title, labels or area terms), up to `interestMax`. */
  interest: 0.8,
  /** Per interest matched only in the body. */
  interestInBody: 0.4,
  interestMax: 1.6,
  /** A term in more than this share of the candidate issues ("backup", "velero") does not tell interests apart. */
  genericShare: 0.5,
  recentlySuggested: -0.8,
  /** Years of silence: from `silentYears` on, this much per year, down to `silenceMax`. */
  silentYears: 3,
  silencePerYear: -0.1,
  silenceMax: -0.6,
  /** Written for Restic only, which Velero is phasing out in favour of Kopia. */
  resticOnly: -0.3,
} as const;

interface InterestPart {
  text: string;
  terms: string[];
}

interface ScoringInput {
  issue: IssueRecord;
  cls: ReturnType<typeof classifyIssue>;
  fallback: boolean;
  /** The unfit labels the issue carries (non-empty only in the unfit fallback). */
  unfit: UnfitLabel[];
  kind: ClaimKind;
  interests: InterestPart[];
  /** Terms too common among the candidates to tell interests apart. */
  generic: Set<string>;
  o: RankOptions;
}

/** One scoring rule: points and the reason a newcomer reads, or nothing when it does not apply. */
type ScoringRule = (x: ScoringInput) => { points: number; reason: string } | undefined;

const SMALL_TASK = /\b(add (more )?(unit )?tests?|unit tests?|logs?|docs?|documentation|typo|message)\b/i;

const SCORING: ScoringRule[] = [
  function labels({ issue, fallback, unfit, o }) {
    if (unfit.length) {
      const where = o.area ? `the ${o.area.name} area` : 'the open issues';
      const what = unfit.map((u) => `"${u.label}" (${u.why})`).join(' and ');
      return { points: 0, reason: `FALLBACK, not ready for a newcomer: labelled ${what}. Shown only because nothing else in ${where} is free to take; ask a maintainer on the issue before starting.` };
    }
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
  function interest({ issue, cls, interests, generic }) {
    if (!interests.length) return undefined;
    // Title, labels and the area's own vocabulary count in full; the body alone counts half.
    const areaTerms = cls ? [cls.area.name, ...cls.area.aliases, ...cls.area.keywords].join(' ') : '';
    const strong = new Set(tokenize(`${issue.title} ${issue.labels.join(' ')} ${areaTerms}`));
    const body = new Set(tokenize(issue.body));
    let points = 0;
    const matched: string[] = [];
    for (const part of interests) {
      const where = partMatch(part, generic, (t) => strong.has(t)) ? 'strong' : partMatch(part, generic, (t) => strong.has(t) || body.has(t)) ? 'body' : undefined;
      if (!where) continue;
      matched.push(part.text);
      points += where === 'strong' ? RANKING.interest : RANKING.interestInBody;
    }
    if (!matched.length) return undefined;
    return { points: Math.min(RANKING.interestMax, points), reason: `Matches your interest: ${matched.join(', ')}.` };
  },
  function silence({ issue, o }) {
    const since = issue.updatedAt ? Date.parse(issue.updatedAt) : issue.createdAt ? Date.parse(issue.createdAt) : estimateOpened(issue.number);
    const years = Math.floor((o.now.getTime() - since) / (365 * DAY));
    if (!(years >= RANKING.silentYears)) return undefined;
    const points = Math.max(RANKING.silenceMax, RANKING.silencePerYear * years);
    const year = new Date(since).getUTCFullYear();
    const what = issue.updatedAt
      ? `no activity for ${years} years (last updated ${issue.updatedAt.slice(0, 10)})`
      : issue.createdAt
        ? `open since ${year} with no recorded activity since`
        : `opened around ${year} (estimated from its number; the listing has no activity dates)`;
    return { points, reason: `Quiet for years: ${what}, so check on the issue that it still applies.` };
  },
  function resticOnly({ issue }) {
    const text = `${issue.title} ${issue.labels.join(' ')} ${issue.body}`;
    if (!/\brestic\b/i.test(text) || /\bkopia\b/i.test(text)) return undefined;
    return { points: RANKING.resticOnly, reason: 'Written for Restic, which Velero is phasing out in favour of Kopia: check that it still applies to the Kopia path.' };
  },
  function spread({ issue, o }) {
    if (!o.recentlySuggested.has(issue.number)) return undefined;
    return { points: RANKING.recentlySuggested, reason: 'Suggested to someone else recently, so ranked lower to keep two newcomers off the same issue.' };
  },
];

function score(x: ScoringInput): Suggestion {
  const { issue, cls, o } = x;
  let s = 0;
  const reasons: string[] = [];
  for (const rule of SCORING) {
    const r = rule(x);
    if (!r) continue;
    s += r.points;
    if (r.reason) reasons.push(r.reason);
  }
  const area = cls?.area ?? null;
  const readFirst = [...new Set([...(area?.readFirst ?? ['codebase-tour']), 'contributing-upstream'])];
  return {
    number: issue.number,
    title: issue.title,
    url: issue.url,
    labels: issue.labels,
    area: area?.name ?? null,
    score: Math.round(s * 1000) / 1000,
    reasons,
    readFirst,
    reviewers: reviewersFor(o.metadata, area, issue).logins,
    nextStep: nextStepFor(issue.number, x.kind, readFirst, startTarget(o.metadata, area)),
    ...(x.unfit.length ? { unfit: x.unfit.map((u) => u.label) } : {}),
  };
}

/** A part matches when a domain concept of it (~fsb ...) is found, or every one of its telling terms. */
function partMatch(part: InterestPart, generic: Set<string>, has: (t: string) => boolean): boolean {
  if (part.terms.some((t) => t.startsWith('~') && has(t))) return true;
  const telling = part.terms.filter((t) => !t.startsWith('~') && !generic.has(t));
  const terms = telling.length ? telling : part.terms.filter((t) => !t.startsWith('~'));
  if (!terms.length) return false;
  return terms.every(has);
}

/** Terms found in more than `genericShare` of the candidates (only with enough candidates to tell). */
function genericTerms(issues: IssueRecord[]): Set<string> {
  if (issues.length < 4) return new Set();
  const df = new Map<string, number>();
  for (const i of issues) for (const t of new Set(tokenize(`${i.title} ${i.body}`))) df.set(t, (df.get(t) ?? 0) + 1);
  return new Set([...df].filter(([, n]) => n / issues.length > RANKING.genericShare).map(([t]) => t));
}

const LANGUAGE_WORDS = new Set(['go', 'golang']);

/** "csi, go tests" -> [{text: "csi", terms}, {text: "go tests", terms}]. */
function interestTermsOf(interest: string): InterestPart[] {
  return interest
    .split(/[,;]+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((text) => {
      // In "go tests", "go" says nothing (all of Velero is Go); the other words carry the interest.
      // Short words that name something ("fs" in "fs backup", "s3") stay.
      const terms = tokenize(text);
      const significant = terms.filter((t) => !LANGUAGE_WORDS.has(t));
      return { text, terms: significant.length ? significant : terms };
    })
    .filter((t) => t.terms.length);
}
