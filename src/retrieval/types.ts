// What the index retrieves. The knowledge layer builds these from the guide and from
// Velero's repository metadata; retrieval only needs their text and headings.

/** One retrievable passage: a guide section's intro, or the text under one h2/h3 heading. */
export interface Chunk {
  /** `<section>#<anchor>`; unique across the corpus. */
  id: string;
  section: string;
  sectionTitle: string;
  /** Headings from the section title down to this chunk's own heading. */
  headingPath: string[];
  /** Empty for a section's intro. */
  anchor: string;
  /** Markdown text of the chunk, without its heading line. */
  text: string;
  /** Deep link into the public guide. */
  url: string;
  /** Upstream repo paths the chunk names (files or folders). */
  sources: string[];
  /**
   * Questions the passage answers, as newcomers phrase them (slang, symptoms, no product
   * word). Indexed as their own field so a paraphrase finds the passage; never quoted.
   */
  questions?: string[];
  /** Multiplies the passage's score (below 1: ranked after the guide when both answer). */
  weight?: number;
}
