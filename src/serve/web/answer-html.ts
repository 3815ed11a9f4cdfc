// An answer as HTML, for GET /ask?q=...: the same markdown subset the chat adapters render
// (paragraphs, numbered and bulleted lists, `code`, **bold**, links), every piece of text
// escaped, and a link only for an http(s) URL.

import type { AskResult } from '../../answer/types.js';
import { checkedAgainst } from '../../answer/types.js';
import { esc, safeHref } from './html.js';

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)|(https?:\/\/[^\s)<>]+)/g;
const ITEM = /^\s*(\d+\.|[-*])\s+/;

const link = (href: string, text: string) => {
  const h = safeHref(href);
  return h === '#' ? esc(text) : `<a href="${h}">${esc(text)}</a>`;
};

export function inlineHtml(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += esc(text.slice(last, m.index));
    if (m[1] !== undefined) out += `<code>${esc(m[1])}</code>`;
    else if (m[2] !== undefined) out += `<strong>${esc(m[2])}</strong>`;
    else if (m[3] !== undefined) out += link(m[4]!, m[3]).replace(/>&#96;([^&<]+)&#96;<\/a>$/, '><code>$1</code></a>'); // [`Name`](url): a linked identifier
    else out += link(m[5]!, m[5]!);
    last = m.index! + m[0].length;
  }
  return out + esc(text.slice(last));
}

export function answerBodyHtml(text: string): string {
  const out: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    let list: { tag: string; items: string[] } | undefined;
    let para: string[] = [];
    const flushList = () => {
      if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.tag}>`);
      list = undefined;
    };
    const flushPara = () => {
      if (para.length) out.push(`<p>${inlineHtml(para.join(' '))}</p>`);
      para = [];
    };
    for (const line of block.split('\n')) {
      const m = line.match(ITEM);
      if (m) {
        flushPara();
        const tag = /\d/.test(m[1]!) ? 'ol' : 'ul';
        if (list?.tag !== tag) {
          flushList();
          list = { tag, items: [] };
        }
        list.items.push(inlineHtml(line.slice(m[0].length)));
      } else if (line.trim()) {
        flushList();
        para.push(line.trim());
      }
    }
    flushList();
    flushPara();
  }
  return out.join('\n');
}

export function answerHtml(r: AskResult, replyId?: string): string {
  const citations = r.citations.length
    ? `<h3>Read more in the guide</h3><ol class="citations">${r.citations
        .map((c) => `<li>${link(c.url, `${c.title}${c.anchor ? ` › ${c.anchor}` : ''}`)}</li>`)
        .join('')}</ol>`
    : '';
  const sources = r.sources.length
    ? `<h3>Velero source</h3><ul class="sources">${r.sources
        .map((s) => {
          const h = safeHref(s.url);
          const label = `<code>${esc(s.path)}${s.line ? `:${s.line}` : ''}</code>`;
          return `<li>${h === '#' ? label : `<a href="${h}">${label}</a>`}</li>`;
        })
        .join('')}</ul>`
    : '';
  const checked = r.outOfScope ? '' : `<p class="checked">${esc(checkedAgainst(r.verifiedAt))}</p>`;
  const feedback = replyId
    ? `<div class="feedback">Was this useful?
<form method="post" action="/api/feedback"><input type="hidden" name="replyId" value="${esc(replyId)}"><input type="hidden" name="q" value="${esc(r.question)}"><button class="vote" name="vote" value="up">Yes</button> <button class="vote" name="vote" value="down">No</button></form></div>`
    : '';
  return `<div class="answer${r.outOfScope ? ' out' : ''}" data-mode="${esc(r.mode)}">
<h2>${r.outOfScope ? 'I don&#39;t know' : 'Answer'}</h2>
<div class="body">${answerBodyHtml(r.answer)}</div>
${citations}
${sources}
${checked}
${feedback}
</div>`;
}
