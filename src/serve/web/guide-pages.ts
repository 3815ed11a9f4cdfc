// GET /guide/ and GET /guide/<id>: the guide's sections as HTML, rendered once at startup.
// Heading ids are made exactly as the chunker makes the anchors answers cite: the same
// markdown parser (mdast-util-from-markdown), the same headings (top-level, depth <= 3, in
// order) and the same slugger (src/knowledge/slug.ts). mdast-util-to-hast drops any raw
// HTML in the markdown (no allowDangerousHtml), and hast-util-to-html escapes the text.

import matter from 'gray-matter';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import type { Element, Nodes as HastNodes } from 'hast';
import type { Heading } from 'mdast';
import { checkedAgainst } from '../../answer/types.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { readGuideFiles } from '../../knowledge/load-guide-files.js';
import { createSlugger } from '../../knowledge/slug.js';
import type { Section } from '../../knowledge/types.js';
import { upstreamUrl } from '../../knowledge/upstream-paths.js';
import { isFile } from '../../upstream/file-tree.js';
import { esc, page, safeHref } from './html.js';

export interface GuidePages {
  index: string;
  /** Section id -> page HTML. */
  sections: Map<string, string>;
  /** Section id -> the heading ids its page has. */
  ids: Map<string, Set<string>>;
}

/** Markdown body -> HTML with heading ids, plus the ids given. */
export function renderGuideMarkdown(body: string): { html: string; ids: Set<string> } {
  const tree = fromMarkdown(body);
  const slug = createSlugger();
  const ids = new Set<string>();
  for (const node of tree.children) {
    if (node.type !== 'heading' || node.depth > 3) continue;
    const id = slug(toString(node).trim());
    ids.add(id);
    (node as Heading).data = { ...(node as Heading).data, hProperties: { id } };
  }
  const hast = toHast(tree) as HastNodes;
  neutraliseLinks(hast);
  return { html: toHtml(hast), ids };
}

/** Our own text, but a link is still only ever http(s), a path or a fragment. */
function neutraliseLinks(node: HastNodes): void {
  if (node.type === 'element' && node.tagName === 'a') {
    const el = node as Element;
    const href = String(el.properties?.href ?? '');
    if (!/^(https?:\/\/|\/|#)/i.test(href)) el.properties = { ...el.properties, href: '#' };
    else if (/^https?:/i.test(href)) el.properties = { ...el.properties, rel: ['noopener', 'noreferrer'] };
  }
  if ('children' in node) for (const child of node.children) neutraliseLinks(child as HastNodes);
}

export function buildGuidePages(kb: KnowledgeBase, guideDir: string, repo: string): GuidePages {
  const bodies = new Map<string, string>();
  for (const { source } of readGuideFiles(guideDir)) {
    const parsed = matter(source);
    const id = typeof parsed.data.id === 'string' ? parsed.data.id.trim() : '';
    if (id) bodies.set(id, parsed.content);
  }
  const sections = new Map<string, string>();
  const ids = new Map<string, Set<string>>();
  for (const s of kb.sections) {
    const body = bodies.get(s.id);
    if (body === undefined) continue;
    const rendered = renderGuideMarkdown(body);
    ids.set(s.id, rendered.ids);
    sections.set(s.id, sectionPage(kb, s, rendered.html, repo));
  }
  return { index: indexPage(kb), sections, ids };
}

function verifiedLine(kb: KnowledgeBase, s: Section): string {
  const commit = s.upstreamCommit || kb.upstreamCommit;
  const date = kb.snapshot && kb.snapshot.commit === commit ? kb.snapshot.commitDate : '';
  const href = `https://github.com/${kb.snapshot?.repo ?? 'velero-io/velero'}/tree/${commit}`;
  return `<p class="checked"><a href="${safeHref(href)}" rel="noopener noreferrer">${esc(checkedAgainst({ commit, date }))}</a></p>`;
}

function sourceLinks(kb: KnowledgeBase, s: Section, repo: string): string {
  if (!s.sources.length) return '';
  const commit = s.upstreamCommit || kb.upstreamCommit;
  const items = s.sources.map((path) => {
    const folder = !path.endsWith('/') && kb.snapshot && !isFile(kb.snapshot.files, path);
    const url = upstreamUrl(repo, commit, folder ? `${path}/` : path);
    return `<li><a href="${safeHref(url)}" rel="noopener noreferrer"><code>${esc(path)}</code></a></li>`;
  });
  return `<section class="sources"><h2 id="upstream-sources">Upstream sources</h2><p>The facts on this page were checked against these files of Velero at <code>${esc(commit.slice(0, 12))}</code>:</p><ul>${items.join('')}</ul></section>`;
}

function sectionPage(kb: KnowledgeBase, s: Section, html: string, repo: string): string {
  const i = kb.sections.indexOf(s);
  const prev = kb.sections[i - 1];
  const next = kb.sections[i + 1];
  const nav = `<nav class="pager">${prev ? `<a href="/guide/${esc(prev.id)}">← ${esc(prev.title)}</a>` : '<span></span>'}${next ? `<a href="/guide/${esc(next.id)}">${esc(next.title)} →</a>` : ''}</nav>`;
  return page({
    title: `${s.title} · Onramp guide`,
    body: `<article class="guide" data-section="${esc(s.id)}">
<p class="crumbs"><a href="/guide/">Guide</a> › ${esc(s.title)}</p>
<h1>${esc(s.title)}</h1>
${verifiedLine(kb, s)}
<p class="public">The public guide's page on this topic: <a href="${safeHref(s.guideUrl)}" rel="noopener noreferrer">${esc(s.guideUrl)}</a></p>
${html}
${sourceLinks(kb, s, repo)}
${nav}
</article>`,
  });
}

function indexPage(kb: KnowledgeBase): string {
  const items = kb.sections.map(
    (s) => `<li><a href="/guide/${esc(s.id)}">${esc(s.title)}</a> <span class="muted">— ${esc(s.chunks.filter((c) => c.anchor).slice(0, 4).map((c) => c.headingPath[c.headingPath.length - 1]).join(' · '))}</span></li>`,
  );
  return page({
    title: 'Onramp guide',
    body: `<h1>The contributor guide</h1>
<p>${esc(checkedAgainst(kb.verifiedAt))}. Each section's facts were checked against Velero's source; answers cite the headings below.</p>
<ol class="toc">${items.join('\n')}</ol>`,
  });
}
