import { formatLint } from '../../prlint/format.js';
import { draftFromFlags } from '../../prlint/inputs.js';
import { lintPullRequest } from '../../prlint/lint.js';
import type { ChatCommand } from '../types.js';
import { InputError } from '../../errors.js';

/** `lint-pr <title>\n<description>`; slash commands pass `title`, `description`, `number`. */
export const lintPrCommand: ChatCommand = {
  name: 'lint-pr',
  description: "Check a draft PR's title and description against Velero's conventions",
  usage: 'lint-pr <title on the first line, description below>',
  options: [
    { name: 'title', description: 'The PR title', type: 'string', required: true, maxLength: 300 },
    { name: 'description', description: 'The PR description', type: 'string', maxLength: 6000 },
    { name: 'number', description: 'The PR number, if it exists', type: 'integer', minValue: 1 },
  ],
  ephemeral: true,
  threaded: false,
  async run(req, args, { conventions }) {
    const o = req.options ?? {};
    // "lint-pr Title" on one line, or "lint-pr" alone with the title on the next line.
    const [firstLine, ...rest] = args.replace(/^\s*\n/, '').split('\n');
    const title = typeof o.title === 'string' ? o.title : (firstLine ?? '');
    const body = typeof o.description === 'string' ? o.description : rest.join('\n').trim() || undefined;
    const number = o.number === undefined || o.number === '' ? undefined : Number(o.number);
    if (!title.trim()) throw new InputError('paste the PR title on the first line and the description below it');
    if (number !== undefined && !(Number.isInteger(number) && number > 0)) throw new InputError('the PR number must be a positive whole number');
    const draft = draftFromFlags({ title, body, number });
    const result = lintPullRequest(draft, conventions);
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    return {
      title: result.ok ? 'PR check: no blocking problems' : `PR check: ${errors} problem(s) to fix`,
      body: formatLint(result),
      citations: [],
      sources: [],
    };
  },
};
