import { loadAreas, resolveArea } from '../../issues/areas.js';
import { askerId } from '../../issues/asker.js';
import { formatSuggestions } from '../../issues/format.js';
import { suggestIssues } from '../../issues/suggest.js';
import type { ChatCommand } from '../types.js';
import { InputError } from '../../errors.js';

/**
 * `issues [area] [interests]`: a first word naming an area is the area, the rest are
 * interests ("issues csi go tests"); slash commands pass `area` and `interest` options.
 */
export const issuesCommand: ChatCommand = {
  name: 'issues',
  description: 'Suggest open good first issues in high-value areas, with reasons',
  usage: 'issues [area] [interests]',
  options: [
    { name: 'area', description: 'An area such as CSI, datamover, fs-backup, Metrics, CLI', type: 'string', maxLength: 40 },
    { name: 'interest', description: 'What you know or like, e.g. "csi, go tests"', type: 'string', maxLength: 200 },
  ],
  ephemeral: false,
  threaded: false,
  async run(req, args, { issues: deps }) {
    let area = optionText(req.options?.area);
    let interest = optionText(req.options?.interest);
    if (area === undefined && interest === undefined && args) {
      const [first, ...rest] = args.split(/\s+/);
      try {
        area = resolveArea(loadAreas(deps.knowledgeDir), first!).name;
        interest = rest.join(' ') || undefined;
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        interest = args;
      }
    }
    // Spread by who asks (hashed, never the raw id), so two people get different issues.
    const result = await suggestIssues(deps, { area, interest, limit: 5, asker: askerId(req.platform, req.user) });
    return {
      title: area ? `Issues to pick up in ${area}` : 'Issues to pick up',
      body: formatSuggestions(result),
      citations: [],
      sources: [],
    };
  },
};

const optionText = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
