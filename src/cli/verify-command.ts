// `onramp verify --from-git DIR [--rev REV] [--json]`: exit 0 clean, 1 with errors, 2 on bad input.

import { InputError } from '../errors.js';
import { KNOWLEDGE_DIR } from '../knowledge/knowledge-base.js';
import type { VerifyFinding, VerifyReport } from '../verify/verify.js';

export async function runVerify(opts: { fromGit?: string; rev?: string; json?: boolean; knowledgeDir?: string; out?: (s: string) => void }): Promise<number> {
  if (!opts.fromGit?.trim()) throw new InputError('verify needs --from-git DIR (a clone of Velero)');
  const out = opts.out ?? ((s: string) => process.stdout.write(s));
  const { join } = await import('node:path');
  const { loadGuide } = await import('../knowledge/load-guide.js');
  const { openGitHistory } = await import('../upstream/git-history.js');
  const { verifyGuide } = await import('../verify/verify.js');
  const sections = loadGuide(join(opts.knowledgeDir ?? KNOWLEDGE_DIR, 'guide'));
  const git = await openGitHistory(opts.fromGit);
  const report = await verifyGuide(sections, git, opts.rev ?? 'HEAD');
  if (opts.json) {
    const { checkedDate: _d, ...shape } = report;
    out(`${JSON.stringify(shape)}\n`);
  } else {
    out(formatVerify(report));
  }
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

const HEADINGS: Record<VerifyFinding['severity'], string> = {
  error: 'Errors: claims that cannot be true as written (fix the guide)',
  warning: 'Warnings: cited code changed (re-read the claim against the code)',
  info: 'New upstream changes the guide may need to mention',
};

export function formatVerify(r: VerifyReport): string {
  const lines = [`Guide pinned at ${r.pinned.slice(0, 12)}, checked against ${r.checked.slice(0, 12)} (${r.checkedDate.slice(0, 10)}).`];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const list = r.findings.filter((f) => f.severity === severity);
    if (!list.length) continue;
    lines.push('', `${HEADINGS[severity]}: ${list.length}`);
    for (const f of list) {
      lines.push(`  [${f.section}] ${f.kind}: ${f.detail}`);
      if (f.claim) lines.push(`      claim: ${f.claim.length > 200 ? `${f.claim.slice(0, 199)}…` : f.claim}`);
    }
  }
  const count = (s: VerifyFinding['severity']) => r.findings.filter((f) => f.severity === s).length;
  lines.push('', `${count('error')} errors, ${count('warning')} warnings, ${count('info')} upstream changes.`);
  if (!count('error')) lines.push('No claim is contradicted by a missing path or identifier; set upstreamCommit to the checked commit once the warnings are read.');
  return `${lines.join('\n')}\n`;
}
