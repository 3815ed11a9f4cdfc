// Builds dist/ when it is missing or older than any file under src/, so `npm start`
// and `npm run onramp` work straight after `npm ci` on a fresh clone.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', 'cli.js');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const stale = !existsSync(stamp) || statSync(stamp).mtimeMs < newest(join(root, 'src'));
if (stale) {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    process.stderr.write('onramp: build failed (run `npm run build` to see the errors)\n');
    process.exit(2);
  }
}
