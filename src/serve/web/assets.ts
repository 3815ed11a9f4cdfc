// The web pages' only stylesheet and script, served by the bot itself (no third-party
// assets; the Content-Security-Policy allows nothing else). Kept as strings so `tsc` ships
// them in dist/ with no copy step.

export const CSS = `:root{--fg:#1d2330;--muted:#5b6475;--bg:#fbfbfd;--card:#fff;--line:#dfe3ea;--accent:#1f5fbf;--code:#f1f3f7}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header.top{display:flex;align-items:center;gap:1.5rem;padding:.7rem 1.5rem;background:#14213d;color:#fff}
header.top a{color:#fff;text-decoration:none}
header.top .brand{font-weight:700;font-size:1.15rem;letter-spacing:.02em}
header.top nav a{margin-right:1rem;opacity:.9}
header.top nav a:hover{opacity:1;text-decoration:underline}
main{max-width:52rem;margin:0 auto;padding:1.5rem}
footer{max-width:52rem;margin:2rem auto;padding:0 1.5rem;color:var(--muted);font-size:.85rem}
a{color:var(--accent)}
h1{font-size:1.8rem;line-height:1.25;margin:.6rem 0 .8rem}
h2{font-size:1.35rem;margin-top:2rem;padding-top:.4rem;border-top:1px solid var(--line)}
h3{font-size:1.1rem;margin-top:1.5rem}
:target{scroll-margin-top:1rem;background:#fff6d6;outline:3px solid #fff6d6}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);padding:.08em .3em;border-radius:4px}
pre{background:var(--code);padding:.8rem 1rem;border-radius:6px;overflow:auto}
pre code{background:none;padding:0}
.muted,.checked,.crumbs,.public{color:var(--muted);font-size:.92rem}
.checked a,.public a{color:var(--muted)}
form.ask{display:flex;gap:.5rem;margin:1rem 0 1.5rem}
form.ask input[type=text]{flex:1;padding:.65rem .8rem;font-size:1rem;border:1px solid var(--line);border-radius:6px}
button{padding:.6rem 1rem;font-size:1rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:6px;cursor:pointer}
button.vote{background:#fff;color:var(--fg);border-color:var(--line);padding:.35rem .7rem;font-size:.9rem}
button[disabled]{opacity:.6;cursor:default}
.answer{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin-bottom:1.5rem}
.answer h2{border:0;margin:.2rem 0 .6rem;padding:0;font-size:1.15rem}
.answer h3{font-size:.95rem;margin:1rem 0 .3rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.answer.out{border-color:#e6c36a;background:#fffbef}
.answer .error{color:#9b1c1c}
.feedback{display:flex;gap:.5rem;align-items:center;margin-top:1rem;color:var(--muted);font-size:.9rem}
.feedback form{display:inline}
ol.toc li{margin:.4rem 0}
nav.pager{display:flex;justify-content:space-between;margin-top:2.5rem;padding-top:1rem;border-top:1px solid var(--line)}
.examples{color:var(--muted);font-size:.92rem}
.examples a{margin-right:.8rem}
`;

// Progressive enhancement of the ask form: without this script the form is a plain GET of
// /ask?q=..., rendered on the server. With it, questions go to POST /api/ask and the answer
// is built with DOM calls and textContent only (never innerHTML), so no answer text can
// become markup.
export const JS = `'use strict';
(function () {
  var form = document.querySelector('form.ask');
  var out = document.getElementById('result');
  if (!form || !out) return;
  var input = form.querySelector('input[name=q]');
  var thread = null;
  try { thread = sessionStorage.getItem('onramp-thread'); } catch (e) {}
  if (!thread) {
    thread = Math.random().toString(36).slice(2, 14);
    try { sessionStorage.setItem('onramp-thread', thread); } catch (e) {}
  }

  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    if (attrs) for (var k in attrs) n.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) { n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }
  function safeUrl(u) {
    try { var p = new URL(u, location.href); return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null; } catch (e) { return null; }
  }
  function link(href, text) {
    var u = safeUrl(href);
    return u ? el('a', { href: u }, [text]) : document.createTextNode(text);
  }
  var INLINE = /\`([^\`]+)\`|\\*\\*([^*]+)\\*\\*|\\[([^\\]]+)\\]\\((https?:\\/\\/[^)\\s]+)\\)|(https?:\\/\\/[^\\s)<>]+)/g;
  function inline(text) {
    var frag = document.createDocumentFragment(), last = 0, m;
    INLINE.lastIndex = 0;
    while ((m = INLINE.exec(text))) {
      if (m.index > last) frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined) frag.appendChild(el('code', null, [m[1]]));
      else if (m[2] !== undefined) frag.appendChild(el('strong', null, [m[2]]));
      else if (m[3] !== undefined) frag.appendChild(link(m[4], m[3]));
      else frag.appendChild(link(m[5], m[5]));
      last = INLINE.lastIndex;
    }
    if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }
  var ITEM = /^\\s*(\\d+\\.|[-*])\\s+/;
  function blocks(text) {
    var frag = document.createDocumentFragment();
    text.split(/\\n\\s*\\n/).forEach(function (block) {
      var list = null, para = [];
      function flushPara() { if (para.length) { var p = el('p'); p.appendChild(inline(para.join(' '))); frag.appendChild(p); para = []; } }
      block.split('\\n').forEach(function (line) {
        var m = line.match(ITEM);
        if (m) {
          flushPara();
          var tag = /\\d/.test(m[1]) ? 'ol' : 'ul';
          if (!list || list.tagName.toLowerCase() !== tag) { list = el(tag); frag.appendChild(list); }
          var li = el('li'); li.appendChild(inline(line.slice(m[0].length))); list.appendChild(li);
        } else if (line.trim()) { list = null; para.push(line.trim()); }
      });
      flushPara();
    });
    return frag;
  }
  function feedback(replyId) {
    var box = el('div', { class: 'feedback' }, ['Was this useful? ']);
    ['up', 'down'].forEach(function (vote) {
      var b = el('button', { type: 'button', class: 'vote', 'data-vote': vote }, [vote === 'up' ? 'Yes' : 'No']);
      b.addEventListener('click', function () {
        fetch('/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ replyId: replyId, vote: vote }) })
          .then(function (r) { box.textContent = r.ok ? 'Thanks for the feedback.' : 'Feedback could not be recorded.'; })
          .catch(function () { box.textContent = 'Feedback could not be recorded.'; });
      });
      box.appendChild(b);
    });
    return box;
  }
  function render(r, replyId) {
    out.textContent = '';
    var card = el('div', { class: 'answer' + (r.outOfScope ? ' out' : ''), 'data-mode': r.mode });
    card.appendChild(el('h2', null, [r.outOfScope ? "I don't know" : 'Answer']));
    var body = el('div', { class: 'body' }); body.appendChild(blocks(r.answer)); card.appendChild(body);
    if (r.citations.length) {
      var ol = el('ol', { class: 'citations' });
      r.citations.forEach(function (c) { var li = el('li'); li.appendChild(link(c.url, c.title + (c.anchor ? ' › ' + c.anchor : ''))); ol.appendChild(li); });
      card.appendChild(el('h3', null, ['Read more in the guide'])); card.appendChild(ol);
    }
    if (r.sources.length) {
      var ul = el('ul', { class: 'sources' });
      r.sources.forEach(function (s) { var li = el('li'); var a = link(s.url, ''); if (a.tagName) { a.appendChild(el('code', null, [s.path])); li.appendChild(a); } else li.appendChild(el('code', null, [s.path])); ul.appendChild(li); });
      card.appendChild(el('h3', null, ['Velero source'])); card.appendChild(ul);
    }
    if (!r.outOfScope && r.verifiedAt) card.appendChild(el('p', { class: 'checked' }, ['checked against velero@' + r.verifiedAt.commit.slice(0, 9) + (r.verifiedAt.date ? ' (' + r.verifiedAt.date.slice(0, 10) + ')' : '')]));
    if (replyId) card.appendChild(feedback(replyId));
    out.appendChild(card);
  }
  function fail(message) {
    out.textContent = '';
    out.appendChild(el('div', { class: 'answer' }, [el('p', { class: 'error' }, [message])]));
  }
  form.addEventListener('submit', function (ev) {
    var q = input.value.trim();
    if (!q) return;
    ev.preventDefault();
    var button = form.querySelector('button');
    button.disabled = true;
    out.textContent = 'Looking it up…';
    fetch('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q, thread: thread }) })
      .then(function (res) {
        return res.json().then(function (j) {
          if (!res.ok) throw new Error(j && j.error ? j.error : 'The question could not be answered (' + res.status + ').');
          render(j, res.headers.get('x-onramp-reply-id'));
          try { history.pushState(null, '', '/ask?q=' + encodeURIComponent(q)); } catch (e) {}
        });
      })
      .catch(function (e) { fail(e && e.message ? e.message : 'The question could not be answered.'); })
      .then(function () { button.disabled = false; });
  });
})();
`;
