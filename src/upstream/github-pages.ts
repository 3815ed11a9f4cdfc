// Paginated GET through Octokit with a keyv cache of ETags: a page GitHub answers with
// 304 Not Modified is served from the cache, and 304s do not count against the rate limit,
// so a warm cache costs nothing.

import type Keyv from 'keyv';
import type { GitHub } from './github-client.js';

interface CachedPage {
  etag?: string;
  data: unknown[];
  hasNext: boolean;
}

export interface PageStats {
  requests: number;
  notModified: number;
}

export async function getAllPages<T>(
  gh: GitHub,
  cache: Keyv,
  route: string,
  params: Record<string, string | number>,
  maxPages = 10,
  stats: PageStats = { requests: 0, notModified: 0 },
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const key = `${route} ${JSON.stringify({ ...params, page })}`;
    const cached = (await cache.get(key)) as CachedPage | undefined;
    let entry: CachedPage;
    stats.requests++;
    try {
      const res = await gh.request(route, {
        ...params,
        page,
        headers: cached?.etag ? { 'if-none-match': cached.etag } : {},
      });
      entry = {
        etag: res.headers.etag,
        data: Array.isArray(res.data) ? res.data : [],
        hasNext: /rel="next"/.test(String(res.headers.link ?? '')),
      };
      await cache.set(key, entry);
    } catch (err) {
      if ((err as { status?: number }).status !== 304 || !cached) throw err;
      stats.notModified++;
      entry = cached;
    }
    all.push(...(entry.data as T[]));
    if (!entry.hasNext) break;
  }
  return all;
}
