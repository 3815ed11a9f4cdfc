// `onramp report [--since 30d] [--json] [--html FILE]`: what was asked, from the private
// question log in ONRAMP_STORE (volume, outcomes, knowledge gaps).

import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { InputError } from '../errors.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { QuestionLog } from '../log/question-log.js';
import { reportHtml } from '../report/report-html.js';
import { emptyReport, parseSince, reportFrom, reportText, type Report } from '../report/report.js';
import { openStore } from '../store/store.js';

export interface ReportOptions {
  since?: string;
  json?: boolean;
  html?: string;
}

export async function runReport(opts: ReportOptions, env: NodeJS.ProcessEnv = process.env, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const sinceMs = parseSince(opts.since ?? '30d');
  if (sinceMs === undefined) throw new InputError('--since must look like 30d, 12h or 90m');
  const config = loadConfig(env);
  const warn = (m: string) => process.stderr.write(`onramp: ${m}\n`);
  let report: Report;
  if (config.logDays === 0) {
    warn('the question log is off (ONRAMP_LOG_DAYS=0); nothing to report');
    report = emptyReport(0, sinceMs);
  } else {
    const kb = await loadKnowledgeBase();
    const guideTexts = kb.sections.flatMap((s) => s.chunks.map((c) => c.text));
    const store = await openStore(config.store, warn);
    try {
      report = await reportFrom(new QuestionLog(store, config.logDays), { sinceMs, guideTexts });
    } finally {
      await store.close();
    }
  }
  if (opts.html) {
    writeFileSync(opts.html, reportHtml(report));
    if (!opts.json) out(`wrote ${opts.html}\n`);
  }
  if (opts.json) out(`${JSON.stringify(report)}\n`);
  else if (!opts.html) out(reportText(report));
  return 0;
}
