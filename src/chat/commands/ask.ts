import type { Answerer } from '../../answer/answerer.js';
import type { ChatCommand } from '../types.js';

export function askCommand(answerer: Answerer): ChatCommand {
  return {
    name: 'ask',
    summary: 'answer a question about contributing to Velero, with sources',
    usage: 'ask <question>  (or just type the question)',
    async run(req, args) {
      const question = String(req.options?.question ?? args);
      const r = await answerer.answer(question, { context: req.context, onPartial: req.onPartial });
      return {
        title: r.outOfScope ? "I don't know" : 'Answer',
        body: r.answer,
        citations: r.citations,
        sources: r.sources,
        outOfScope: r.outOfScope,
        question: r.question,
      };
    },
  };
}
