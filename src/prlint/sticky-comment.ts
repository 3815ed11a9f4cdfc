// Onramp's one comment per PR: found by its hidden marker, edited in place on every run,
// so a PR never collects a stack of bot comments.

import type { GitHub } from '../upstream/github-client.js';
import { splitRepo } from '../upstream/github-client.js';
import { STICKY_MARKER } from './report.js';

export type StickyAction = 'created' | 'updated' | 'unchanged' | 'not-needed';

export interface StickyOptions {
  /** Post a new comment when none exists (false for an all-clear: nothing to say yet). */
  createIfMissing: boolean;
}

export async function upsertStickyComment(gh: GitHub, repo: string, number: number, body: string, o: StickyOptions): Promise<{ action: StickyAction; id?: number }> {
  const where = { ...splitRepo(repo), issue_number: number };
  const comments = await gh.paginate(gh.issues.listComments, { ...where, per_page: 100 });
  const ours = comments.filter((c) => c.body?.includes(STICKY_MARKER));
  // A human quoting the comment could copy the marker; the bot's own comment wins.
  const existing = ours.find((c) => c.user?.type === 'Bot') ?? ours[0];
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', id: existing.id };
    await gh.issues.updateComment({ ...splitRepo(repo), comment_id: existing.id, body });
    return { action: 'updated', id: existing.id };
  }
  if (!o.createIfMissing) return { action: 'not-needed' };
  const { data } = await gh.issues.createComment({ ...where, body });
  return { action: 'created', id: data.id };
}
