import type { Answerer } from '../answer/answerer.js';
import { extractiveAnswerer } from '../answer/answerer.js';
import type { SuggestDeps } from '../issues/suggest.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { QuestionLog } from '../log/question-log.js';
import type { Conventions } from '../prlint/types.js';
import { COMMANDS } from './commands/index.js';
import type { ChatMemory } from './memory.js';
import { createRouter, type Router } from './router.js';

export interface RouterDeps {
  /** How `ask` answers; extractive over `kb` when not given. */
  answerer?: Answerer;
  memory?: ChatMemory;
  /** The private question log (ONRAMP_LOG_DAYS > 0). */
  log?: QuestionLog;
  onError?: (err: unknown, command: string, platform: string) => void;
  kb: KnowledgeBase;
  repo: string;
  issues: SuggestDeps;
  conventions: Conventions;
}

/** The router over every chat command, with what they run with. */
export function buildRouter(deps: RouterDeps): Router {
  const answerer = deps.answerer ?? extractiveAnswerer(deps.kb, deps.repo);
  return createRouter({ answerer, issues: deps.issues, conventions: deps.conventions, commands: COMMANDS }, { memory: deps.memory, log: deps.log, onError: deps.onError });
}
