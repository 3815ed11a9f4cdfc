// What an answer is, as every front end receives it (the ask JSON of design.md).

/** Guide sections an answer cites, by default. */
export const DEFAULT_K = 3;

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
}
