import type { ChatCommand } from '../types.js';

/** A command whose feature has not landed yet: says so instead of pretending. */
export function notYetCommand(name: string, summary: string, usage: string): ChatCommand {
  return {
    name,
    summary: `${summary} (not yet available)`,
    usage,
    async run() {
      return { title: 'Not yet available', body: `\`${name}\` is not available yet in this version.`, citations: [], sources: [] };
    },
  };
}
