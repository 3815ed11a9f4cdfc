// Anchor slugs as the public guide site makes them: MkDocs with Python-Markdown's `toc`
// extension. Its slugify drops everything that is not a word character, space or hyphen,
// lower-cases, and folds runs of spaces/hyphens into one hyphen. A repeated heading gets
// `_1`, `_2`, ... (Python-Markdown's `unique`), not GitHub's `-1`.

export function slugify(heading: string): string {
  return heading
    .normalize('NFKD')
    .replace(/[^\x00-\x7f]/g, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/** Returns a slugger that keeps anchors unique within one page. */
export function createSlugger(): (heading: string) => string {
  const seen = new Set<string>();
  return (heading) => {
    const base = slugify(heading);
    let slug = base;
    for (let n = 1; seen.has(slug); n++) slug = `${base}_${n}`;
    seen.add(slug);
    return slug;
  };
}

/**
 * Anchors as velero.io (Hugo with Goldmark's default ids) makes them: lower-cased, spaces
 * to hyphens, punctuation other than `-` and `_` dropped, a repeat gets `-1`, `-2`, ...
 */
export function createHugoSlugger(): (heading: string) => string {
  const seen = new Set<string>();
  return (heading) => {
    const base = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let slug = base;
    for (let n = 1; seen.has(slug); n++) slug = `${base}-${n}`;
    seen.add(slug);
    return slug;
  };
}
