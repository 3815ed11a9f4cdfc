// Splits a PR title into its markers (cherry-pick, WIP) and the summary they wrap, so
// every title rule looks at the same summary.

export interface TitleParts {
  /** Cherry-pick marker text as written (`[1.18]`, `[cherry-pick]`, `release-1.17:`), or ''. */
  cherryPick: string;
  /** Versions a cherry-pick marker names (`1.18`). */
  versions: string[];
  wip: boolean;
  summary: string;
}

// Forms seen in merged Velero PRs, plus the documented `[release-X.Y CP]`.
const CP_PATTERNS: RegExp[] = [
  /^\[\s*release-(\d+\.\d+)\s+CP\s*\]\s*/i,
  /^\[\s*cherry[- ]?pick\s*\]\s*(?:\[\s*(?:release-)?(\d+\.\d+)\s*\]\s*)?/i,
  /^\[\s*(?:release-)?(\d+\.\d+)(?:\.\d+)?\s*(?:CP|cherry[- ]?pick)?\s*\]\s*/i,
  /^(?:release-)?(\d+\.\d+)\s*:\s*/i,
  /^(?:cherry[- ]?pick(?:ed)?|backport|CP)\b(?:\s+(?:of|to|for|into))?(?:\s+(?:release-)?(\d+\.\d+)\b)?\s*:?\s*/i,
];
const WIP = /^\s*(?:\[\s*(?:wip|draft|do not merge)\s*\]|\(\s*(?:wip|draft)\s*\)|(?:wip|draft|do not merge)\s*[:\-]|wip\b)\s*/i;

export function parseTitle(title: string): TitleParts {
  let rest = title.trim();
  let wip = false;
  let cherryPick = '';
  const versions: string[] = [];
  // Markers may come in either order and repeat ("[WIP] [1.18] ...").
  for (let changed = true; changed; ) {
    changed = false;
    const w = rest.match(WIP);
    if (w && w[0]) {
      wip = true;
      rest = rest.slice(w[0].length);
      changed = true;
    }
    for (const re of CP_PATTERNS) {
      const m = rest.match(re);
      if (m && m[0]) {
        cherryPick += m[0];
        for (const v of m.slice(1)) if (v) versions.push(v);
        rest = rest.slice(m[0].length);
        changed = true;
        break;
      }
    }
  }
  // Release-collection titles put the word last: "v1.3.1 cherrypicks", "0.9 backports".
  if (!cherryPick) {
    const tail = rest.match(/\b(?:cherry[- ]?picks?|backports?)\b/i);
    if (tail) {
      cherryPick = tail[0];
      const v = rest.match(/\bv?(\d+\.\d+)(?:\.\d+)?\b/i);
      if (v) versions.push(v[1]!);
    }
  }
  return { cherryPick: cherryPick.trim(), versions, wip, summary: rest.trim() };
}
