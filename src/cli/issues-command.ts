import { loadConfig } from '../config.js';
import { formatSuggestions } from '../issues/format.js';
import { checkSuggestOptions, suggestIssues, type SuggestOptions } from '../issues/suggest.js';
import { KNOWLEDGE_DIR } from '../knowledge/knowledge-base.js';
import { openStore } from '../store/store.js';
import { fetchOpenIssues } from '../issues/fetch-issues.js';
import { createGitHub } from '../upstream/github-client.js';

export async function runIssues(opts: SuggestOptions & { json?: boolean }): Promise<number> {
  checkSuggestOptions(opts);
  const config = loadConfig();
  const warn = (m: string) => process.stderr.write(`onramp: ${m}\n`);
  const store = await openStore(config.store, warn);
  try {
    const gh = createGitHub(config, { warn: () => {} });
    const result = await suggestIssues(
      { config, store, knowledgeDir: KNOWLEDGE_DIR, warn, fetchLive: () => fetchOpenIssues(gh, store.kv('github'), config.repo) },
      opts,
    );
    process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : `${formatSuggestions(result)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
