// The web UI: one static page that talks to the JSON API.
export const UI_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsprov — stories</title>
<style>
  :root { --fg:#1d2330; --muted:#667085; --line:#e4e7ec; --ok:#067647; --warn:#b54708; --bad:#b42318; --accent:#175cd3; }
  * { box-sizing: border-box; }
  body { margin:0; font:15px/1.5 system-ui, -apple-system, Segoe UI, Roboto, sans-serif; color:var(--fg); background:#f9fafb; }
  header { padding:12px 20px; background:#101828; color:#fff; display:flex; gap:16px; align-items:baseline; }
  header h1 { font-size:18px; margin:0; }
  header span { color:#98a2b3; font-size:13px; }
  main { display:grid; grid-template-columns: 340px 1fr; min-height: calc(100vh - 50px); }
  nav { border-right:1px solid var(--line); background:#fff; overflow:auto; }
  nav .story { padding:12px 16px; border-bottom:1px solid var(--line); cursor:pointer; }
  nav .story:hover, nav .story.sel { background:#eff4ff; }
  nav .story b { display:block; }
  .meta { color:var(--muted); font-size:13px; }
  section#view { padding:20px 28px; overflow:auto; max-width: 1100px; }
  h2 { font-size:17px; margin:26px 0 8px; border-bottom:1px solid var(--line); padding-bottom:4px; }
  .fact { margin:6px 0; padding:8px 10px; background:#fff; border:1px solid var(--line); border-radius:6px; }
  .badge { display:inline-block; font-size:12px; padding:1px 7px; border-radius:10px; margin-right:6px; color:#fff; }
  .b-ok { background:var(--ok);} .b-warn { background:var(--warn);} .b-bad { background:var(--bad);} .b-mut { background:#98a2b3; }
  .ref { color:var(--accent); font-weight:600; margin-left:2px; }
  .pair { display:grid; grid-template-columns:1fr 1fr; gap:10px; margin:6px 0 12px; }
  .pair div { background:#fff; border:1px solid var(--line); border-radius:6px; padding:8px; font-size:13px; }
  table { border-collapse:collapse; width:100%; background:#fff; }
  td, th { border:1px solid var(--line); padding:5px 8px; text-align:left; vertical-align:top; font-size:13px; }
  form { margin-top:8px; padding:12px 16px; border-top:1px solid var(--line); }
  textarea { width:100%; height:90px; font:12px monospace; }
  .err { color:var(--bad); white-space:pre-wrap; }
</style>
</head>
<body>
<header><h1>newsprov</h1><span id="status">loading…</span></header>
<main>
  <nav>
    <div id="stories"></div>
    <form id="add">
      <b>Add an article</b>
      <div class="meta">Paste plain text, HTML or an RSS/Atom feed, or pick a file.</div>
      <input type="file" id="file"><br>
      <textarea id="content" placeholder="article text…"></textarea>
      <input id="origin" placeholder="name (optional)" style="width:60%"> <button>Add</button>
      <div id="addmsg" class="meta"></div>
    </form>
  </nav>
  <section id="view"><p class="meta">Choose a story on the left.</p></section>
</main>
<script>
const $ = (s) => document.querySelector(s);
const when = (a, b) => !a ? 'undated' : (!b || a === b) ? (a.length === 7 ? a + ' or later' : a) : a + ' – ' + b;
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
async function api(path, opts) {
  const r = await fetch(path, opts);
  const body = await r.json().catch(() => ({}));
  if (!r.ok && r.status !== 422) throw new Error(body.error || r.statusText);
  return { status: r.status, body };
}
let current = null;
async function loadStories() {
  const h = (await api('/api/health')).body;
  $('#status').textContent = h.articles + ' articles · storage: ' + h.storage;
  const stories = (await api('/api/stories')).body;
  $('#stories').innerHTML = stories.length ? stories.map((s) =>
    '<div class="story" data-id="' + esc(s.id) + '"><b>' + s.number + '. ' + esc(s.title) + '</b>' +
    '<div class="meta">' + esc(when(s.dateFrom, s.dateTo)) + ' · ' + s.articles.length + ' articles · ' + s.independentSources + ' independent · ' +
    s.corroboratedFacts + ' corroborated · ' + s.contradictions + ' contradictions</div></div>').join('')
    : '<p class="meta" style="padding:16px">No stories yet. Add articles below or with <code>newsprov ingest</code>.</p>';
  document.querySelectorAll('.story').forEach((el) => el.onclick = () => show(el.dataset.id));
  if (current) show(current); else if (stories[0]) show(stories[0].id);
}
function refs(d, ids) {
  const m = new Map(d.sources.map((s) => [s.articleId, s.ref]));
  return [...new Set(ids.map((i) => m.get(i)).filter(Boolean))].sort((a,b)=>a-b).map((r) => '<span class="ref">[' + r + ']</span>').join('');
}
function fact(d, f) {
  const cls = f.status === 'corroborated' ? 'b-ok' : f.status === 'contradicted' ? 'b-bad' : 'b-mut';
  const copies = f.sourceGroups.flatMap((g) => g.slice(1));
  return '<div class="fact"><span class="badge ' + cls + '">' + esc(f.status) + ' · ' + f.independentSources + ' independent</span>' +
    '<span class="meta">' + esc(f.kind) + (f.quote && f.quote.speaker ? ' · said by ' + esc(f.quote.speaker) : '') + '</span> ' + esc(f.text) + ' ' + f.sourceGroups.map((g) => refs(d, g)).join(' ') +
    (copies.length ? ' <span class="meta">(copies not counted: ' + refs(d, copies) + ')</span>' : '') + '</div>';
}
async function show(id) {
  current = id;
  document.querySelectorAll('.story').forEach((el) => el.classList.toggle('sel', el.dataset.id === id));
  const d = (await api('/api/stories/' + encodeURIComponent(id))).body;
  let h = '<h1 style="font-size:22px">' + esc(d.title) + '</h1><div class="meta">' + esc(when(d.dateFrom, d.dateTo)) + ' · ' + d.articleCount + ' articles · ' + d.independentSources +
    ' independent sources · <a href="/api/stories/' + encodeURIComponent(d.id) + '/dossier.md">Markdown dossier</a></div>';
  h += '<h2>Contradictions</h2>' + (d.contradictions.length ? d.contradictions.map((c) => '<div class="fact"><span class="badge b-bad">' + esc(c.kind) + '</span><b>' + esc(c.topic) + '</b><ul>' +
    c.sides.map((s) => '<li>' + esc(s.claim) + ' — ' + s.independentSources + ' independent ' + refs(d, s.articleIds) + '<div class="meta">“' + esc(s.citations[0]?.text) + '”</div></li>').join('') + '</ul></div>').join('') : '<p class="meta">None found.</p>');
  const corr = d.corroborated.concat(d.contradicted.filter((f) => f.independentSources >= 2));
  h += '<h2>Corroborated by independent sources</h2>' + (corr.length ? corr.map((f) => fact(d, f)).join('') : '<p class="meta">Nothing is reported by two or more independent sources.</p>');
  const single = d.contradicted.filter((f) => f.independentSources < 2).concat(d.singleSource);
  h += '<h2>Reported by one source only (' + single.length + ')</h2>' + single.slice(0, 40).map((f) => fact(d, f)).join('') + (single.length > 40 ? '<p class="meta">… ' + (single.length - 40) + ' more in the JSON dossier</p>' : '');
  h += '<h2>Copies and rewrites</h2>' + (d.copies.length ? d.copies.map((c) => '<div class="fact"><b>[' + c.copyRef + '] is a ' + esc(c.kind) + ' copy of [' + c.sourceRef + ']</b> — ' +
    Math.round(c.copyCoverage * 100) + '% aligned, similarity ' + c.similarity.toFixed(2) + ', direction ' + esc(c.directionConfidence) + '<ul>' + c.reasons.map((r) => '<li>' + esc(r) + '</li>').join('') + '</ul>' +
    '<div class="meta">' + c.passages.map((p) => 'source sentences ' + (p.sourceSentences[0] + 1) + '–' + (p.sourceSentences[1] + 1) + ' ↔ copy ' + (p.copySentences[0] + 1) + '–' + (p.copySentences[1] + 1)).join('; ') + '</div>' +
    c.examples.map((x) => '<div class="pair"><div><b>source [' + c.sourceRef + ']</b> ' + esc(x.source) + '</div><div><b>copy [' + c.copyRef + ']</b> <span class="meta">(' + x.similarity.toFixed(2) + ')</span> ' + esc(x.copy) + '</div></div>').join('') + '</div>').join('') : '<p class="meta">No copies among these articles.</p>');
  h += '<h2>Who is involved</h2><table><tr><th>entity</th><th>type</th><th>articles</th><th>also written</th></tr>' +
    d.entities.slice(0, 25).map((e) => '<tr><td>' + esc(e.name) + '</td><td>' + esc(e.type) + '</td><td>' + e.articleCount + '</td><td>' + esc(e.aliases.join(', ')) + '</td></tr>').join('') + '</table>';
  h += '<h2>How each outlet frames it</h2><table><tr><th>source</th><th>wording</th><th>naming</th><th>distinctive words</th></tr>' + d.framing.map((f) => {
    const s = d.sources.find((x) => x.articleId === f.articleId);
    return '<tr><td>[' + s.ref + '] ' + esc(s.outlet || s.label) + '</td><td>' + Object.entries(f.terms).map(([k, v]) => '<b>' + esc(k) + '</b>: ' + Object.entries(v).map(([t, n]) => esc(t) + ' ×' + n).join(', ')).join('<br>') +
      '</td><td>' + f.namings.slice(0, 6).map((n) => esc(n.entity) + ': ' + esc(n.titles.concat(n.forms).join(' / '))).join('<br>') + '</td><td>' + esc(f.distinctiveTerms.join(', ')) + '</td></tr>';
  }).join('') + '</table>';
  h += '<h2>Sources</h2><ol>' + d.sources.map((s) => '<li>' + esc(s.label) + (s.outlet ? ', ' + esc(s.outlet) : '') + (s.title ? ' — “' + esc(s.title) + '”' : '') +
    (s.publishedAt ? ' · ' + esc(s.publishedAt.slice(0, 10)) : '') + (s.url ? ' · <a href="' + esc(s.url) + '">' + esc(s.url) + '</a>' : ' · ' + esc(s.origin)) +
    (s.copyOf ? ' · <i>copy</i>' : '') + '</li>').join('') + '</ol>';
  $('#view').innerHTML = h;
}
$('#file').onchange = async (e) => { const f = e.target.files[0]; if (f) { $('#content').value = await f.text(); $('#origin').value = f.name; } };
$('#add').onsubmit = async (e) => {
  e.preventDefault();
  $('#addmsg').textContent = 'adding…';
  try {
    const q = $('#origin').value ? '?origin=' + encodeURIComponent($('#origin').value) : '';
    const r = await api('/api/articles' + q, { method: 'POST', body: $('#content').value });
    const b = r.body;
    $('#addmsg').innerHTML = b.errors.length ? '<span class="err">' + esc(b.errors.map((x) => x.reason).join('\\n')) + '</span>' : esc(b.inserted.length + ' added, ' + b.duplicates.length + ' already stored');
    if (b.inserted.length) { $('#content').value = ''; await loadStories(); }
  } catch (err) { $('#addmsg').innerHTML = '<span class="err">' + esc(err.message) + '</span>'; }
};
loadStories().catch((e) => { $('#status').textContent = 'error: ' + e.message; });
</script>
</body>
</html>`;
