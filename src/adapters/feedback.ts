// The thumbs up / down buttons under an answer, for every platform: the vote goes to the
// router, and the clicker gets one short private line back.

import type { Router } from '../chat/router.js';

export async function recordVote(router: Router, replyId: string, user: string, vote: string): Promise<string> {
  const ok = await router.feedback(replyId, user, vote === 'up' ? 'up' : 'down');
  return ok ? 'Thanks, noted.' : 'That answer is too old to rate.';
}
