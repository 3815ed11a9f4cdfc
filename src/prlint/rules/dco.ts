import type { Rule } from '../types.js';

export const dcoSignOff: Rule = {
  id: 'dco',
  needs: ['commits'],
  check(pr, c) {
    const trailer = new RegExp(`^${c.signOffTrailer.replace(/[-]/g, '[-]')}\\s*(.+?)\\s*<([^>]+)>\\s*$`, 'im');
    const unsigned: string[] = [];
    const mismatched: string[] = [];
    for (const commit of pr.commits!) {
      if (/^Merge (branch|pull request|remote-tracking)/.test(commit.message)) continue;
      const m = commit.message.match(trailer);
      if (!m) unsigned.push(commit.sha.slice(0, 7));
      else if (commit.authorEmail && m[2]!.toLowerCase() !== commit.authorEmail.toLowerCase()) mismatched.push(commit.sha.slice(0, 7));
    }
    const n = pr.commits!.length;
    const findings = [];
    if (unsigned.length) {
      findings.push({
        rule: this.id,
        severity: 'error' as const,
        message: `${unsigned.length} of ${n} commits lack a "${c.signOffTrailer}" trailer: ${unsigned.join(', ')}.`,
        fix: `git rebase --signoff HEAD~${n} && git push --force-with-lease (and commit with git commit -s from now on)`,
      });
    }
    if (mismatched.length) {
      findings.push({
        rule: this.id,
        severity: 'warning' as const,
        message: `The sign-off e-mail differs from the commit author's e-mail in ${mismatched.join(', ')}; the DCO check compares them.`,
        fix: `git config user.email <the e-mail you sign with>, then git rebase --signoff HEAD~${n} && git push --force-with-lease`,
      });
    }
    return findings;
  },
};
