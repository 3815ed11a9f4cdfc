import { suggestTitle } from '../suggest.js';
import { parseTitle } from '../title-parts.js';
import type { Rule } from '../types.js';

/** Cherry-pick titles: documented `[release-X.Y CP]`; other forms in use are accepted. */
export const cherryPickTitle: Rule = {
  id: 'cherry-pick-title',
  needs: ['base'],
  check(pr, c) {
    const parts = parseTitle(pr.title);
    const release = pr.base!.match(new RegExp(c.releaseBranchPattern));
    const documented = (v: string) => c.documentedCherryPickForm.replace('{version}', v);

    if (!release) {
      // A release-collection title ("v1.3.1 cherrypicks") carries the word in its summary: not a marker to drop.
      const prefixMarker = parts.cherryPick && !parts.summary.includes(parts.cherryPick);
      if (prefixMarker && parts.versions.length) {
        return [
          {
            rule: this.id,
            severity: 'warning',
            message: `The title says "${parts.cherryPick}" but the PR targets ${pr.base}, not a release branch.`,
            fix: `Change the base branch to release-${parts.versions[0]}, or drop the marker: "${suggestTitle(pr, c)}".`,
          },
        ];
      }
      return [];
    }
    const version = release[1]!;
    // The suggested title carries the documented marker and resolves the title rules too.
    const want = suggestTitle(pr, c);
    if (!parts.cherryPick) {
      return [
        {
          rule: this.id,
          severity: 'warning',
          message: `The PR targets ${pr.base} but its title has no cherry-pick marker.`,
          // Velero's backport workflow (.github/copilot-instructions.md) can open the cherry-pick itself.
          fix: `"${want}" (and open it only after the original PR to ${c.defaultBranch} is merged; or comment "/backport ${pr.base}" (or "/cherrypick ${pr.base}") on the original PR before it merges, and Velero's backport workflow opens this PR for you).`,
        },
      ];
    }
    const wrong = parts.versions.filter((v) => v !== version);
    if (wrong.length) {
      return [
        {
          rule: this.id,
          severity: 'error',
          message: `The title names ${wrong.join(', ')} but the PR targets ${pr.base}.`,
          fix: `"${want}", or change the base branch to release-${wrong[0]}.`,
        },
      ];
    }
    if (parts.cherryPick.toLowerCase() !== documented(version).toLowerCase()) {
      return [
        {
          rule: this.id,
          severity: 'info',
          message: `Cherry-pick marker "${parts.cherryPick}" is accepted; the documented form is "${documented(version)}".`,
          fix: `"${want}"`,
        },
      ];
    }
    return [];
  },
};
