// Turns the upstream snapshot into retrievable passages, so "what label for CSI bugs?",
// "who maintains velero?", "which make target runs unit tests?" and "where is the restore
// code?" are answered from Velero's own metadata with links to the file it came from.
// These passages feed answers and source links; citations stay with guide sections.

import type { Chunk } from '../retrieval/types.js';
import { upstreamUrl } from './upstream-paths.js';
import type { UpstreamSnapshot } from '../upstream/snapshot-types.js';

export const UPSTREAM_SECTION = 'upstream';
const TITLE = 'Velero repository';

/** Top-level folders whose sub-folders get a "where is ..." passage each. */
const CODE_ROOTS = ['pkg', 'cmd', 'internal', 'test', 'hack', 'design', 'changelogs', 'config', 'tilt-resources'];
const MAX_DEPTH = 3;

export function upstreamChunks(s: UpstreamSnapshot, repo: string): Chunk[] {
  const link = (path: string) => upstreamUrl(repo, s.commit, path);
  const chunk = (slug: string, heading: string, text: string, sources: string[]): Chunk => ({
    id: `${UPSTREAM_SECTION}#${slug}`,
    section: UPSTREAM_SECTION,
    sectionTitle: TITLE,
    headingPath: [TITLE, heading],
    anchor: slug,
    text,
    url: link(sources[0] ?? ''),
    sources,
  });
  const code = (xs: string[]) => xs.map((x) => `\`${x}\``).join(', ');
  const out: Chunk[] = [];

  if (s.labels.area.length || s.labels.kind.length) {
    out.push(
      chunk(
        'labels',
        'Labels: area and kind labels for issues and pull requests',
        [
          `Velero labels issues and PRs by area and by kind; the values are listed in \`.github/labels.yaml\` and applied with the Prow comments \`/area <value>\` and \`/kind <value>\`.`,
          `Area labels: ${code(s.labels.area.map((a) => `area/${a}`))}.`,
          `Kind labels: ${code(s.labels.kind.map((k) => `kind/${k}`))}.`,
          `For example, a bug in CSI snapshot handling gets \`/area CSI\` (older issues carry the label \`Area/CSI\`) and the \`Bug\` label.`,
        ].join('\n\n'),
        ['.github/labels.yaml'],
      ),
    );
  }
  const labeled = Object.entries(s.labeler);
  if (labeled.length) {
    out.push(
      chunk(
        'automatic-pr-labels',
        'Automatic PR labels by changed paths',
        [
          'A workflow labels each pull request by the paths it changes (`.github/labeler.yml`).',
          ...labeled.map(([label, globs]) => `- \`${label}\`: when the PR changes ${code(globs)}.`),
        ].join('\n'),
        ['.github/labeler.yml'],
      ),
    );
  }
  if (s.maintainers.active.length) {
    const r = s.reviewAssignment;
    out.push(
      chunk(
        'maintainers',
        'Maintainers and reviewers: who maintains Velero',
        [
          `Velero's maintainers are ${code(s.maintainers.active)} (\`MAINTAINERS.md\`).`,
          s.maintainers.emeritus.length ? `Emeritus maintainers: ${code(s.maintainers.emeritus)}.` : '',
          s.owners.approvers.length ? `The \`OWNERS\` file lists who may \`/approve\` (${code(s.owners.approvers)}) and \`/lgtm\`.` : '',
          r.defaultReviewers.length
            ? `Reviewers are requested automatically from the ${code(r.defaultReviewers)} group${r.numberOfReviewers ? ` (${r.numberOfReviewers} per PR)` : ''}, and the author is assigned to their own PR (\`.github/auto-assignees.yml\`).`
            : '',
        ]
          .filter(Boolean)
          .join('\n\n'),
        ['MAINTAINERS.md', 'OWNERS', '.github/auto-assignees.yml'],
      ),
    );
  }
  if (s.makeTargets.length) {
    out.push(
      chunk(
        'make-targets',
        'Makefile targets: make commands for building, testing and verifying',
        [
          'The `Makefile` targets a contributor runs:',
          ...s.makeTargets.map((t) => `- \`make ${t.name}\`${t.description ? `: ${t.description}` : ''}`),
        ].join('\n'),
        ['Makefile'],
      ),
    );
  }
  if (s.workflows.length) {
    out.push(
      chunk(
        'ci-workflows',
        'CI workflows: GitHub Actions checks on pull requests',
        ['The GitHub Actions workflows in `.github/workflows/`:', ...s.workflows.map((w) => `- ${w.name} (\`.github/workflows/${w.file}\`)`)].join('\n'),
        ['.github/workflows/'],
      ),
    );
  }
  if (s.prTemplate.checklist.length) {
    out.push(
      chunk(
        'pull-request-template',
        'Pull request template: description and checklist',
        [
          `The pull request template (\`.github/pull_request_template.md\`) asks for: ${s.prTemplate.headings.join('; ')}.`,
          'Its checklist:',
          ...s.prTemplate.checklist.map((c) => `- ${c}`),
        ].join('\n'),
        ['.github/pull_request_template.md'],
      ),
    );
  }
  if (s.issueTemplates.length) {
    out.push(
      chunk(
        'issue-templates',
        'Issue templates: reporting a bug or requesting a feature',
        ['New issues start from a template in `.github/ISSUE_TEMPLATE/`:', ...s.issueTemplates.map((t) => `- ${t.name}: ${t.about} (\`.github/ISSUE_TEMPLATE/${t.file}\`)`)].join('\n'),
        ['.github/ISSUE_TEMPLATE/'],
      ),
    );
  }
  out.push(...directoryChunks(s.files, chunk));
  return out;
}

/** One passage per source folder: where its code is and which files it holds. */
function directoryChunks(files: string[], chunk: (slug: string, heading: string, text: string, sources: string[]) => Chunk): Chunk[] {
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const parts = f.split('/');
    if (!CODE_ROOTS.includes(parts[0]!) || parts.length < 2) continue;
    const depth = Math.min(parts.length - 1, MAX_DEPTH);
    const dir = parts.slice(0, depth).join('/');
    if (/(^|\/)(testdata|mocks?|fake)(\/|$)/.test(dir)) continue;
    const list = byDir.get(dir) ?? [];
    list.push(parts.slice(depth).join('/'));
    byDir.set(dir, list);
  }
  const out: Chunk[] = [];
  for (const [dir, names] of byDir) {
    const code = names.filter((n) => !n.endsWith('_test.go') && !n.includes('/'));
    const tests = names.filter((n) => n.endsWith('_test.go')).length;
    const base = dir.split('/').pop()!;
    // The file named after its folder is usually the entry point (pkg/restore/restore.go).
    const key = code.filter((n) => n.replace(/\.go$/, '') === base).concat(code.filter((n) => n.endsWith('.go'))).slice(0, 3);
    const words = dir.replace(/[/_-]+/g, ' ');
    const text = [
      `The \`${dir}/\` folder (${words}) holds ${names.length} files${tests ? `, ${tests} of them Go tests` : ''}.`,
      code.length ? `Files: ${code.slice(0, 25).map((n) => `\`${n}\``).join(', ')}${code.length > 25 ? ` and ${code.length - 25} more` : ''}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    out.push(chunk(`dir-${dir.replace(/[^\w]+/g, '-')}`, `Where the ${words} code lives: ${dir}/`, text, [`${dir}/`, ...key.map((k) => `${dir}/${k}`)]));
  }
  return out;
}
