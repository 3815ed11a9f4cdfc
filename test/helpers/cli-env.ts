// Environment for a spawned `dist/cli.js`: the caller's environment without any Onramp,
// platform or LLM settings (so a developer's real tokens or store never leak into a test),
// plus a data directory (and so the embedded database) in a fresh temporary directory,
// plus whatever the test needs.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SCRUBBED_PREFIXES = ['OPENAI_', 'GITHUB_', 'DISCORD_', 'SLACK_', 'ONRAMP_'] as const;

export interface CliEnv {
  env: NodeJS.ProcessEnv;
  /** The temporary directory: ONRAMP_DATA_DIR, holding the database `onramp.db`. */
  dir: string;
}

/** process.env minus the scrubbed prefixes. */
export function scrubbedEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined) continue;
    if (SCRUBBED_PREFIXES.some((p) => k.toUpperCase().startsWith(p))) continue;
    out[k] = v;
  }
  return out;
}

/**
 * A clean environment with ONRAMP_DATA_DIR=<tmp> (ONRAMP_STORE unset: the embedded
 * database <tmp>/onramp.db), then `extra` on top (an `undefined` value removes the variable).
 */
export function cliEnvWithDir(extra: NodeJS.ProcessEnv = {}, prefix = 'onramp-cli-'): CliEnv {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env: NodeJS.ProcessEnv = {
    ...scrubbedEnv(),
    ONRAMP_DATA_DIR: dir,
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return { env, dir };
}

/** Just the environment of cliEnvWithDir. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}, prefix?: string): NodeJS.ProcessEnv {
  return cliEnvWithDir(extra, prefix).env;
}
