// Splits a chunk's markdown into answer units: sentences of paragraphs, list items and
// table rows. Code blocks are left out: an extractive answer quotes prose, and the code is
// one click away in the cited section.

const ABBREVIATIONS = /\b(e\.g|i\.e|etc|vs|cf|approx)\./gi;
const PLACEHOLDER = '\u0001';

export function splitUnits(markdown: string): string[] {
  const units: string[] = [];
  let inFence = false;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) units.push(...splitSentences(paragraph.join(' ')));
    paragraph = [];
  };
  for (const rawLine of markdown.split('\n')) {
    const line = rawLine.trim();
    if (/^(```|~~~)/.test(line)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (!line) {
      flush();
      continue;
    }
    if (/^\|.*\|$/.test(line)) {
      flush();
      if (/^\|[\s:|-]+\|$/.test(line)) continue;
      const cells = line.slice(1, -1).split('|').map((c) => c.trim()).filter(Boolean);
      if (cells.length) units.push(cells.join(' — '));
      continue;
    }
    const item = line.match(/^(?:[-*+]|\d+[.)])\s+(.*)$/);
    if (item) {
      flush();
      paragraph.push(item[1]!);
      continue;
    }
    if (/^#{1,6}\s/.test(line) || /^>/.test(line) && !line.slice(1).trim()) continue;
    paragraph.push(line.replace(/^>\s?/, ''));
  }
  flush();
  return units.filter((u) => u.length > 1);
}

export function splitSentences(text: string): string[] {
  const protectedText = text.replace(ABBREVIATIONS, (m) => m.replace('.', PLACEHOLDER));
  return protectedText
    .split(/(?<=[.!?])\s+(?=[A-Z`*"'(\[])/)
    .map((s) => s.replaceAll(PLACEHOLDER, '.').trim())
    .filter(Boolean);
}
