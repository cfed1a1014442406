'use strict';
// The operator page: every value shown comes from the API and is set as text, never as
// markup, since site names, URLs and error lines come from outside.

const statusLine = document.getElementById('status');
let shownSite = null;

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function say(message, isError) {
  statusLine.textContent = message;
  statusLine.className = isError ? 'error' : '';
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : body,
    credentials: 'same-origin'
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((json && (json.detail || json.title)) || ('HTTP ' + response.status));
  }
  return json;
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

function counts(summary) {
  if (!summary) {
    return '';
  }
  const errors = Object.values(summary.errorsByKind || {}).reduce((a, b) => a + b, 0);
  return summary.pagesFetched + ' fetched, ' + summary.newReplies + ' new, ' + summary.updatedReplies
    + ' updated, ' + summary.pagesUnchanged + ' unchanged, ' + summary.pagesGone + ' gone, '
    + errors + (errors === 1 ? ' error' : ' errors');
}

// What the parser made of the pages a crawl sent: the line that shows at once whether a
// site is being read.
function parsedLine(crawl) {
  const parsed = crawl.parsed;
  if (!parsed || (parsed.pagesRead === 0 && !crawl.awaitingParser)) {
    return null;
  }
  let line = parsed.replies + (parsed.replies === 1 ? ' reply' : ' replies') + ' from ' + parsed.pagesWithReplies
    + ' pages, ' + parsed.notReplies + ' not replies, ' + parsed.deadLettered + ' dead-lettered';
  if (crawl.awaitingParser) {
    line += ', ' + crawl.awaitingParser + ' awaiting the parser';
  }
  return el('div', line, parsed.deadLettered > 0 ? 'warning' : '');
}

function reasonList(crawl) {
  const list = el('ul', null, 'reasons');
  for (const reason of (crawl.parsed && crawl.parsed.reasons) || []) {
    const what = (reason.result === 'DEAD_LETTERED' ? 'dead-lettered' : 'not a reply')
      + (reason.reason ? ': ' + reason.reason : '');
    const item = el('li', reason.pages + ' ' + what + ' — e.g. ');
    item.append(el('span', reason.exampleUrl, 'url'));
    list.append(item);
  }
  return list.children.length ? list : null;
}

function crawlCell(crawl) {
  const cell = el('td');
  if (!crawl) {
    cell.append(el('span', 'never crawled', 'muted'));
    return cell;
  }
  cell.append(el('span', crawl.state, 'state state-' + crawl.state), ' ',
    el('span', when(crawl.endedAt || crawl.startedAt || crawl.queuedAt), 'muted'));
  if (crawl.summary) {
    cell.append(el('div', counts(crawl.summary)));
  }
  const parsed = parsedLine(crawl);
  if (parsed) {
    cell.append(parsed);
  }
  if (crawl.message) {
    cell.append(el('div', crawl.message, 'muted'));
  }
  return cell;
}

function button(label, action) {
  const node = el('button', label);
  node.type = 'button';
  node.addEventListener('click', async () => {
    try {
      await action();
      say(label + ': done');
      await refresh();
    } catch (error) {
      say(error.message, true);
    }
  });
  return node;
}

async function showSites() {
  const sites = await api('GET', 'api/sites');
  const rows = [];
  for (const site of sites) {
    const crawls = await api('GET', 'api/sites/' + encodeURIComponent(site.id) + '/crawls');
    const last = crawls[0];
    const row = el('tr');
    const name = el('td');
    name.append(el('strong', site.id), el('div', site.name, 'muted'));
    row.append(name, el('td', site.startUrls.join('\n'), 'urls'),
      el('td', site.schedule ? site.schedule + ' (' + site.timeZone + ')' : 'on request only'),
      el('td', site.delayMs + ' ms apart, ' + site.maxConcurrency + ' at once, at most ' + site.maxPages + ' pages'),
      crawlCell(last));
    const actions = el('td');
    const running = last && (last.state === 'QUEUED' || last.state === 'RUNNING');
    actions.append(running
      ? button('Cancel', () => api('DELETE', 'api/crawls/' + encodeURIComponent(last.id)))
      : button('Crawl now', () => api('POST', 'api/sites/' + encodeURIComponent(site.id) + '/crawls')));
    actions.append(button('Crawls', async () => { shownSite = site.id; }));
    actions.append(button('Edit', async () => {
      const profile = document.getElementById('profile');
      profile.value = JSON.stringify(site, null, 2);
      profile.focus();
    }));
    row.append(actions);
    rows.push(row);
  }
  document.querySelector('#sites tbody').replaceChildren(...rows);
  if (sites.length === 0) {
    say('No site registered yet.');
  }
}

async function showCrawls() {
  const section = document.getElementById('crawls');
  if (!shownSite) {
    section.hidden = true;
    return;
  }
  const crawls = await api('GET', 'api/sites/' + encodeURIComponent(shownSite) + '/crawls');
  document.getElementById('crawls-site').textContent = shownSite;
  const items = crawls.map(crawl => {
    const item = el('li');
    item.append(el('span', crawl.state, 'state state-' + crawl.state),
      ' ' + crawl.trigger + ', queued ' + when(crawl.queuedAt) + ', ended ' + when(crawl.endedAt),
      crawl.resumes ? ', resumed ' + crawl.resumes + '×' : '');
    if (crawl.message) {
      item.append(el('div', crawl.message, 'muted'));
    }
    const parsed = parsedLine(crawl);
    if (parsed) {
      item.append(parsed);
      const reasons = reasonList(crawl);
      if (reasons) {
        item.append(reasons);
      }
    }
    const summary = crawl.summary;
    if (summary) {
      item.append(el('div', counts(summary) + ', ' + summary.skippedByRobots + ' forbidden by robots.txt'));
      const kinds = Object.entries(summary.errorsByKind || {}).map(([kind, n]) => kind + ': ' + n).join(', ');
      if (kinds) {
        item.append(el('div', 'Errors by kind: ' + kinds));
      }
      const lines = el('ul');
      for (const line of (summary.errors || []).concat(summary.coverage || [])) {
        lines.append(el('li', line));
      }
      if (lines.children.length) {
        item.append(lines);
      }
    }
    return item;
  });
  document.getElementById('crawl-list').replaceChildren(...items);
  section.hidden = false;
}

async function refresh() {
  try {
    await showSites();
    await showCrawls();
    if (!statusLine.classList.contains('error')) {
      say('Updated ' + new Date().toLocaleTimeString());
    }
  } catch (error) {
    say('Could not read the crawler: ' + error.message, true);
  }
}

document.getElementById('register').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    const site = await api('POST', 'api/sites', document.getElementById('profile').value);
    say('Saved site ' + site.id);
    await refresh();
  } catch (error) {
    say('Not saved: ' + error.message, true);
  }
});

refresh();
setInterval(refresh, 5000);
