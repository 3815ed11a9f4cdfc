// Reads Velero's metadata files through a RepoReader and assembles the snapshot.

import { parseLabelerRules } from './labeler-rules.js';
import {
  parseIssueTemplate,
  parseLabeler,
  parseLabels,
  parseMaintainers,
  parseMakeTargets,
  parseOwners,
  parsePrTemplate,
  parseReviewAssignment,
  parseWorkflowName,
} from './parse-metadata.js';
import type { RepoReader, UpstreamSnapshot } from './snapshot-types.js';

export const METADATA_FILES = {
  labels: '.github/labels.yaml',
  labeler: '.github/labeler.yml',
  maintainers: 'MAINTAINERS.md',
  owners: 'OWNERS',
  reviewAssignment: '.github/auto-assignees.yml',
  makefile: 'Makefile',
  prTemplate: '.github/pull_request_template.md',
} as const;

export async function buildSnapshot(reader: RepoReader, repo: string, now = new Date()): Promise<UpstreamSnapshot> {
  const head = await reader.head();
  const files = (await reader.listFiles()).sort();
  const missing: string[] = [];
  const read = async (path: string) => {
    const text = await reader.readFile(path);
    if (text === undefined) missing.push(path);
    return text ?? '';
  };

  const workflowFiles = files.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f));
  const templateFiles = files.filter((f) => /^\.github\/ISSUE_TEMPLATE\/[^/]+\.md$/.test(f));
  const [labels, labeler, maintainers, owners, review, makefile, prTemplate] = await Promise.all([
    read(METADATA_FILES.labels),
    read(METADATA_FILES.labeler),
    read(METADATA_FILES.maintainers),
    read(METADATA_FILES.owners),
    read(METADATA_FILES.reviewAssignment),
    read(METADATA_FILES.makefile),
    read(METADATA_FILES.prTemplate),
  ]);
  const workflows = [];
  for (const file of workflowFiles) {
    const name = parseWorkflowName((await reader.readFile(file)) ?? '');
    workflows.push({ file: file.slice('.github/workflows/'.length), name: name ?? file });
  }
  const issueTemplates = [];
  for (const file of templateFiles) {
    const t = parseIssueTemplate((await reader.readFile(file)) ?? '');
    if (t) issueTemplates.push({ file: file.slice('.github/ISSUE_TEMPLATE/'.length), ...t });
  }

  return {
    repo,
    commit: head.sha,
    commitDate: head.date,
    syncedAt: now.toISOString(),
    via: reader.describe().startsWith('git') ? 'git' : 'api',
    labels: parseLabels(labels),
    labeler: parseLabeler(labeler),
    labelerRules: parseLabelerRules(labeler),
    maintainers: parseMaintainers(maintainers),
    owners: parseOwners(owners),
    reviewAssignment: parseReviewAssignment(review),
    makeTargets: parseMakeTargets(makefile),
    workflows,
    prTemplate: parsePrTemplate(prTemplate),
    issueTemplates,
    files,
    missing,
  };
}
