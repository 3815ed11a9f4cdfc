// `onramp report` and `GET /report`: what was asked, from the private question log —
// volume, outcomes, per-section volume and not-helpful share, latency, and knowledge gaps
// (refused, low-confidence and not-helpful questions clustered by the rare terms they share).

import { keepsText, type LogEntry, type QuestionLog } from '../log/question-log.js';
import { tokenize } from '../retrieval/tokenizer.js';

export interface Gap {
  /** The rare terms the cluster's questions share, rarest first. */
  terms: string[];
  count: number;
  /** Up to three of its questions. */
  examples: string[];
}

export interface Report {
  since: string;
  until: string;
  logDays: number;
  totals: { requests: number; users: number; answered: number; refused: number; injection: number; rateLimited: number; error: number; votes: number; helpful: number; notHelpful: number };
  byPlatform: Record<string, number>;
  byCommand: Record<string, number>;
  rates: { answered: number | null; refused: number | null; helpful: number | null };
  sections: Array<{ section: string; requests: number; votes: number; notHelpful: number; notHelpfulShare: number | null }>;
  latencyMs: { p50: number | null; p95: number | null };
  gaps: Gap[];
}

/** Term document frequencies of a corpus (the guide's passages), for "rare". */
export function documentFrequencies(texts: Iterable<string>): { df: Map<string, number>; n: number } {
  const df = new Map<string, number>();
  let n = 0;
  for (const t of texts) {
    n++;
    for (const term of new Set(tokenize(t))) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return { df, n };
}

const KEY_TERMS = 3;

/**
 * Clusters gap questions: each question's key terms are its rarest (highest idf over the
 * corpus, or over the questions themselves without one); questions sharing a key term join
 * one cluster (single link). Largest first.
 */
export function clusterGaps(questions: string[], corpus?: { df: Map<string, number>; n: number }): Gap[] {
  const own = documentFrequencies(questions);
  const idf = (t: string) => (corpus ? Math.log((corpus.n + 1) / ((corpus.df.get(t) ?? 0) + 1)) + 1 : Math.log((own.n + 1) / ((own.df.get(t) ?? 0) + 1)) + 1);
  // A term the guide uses everywhere ("velero", "backup") names no gap.
  const floor = corpus ? Math.log((corpus.n + 1) / (corpus.n * 0.2 + 1)) + 1 : 0;
  const keys = questions.map((q) =>
    [...new Set(tokenize(q))]
      .filter((t) => t.length > 1 && !/^\d+$/.test(t) && idf(t) > floor)
      .sort((a, b) => idf(b) - idf(a) || (a < b ? -1 : 1))
      .slice(0, KEY_TERMS),
  );
  const parent = questions.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const firstWith = new Map<string, number>();
  keys.forEach((ks, i) => {
    for (const t of ks) {
      const j = firstWith.get(t);
      if (j === undefined) firstWith.set(t, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, number[]>();
  questions.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const gaps: Gap[] = [...groups.values()].map((members) => {
    const counts = new Map<string, number>();
    for (const i of members) for (const t of keys[i]!) counts.set(t, (counts.get(t) ?? 0) + 1);
    const shared = [...counts].filter(([, c]) => members.length === 1 || c > 1);
    const terms = shared.sort((a, b) => b[1] - a[1] || idf(b[0]) - idf(a[0])).map(([t]) => t).slice(0, KEY_TERMS);
    const examples = [...new Set(members.map((i) => questions[i]!))].slice(0, 3);
    return { terms, count: members.length, examples };
  });
  return gaps.sort((a, b) => b.count - a.count || (a.terms[0] ?? '').localeCompare(b.terms[0] ?? ''));
}

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);

export function buildReport(entries: LogEntry[], o: { since: number; now?: number; logDays: number; corpus?: { df: Map<string, number>; n: number } }): Report {
  const now = o.now ?? Date.now();
  const count = (pred: (e: LogEntry) => boolean) => entries.filter(pred).length;
  const tally = (key: (e: LogEntry) => string) => {
    const out: Record<string, number> = {};
    for (const e of entries) out[key(e)] = (out[key(e)] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  };
  const asks = entries.filter((e) => e.command === 'ask');
  const answered = count((e) => e.outcome === 'answered');
  const refused = count((e) => e.outcome === 'refused');
  const helpful = count((e) => e.vote === 'up');
  const notHelpful = count((e) => e.vote === 'down');
  const bySection = new Map<string, { requests: number; votes: number; notHelpful: number }>();
  for (const e of entries) {
    if (!e.section) continue;
    const s = bySection.get(e.section) ?? { requests: 0, votes: 0, notHelpful: 0 };
    s.requests++;
    if (e.vote) s.votes++;
    if (e.vote === 'down') s.notHelpful++;
    bySection.set(e.section, s);
  }
  const ms = entries.map((e) => e.ms).sort((a, b) => a - b);
  const gapQuestions = entries.filter((e) => e.question && keepsText(e)).map((e) => e.question!);
  return {
    since: new Date(o.since).toISOString(),
    until: new Date(now).toISOString(),
    logDays: o.logDays,
    totals: {
      requests: entries.length,
      users: new Set(entries.map((e) => e.user)).size,
      answered,
      refused,
      injection: count((e) => e.outcome === 'injection'),
      rateLimited: count((e) => e.outcome === 'rate-limited'),
      error: count((e) => e.outcome === 'error'),
      votes: helpful + notHelpful,
      helpful,
      notHelpful,
    },
    byPlatform: tally((e) => e.platform),
    byCommand: tally((e) => e.command),
    // Rates over questions (ask), the only command that can refuse.
    rates: {
      answered: ratio(count((e) => e.command === 'ask' && e.outcome === 'answered'), asks.length),
      refused: ratio(count((e) => e.command === 'ask' && e.outcome === 'refused'), asks.length),
      helpful: ratio(helpful, helpful + notHelpful),
    },
    sections: [...bySection]
      .map(([section, s]) => ({ section, ...s, notHelpfulShare: ratio(s.notHelpful, s.votes) }))
      .sort((a, b) => b.requests - a.requests || a.section.localeCompare(b.section)),
    latencyMs: { p50: percentile(ms, 50), p95: percentile(ms, 95) },
    gaps: clusterGaps(gapQuestions, o.corpus),
  };
}

/** `30d`, `12h`, `90m` -> milliseconds; undefined when malformed. */
export function parseSince(text: string): number | undefined {
  const m = /^(\d{1,5})([dhm])$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
}

/** Plain text for the terminal. */
export function reportText(r: Report): string {
  const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);
  const lines = [
    `Questions log ${r.since.slice(0, 10)} .. ${r.until.slice(0, 10)} (kept ${r.logDays} days)`,
    `requests ${r.totals.requests} from ${r.totals.users} users: answered ${r.totals.answered}, refused ${r.totals.refused}, injection ${r.totals.injection}, rate-limited ${r.totals.rateLimited}, error ${r.totals.error}`,
    `rates: answered ${pct(r.rates.answered)}, refused ${pct(r.rates.refused)}, helpful ${pct(r.rates.helpful)} of ${r.totals.votes} votes`,
    `latency: p50 ${r.latencyMs.p50 ?? '-'} ms, p95 ${r.latencyMs.p95 ?? '-'} ms`,
    `by platform: ${Object.entries(r.byPlatform).map(([k, v]) => `${k} ${v}`).join(', ') || '-'}`,
    `by command: ${Object.entries(r.byCommand).map(([k, v]) => `${k} ${v}`).join(', ') || '-'}`,
    '',
    'sections (requests, not-helpful share):',
    ...r.sections.map((s) => `  ${s.section.padEnd(24)} ${String(s.requests).padStart(5)}  ${pct(s.notHelpfulShare)}`),
    '',
    'knowledge gaps (largest first):',
    ...r.gaps.flatMap((g) => [`  ${g.count}x  ${g.terms.join(', ') || '(no shared terms)'}`, ...g.examples.map((q) => `       - ${q.replace(/\s+/g, ' ')}`)]),
  ];
  return `${lines.join('\n')}\n`;
}

/** The report over the last `sinceMs` of a log, with "rare" measured against the guide's passages. */
export async function reportFrom(log: QuestionLog, o: { sinceMs: number; guideTexts?: string[]; now?: number }): Promise<Report> {
  const now = o.now ?? Date.now();
  const since = now - o.sinceMs;
  const corpus = o.guideTexts?.length ? documentFrequencies(o.guideTexts) : undefined;
  return buildReport(await log.entries(since), { since, now, logDays: log.days, corpus });
}

/** The report when the log is off (ONRAMP_LOG_DAYS=0): nothing was recorded. */
export function emptyReport(logDays: number, sinceMs = 30 * 86_400_000, now = Date.now()): Report {
  return buildReport([], { since: now - sinceMs, now, logDays });
}
