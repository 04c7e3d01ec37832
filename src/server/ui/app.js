// newsprov web UI, the shell: every view has its own address (/stories/<id>, /articles/<id>,
// /entities/<id>, /search?q=), links inside the UI are followed without a reload, back/forward work.
'use strict';
const hasHistory = typeof history !== 'undefined' && typeof location !== 'undefined';

function statusLine(s) {
  const parts = [s.articles + ' articles', 'storage: ' + s.storage];
  if (s.analysis.running || s.analysis.queued) parts.push('analysing… (showing ' + (s.analysedArticles ?? 0) + ' analysed)');
  else if (!s.fresh) parts.push((s.analysedArticles ?? 0) + ' analysed');
  if (s.analysis.lastError) parts.push('last analysis failed: ' + s.analysis.lastError);
  return parts.join(' · ');
}

let currentPath = '/';
async function loadStories() {
  const st = (await api('/api/status')).body;
  $('#status').textContent = statusLine(st);
  const stories = (await api('/api/stories')).body;
  $('#stories').innerHTML = stories.length ? stories.map(storyCard).join('') : '<p class="meta story-empty">No stories yet.</p>';
  markSelected();
  return { st, stories };
}

function markSelected() {
  const m = /^\/stories\/([^/?#]+)/.exec(currentPath);
  const id = m ? decodeURIComponent(m[1]) : null;
  document.querySelectorAll('.story').forEach((el) => el.classList.toggle('sel', el.dataset.id === id));
}

/** Show the view an address names. */
async function render(path) {
  currentPath = path;
  markSelected();
  const u = new URL(path, 'http://ui.invalid');
  const [, kind, raw] = u.pathname.split('/');
  const id = raw ? decodeURIComponent(raw) : null;
  const view = $('#view');
  try {
    if (kind === 'stories' && id) {
      const d = (await api('/api/stories/' + encodeURIComponent(id))).body;
      view.innerHTML = storyHtml(d);
      document.title = d.title + ' — newsprov';
    } else if (kind === 'articles' && id) {
      const a = (await api('/api/articles/' + encodeURIComponent(id) + '/reader')).body;
      const s = u.searchParams.get('s');
      view.innerHTML = readerHtml(a, s === null ? -1 : Number(s));
      const cited = view.querySelector('.cited');
      if (cited && cited.scrollIntoView) cited.scrollIntoView({ block: 'center' });
      document.title = (a.title || a.label) + ' — newsprov';
    } else if (kind === 'entities' && id) {
      view.innerHTML = entityHtml((await api('/api/entities/' + encodeURIComponent(id))).body);
    } else if (kind === 'search') {
      const q = u.searchParams.get('q') || '';
      const params = new URLSearchParams(u.search);
      view.innerHTML = searchHtml(q, q ? (await api('/api/search?' + params.toString())).body : null);
    } else {
      view.innerHTML = homeHtml((await api('/api/stories')).body);
      document.title = 'newsprov — stories';
    }
  } catch (err) {
    view.innerHTML = '<h1>Not available</h1><p class="err">' + esc(err.message) + '</p><p>' + nav('/', 'All stories') + '</p>';
  }
}

function go(path) {
  if (hasHistory) history.pushState(null, '', path);
  return render(path);
}

/** Open a story by id. */
function show(id) {
  return go('/stories/' + encodeURIComponent(id));
}

document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[data-nav]');
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  go(a.getAttribute('href'));
});
document.addEventListener('submit', (e) => {
  if (e.target.id !== 'search-page' && e.target.id !== 'search') return;
  e.preventDefault();
  go('/search?q=' + encodeURIComponent(e.target.querySelector('input[name=q]').value));
});
if (hasHistory) window.addEventListener('popstate', () => render(location.pathname + location.search));

/** New articles are analysed in the background: refresh until the analysis has caught up. */
async function followAnalysis() {
  for (let i = 0; i < 600; i++) {
    const { st } = await loadStories();
    if (st.fresh && !st.analysis.running && !st.analysis.queued) return render(currentPath);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function addArticle(e) {
  e.preventDefault();
  $('#addmsg').textContent = 'adding…';
  try {
    const q = $('#origin').value ? '?origin=' + encodeURIComponent($('#origin').value) : '';
    const headers = $('#token').value ? { authorization: 'Bearer ' + $('#token').value } : {};
    const b = (await api('/api/articles' + q, { method: 'POST', body: $('#content').value, headers })).body;
    $('#addmsg').innerHTML = b.errors.length ? '<span class="err">' + esc(b.errors.map((x) => x.reason).join('\n')) + '</span>' : esc(b.inserted.length + ' added, ' + b.duplicates.length + ' already stored');
    if (b.inserted.length) { $('#content').value = ''; await followAnalysis(); }
  } catch (err) {
    if (err.status === 401) $('#tokenrow').hidden = false;
    $('#addmsg').innerHTML = '<span class="err">' + esc(err.message) + '</span>';
  }
}

$('#file').addEventListener('change', async (e) => { const f = e.target.files[0]; if (f) { $('#content').value = await f.text(); $('#origin').value = f.name; } });
$('#add').addEventListener('submit', addArticle);
loadStories().then(() => render(hasHistory ? location.pathname + location.search : '/')).catch((e) => { $('#status').textContent = 'error: ' + e.message; });
