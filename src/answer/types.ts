// What an answer is, as every front end receives it (the ask JSON of design.md).

/** Guide sections an answer cites, by default. */
export const DEFAULT_K = 3;

/** "checked against velero@d2241adba (2026-08-21)", shown once under each answer. */
export function checkedAgainst(v: { commit: string; date: string }): string {
  return `checked against velero@${v.commit.slice(0, 9)}${v.date ? ` (${v.date.slice(0, 10)})` : ''}`;
}

export interface Citation {
  section: string;
  title: string;
  anchor: string;
  url: string;
  score: number;
}

export interface SourceLink {
  path: string;
  url: string;
  /** A definition's line (from the symbol index); the url then ends in `#L<line>`. */
  line?: number;
}

export interface AskResult {
  question: string;
  answer: string;
  mode: 'extractive' | 'llm';
  confidence: number;
  outOfScope: boolean;
  citations: Citation[];
  sources: SourceLink[];
  ms: number;
  /** The Velero commit the guide and metadata were checked against, and its date. */
  verifiedAt: { commit: string; date: string };
  /** `hybrid` when the embedding model took part in ranking and sentence choice. */
  retrieval: 'hybrid' | 'lexical';
}
