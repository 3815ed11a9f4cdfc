// The errors every layer shares, and the one-line message each becomes. Each means "the
// user can fix this" (exit 2 on the command line, a plain reply in chat); anything else is
// unexpected (exit 1, logged).

/** Bad user input: an empty question, a malformed flag value, an unknown area. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Bad environment: a variable set to something unusable, a half-configured platform. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A knowledge file that cannot be used; the message names the file. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
  }
}

/** One line for the user and an exit code: 2 for what the user can fix, 1 for the rest. */
export function describeError(err: unknown): { message: string; exitCode: number } {
  if (err instanceof InputError || err instanceof ConfigError || err instanceof KnowledgeError) {
    return { message: err.message, exitCode: 2 };
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return { message: `unexpected error: ${message}`, exitCode: 1 };
}
