// Bundles the GitHub Action into one file, action/index.mjs, that runs with no install and no
// build: `node scripts/bundle-action.mjs [OUTFILE]`. The bundle is committed; a test rebuilds it
// and compares, so it never drifts from src/.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = process.argv[2] ?? join(root, 'action', 'index.mjs');

await build({
  entryPoints: [join(root, 'src', 'action', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Bundled CommonJS dependencies call require() for Node's own modules.
  banner: { js: "import { createRequire as __onrampRequire } from 'node:module';\nconst require = __onrampRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
  absWorkingDir: root,
});
