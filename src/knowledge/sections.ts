// The twelve guide sections fixed by design.md. The ids are a contract: tests, the eval
// files and chat citations all name sections by these ids.

export type Part = 'Foundations' | 'Internals' | 'Extensions' | 'Contributing';

export interface SectionInfo {
  id: string;
  title: string;
  part: Part;
  /** Public guide page of the same topic. */
  guideUrl: string;
}

export const GUIDE_BASE_URL = 'https://things-wtf-new.pages.dev/k8s/velero';

const table: Array<[string, string, Part, string]> = [
  ['overview-and-design', 'Overview and Design', 'Foundations', 'foundations/overview'],
  ['architecture', 'Architecture', 'Foundations', 'foundations/architecture'],
  ['core-crds', 'Core CRDs', 'Foundations', 'foundations/crds'],
  ['backup-mechanics', 'Backup Mechanics', 'Internals', 'internals/backup'],
  ['restore-mechanics', 'Restore Mechanics', 'Internals', 'internals/restore'],
  ['controller-deep-dive', 'Controller Deep Dive', 'Internals', 'internals/controllers'],
  ['hooks-system', 'Hooks System', 'Internals', 'internals/hooks'],
  ['plugin-system', 'Plugin System', 'Extensions', 'extensions/plugins'],
  ['node-agent-and-kopia', 'Node Agent and Kopia', 'Extensions', 'extensions/node-agent-kopia'],
  ['csi-snapshots', 'CSI Snapshots', 'Extensions', 'extensions/csi-snapshots'],
  ['codebase-tour', 'Codebase Tour', 'Contributing', 'contributing/codebase-tour'],
  ['contributing-upstream', 'Contributing Upstream', 'Contributing', 'contributing/upstream'],
];

export const SECTIONS: readonly SectionInfo[] = table.map(([id, title, part, path]) => ({
  id,
  title,
  part,
  guideUrl: `${GUIDE_BASE_URL}/${path}`,
}));

export const SECTION_IDS: readonly string[] = SECTIONS.map((s) => s.id);

export function sectionInfo(id: string): SectionInfo | undefined {
  return SECTIONS.find((s) => s.id === id);
}
