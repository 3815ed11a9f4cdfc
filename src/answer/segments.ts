// Segments: what an extract is cut from. A sentence, a list item, or a short list with its
// lead-in (quoted whole or not at all), each knowing whether it can open a span.

import type { Unit } from '../retrieval/index.js';
import { definesTerm, isCrossReference, isFragment, leansBack, pointsAtLeftOutCode } from './sentences.js';

/** A list up to this long is one segment: quoted whole or not at all. */
const WHOLE_LIST_CHARS = 700;

/** What a span is made of: one sentence, one list item, or a whole short list with its lead-in. */
export interface Segment {
  units: Unit[];
  text: string;
  terms: Set<string>;
  /** Index of its first unit in the passage. */
  at: number;
  leans: boolean;
  quotable: boolean;
  /** The segment opens on a definition of a question term (set per question). */
  defines?: boolean;
  /** For an item of a long list: the sentence that introduces the list. */
  leadIn?: Unit;
}

// Segments depend only on the passage, so they are built once per passage.
const segmentCache = new WeakMap<Unit[], Segment[]>();

export function withDefinitions(segments: Segment[], definitionOf?: Set<string>): Segment[] {
  if (!definitionOf) return segments;
  return segments.map((g) => {
    const first = g.units[0]!;
    return first.kind === 'sentence' && definesTerm(first.text, definitionOf) ? { ...g, defines: true } : g;
  });
}

export function segmentsOf(units: Unit[]): Segment[] {
  const cached = segmentCache.get(units);
  if (cached) return cached;
  const segments: Segment[] = [];
  const make = (us: Unit[], at: number): Segment => {
    const terms = new Set(us.flatMap((u) => [...u.terms]));
    const first = us[0]!;
    return {
      units: us,
      text: joinSpan(us),
      terms,
      at,
      // An item opening a span reads as the first line of its paragraph: "For cluster
      // migration, ..." leans on the list's point as a sentence would.
      leans: first.kind !== 'row' && leansBack(first.text),
      quotable: !(us.length === 1 && isFragment(first)) && !us.some((u) => isCrossReference(u.text)),
    };
  };
  for (let i = 0; i < units.length; ) {
    const u = units[i]!;
    const listStart = u.kind === 'item' ? i : endsWithColon(u) && units[i + 1]?.kind === 'item' ? i + 1 : -1;
    if (listStart >= 0) {
      let end = listStart;
      while (units[end + 1]?.block === units[listStart]!.block) end++;
      const whole = units.slice(i, end + 1);
      if (joinSpan(whole).length <= WHOLE_LIST_CHARS) {
        segments.push(make(whole, i));
      } else {
        // A long list is quoted item by item (numbers kept), its lead-in leading the first.
        let k = i;
        while (k <= end) {
          let e = k;
          while (e + 1 <= end && units[e + 1]!.kind === 'item' && units[e + 1]!.item === units[k]!.item && units[k]!.kind === 'item') e++;
          if (k < listStart) e = listStart;
          const seg = make(units.slice(k, e + 1), k);
          if (listStart > i) {
            seg.leadIn = units[i];
            // "This option has three values:" leans on what came before, and "the attributes listed
            // below:" points at the whole list: an item they lead cannot open a span.
            // An item quoted after its lead-in leans only if the lead-in does.
            if (k >= listStart) seg.leans = leansBack(units[i]!.text) || isCrossReference(units[i]!.text);
          }
          segments.push(seg);
          k = e + 1;
        }
      }
      i = end + 1;
      continue;
    }
    const seg = make([u], i);
    // A sentence introducing something the passage does not hold (a code block the docs
    // ingestion dropped) ends on a colon with nothing after it: not quotable.
    if (endsWithColon(u) && units[i + 1]?.kind !== 'row') seg.quotable = false;
    if (pointsAtLeftOutCode(u)) seg.quotable = false;
    segments.push(seg);
    i++;
  }
  segmentCache.set(units, segments);
  return segments;
}

export function endsWithColon(u: Unit): boolean {
  return u.kind === 'sentence' && u.text.trim().endsWith(':');
}

/** Units as markdown: list items on their own lines (numbered ones numbered), prose joined. */
export function joinSpan(units: Unit[]): string {
  let out = '';
  let lastItem: string | undefined;
  for (const u of units) {
    if (u.kind === 'item') {
      const key = `${u.block}:${u.item}`;
      if (key === lastItem) out += ` ${u.text}`;
      else out += `${out ? '\n' : ''}${u.ordered ? `${(u.item ?? 0) + 1}.` : '-'} ${u.text}`;
      lastItem = key;
    } else if (u.kind === 'row') {
      out += `${out ? '\n' : ''}- ${u.text}`;
      lastItem = 'row';
    } else {
      out += out ? (lastItem ? `\n${u.text}` : ` ${u.text}`) : u.text;
      lastItem = undefined;
    }
  }
  return out;
}
