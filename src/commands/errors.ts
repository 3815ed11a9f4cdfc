// Maps any error to one line for the user and an exit code: 2 for bad usage or input
// (including broken knowledge files and configuration), 1 for anything unexpected.

import { InputError } from '../answer/input.js';
import { ConfigError } from '../config.js';
import { KnowledgeError } from '../knowledge/types.js';

export function describeError(err: unknown): { message: string; exitCode: number } {
  if (err instanceof InputError || err instanceof ConfigError || err instanceof KnowledgeError) {
    return { message: err.message, exitCode: 2 };
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return { message: `unexpected error: ${message}`, exitCode: 1 };
}
