// The report as one self-contained HTML page: inline CSS and inline SVG bar charts, no
// script, no external asset; every piece of logged text is escaped.

import { createHash } from 'node:crypto';
import type { Report } from './report.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };
const esc = (text: unknown) => String(text ?? '').replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse}td,th{padding:.2rem .8rem .2rem 0;text-align:left}
.kpi{display:flex;gap:1.5rem;flex-wrap:wrap}.kpi div{background:#f3f5f7;border-radius:6px;padding:.5rem .9rem}.kpi b{display:block;font-size:1.3rem}
.muted{color:#5b6570}svg text{font:12px system-ui,sans-serif;fill:#1b1f24}li{margin:.2rem 0}`;

/** For a Content-Security-Policy that allows exactly this page's inline style. */
export const REPORT_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;
export const REPORT_CSP = `default-src 'none'; style-src '${REPORT_STYLE_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function bars(rows: Array<[string, number]>, o: { max?: number; format?: (n: number) => string; color?: string } = {}): string {
  if (!rows.length) return '<p class="muted">Nothing logged.</p>';
  const max = o.max ?? Math.max(1, ...rows.map(([, v]) => v));
  const fmt = o.format ?? String;
  const h = 22;
  const label = 190;
  const width = 360;
  const items = rows
    .map(([k, v], i) => {
      const w = Math.max(1, Math.round((v / max) * width));
      const y = i * h;
      return `<text x="0" y="${y + 15}">${esc(k)}</text><rect x="${label}" y="${y + 3}" width="${w}" height="${h - 7}" fill="${o.color ?? '#3572b0'}"/><text x="${label + w + 6}" y="${y + 15}">${esc(fmt(v))}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${label + width + 70}" height="${rows.length * h}" viewBox="0 0 ${label + width + 70} ${rows.length * h}">${items}</svg>`;
}

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

export function reportHtml(r: Report): string {
  const t = r.totals;
  const outcomes: Array<[string, number]> = [
    ['answered', t.answered],
    ['refused', t.refused],
    ['injection', t.injection],
    ['rate-limited', t.rateLimited],
    ['error', t.error],
  ];
  const gaps = r.gaps.length
    ? `<ol>${r.gaps
        .map((g) => `<li><b>${esc(g.count)}×</b> ${esc(g.terms.join(', ') || 'no shared terms')}<ul>${g.examples.map((q) => `<li>${esc(q)}</li>`).join('')}</ul></li>`)
        .join('')}</ol>`
    : '<p class="muted">No refused, low-confidence or not-helpful questions in this period.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Onramp report · ${esc(r.since.slice(0, 10))} to ${esc(r.until.slice(0, 10))}</title>
<style>${STYLE}</style></head><body>
<h1>What newcomers asked</h1>
<p class="muted">${esc(r.since.slice(0, 16).replace('T', ' '))} to ${esc(r.until.slice(0, 16).replace('T', ' '))} UTC · the question log keeps ${esc(r.logDays)} days · users are counted by a salted hash</p>
<div class="kpi"><div><b>${esc(t.requests)}</b>requests</div><div><b>${esc(t.users)}</b>users</div><div><b>${pct(r.rates.answered)}</b>questions answered</div><div><b>${pct(r.rates.refused)}</b>refused</div><div><b>${pct(r.rates.helpful)}</b>helpful (${esc(t.votes)} votes)</div><div><b>${esc(r.latencyMs.p50 ?? '–')} / ${esc(r.latencyMs.p95 ?? '–')} ms</b>p50 / p95 latency</div></div>
<h2>Outcomes</h2>${bars(outcomes)}
<h2>By platform</h2>${bars(Object.entries(r.byPlatform))}
<h2>By command</h2>${bars(Object.entries(r.byCommand))}
<h2>Guide sections cited first</h2>${bars(r.sections.map((s) => [s.section, s.requests]))}
<h2>Not-helpful share by section</h2>${bars(
    r.sections.filter((s) => s.votes > 0).map((s) => [`${s.section} (${s.votes} votes)`, s.notHelpfulShare ?? 0]),
    { max: 1, format: (n) => `${Math.round(n * 100)}%`, color: '#c0392b' },
  )}
<h2>Knowledge gaps</h2><p class="muted">Refused, low-confidence and not-helpful questions, grouped by the rare terms they share; largest first.</p>${gaps}
</body></html>
`;
}
