// Every chat command. The first is the default: a message that names no command is asked.
// Adding a command is one new file in this folder and one line here.

import type { ChatCommand } from '../types.js';
import { askCommand } from './ask.js';
import { helpCommand } from './help.js';
import { issuesCommand } from './issues.js';
import { lintPrCommand } from './lint-pr.js';

export const COMMANDS: readonly ChatCommand[] = [askCommand, issuesCommand, lintPrCommand, helpCommand];
