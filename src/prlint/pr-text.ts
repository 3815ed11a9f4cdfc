// Reading a PR description: its text without HTML comments, and a template section's text.

/**
 * The text without HTML comments. A scan, not /<!--[\s\S]*?-->/: that regex rescans the
 * rest of the text from every unclosed `<!--`, quadratic on adversarial input.
 */
export function stripComments(s: string): string {
  let out = '';
  let at = 0;
  for (let open = s.indexOf('<!--'); open >= 0; open = s.indexOf('<!--', at)) {
    const close = s.indexOf('-->', open + 4);
    if (close < 0) break; // an unclosed comment is kept as text, as the regex did
    out += s.slice(at, open);
    at = close + 3;
  }
  return out + s.slice(at);
}

/** Text under a markdown heading that contains `heading`, up to the next heading. */
export function sectionText(body: string, heading: string): string | undefined {
  const lines = stripComments(body).split('\n');
  const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && l.toLowerCase().includes(heading.toLowerCase()));
  if (start < 0) return undefined;
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (/^#{1,6}\s/.test(l)) break;
    out.push(l);
  }
  return out.join('\n').trim();
}

