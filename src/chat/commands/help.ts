import type { ChatCommand } from '../types.js';

export function helpCommand(list: () => ChatCommand[]): ChatCommand {
  return {
    name: 'help',
    summary: 'what this bot can do',
    usage: 'help',
    async run() {
      const lines = list().map((c) => `• \`${c.usage}\`: ${c.summary}`);
      return {
        title: 'Onramp: your guide to contributing to Velero',
        body: [
          'Ask me about Velero internals and how to contribute upstream; I answer from the contributor guide and cite it.',
          '',
          ...lines,
        ].join('\n'),
        citations: [],
        sources: [],
      };
    },
  };
}
