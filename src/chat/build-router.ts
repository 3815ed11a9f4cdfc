import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { askCommand } from './commands/ask.js';
import { helpCommand } from './commands/help.js';
import { notYetCommand } from './commands/not-yet.js';
import { createRouter, type Router } from './router.js';
import type { ChatCommand } from './types.js';

export function buildRouter(deps: { kb: KnowledgeBase; repo: string }): Router {
  const commands: ChatCommand[] = [];
  commands.push(
    askCommand(deps.kb, deps.repo),
    notYetCommand('issues', 'suggest good first issues', 'issues [area] [interests]'),
    notYetCommand('lint-pr', 'check a draft PR title and description', 'lint-pr <title>\\n<description>'),
    helpCommand(() => commands),
  );
  return createRouter(commands);
}
