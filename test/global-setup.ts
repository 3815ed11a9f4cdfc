import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });
  // Embeds the knowledge once (cached beside the index), so test files that load the model
  // in parallel read the vectors instead of each computing them.
  execFileSync(process.execPath, ['dist/cli.js', 'status'], { stdio: 'ignore', env: { ...process.env, ONRAMP_EMBEDDINGS: 'local' } });
}
