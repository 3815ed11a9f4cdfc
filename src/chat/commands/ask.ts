import { outOfScopeAnswer } from '../../answer/ask.js';
import type { ChatCommand } from '../types.js';

export const askCommand: ChatCommand = {
  name: 'ask',
  description: 'Ask about Velero internals or contributing; answers cite the guide',
  usage: 'ask <question>  (or just type the question)',
  options: [{ name: 'question', description: 'Your question', type: 'string', required: true, maxLength: 2000 }],
  ephemeral: false,
  threaded: true,
  async run(req, args, ctx) {
    const question = String(req.options?.question ?? args);
    const r = await ctx.answerer.answer(question, { context: req.context, onPartial: req.onPartial });
    return {
      title: r.outOfScope ? "I don't know" : 'Answer',
      body: r.answer,
      citations: r.citations,
      sources: r.sources,
      outOfScope: r.outOfScope,
      ...(r.outOfScope ? {} : { verifiedAt: r.verifiedAt }),
      question: r.question,
      mode: r.mode,
      confidence: r.confidence,
      topSection: r.citations[0]?.section,
      injection: r.outOfScope && r.answer === outOfScopeAnswer(true),
    };
  },
};
