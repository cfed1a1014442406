// Every value from the index is page content from government sites: it is only ever set as
// textContent or as an attribute, never as HTML.
const $ = (id) => document.getElementById(id);
const pageSize = 20;

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function meta(reply) {
  return [reply.issuer, reply.documentNumber, reply.replyDate].filter(Boolean).join(' · ');
}

// A reply whose every page has disappeared stays findable, marked so nobody takes it for
// one still published.
function withdrawnNote(reply) {
  return reply.withdrawnAt
    ? el('p', '原网页已撤下（' + new Date(reply.withdrawnAt).toLocaleDateString('zh-CN') + ' 起无法访问）', 'withdrawn')
    : null;
}

async function fetchJson(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

async function search(q, page) {
  $('reply').hidden = true;
  $('status').textContent = '检索中…';
  try {
    const params = new URLSearchParams({ q, page, size: pageSize });
    const result = await fetchJson('/api/replies?' + params);
    $('status').textContent = `共 ${result.total} 件答复`;
    const list = $('results');
    list.replaceChildren(...result.items.map((reply) => {
      const item = el('li');
      const link = el('a', reply.title);
      link.href = '#reply/' + encodeURIComponent(reply.id);
      item.append(link, el('div', meta(reply), 'meta'));
      const note = withdrawnNote(reply);
      if (note) item.append(note);
      return item;
    }));
    const pager = $('pager');
    pager.replaceChildren();
    if (page > 1) pager.append(button('上一页', () => go(q, page - 1)));
    if (page * pageSize < result.total) pager.append(button('下一页', () => go(q, page + 1)));
  } catch (error) {
    $('status').textContent = '检索失败：' + error.message;
  }
}

function button(text, onClick) {
  const b = el('button', text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

async function show(id) {
  try {
    const reply = await fetchJson('/api/replies/' + encodeURIComponent(id));
    const article = $('reply');
    const sources = el('ul', null, 'meta');
    for (const url of reply.urls) {
      const link = el('a', url);
      if (/^https?:\/\//.test(url)) link.href = url;
      link.rel = 'noopener noreferrer';
      const li = el('li');
      li.append(link);
      if ((reply.goneUrls || []).includes(url)) li.append(el('span', '（已失效）', 'gone'));
      sources.append(li);
    }
    article.replaceChildren(...[el('h2', reply.title), el('p', meta(reply), 'meta'), withdrawnNote(reply),
      sources, el('div', reply.body, 'body')].filter(Boolean));
    article.hidden = false;
    article.scrollIntoView();
  } catch (error) {
    $('status').textContent = '无法打开答复：' + error.message;
  }
}

function go(q, page) {
  location.hash = 'q/' + encodeURIComponent(q) + '/' + page;
}

function route() {
  const [kind, a, b] = location.hash.slice(1).split('/');
  if (kind === 'reply') { show(decodeURIComponent(a)); return; }
  const q = kind === 'q' ? decodeURIComponent(a || '') : '';
  $('q').value = q;
  search(q, Number(b) || 1);
}

$('search').addEventListener('submit', (event) => {
  event.preventDefault();
  go($('q').value.trim(), 1);
});
window.addEventListener('hashchange', route);
route();
