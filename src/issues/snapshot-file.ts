import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IssuesSnapshot } from './types.js';
import { KnowledgeError } from '../errors.js';

export const ISSUES_FILE = 'velero-issues.json';

export function loadIssuesSnapshot(knowledgeDir: string): IssuesSnapshot {
  const path = join(knowledgeDir, 'upstream', ISSUES_FILE);
  let data: IssuesSnapshot;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as IssuesSnapshot;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'not valid JSON';
    throw new KnowledgeError(path, `issues snapshot cannot be read (${why}); run onramp sync`);
  }
  const ok =
    data && typeof data.fetchedAt === 'string' && Array.isArray(data.issues) &&
    data.issues.every((i) => Number.isInteger(i?.number) && typeof i.title === 'string' && Array.isArray(i.labels));
  if (!ok) throw new KnowledgeError(path, 'issues snapshot is malformed (needs fetchedAt and issues with number, title, labels); run onramp sync');
  return {
    ...data,
    issues: data.issues.map((i) => ({
      ...i,
      url: i.url ?? `https://github.com/${data.repo}/issues/${i.number}`,
      assignees: Array.isArray(i.assignees) ? i.assignees : [],
      comments: typeof i.comments === 'number' ? i.comments : null,
      createdAt: i.createdAt ?? null,
      updatedAt: i.updatedAt ?? null,
      body: i.body ?? '',
    })),
    openPullRequests: Array.isArray(data.openPullRequests) ? data.openPullRequests : [],
  };
}

export function saveIssuesSnapshot(knowledgeDir: string, snap: IssuesSnapshot): string {
  const path = join(knowledgeDir, 'upstream', ISSUES_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(snap, null, 1)}\n`);
  renameSync(`${path}.tmp`, path);
  return path;
}
