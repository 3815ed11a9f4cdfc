import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { SuggestDeps } from '../issues/suggest.js';
import { askCommand } from './commands/ask.js';
import { helpCommand } from './commands/help.js';
import { issuesCommand } from './commands/issues.js';
import { notYetCommand } from './commands/not-yet.js';
import { createRouter, type Router } from './router.js';
import type { ChatCommand } from './types.js';

export interface RouterDeps {
  kb: KnowledgeBase;
  repo: string;
  issues: SuggestDeps;
}

export function buildRouter(deps: RouterDeps): Router {
  const commands: ChatCommand[] = [];
  commands.push(
    askCommand(deps.kb, deps.repo),
    issuesCommand(deps.issues),
    notYetCommand('lint-pr', 'check a draft PR title and description', 'lint-pr <title>\\n<description>'),
    helpCommand(() => commands),
  );
  return createRouter(commands);
}
