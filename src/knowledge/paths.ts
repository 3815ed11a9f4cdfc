// Where the packaged knowledge lives: knowledge/ at the package root, the same relative path
// from src/ and from dist/ (and from the bundled Action). Kept apart from the knowledge base so
// that what needs only the path (the PR check, the Action) loads nothing else.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Two levels up from src/knowledge/ or dist/knowledge/; one from the Action's action/index.mjs. */
export const PACKAGE_ROOT = [join(HERE, '..', '..'), join(HERE, '..')].find((d) => existsSync(join(d, 'knowledge', 'upstream'))) ?? join(HERE, '..', '..');
export const KNOWLEDGE_DIR = join(PACKAGE_ROOT, 'knowledge');
