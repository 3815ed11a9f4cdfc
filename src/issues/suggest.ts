// `issues`: good-first-issue suggestions from live GitHub (cached) or, when GitHub is
// unreachable, rate-limited or skipped, from the committed snapshot.

import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { loadIssuesSnapshot } from './snapshot-file.js';
import type { IssuesSnapshot, SuggestionResult } from './types.js';
import { loadAreas, resolveArea } from './areas.js';
import { rankSuggestions } from './rank.js';
import { loadUnfitLabels } from './unfit.js';
import { ASKER_ID } from './asker.js';
import { loadSnapshot } from '../upstream/snapshot-file.js';
import { InputError } from '../errors.js';

export const MAX_LIMIT = 20;
/** A GitHub failure never holds an answer longer than this. */
export const LIVE_BUDGET_MS = 9000;
const SPREAD_WINDOW_MS = 7 * 86_400_000;
const RECENT_KEY = 'recent';
/** Askers remembered per suggested issue (hashed ids). */
const MAX_ASKERS = 20;
/** The anonymous asker (command line): every earlier suggestion counts as someone else's. */
const ANONYMOUS = '';

/** Issue number -> when it was last suggested and to whom (hashed); older stores kept only the time. */
type Recent = Record<string, number | { at: number; by: string[] }>;

export interface SuggestOptions {
  area?: string;
  interest?: string;
  limit?: number;
  offline?: boolean;
  staleDays?: number;
  now?: Date;
  /**
   * Who asks, hashed (askerId: sha256 of platform and user id, truncated). Issues suggested
   * recently to anyone else rank lower; the asker's own earlier suggestions do not.
   * Unset (the command line): every earlier suggestion counts as someone else's.
   */
  asker?: string;
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
  if (o.asker !== undefined && !ASKER_ID.test(o.asker)) throw new InputError('the asker must be a hashed id (askerId), not a raw user id');
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

  const spread = deps.store.kv<Recent>('suggested');
  const recent = pruneRecent((await spread.get(RECENT_KEY)) ?? {}, now.getTime());
  const asker = o.asker ?? ANONYMOUS;
  const ranked = rankSuggestions(areas, data.issues, {
    area,
    interest: o.interest,
    limit: o.limit ?? 5,
    now,
    staleDays: o.staleDays ?? 365,
    recentlySuggested: suggestedToOthers(recent, asker),
    linkedToOpenPr: new Set(data.openPullRequests.flatMap((p) => p.linkedIssues)),
    unfit: loadUnfitLabels(deps.knowledgeDir),
    metadata: loadSnapshot(deps.knowledgeDir),
  });
  for (const s of ranked.suggestions) {
    const before = recent[String(s.number)];
    const by = typeof before === 'object' ? before.by.filter((b) => b !== asker) : [];
    recent[String(s.number)] = { at: now.getTime(), by: [...by, asker].slice(-MAX_ASKERS) };
  }
  await spread.set(RECENT_KEY, recent);

  const result: SuggestionResult = { source, fetchedAt: data.fetchedAt, suggestions: ranked.suggestions };
  const within = area ? `in ${area.name} ` : '';
  if (ranked.unfitFallback) {
    const labels = [...new Set(ranked.suggestions.flatMap((s) => s.unfit ?? []))].map((l) => `"${l}"`).join(', ');
    result.note = `FALLBACK: no open issue ${within}is ready for a newcomer right now. The ones below are labelled ${labels}, which mark work no newcomer can take (knowledge/upstream/unfit-labels.json); they are shown only because nothing else matches, so ask a maintainer on the issue before starting.`;
  } else if (ranked.fallback) {
    result.note = ranked.suggestions.length
      ? `No open issue ${area ? `in ${area.name} ` : ''}is labelled "Good first issue" or "Help wanted" right now. These are the most approachable open ${area ? `${area.name} ` : ''}issues instead; they are not labelled for newcomers, so ask on the issue before starting.`
      : `No open issue ${area ? `in ${area.name} ` : ''}is labelled "Good first issue" or "Help wanted", and no other open issue ${area ? 'of that area ' : ''}is free to take right now.`;
  }
  return result;
}

const atOf = (v: Recent[string]) => (typeof v === 'number' ? v : v.at);

function pruneRecent(recent: Recent, now: number): Recent {
  return Object.fromEntries(Object.entries(recent).filter(([, v]) => now - atOf(v) < SPREAD_WINDOW_MS));
}

/** Issues suggested recently to anyone but `asker` (an entry without askers counts as someone else's). */
function suggestedToOthers(recent: Recent, asker: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, v] of Object.entries(recent)) {
    const others = typeof v === 'number' || asker === ANONYMOUS || v.by.some((b) => b !== asker);
    if (others) out.set(Number(k), atOf(v));
  }
  return out;
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
