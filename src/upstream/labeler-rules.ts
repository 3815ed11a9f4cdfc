// Velero's .github/labeler.yml as the rules actions/labeler v5 evaluates, kept whole (not
// flattened to a glob list) so the PR check can predict every label the labeler will add.
// Forms read: v5 (`changed-files` with the four glob checks, `base-branch`, `head-branch`,
// `any:` / `all:` groups) and the older v4 flat form (a list of globs, or `any`/`all` lists).

import { parse as yaml } from 'yaml';

export type FilesCheck = 'any-glob-to-any-file' | 'any-glob-to-all-files' | 'all-globs-to-any-file' | 'all-globs-to-all-files';
export const FILES_CHECKS: readonly FilesCheck[] = ['any-glob-to-any-file', 'any-glob-to-all-files', 'all-globs-to-any-file', 'all-globs-to-all-files'];

/** One condition: every part it names must hold (changed files, branch names). */
export interface BaseMatch {
  changedFiles?: Array<{ check: FilesCheck; globs: string[] }>;
  baseBranch?: string[];
  headBranch?: string[];
}

/** A label's match config: its `all` group and its `any` group must both pass (where present). */
export interface MatchConfig {
  any?: BaseMatch[];
  all?: BaseMatch[];
}

export type LabelerRules = Record<string, MatchConfig[]>;

const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

function toBase(v: Record<string, unknown>): BaseMatch {
  const out: BaseMatch = {};
  const files = v['changed-files'];
  if (files !== undefined) {
    out.changedFiles = (Array.isArray(files) ? files : [files]).flatMap((entry) =>
      entry && typeof entry === 'object'
        ? Object.entries(entry as Record<string, unknown>)
            .filter(([k]) => (FILES_CHECKS as readonly string[]).includes(k))
            .map(([k, g]) => ({ check: k as FilesCheck, globs: list(g) }))
        : [],
    );
  }
  if (v['base-branch'] !== undefined) out.baseBranch = list(v['base-branch']);
  if (v['head-branch'] !== undefined) out.headBranch = list(v['head-branch']);
  return out;
}

// v4: a bare glob is `any-glob-to-any-file`; `any: [globs]` all globs against any file; `all: [globs]` all globs against all files.
const v4 = (check: FilesCheck, globs: string[]): BaseMatch => ({ changedFiles: [{ check, globs }] });

export function parseLabelerRules(text: string): LabelerRules {
  let data: unknown;
  try {
    data = yaml(text);
  } catch {
    return {};
  }
  const out: LabelerRules = {};
  if (!data || typeof data !== 'object') return out;
  for (const [label, entries] of Object.entries(data as Record<string, unknown>)) {
    if (!Array.isArray(entries)) continue;
    const configs: MatchConfig[] = [];
    // Loose keys of all entries join one `any` group, as actions/labeler does.
    const anyGroup = (): BaseMatch[] => {
      let c = configs.find((x) => x.any);
      if (!c) configs.push((c = { any: [] }));
      return c.any!;
    };
    for (const entry of entries) {
      if (typeof entry === 'string') {
        anyGroup().push(v4('any-glob-to-any-file', [entry]));
        continue;
      }
      if (!entry || typeof entry !== 'object') continue;
      for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
        if (key === 'any' || key === 'all') {
          const items = Array.isArray(value) ? value : [value];
          const bases = items.every((x) => typeof x === 'string')
            ? [v4(key === 'any' ? 'all-globs-to-any-file' : 'all-globs-to-all-files', list(items))]
            : items.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object').map(toBase);
          configs.push({ [key]: bases });
        } else if (key === 'changed-files' || key === 'base-branch' || key === 'head-branch') {
          anyGroup().push(toBase({ [key]: value }));
        }
      }
    }
    if (configs.length) out[label] = configs;
  }
  return out;
}
