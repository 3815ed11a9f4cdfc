// The labels Velero's auto-labeler (actions/labeler v5) will put on a PR, worked out before
// CI runs, with the same glob library (minimatch, dot files matched) and the same logic:
// every match config of a label must pass; in one, the `all` group needs each of its
// conditions, the `any` group one of them; within a condition every part must hold.

import { Minimatch } from 'minimatch';
import type { BaseMatch, FilesCheck, LabelerRules } from '../upstream/labeler-rules.js';

export interface PrShape {
  files: string[];
  base?: string;
  head?: string;
}

const matchers = new Map<string, Minimatch>();
const matcher = (glob: string): Minimatch => {
  let m = matchers.get(glob);
  if (!m) matchers.set(glob, (m = new Minimatch(glob, { dot: true })));
  return m;
};

function filesPass(check: FilesCheck, globs: string[], files: string[]): boolean {
  const ms = globs.map(matcher);
  switch (check) {
    case 'any-glob-to-any-file':
      return ms.some((m) => files.some((f) => m.match(f)));
    case 'any-glob-to-all-files':
      return ms.some((m) => files.every((f) => m.match(f)));
    case 'all-globs-to-any-file':
      return files.some((f) => ms.every((m) => m.match(f)));
    case 'all-globs-to-all-files':
      return files.every((f) => ms.every((m) => m.match(f)));
  }
}

// Branch globs are regular expressions in actions/labeler; only plain names and `^prefix`
// forms are read here (the ones labeler configs use); anything else never matches.
function branchPasses(patterns: string[], branch: string | undefined, every: boolean): boolean {
  if (branch === undefined) return false;
  const test = (p: string) => (p.startsWith('^') ? branch.startsWith(p.slice(1).replace(/\.\*$/, '')) : branch.includes(p));
  return every ? patterns.every(test) : patterns.some(test);
}

function anyPasses(base: BaseMatch, pr: PrShape): boolean {
  if (base.changedFiles?.some((c) => filesPass(c.check, c.globs, pr.files))) return true;
  if (base.baseBranch && branchPasses(base.baseBranch, pr.base, false)) return true;
  return !!base.headBranch && branchPasses(base.headBranch, pr.head, false);
}

function allPasses(base: BaseMatch, pr: PrShape): boolean {
  if (base.changedFiles && (!pr.files.length || !base.changedFiles.every((c) => filesPass(c.check, c.globs, pr.files)))) return false;
  if (base.baseBranch && !branchPasses(base.baseBranch, pr.base, true)) return false;
  return !base.headBranch || branchPasses(base.headBranch, pr.head, true);
}

/** Every label the labeler adds for these changed files (removed files count, as on GitHub). */
export function predictLabels(rules: LabelerRules, pr: PrShape): string[] {
  return Object.entries(rules)
    .filter(([, configs]) =>
      configs.every((c) => {
        if (!c.any && !c.all) return false;
        if (c.all && (!c.all.length || !c.all.every((b) => allPasses(b, pr)))) return false;
        return !c.any || (c.any.length > 0 && c.any.some((b) => anyPasses(b, pr)));
      }),
    )
    .map(([label]) => label);
}
