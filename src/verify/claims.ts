// The guide's checkable claims: each sentence with the backticked identifiers and the
// repository paths it names, and the sources each section says its facts came from.

import { findUpstreamPaths } from '../knowledge/upstream-paths.js';
import type { Section } from '../knowledge/types.js';
import { splitUnits } from '../retrieval/units.js';

export interface Claim {
  section: string;
  text: string;
  identifiers: string[];
  paths: string[];
}

/**
 * An identifier worth looking up in code: a name, flag, constant, label or annotation key,
 * json tag or make target. Values (`240m`, `true`), placeholders (`<name>`), commands with
 * spaces and globs are left out.
 */
export function identifierOf(token: string): string | undefined {
  let t = token.trim().replace(/^make\s+(?=[\w-]+$)/, '');
  if (/[\s<>*{}()[\]=,"']/.test(t)) return undefined;
  t = t.replace(/^-+/, '').replace(/[.:;]+$/, '');
  if (t.length < 4 || !/^[A-Za-z_]/.test(t) || !/[A-Za-z]{2}/.test(t)) return undefined;
  return t;
}

export function claimsOf(sections: Section[]): Claim[] {
  const out: Claim[] = [];
  for (const s of sections) {
    for (const chunk of s.chunks) {
      for (const unit of splitUnits(chunk.text)) {
        const paths = findUpstreamPaths(unit.text);
        const identifiers = [...unit.text.matchAll(/`([^`]+)`/g)]
          .map((m) => m[1]!)
          .filter((t) => !paths.includes(t.replace(/[.,;:]+$/, '')))
          .map(identifierOf)
          .filter((t): t is string => t !== undefined);
        if (paths.length || identifiers.length) out.push({ section: s.id, text: unit.text, identifiers: [...new Set(identifiers)], paths });
      }
    }
  }
  return out;
}
