import type { Rule } from '../types.js';

/** A user-facing change (CLI, API types, install) usually wants a docs change too. */
export const docsHint: Rule = {
  id: 'docs',
  needs: ['files'],
  check(pr, c) {
    const paths = pr.files!.map((f) => f.path);
    const facing = paths.filter((p) => c.userFacingPaths.some((u) => p.startsWith(u)) && !p.endsWith('_test.go'));
    if (!facing.length || paths.some((p) => p.startsWith(c.docsPath))) return [];
    const shown = facing.slice(0, 3).join(', ');
    return [
      {
        rule: this.id,
        severity: 'info',
        message: `User-facing code changes (${shown}${facing.length > 3 ? ', ...' : ''}) with no change under ${c.docsPath}.`,
        fix: `Update the matching page in ${c.docsPath} (flags, API fields, install options), or say in the description why no docs are needed.`,
      },
    ];
  },
};
