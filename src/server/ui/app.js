// newsprov web UI: stories list, dossier view, add-an-article form, over the JSON API.
// Served as a file (the Content-Security-Policy allows no inline script). Everything from the API is
// escaped before it becomes HTML; only http(s) addresses ever become links.
'use strict';
const $ = (s) => document.querySelector(s);
const when = (a, b) => !a ? 'undated' : (!b || a === b) ? (a.length === 7 ? a + ' or later' : a) : a + ' – ' + b;
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** A link for http(s) addresses; any other scheme (javascript:, data:, file:) is shown as inert text. */
function urlLink(url) {
  let u = null;
  try { u = new URL(url); } catch { u = null; }
  if (u && (u.protocol === 'http:' || u.protocol === 'https:'))
    return '<a href="' + esc(u.href) + '" rel="noopener noreferrer nofollow" target="_blank">' + esc(url) + '</a>';
  return '<span class="inert-url" title="not an http(s) address, so not a link">' + esc(url) + '</span>';
}

async function api(path, opts) {
  const r = await fetch(path, opts);
  const body = await r.json().catch(() => ({}));
  if (!r.ok && r.status !== 422) {
    const err = new Error(body.error || r.statusText || ('HTTP ' + r.status));
    err.status = r.status;
    throw err;
  }
  return { status: r.status, body };
}

function statusLine(s) {
  const parts = [s.articles + ' articles', 'storage: ' + s.storage];
  if (s.analysis.running || s.analysis.queued) parts.push('analysing… (showing ' + (s.analysedArticles ?? 0) + ' analysed)');
  else if (!s.fresh) parts.push((s.analysedArticles ?? 0) + ' analysed');
  if (s.analysis.lastError) parts.push('last analysis failed: ' + s.analysis.lastError);
  return parts.join(' · ');
}

let current = null;
async function loadStories() {
  const st = (await api('/api/status')).body;
  $('#status').textContent = statusLine(st);
  const stories = (await api('/api/stories')).body;
  $('#stories').innerHTML = stories.length ? stories.map((s) =>
    '<div class="story" data-id="' + esc(s.id) + '"><b>' + esc(s.number) + '. ' + esc(s.title) + '</b>' +
    '<div class="meta">' + esc(when(s.dateFrom, s.dateTo)) + ' · ' + esc(s.articles.length) + ' articles · ' + esc(s.independentSources) + ' independent · ' +
    esc(s.corroboratedFacts) + ' corroborated · ' + esc(s.contradictions) + ' contradictions</div></div>').join('')
    : '<p class="meta story-empty">No stories yet. Add articles below or with <code>newsprov ingest</code>.</p>';
  document.querySelectorAll('.story').forEach((el) => el.addEventListener('click', () => show(el.dataset.id)));
  if (current) await show(current); else if (stories[0]) await show(stories[0].id);
  return st;
}

function refs(d, ids) {
  const m = new Map(d.sources.map((s) => [s.articleId, s.ref]));
  return [...new Set(ids.map((i) => m.get(i)).filter(Boolean))].sort((a, b) => a - b).map((r) => '<span class="ref">[' + esc(r) + ']</span>').join('');
}

function fact(d, f) {
  const cls = f.status === 'corroborated' ? 'b-ok' : f.status === 'contradicted' ? 'b-bad' : 'b-mut';
  const copies = f.sourceGroups.flatMap((g) => g.slice(1));
  return '<div class="fact"><span class="badge ' + cls + '">' + esc(f.status) + ' · ' + esc(f.independentSources) + ' independent</span>' +
    '<span class="meta">' + esc(f.kind) + (f.quote && f.quote.speaker ? ' · said by ' + esc(f.quote.speaker) : '') + '</span> ' + esc(f.text) + ' ' + f.sourceGroups.map((g) => refs(d, g)).join(' ') +
    (copies.length ? ' <span class="meta">(copies not counted: ' + refs(d, copies) + ')</span>' : '') + '</div>';
}

function contradictionsHtml(d) {
  if (!d.contradictions.length) return '<p class="meta">None found.</p>';
  return d.contradictions.map((c) => '<div class="fact"><span class="badge b-bad">' + esc(c.kind) + '</span><b>' + esc(c.topic) + '</b><ul>' +
    c.sides.map((s) => '<li>' + esc(s.claim) + ' — ' + esc(s.independentSources) + ' independent ' + refs(d, s.articleIds) + '<div class="meta">“' + esc(s.citations[0]?.text) + '”</div></li>').join('') + '</ul></div>').join('');
}

function copiesHtml(d) {
  if (!d.copies.length) return '<p class="meta">No copies among these articles.</p>';
  return d.copies.map((c) => '<div class="fact"><b>[' + esc(c.copyRef) + '] is a ' + esc(c.kind) + ' copy of [' + esc(c.sourceRef) + ']</b> — ' +
    Math.round(c.copyCoverage * 100) + '% aligned, similarity ' + Number(c.similarity).toFixed(2) + ', direction ' + esc(c.directionConfidence) + '<ul>' + c.reasons.map((r) => '<li>' + esc(r) + '</li>').join('') + '</ul>' +
    '<div class="meta">' + c.passages.map((p) => 'source sentences ' + (p.sourceSentences[0] + 1) + '–' + (p.sourceSentences[1] + 1) + ' ↔ copy ' + (p.copySentences[0] + 1) + '–' + (p.copySentences[1] + 1)).join('; ') + '</div>' +
    c.examples.map((x) => '<div class="pair"><div><b>source [' + esc(c.sourceRef) + ']</b> ' + esc(x.source) + '</div><div><b>copy [' + esc(c.copyRef) + ']</b> <span class="meta">(' + Number(x.similarity).toFixed(2) + ')</span> ' + esc(x.copy) + '</div></div>').join('') + '</div>').join('');
}

function framingHtml(d) {
  return '<table><tr><th>source</th><th>wording</th><th>naming</th><th>distinctive words</th></tr>' + d.framing.map((f) => {
    const s = d.sources.find((x) => x.articleId === f.articleId);
    return '<tr><td>[' + esc(s.ref) + '] ' + esc(s.outlet || s.label) + '</td><td>' + Object.entries(f.terms).map(([k, v]) => '<b>' + esc(k) + '</b>: ' + Object.entries(v).map(([t, n]) => esc(t) + ' ×' + esc(n)).join(', ')).join('<br>') +
      '</td><td>' + f.namings.slice(0, 6).map((n) => esc(n.entity) + ': ' + esc(n.titles.concat(n.forms).join(' / '))).join('<br>') + '</td><td>' + esc(f.distinctiveTerms.join(', ')) + '</td></tr>';
  }).join('') + '</table>';
}

function sourcesHtml(d) {
  return '<ol>' + d.sources.map((s) => '<li>' + esc(s.label) + (s.outlet ? ', ' + esc(s.outlet) : '') + (s.title ? ' — “' + esc(s.title) + '”' : '') +
    (s.publishedAt ? ' · ' + esc(s.publishedAt.slice(0, 10)) : '') + ' · ' + (s.url ? urlLink(s.url) : esc(s.origin)) +
    (s.copyOf ? ' · <i>copy</i>' : '') + '</li>').join('') + '</ol>';
}

function dossierHtml(d) {
  let h = '<h1 class="dossier-title">' + esc(d.title) + '</h1><div class="meta">' + esc(when(d.dateFrom, d.dateTo)) + ' · ' + esc(d.articleCount) + ' articles · ' + esc(d.independentSources) +
    ' independent sources · <a href="/api/stories/' + encodeURIComponent(d.id) + '/dossier.md">Markdown dossier</a></div>';
  h += '<h2>Contradictions</h2>' + contradictionsHtml(d);
  const corr = d.corroborated.concat(d.contradicted.filter((f) => f.independentSources >= 2));
  h += '<h2>Corroborated by independent sources</h2>' + (corr.length ? corr.map((f) => fact(d, f)).join('') : '<p class="meta">Nothing is reported by two or more independent sources.</p>');
  const single = d.contradicted.filter((f) => f.independentSources < 2).concat(d.singleSource);
  h += '<h2>Reported by one source only (' + single.length + ')</h2>' + single.slice(0, 40).map((f) => fact(d, f)).join('') + (single.length > 40 ? '<p class="meta">… ' + (single.length - 40) + ' more in the JSON dossier</p>' : '');
  h += '<h2>Copies and rewrites</h2>' + copiesHtml(d);
  h += '<h2>Who is involved</h2><table><tr><th>entity</th><th>type</th><th>articles</th><th>also written</th></tr>' +
    d.entities.slice(0, 25).map((e) => '<tr><td>' + esc(e.name) + '</td><td>' + esc(e.type) + '</td><td>' + esc(e.articleCount) + '</td><td>' + esc(e.aliases.join(', ')) + '</td></tr>').join('') + '</table>';
  h += '<h2>How each outlet frames it</h2>' + framingHtml(d);
  h += '<h2>Sources</h2>' + sourcesHtml(d);
  return h;
}

async function show(id) {
  current = id;
  document.querySelectorAll('.story').forEach((el) => el.classList.toggle('sel', el.dataset.id === id));
  const d = (await api('/api/stories/' + encodeURIComponent(id))).body;
  $('#view').innerHTML = dossierHtml(d);
}

/** New articles are analysed in the background: refresh until the analysis has caught up. */
async function followAnalysis() {
  for (let i = 0; i < 600; i++) {
    const st = await loadStories();
    if (st.fresh && !st.analysis.running && !st.analysis.queued) return;
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
loadStories().catch((e) => { $('#status').textContent = 'error: ' + e.message; });
