// Splits a chunk's markdown into answer units: sentences of paragraphs, list items and
// table rows, each knowing the block it belongs to (a paragraph, a list, a table), so an
// extract can quote contiguous spans and keep a numbered list whole. Code blocks are left
// out: an extractive answer quotes prose, and the code is one click away in the section.

const ABBREVIATIONS = /\b(e\.g|i\.e|etc|vs|cf|approx)\./gi;
const PLACEHOLDER = '\u0001';

export interface UnitShape {
  text: string;
  /** Position of the block (paragraph, list or table) in the chunk. */
  block: number;
  kind: 'sentence' | 'item' | 'row';
  /** For list items: the item's index within its list (sentences of one item share it). */
  item?: number;
  /** The list is numbered (steps, in order). */
  ordered?: boolean;
  /** A code block, left out, came before this unit in the chunk; `afterCode`: right before it. */
  codeBefore?: boolean;
  afterCode?: boolean;
}

export function splitUnits(markdown: string): UnitShape[] {
  const units: UnitShape[] = [];
  let block = -1;
  let inFence = false;
  let fenceInItem = false;
  let paragraph: string[] = [];
  // The list the current item belongs to; a paragraph line ends it.
  let list: { block: number; ordered: boolean; items: number } | undefined;
  let itemOpen = false;
  // Whether code was left out: a sentence after it ("The above commands create…",
  // "In this example, …") may point at code the quote cannot show.
  let codeBefore = false;
  let afterCode = false;
  const push = (u: UnitShape) => {
    units.push(codeBefore ? { ...u, codeBefore, ...(afterCode ? { afterCode } : {}) } : u);
    afterCode = false;
  };
  const flush = () => {
    if (!paragraph.length) return;
    const text = paragraph.join(' ');
    paragraph = [];
    if (itemOpen && list) {
      for (const s of splitSentences(text)) push({ text: s, block: list.block, kind: 'item', item: list.items - 1, ordered: list.ordered });
    } else {
      block++;
      for (const s of splitSentences(text)) push({ text: s, block, kind: 'sentence' });
    }
  };
  const endList = () => {
    flush();
    list = undefined;
    itemOpen = false;
  };
  for (const rawLine of markdown.split('\n')) {
    const line = rawLine.trim();
    if (/^(```|~~~)/.test(line)) {
      // A fence indented under an open item is part of the item: the list goes on after it
      // ("1. Create the file:", its code, "2. Create the Secret").
      if (inFence ? fenceInItem : itemOpen && /^\s/.test(rawLine)) flush();
      else endList();
      fenceInItem = !inFence && itemOpen && /^\s/.test(rawLine);
      inFence = !inFence;
      if (!inFence) codeBefore = afterCode = true;
      continue;
    }
    if (inFence) continue;
    if (!line) {
      flush();
      continue;
    }
    if (/^\|.*\|$/.test(line)) {
      endList();
      if (/^\|[\s:|-]+\|$/.test(line)) continue;
      const cells = line.slice(1, -1).split('|').map((c) => c.trim()).filter(Boolean);
      if (!cells.length) continue;
      const last = units[units.length - 1];
      const tableBlock = last?.kind === 'row' ? last.block : ++block;
      push({ text: cells.join(' — '), block: tableBlock, kind: 'row' });
      continue;
    }
    const item = line.match(/^([-*+]|\d+[.)])\s+(.*)$/);
    if (item) {
      flush();
      const ordered = /\d/.test(item[1]!);
      if (!list || list.ordered !== ordered) list = { block: ++block, ordered, items: 0 };
      list.items++;
      itemOpen = true;
      paragraph.push(item[2]!);
      continue;
    }
    if (/^#{1,6}\s/.test(line) || (/^>/.test(line) && !line.slice(1).trim())) continue;
    // An indented line continues the open item, right after it or as a paragraph of its own
    // after a blank line ("1. Install the CLI.\n\n    Verify it with ..."); anything else ends the list.
    if (itemOpen && /^\s+/.test(rawLine)) {
      paragraph.push(line);
      continue;
    }
    if (list && !paragraph.length) endList();
    else if (list && itemOpen) {
      // A lazy continuation line of the item.
      paragraph.push(line);
      continue;
    }
    paragraph.push(line.replace(/^>\s?/, ''));
  }
  flush();
  return units.filter((u) => u.text.length > 1);
}

export function splitSentences(text: string): string[] {
  const protectedText = text.replace(ABBREVIATIONS, (m) => m.replace('.', PLACEHOLDER));
  return protectedText
    .split(/(?<=[.!?])\s+(?=[A-Z`*"'(\[])/)
    .map((s) => s.replaceAll(PLACEHOLDER, '.').trim())
    .filter(Boolean);
}
