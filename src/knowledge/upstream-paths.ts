// Finds upstream repository paths named in guide text (`pkg/restore/restore.go`,
// `site/content/docs/main/`), so answers can link to the file they rest on.

const TOP_LEVEL = [
  'pkg', 'cmd', 'internal', 'site', 'design', 'hack', 'test', 'changelogs', 'config',
  'tilt-resources', '.github', 'examples', 'third_party',
];
const ROOT_FILES = [
  'Makefile', 'Tiltfile', 'Dockerfile', 'CONTRIBUTING.md', 'MAINTAINERS.md', 'GOVERNANCE.md',
  'SECURITY.md', 'ROADMAP.md', 'CODE_OF_CONDUCT.md', 'ADOPTERS.md', 'SUPPORT.md', 'go.mod',
  'golangci.yaml', '.golangci.yaml', 'README.md', 'LICENSE', 'OWNERS', 'CHANGELOG.md',
];

const pathRe = new RegExp(
  `^(?:(?:${TOP_LEVEL.map((t) => t.replace('.', '\\.')).join('|')})/[\\w./-]*|${ROOT_FILES.map((f) => f.replace(/\./g, '\\.')).join('|')})$`,
);

/** Backticked spans of `markdown` that look like repository paths, in order, deduplicated. */
export function findUpstreamPaths(markdown: string): string[] {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/`([^`\s]+)`/g)) {
    const candidate = m[1]!.replace(/[.,;:]+$/, '');
    if (candidate.includes('<') || candidate.includes('*') || candidate.includes('..')) continue;
    if (pathRe.test(candidate)) out.add(candidate);
  }
  return [...out];
}

export function upstreamUrl(repo: string, commit: string, path: string): string {
  const kind = path.endsWith('/') ? 'tree' : 'blob';
  return `https://github.com/${repo}/${kind}/${commit}/${path.replace(/\/$/, '')}`;
}
