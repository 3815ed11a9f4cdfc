// `issues`: good-first-issue suggestions from live GitHub (cached) or, when GitHub is
// unreachable, rate-limited or skipped, from the committed snapshot.

import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { loadIssuesSnapshot } from './snapshot-file.js';
import type { IssuesSnapshot, SuggestionResult } from './types.js';
import { loadAreas, resolveArea } from './areas.js';
import { rankSuggestions } from './rank.js';
import { InputError } from '../errors.js';

export const MAX_LIMIT = 20;
/** A GitHub failure never holds an answer longer than this. */
export const LIVE_BUDGET_MS = 9000;
const SPREAD_WINDOW_MS = 7 * 86_400_000;
const RECENT_KEY = 'recent';

export interface SuggestOptions {
  area?: string;
  interest?: string;
  limit?: number;
  offline?: boolean;
  staleDays?: number;
  now?: Date;
}

export interface SuggestDeps {
  config: Pick<Config, 'github' | 'repo'>;
  store: Store;
  knowledgeDir: string;
  warn?: (message: string) => void;
  /** Live fetcher; injected so tests and callers share one Octokit. */
  fetchLive?: () => Promise<IssuesSnapshot>;
}

export function checkSuggestOptions(o: SuggestOptions): void {
  if (o.limit !== undefined && (!Number.isInteger(o.limit) || o.limit < 1 || o.limit > MAX_LIMIT)) {
    throw new InputError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  if (o.interest !== undefined && !o.interest.trim()) throw new InputError('the interest is empty; say what you like, e.g. --interest "csi, go tests"');
  if (o.interest !== undefined && o.interest.length > 300) throw new InputError('the interest is too long; name a few topics, e.g. "csi, go tests"');
}

export async function suggestIssues(deps: SuggestDeps, o: SuggestOptions): Promise<SuggestionResult> {
  checkSuggestOptions(o);
  const areas = loadAreas(deps.knowledgeDir);
  const area = o.area !== undefined ? resolveArea(areas, o.area) : undefined;
  const now = o.now ?? new Date();

  let data: IssuesSnapshot | undefined;
  let source: 'live' | 'snapshot' = 'snapshot';
  if (!o.offline && deps.fetchLive) {
    try {
      data = await withDeadline(deps.fetchLive(), LIVE_BUDGET_MS);
      source = 'live';
    } catch (err) {
      deps.warn?.(`GitHub unavailable, using the snapshot: ${describe(err)}`);
    }
  }
  data ??= loadIssuesSnapshot(deps.knowledgeDir);

  const spread = deps.store.kv<Record<string, number>>('suggested');
  const recent = pruneRecent((await spread.get(RECENT_KEY)) ?? {}, now.getTime());
  const ranked = rankSuggestions(areas, data.issues, {
    area,
    interest: o.interest,
    limit: o.limit ?? 5,
    now,
    staleDays: o.staleDays ?? 365,
    recentlySuggested: new Map(Object.entries(recent).map(([k, v]) => [Number(k), v])),
    linkedToOpenPr: new Set(data.openPullRequests.flatMap((p) => p.linkedIssues)),
  });
  for (const s of ranked.suggestions) recent[String(s.number)] = now.getTime();
  await spread.set(RECENT_KEY, recent);

  const result: SuggestionResult = { source, fetchedAt: data.fetchedAt, suggestions: ranked.suggestions };
  if (ranked.fallback) {
    result.note = ranked.suggestions.length
      ? `No open issue ${area ? `in ${area.name} ` : ''}is labelled "Good first issue" or "Help wanted" right now. These are the most approachable open ${area ? `${area.name} ` : ''}issues instead; they are not labelled for newcomers, so ask on the issue before starting.`
      : `No open issue ${area ? `in ${area.name} ` : ''}is labelled "Good first issue" or "Help wanted", and no other open issue ${area ? 'of that area ' : ''}is free to take right now.`;
  }
  return result;
}

function pruneRecent(recent: Record<string, number>, now: number): Record<string, number> {
  return Object.fromEntries(Object.entries(recent).filter(([, t]) => now - t < SPREAD_WINDOW_MS));
}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000}s`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

function describe(err: unknown): string {
  const e = err as { status?: number; message?: string };
  return e.status ? `HTTP ${e.status}` : (e.message ?? String(err)).split('\n')[0]!.slice(0, 120);
}
