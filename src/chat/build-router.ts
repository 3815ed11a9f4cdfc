import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { SuggestDeps } from '../issues/suggest.js';
import { askCommand } from './commands/ask.js';
import { extractiveAnswerer, type Answerer } from '../answer/answerer.js';
import { helpCommand } from './commands/help.js';
import { issuesCommand } from './commands/issues.js';
import { lintPrCommand } from './commands/lint-pr.js';
import type { Conventions } from '../prlint/types.js';
import { createRouter, type Router } from './router.js';
import type { ChatCommand } from './types.js';
import type { ChatMemory } from './memory.js';

export interface RouterDeps {
  /** How `ask` answers; extractive over `kb` when not given. */
  answerer?: Answerer;
  memory?: ChatMemory;
  onError?: (err: unknown, command: string, platform: string) => void;
  kb: KnowledgeBase;
  repo: string;
  issues: SuggestDeps;
  conventions: Conventions;
}

export function buildRouter(deps: RouterDeps): Router {
  const commands: ChatCommand[] = [];
  commands.push(
    askCommand(deps.answerer ?? extractiveAnswerer(deps.kb, deps.repo)),
    issuesCommand(deps.issues),
    lintPrCommand(deps.conventions),
    helpCommand(() => commands),
  );
  return createRouter(commands, { memory: deps.memory, onError: deps.onError });
}
