// The live page: each reply the stream announces is added at the top of the list. Values
// from the stream are page content from government sites: set only as text or properties.
(() => {
  const status = document.getElementById('live-status');
  const feed = document.getElementById('feed');
  if (!status || !feed || !window.EventSource) return;
  const most = 100;
  const stream = new EventSource(status.dataset.stream);

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text != null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function show(type, event) {
    const reply = JSON.parse(event.data);
    const item = el('li');
    item.dataset.id = reply.id;
    const heading = el('h2');
    const link = el('a', reply.title);
    link.href = '/replies/' + encodeURIComponent(reply.id);
    heading.append(link);
    const badges = el('p', null, 'badges');
    badges.append(el('span', feed.dataset[type], 'badge event ' + type));
    const kind = reply.submission && reply.submission.kind;
    if (kind) badges.append(el('span', feed.dataset['kind' + kind.charAt(0) + kind.slice(1).toLowerCase()], 'badge kind'));
    const meta = el('p', null, 'meta');
    for (const part of [reply.issuer, reply.documentNumber, reply.replyDate]) {
      if (part) meta.append(el('span', part));
    }
    item.append(heading, badges, meta);
    const summary = reply.enrichment && reply.enrichment.summary;
    if (summary) item.append(el('p', summary, 'snippet'));
    feed.prepend(item);
    while (feed.children.length > most) feed.lastElementChild.remove();
  }

  stream.addEventListener('open', () => { status.textContent = status.dataset.connected; });
  stream.addEventListener('error', () => { status.textContent = status.dataset.reconnecting; });
  stream.addEventListener('reply.created.v1', (event) => show('created', event));
  stream.addEventListener('reply.updated.v1', (event) => show('updated', event));
  stream.addEventListener('reply.withdrawn.v1', (event) => show('withdrawn', event));
  stream.addEventListener('missed', () => { status.textContent = status.dataset.missed; });
})();
