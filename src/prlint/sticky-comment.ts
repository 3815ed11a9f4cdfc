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
  // Two runs started close together (a push and an edit) may each have found no comment and
  // created one. The oldest stays; a run whose comment is not the oldest deletes its own and
  // writes its report into the oldest, so one comment remains whatever the timing.
  const after = (await gh.paginate(gh.issues.listComments, { ...where, per_page: 100 })).filter((c) => c.body?.includes(STICKY_MARKER) && c.user?.type === 'Bot');
  const oldest = after.reduce<(typeof after)[number] | undefined>((a, c) => (!a || c.id < a.id ? c : a), undefined);
  if (oldest && oldest.id !== data.id) {
    await gh.issues.deleteComment({ ...splitRepo(repo), comment_id: data.id });
    await gh.issues.updateComment({ ...splitRepo(repo), comment_id: oldest.id, body });
    return { action: 'updated', id: oldest.id };
  }
  return { action: 'created', id: data.id };
}
