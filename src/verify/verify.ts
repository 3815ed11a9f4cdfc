// `onramp verify`: checks the guide against a Velero revision. Errors are claims that can
// no longer be true as written (a cited path or identifier is gone); warnings point at
// cited code that changed; infos list upstream changes the guide may need to mention.

import type { Section } from '../knowledge/types.js';
import { buildIndex, rankSections, searchChunks } from '../retrieval/index.js';
import type { GitHistory } from '../upstream/git-history.js';
import { claimsOf, type Claim } from './claims.js';
import { declAt, goDecls, shortName, type GoDecl } from './go-decls.js';

export type FindingKind = 'missing-path' | 'missing-identifier' | 'changed-code' | 'new-upstream-change';

export interface VerifyFinding {
  severity: 'error' | 'warning' | 'info';
  kind: FindingKind;
  section: string;
  claim: string | null;
  detail: string;
  path?: string;
  symbol?: string;
}

export interface VerifyReport {
  pinned: string;
  checked: string;
  checkedDate: string;
  findings: VerifyFinding[];
}

/** Changelog fragments that match a section this well (relative to the best) are attributed to it. */
const CHANGELOG_MATCH = { minScore: 8, maxSections: 2 } as const;

export async function verifyGuide(sections: Section[], git: GitHistory, rev: string): Promise<VerifyReport> {
  const pinned = mostCommon(sections.map((s) => s.upstreamCommit).filter(Boolean));
  if (!pinned) throw new Error('no section has an upstreamCommit to compare against');
  const pin = await git.resolve(pinned);
  const head = await git.resolve(rev);
  const [pinFiles, headFiles] = await Promise.all([git.files(pin.sha), git.files(head.sha)]);
  const claims = claimsOf(sections);
  const findings: VerifyFinding[] = [
    ...missingPaths(sections, claims, headFiles),
    ...(await missingIdentifiers(claims, git, pin.sha, head.sha)),
    ...(await changedCode(sections, claims, git, pin.sha, head.sha, pinFiles, headFiles)),
    ...(await newChangelogs(sections, git, pin.sha, head.sha)),
  ];
  return { pinned: pin.sha, checked: head.sha, checkedDate: head.date, findings };
}

const exists = (files: Set<string>, path: string) => {
  const p = path.replace(/\/$/, '');
  if (files.has(p)) return true;
  for (const f of files) if (f.startsWith(`${p}/`)) return true;
  return false;
};

function missingPaths(sections: Section[], claims: Claim[], files: Set<string>): VerifyFinding[] {
  const out: VerifyFinding[] = [];
  for (const s of sections) {
    for (const path of new Set(s.sources)) {
      if (!exists(files, path)) out.push({ severity: 'error', kind: 'missing-path', section: s.id, claim: null, detail: `front-matter source ${path} no longer exists`, path });
    }
  }
  const seen = new Set<string>();
  for (const c of claims) {
    for (const path of c.paths) {
      const key = `${c.section}\0${path}`;
      if (seen.has(key) || exists(files, path)) continue;
      seen.add(key);
      out.push({ severity: 'error', kind: 'missing-path', section: c.section, claim: c.text, detail: `${path} no longer exists`, path });
    }
  }
  return out;
}

async function missingIdentifiers(claims: Claim[], git: GitHistory, pin: string, head: string): Promise<VerifyFinding[]> {
  const all = [...new Set(claims.flatMap((c) => c.identifiers))];
  const atPin = await git.present(pin, all);
  const candidates = all.filter((t) => atPin.has(t));
  const atHead = await git.present(head, candidates);
  const gone = new Set(candidates.filter((t) => !atHead.has(t)));
  const out: VerifyFinding[] = [];
  const seen = new Set<string>();
  for (const c of claims) {
    for (const id of c.identifiers) {
      const key = `${c.section}\0${id}`;
      if (!gone.has(id) || seen.has(key)) continue;
      seen.add(key);
      out.push({ severity: 'error', kind: 'missing-identifier', section: c.section, claim: c.text, detail: `\`${id}\` occurs in Velero at the pin but nowhere at the checked commit`, symbol: id });
    }
  }
  return out;
}

/** Declarations whose code (not only comments, blank lines or imports) changed. */
export function changedDecls(diff: string, oldSource: string, newSource: string): GoDecl[] {
  const oldDecls = goDecls(oldSource);
  const newDecls = goDecls(newSource);
  const changed = new Map<string, GoDecl>();
  let oldLine = 0;
  let newLine = 0;
  for (const line of diff.split('\n')) {
    const h = line.match(/^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/);
    if (h) {
      oldLine = Number(h[1]);
      newLine = Number(h[2]);
      continue;
    }
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    const body = line.slice(1).trim();
    const substantive = body !== '' && !body.startsWith('//');
    if (line.startsWith('+')) {
      const d = declAt(newDecls, newLine);
      if (substantive && d && d.kind !== 'import') changed.set(d.name, d);
      newLine++;
    } else if (line.startsWith('-')) {
      const d = declAt(oldDecls, oldLine);
      if (substantive && d && d.kind !== 'import') changed.set(d.name, d);
      oldLine++;
    }
  }
  return [...changed.values()];
}

async function changedCode(
  sections: Section[],
  claims: Claim[],
  git: GitHistory,
  pin: string,
  head: string,
  pinFiles: Set<string>,
  headFiles: Set<string>,
): Promise<VerifyFinding[]> {
  const citedBy = new Map<string, Set<string>>();
  const cite = (path: string, section: string) => {
    if (!path.endsWith('.go') || !pinFiles.has(path) || !headFiles.has(path)) return;
    citedBy.set(path, (citedBy.get(path) ?? new Set()).add(section));
  };
  for (const s of sections) for (const p of s.sources) cite(p, s.id);
  for (const c of claims) for (const p of c.paths) cite(p, c.section);

  const out: VerifyFinding[] = [];
  for (const [path, citing] of citedBy) {
    const diff = await git.diff(pin, head, path);
    if (!diff.trim()) continue;
    const [before, after] = await Promise.all([git.show(pin, path), git.show(head, path)]);
    const decls = changedDecls(diff, before ?? '', after ?? '');
    if (!decls.length) continue;
    const unnamed: string[] = [];
    for (const d of decls) {
      const name = shortName(d);
      const naming = claims.filter((c) => c.identifiers.includes(name) || c.identifiers.includes(d.name));
      if (!naming.length) {
        unnamed.push(d.name);
        continue;
      }
      for (const section of new Set(naming.map((c) => c.section))) {
        const claim = naming.find((c) => c.section === section)!;
        out.push({ severity: 'warning', kind: 'changed-code', section, claim: claim.text, detail: `${d.kind} ${d.name} in ${path} changed since the pin`, path, symbol: d.name });
      }
    }
    if (!unnamed.length) continue;
    for (const section of citing) {
      const claim = claims.find((c) => c.section === section && c.paths.includes(path));
      const list = unnamed.slice(0, 6).join(', ') + (unnamed.length > 6 ? ` and ${unnamed.length - 6} more` : '');
      out.push({ severity: 'warning', kind: 'changed-code', section, claim: claim?.text ?? null, detail: `${path} changed since the pin: ${list}`, path });
    }
  }
  return out;
}

async function newChangelogs(sections: Section[], git: GitHistory, pin: string, head: string): Promise<VerifyFinding[]> {
  const added = (await git.added(pin, head, 'changelogs/unreleased/')).filter((p) => !p.endsWith('.keep'));
  if (!added.length) return [];
  const corpus = buildIndex(sections.flatMap((s) => s.chunks));
  const out: VerifyFinding[] = [];
  for (const path of added) {
    const text = ((await git.show(head, path)) ?? '').trim().split('\n')[0]!.slice(0, 300);
    const ranked = rankSections(searchChunks(corpus, text)).filter((r) => r.score >= CHANGELOG_MATCH.minScore).slice(0, CHANGELOG_MATCH.maxSections);
    for (const r of ranked) {
      out.push({ severity: 'info', kind: 'new-upstream-change', section: r.section, claim: null, detail: `${path}: ${text}`, path });
    }
  }
  return out;
}

function mostCommon(xs: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
