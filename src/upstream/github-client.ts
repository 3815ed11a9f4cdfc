// The one place an Octokit is built: retry and throttling plugins, bounded waits so a
// failing or rate-limited GitHub never holds an answer for long, a silent request log.

import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Config } from '../config.js';

const BoundedOctokit = Octokit.plugin(throttling, retry);
export type GitHub = InstanceType<typeof BoundedOctokit>;

export interface GitHubOptions {
  /** Seconds a rate-limit wait may last before giving up instead (default 3). */
  maxWaitSeconds?: number;
  /** Retries for 5xx / network errors (default 1). */
  retries?: number;
  /** Per-request timeout in ms (default 5000). */
  timeoutMs?: number;
  warn?: (message: string) => void;
}

export function createGitHub(config: Pick<Config, 'github'>, options: GitHubOptions = {}): GitHub {
  const maxWait = options.maxWaitSeconds ?? 3;
  const warn = options.warn ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 5000;
  return new BoundedOctokit({
    auth: config.github.token,
    baseUrl: config.github.apiUrl.replace(/\/$/, ''),
    userAgent: 'onramp-velero-bot',
    log: { debug: () => {}, info: () => {}, warn, error: warn },
    request: {
      // Not `request.retries`: set there, the retry plugin would repeat every error, 304s included.
      fetch: (url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    },
    // 304 is a cache hit, not a failure; 4xx will not get better by asking again (403 rate
    // limits are the throttling plugin's business).
    retry: { retries: options.retries ?? 1, retryAfterBaseValue: 200, doNotRetry: [304, 400, 401, 403, 404, 410, 422, 451] },
    throttle: {
      // Wait out a short limit once; never wait for a reset minutes away.
      onRateLimit: (retryAfter: number, _opts: unknown, _o: unknown, retryCount: number) => {
        warn(`GitHub rate limit hit (reset in ${retryAfter}s)`);
        return retryCount === 0 && retryAfter <= maxWait;
      },
      onSecondaryRateLimit: (retryAfter: number, _opts: unknown, _o: unknown, retryCount: number) => {
        warn(`GitHub secondary rate limit hit (retry after ${retryAfter}s)`);
        return retryCount === 0 && retryAfter <= maxWait;
      },
      fallbackSecondaryRateRetryAfter: 1,
    },
  });
}

export function splitRepo(repo: string): { owner: string; repo: string } {
  const [owner, name] = repo.split('/');
  return { owner: owner!, repo: name! };
}
