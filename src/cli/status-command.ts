// `onramp status`: what this install has loaded, for an operator checking a deployment.
// Always exits 0: a missing model or docs is a state to report, not a failure.

import { loadConfig } from '../config.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { symbolIndexFor } from '../knowledge/symbol-index.js';

export interface Status {
  knowledge: { pin: string; date: string; sections: number };
  docs: { commit: string; passages: number } | null;
  symbols: number;
  embeddings: { mode: 'local' | 'remote' | 'off'; model: string | null; ready: boolean; why?: string };
  store: 'sqlite' | 'redis';
  platforms: string[];
}

export async function collectStatus(): Promise<Status> {
  const config = loadConfig();
  const kb = await loadKnowledgeBase(undefined, { dataDir: config.dataDir, embeddings: config.embeddings });
  await kb.embedder?.close();
  const symbols = symbolIndexFor(kb);
  const platforms = [
    ...(config.discord ? ['discord'] : []),
    ...(config.slack ? [config.slack.appToken ? 'slack (socket mode)' : 'slack (http)'] : []),
    'web',
    // With no chat platform configured, `serve` opens the console chat.
    ...(!config.discord && !config.slack ? ['console'] : []),
  ];
  return {
    knowledge: { pin: kb.upstreamCommit, date: kb.verifiedAt.date, sections: kb.sections.length },
    docs: kb.docs ? { commit: kb.docs.commit, passages: kb.docs.chunks } : null,
    symbols: symbols?.size ?? 0,
    embeddings: kb.embeddings,
    store: /^rediss?:/.test(config.store) ? 'redis' : 'sqlite',
    platforms,
  };
}

export async function runStatus(opts: { json?: boolean }): Promise<number> {
  const s = await collectStatus();
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(s)}\n`);
    return 0;
  }
  const e = s.embeddings;
  const lines = [
    `knowledge   guide of ${s.knowledge.sections} sections, checked against velero@${s.knowledge.pin.slice(0, 9)}${s.knowledge.date ? ` (${s.knowledge.date.slice(0, 10)})` : ''}`,
    `docs        ${s.docs ? `${s.docs.passages} passages of Velero's docs at ${s.docs.commit.slice(0, 9)}` : 'none (onramp sync --docs ingests them)'}`,
    `symbols     ${s.symbols ? `${s.symbols} Go declarations` : 'none (onramp sync --from-git builds the index)'}`,
    `embeddings  ${e.mode === 'local' ? `${e.model} (local), ready: answers are hybrid` : e.mode === 'remote' ? 'remote, through OPENAI_EMBEDDING_MODEL (LLM answers)' : `off: answers are lexical-only${e.why ? ` (${e.why})` : ''}`}`,
    `store       ${s.store}`,
    `platforms   ${s.platforms.join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
