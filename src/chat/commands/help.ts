import type { ChatCommand } from '../types.js';

export const helpCommand: ChatCommand = {
  name: 'help',
  description: 'What this bot can do',
  usage: 'help',
  options: [],
  ephemeral: true,
  threaded: false,
  async run(_req, _args, ctx) {
    const lines = ctx.commands.map((c) => `• \`${c.usage}\`: ${c.description}`);
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
