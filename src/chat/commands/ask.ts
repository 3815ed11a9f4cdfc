import { ask } from '../../answer/ask.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { ChatCommand } from '../types.js';

export function askCommand(kb: KnowledgeBase, repo: string): ChatCommand {
  return {
    name: 'ask',
    summary: 'answer a question about contributing to Velero, with sources',
    usage: 'ask <question>  (or just type the question)',
    async run(req, args) {
      const question = String(req.options?.question ?? args);
      const r = ask(kb, question, { repo, context: req.context });
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
