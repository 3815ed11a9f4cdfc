import type { Rule } from '../types.js';

/**
 * The e-mail of the first `<trailer> Name <email>` line, or undefined. A scan per line, not
 * /^trailer\s*(.+?)\s*<([^>]+)>\s*$/im: that regex backtracks over every `<` of a long line.
 */
export function signOffEmail(message: string, trailer: string): string | undefined {
  const key = trailer.toLowerCase();
  for (const raw of message.split('\n')) {
    const line = raw.trim();
    if (!line.toLowerCase().startsWith(key) || !line.endsWith('>')) continue;
    const inner = line.slice(key.length, -1);
    // The e-mail is what follows the first `<` after the last `>` inside.
    const lt = inner.indexOf('<', inner.lastIndexOf('>') + 1);
    const email = lt < 0 ? '' : inner.slice(lt + 1);
    if (email) return email;
  }
  return undefined;
}

export const dcoSignOff: Rule = {
  id: 'dco',
  needs: ['commits'],
  check(pr, c) {
    const unsigned: string[] = [];
    const mismatched: string[] = [];
    for (const commit of pr.commits!) {
      if (/^Merge (branch|pull request|remote-tracking)/.test(commit.message)) continue;
      const email = signOffEmail(commit.message, c.signOffTrailer);
      if (email === undefined) unsigned.push(commit.sha.slice(0, 7));
      else if (commit.authorEmail && email.toLowerCase() !== commit.authorEmail.toLowerCase()) mismatched.push(commit.sha.slice(0, 7));
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
