// The one line that tells a newcomer how to start on a suggested issue in Velero: claim it,
// read a guide section, run a make target.

import { sectionInfo } from '../knowledge/sections.js';
import type { UpstreamSnapshot } from '../upstream/snapshot-types.js';
import type { Area } from './areas.js';

/**
 * The make target to start with, per area (first one the snapshot's Makefile has). Docs are
 * previewed with the site server; CLI work is tried on a locally built binary; everything else
 * starts from the unit tests, which `make test` runs in the build container.
 */
export const START_TARGETS: Record<string, string[]> = {
  Documentation: ['serve-docs', 'test'],
  CLI: ['local', 'test'],
  Tests: ['test', 'test-local'],
  '*': ['test', 'test-local', 'local'],
};

export type ClaimKind = 'labelled' | 'unlabelled' | 'unfit';

export function startTarget(meta: Partial<Pick<UpstreamSnapshot, 'makeTargets'>> | undefined, area: Area | null): string | undefined {
  const have = new Set((meta?.makeTargets ?? []).map((t) => t.name));
  const wanted = START_TARGETS[area?.name ?? ''] ?? START_TARGETS['*']!;
  return wanted.find((t) => have.has(t)) ?? START_TARGETS['*']!.find((t) => have.has(t));
}

/** "Comment on #7774 asking to be assigned …; read the guide's "X" section (id); start with `make test`." */
export function nextStepFor(
  number: number,
  kind: ClaimKind,
  readFirst: string[],
  target: string | undefined,
): string {
  const claim =
    kind === 'labelled'
      ? `Comment on #${number} asking to be assigned, saying you are working on it`
      : kind === 'unlabelled'
        ? `Comment on #${number} asking whether it suits a newcomer and to be assigned, saying you would work on it`
        : `Ask on #${number} whether it is ready for an outside contributor before you start`;
  const id = readFirst[0];
  const read = id ? `; read the guide's "${sectionInfo(id)?.title ?? id}" section (${id})` : '';
  const make = target ? `; start with \`make ${target}\`` : '';
  return `${claim}${read}${make}.`;
}
