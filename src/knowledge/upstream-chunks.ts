// Turns the upstream snapshot into retrievable passages, so "what label for CSI bugs?",
// "who maintains velero?", "which make target runs unit tests?" and "where is the restore
// code?" are answered from Velero's own metadata with links to the file it came from.
// These passages feed answers and source links; citations stay with guide sections.
// Every line is a whole sentence naming its subject, so any one of them can be quoted alone.

import type { Chunk } from '../retrieval/types.js';
import type { UpstreamSnapshot } from '../upstream/snapshot-types.js';
import { upstreamUrl } from './upstream-paths.js';

export const UPSTREAM_SECTION = 'upstream';
const TITLE = 'Velero repository';

/** Top-level folders whose sub-folders get a "where is ..." passage each. */
const CODE_ROOTS = ['pkg', 'cmd', 'internal', 'test', 'hack', 'design', 'changelogs', 'config', 'tilt-resources'];
const MAX_DEPTH = 3;
/** Files named in one folder's passage. */
const MAX_FILES_NAMED = 25;

interface Passage {
  slug: string;
  heading: string;
  text: string;
  sources: string[];
}

const code = (xs: string[]) => xs.map((x) => `\`${x}\``).join(', ');
const lines = (...xs: Array<string | false | undefined>) => xs.filter(Boolean).join('\n');

/** One builder per kind of repository metadata; each returns nothing when the snapshot lacks it. */
const BUILDERS: Array<(s: UpstreamSnapshot) => Passage | undefined> = [
  function labels(s) {
    if (!s.labels.area.length && !s.labels.kind.length) return undefined;
    return {
      slug: 'labels',
      heading: 'Labels: area and kind labels for issues and pull requests',
      text: [
        'Velero labels issues and PRs by area and by kind; the values are listed in `.github/labels.yaml` and applied with the Prow comments `/area <value>` and `/kind <value>`.',
        `Velero's area labels are ${code(s.labels.area.map((a) => `area/${a}`))}.`,
        `Velero's kind labels are ${code(s.labels.kind.map((k) => `kind/${k}`))}.`,
        'For example, a bug in CSI snapshot handling gets `/area CSI` (older issues carry the label `Area/CSI`) and the `Bug` label.',
      ].join('\n\n'),
      sources: ['.github/labels.yaml'],
    };
  },
  function automaticLabels(s) {
    const labeled = Object.entries(s.labeler);
    if (!labeled.length) return undefined;
    return {
      slug: 'automatic-pr-labels',
      heading: 'Automatic PR labels by changed paths',
      text: lines(
        'A workflow labels each Velero pull request by the paths it changes (`.github/labeler.yml`):',
        ...labeled.map(([label, globs]) => `- The \`${label}\` label is added when a PR changes ${code(globs)}.`),
      ),
      sources: ['.github/labeler.yml'],
    };
  },
  function maintainers(s) {
    if (!s.maintainers.active.length) return undefined;
    const r = s.reviewAssignment;
    return {
      slug: 'maintainers',
      heading: 'Maintainers and reviewers: who maintains Velero',
      text: [
        `Velero's maintainers are ${code(s.maintainers.active)} (\`MAINTAINERS.md\`).`,
        s.maintainers.emeritus.length ? `Velero's emeritus maintainers are ${code(s.maintainers.emeritus)}.` : '',
        s.owners.approvers.length ? `Velero's \`OWNERS\` file lists who may \`/approve\` (${code(s.owners.approvers)}) and \`/lgtm\`.` : '',
        r.defaultReviewers.length
          ? `Reviewers for a Velero PR are requested automatically from the ${code(r.defaultReviewers)} group${r.numberOfReviewers ? ` (${r.numberOfReviewers} per PR)` : ''}, and the author is assigned to their own PR (\`.github/auto-assignees.yml\`).`
          : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      sources: ['MAINTAINERS.md', 'OWNERS', '.github/auto-assignees.yml'],
    };
  },
  function makeTargets(s) {
    if (!s.makeTargets.length) return undefined;
    const described = s.makeTargets.map((t) => ({ name: t.name, sentence: describeTarget(t.name, t.description) }));
    const plain = described.filter((t) => !t.sentence).map((t) => `make ${t.name}`);
    return {
      slug: 'make-targets',
      heading: 'Makefile targets: make commands for building, testing and verifying',
      text: lines(
        "Velero's `Makefile` has these targets for contributors:",
        ...described.filter((t) => t.sentence).map((t) => `- ${t.sentence}`),
        plain.length > 0 && `- Velero's \`Makefile\` also has the targets ${code(plain)}.`,
      ),
      sources: ['Makefile'],
    };
  },
  function workflows(s) {
    if (!s.workflows.length) return undefined;
    return {
      slug: 'ci-workflows',
      heading: 'CI workflows: GitHub Actions checks on pull requests',
      text: lines(
        "Velero's GitHub Actions workflows live in `.github/workflows/`:",
        ...s.workflows.map((w) => `- The "${w.name}" workflow is \`.github/workflows/${w.file}\`.`),
      ),
      sources: ['.github/workflows/'],
    };
  },
  function prTemplate(s) {
    if (!s.prTemplate.checklist.length) return undefined;
    return {
      slug: 'pull-request-template',
      heading: 'Pull request template: description and checklist',
      text: lines(
        `Velero's pull request template (\`.github/pull_request_template.md\`) asks for: ${s.prTemplate.headings.join('; ')}.`,
        "The pull request template's checklist asks the author to confirm:",
        ...s.prTemplate.checklist.map((c) => `- ${c}`),
      ),
      sources: ['.github/pull_request_template.md'],
    };
  },
  function issueTemplates(s) {
    if (!s.issueTemplates.length) return undefined;
    return {
      slug: 'issue-templates',
      heading: 'Issue templates: reporting a bug or requesting a feature',
      text: lines(
        'New Velero issues start from a template in `.github/ISSUE_TEMPLATE/`:',
        ...s.issueTemplates.map((t) => `- The "${t.name}" template (\`.github/ISSUE_TEMPLATE/${t.file}\`) is described as "${t.about.trim()}".`),
      ),
      sources: ['.github/ISSUE_TEMPLATE/'],
    };
  },
];

export function upstreamChunks(s: UpstreamSnapshot, repo: string): Chunk[] {
  const toChunk = (p: Passage): Chunk => ({
    id: `${UPSTREAM_SECTION}#${p.slug}`,
    section: UPSTREAM_SECTION,
    sectionTitle: TITLE,
    headingPath: [TITLE, p.heading],
    anchor: p.slug,
    text: p.text,
    url: upstreamUrl(repo, s.commit, p.sources[0] ?? ''),
    sources: p.sources,
  });
  const passages = BUILDERS.map((build) => build(s)).filter((p): p is Passage => p !== undefined);
  return [...passages, ...directoryPassages(s.files)].map(toChunk);
}

/**
 * A target's Makefile comment or recipe as a sentence, or nothing when neither says
 * anything on its own (an `echo`, a recipe cut off mid-quote, a pointer to another rule).
 */
function describeTarget(name: string, description: string): string | undefined {
  const d = description.trim();
  const recipe = d.match(/^runs: (.+)$/)?.[1]?.trim();
  if (recipe !== undefined) {
    const cut = (recipe.match(/"/g) ?? []).length % 2 === 1 || recipe.endsWith('\\') || /^(@?echo|\$\((error|eval|info|warning))\b/.test(recipe);
    return cut ? undefined : `The \`make ${name}\` target runs \`${recipe}\`.`;
  }
  // The snapshot keeps at most a few hundred characters of a comment; a long one may be cut.
  if (!d || d.length > 180 || /^(example|see|if you want)\b/i.test(d) || (d.match(/"/g) ?? []).length % 2 === 1) return undefined;
  return `The \`make ${name}\` target, as the \`Makefile\` puts it: ${d.replace(/\.?$/, '.')}`;
}

/** One passage per source folder: where its code is and which files it holds. */
function directoryPassages(files: string[]): Passage[] {
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
  const out: Passage[] = [];
  for (const [dir, names] of byDir) {
    const sourceFiles = names.filter((n) => !n.endsWith('_test.go') && !n.includes('/'));
    const tests = names.filter((n) => n.endsWith('_test.go')).length;
    const base = dir.split('/').pop()!;
    // The file named after its folder is usually the entry point (pkg/restore/restore.go).
    const key = sourceFiles.filter((n) => n.replace(/\.go$/, '') === base).concat(sourceFiles.filter((n) => n.endsWith('.go'))).slice(0, 3);
    const words = dir.replace(/[/_-]+/g, ' ');
    const more = sourceFiles.length > MAX_FILES_NAMED ? ` and ${sourceFiles.length - MAX_FILES_NAMED} more` : '';
    const text = [
      `The \`${dir}/\` folder (${words}) holds ${names.length} files${tests ? `, ${tests} of them Go tests` : ''}.`,
      sourceFiles.length ? `The files in \`${dir}/\` include ${code(sourceFiles.slice(0, MAX_FILES_NAMED))}${more}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    out.push({ slug: `dir-${dir.replace(/[^\w]+/g, '-')}`, heading: `Where the ${words} code lives: ${dir}/`, text, sources: [`${dir}/`, ...key.map((k) => `${dir}/${k}`)] });
  }
  return out;
}
