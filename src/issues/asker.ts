// Who is asking, without keeping who it is: chat users are known to the spread logic only by
// a truncated sha256 of platform and user id, never by the id itself.

import { createHash } from 'node:crypto';

/** 16 hex characters of sha256("<platform>:<user>"). */
export function askerId(platform: string, user: string): string {
  return createHash('sha256').update(`${platform}:${user}`).digest('hex').slice(0, 16);
}

export const ASKER_ID = /^[0-9a-f]{8,64}$/;
