// newsprov web UI, the story workspace: propagation, sources, facts (consensus, contested, single
// source), copies side by side, coverage, people and places, framing, and why the story holds together.
'use strict';
const refOf = (d) => new Map(d.sources.map((s) => [s.articleId, s.ref]));

/** [n] citation links: each opens the article reader at the cited sentence. */
function citeLinks(d, citations) {
  const ref = refOf(d);
  const seen = new Set();
  return citations.filter((c) => !seen.has(c.articleId) && seen.add(c.articleId)).sort((a, b) => ref.get(a.articleId) - ref.get(b.articleId))
    .map((c) => nav(articlePath(c.articleId, c.sentence), '[' + esc(ref.get(c.articleId) ?? '?') + ']', 'ref')).join('');
}

function refLinks(d, ids) {
  const ref = refOf(d);
  return [...new Set(ids)].filter((i) => ref.has(i)).sort((a, b) => ref.get(a) - ref.get(b)).map((i) => nav(articlePath(i), '[' + esc(ref.get(i)) + ']', 'ref')).join('');
}

function factHtml(d, f) {
  const cls = f.status === 'corroborated' ? 'b-ok' : f.status === 'contradicted' ? 'b-bad' : 'b-mut';
  const cited = new Set(f.citations.map((c) => c.articleId));
  const copies = f.sourceGroups.flatMap((g) => g.slice(1)).filter((id) => !cited.has(id));
  return '<div class="fact"><span class="badge ' + cls + '">' + esc(f.independentSources) + ' independent</span><span class="meta">' + esc(f.kind) +
    (f.quote && f.quote.speaker ? ' · said by ' + esc(f.quote.speaker) : '') + '</span> ' + esc(f.text) + ' ' + citeLinks(d, f.citations) +
    (copies.length ? ' <span class="meta">(also in copies, not counted: ' + refLinks(d, copies) + ')</span>' : '') + '</div>';
}

function contestedHtml(d) {
  const items = d.contradictions.concat(d.updates || []);
  if (!items.length) return '<p class="meta">Nothing contested.</p>';
  return items.map((c) => '<div class="fact contested"><span class="badge ' + (c.kind === 'update' ? 'b-warn' : 'b-bad') + '">' + esc(c.kind === 'update' ? 'updated over time' : c.kind) + '</span><b>' + esc(c.topic) + '</b><ul>' +
    c.sides.map((s) => '<li><b>' + esc(s.claim) + '</b> — ' + esc((s.sources || []).join(', ') || s.independentSources + ' independent') + (s.publishedAt ? ' · ' + esc(day(s.publishedAt)) : '') + ' ' + citeLinks(d, s.citations) +
      '<div class="meta">“' + esc(s.citations[0]?.text) + '”</div></li>').join('') + '</ul></div>').join('');
}

function factsHtml(d) {
  const consensus = d.corroborated.concat(d.contradicted.filter((f) => f.independentSources >= 2));
  const single = d.contradicted.filter((f) => f.independentSources < 2).concat(d.singleSource);
  return '<h2>Consensus: reported by independent sources (' + consensus.length + ')</h2>' +
    (consensus.length ? consensus.map((f) => factHtml(d, f)).join('') : '<p class="meta">Nothing is reported by two or more independent sources.</p>') +
    '<h2>Contested</h2>' + contestedHtml(d) +
    '<h2>Single source (' + single.length + ')</h2><p class="meta">Most important first: figures, named sources, claims about the main people.</p>' +
    single.slice(0, 8).map((f) => factHtml(d, f)).join('') +
    (single.length > 8 ? '<details class="more"><summary>' + (single.length - 8) + ' more single-source items</summary>' + single.slice(8).map((f) => factHtml(d, f)).join('') + '</details>' : '');
}

function sourcesTable(d, rows) {
  return '<table class="sources"><tr><th>ref</th><th>outlet</th><th>lineage</th><th>kind</th><th>independent</th><th>first seen</th><th>address</th></tr>' + rows.map((r) =>
    '<tr' + (r.first ? ' class="first"' : '') + '><td>' + nav(articlePath(r.articleId), '[' + esc(r.ref) + ']', 'ref') + '</td><td>' + esc(r.outlet || r.label) + '</td><td>' + esc(r.lineageName) + (r.first ? ' <span class="badge b-ok">first</span>' : '') +
    '</td><td>' + esc(KIND_NAMES[r.kind]) + '</td><td>' + (r.first ? 'yes' : r.kind === 'own-reporting' || r.kind === 'wire' ? 'no (same source)' : 'no (copy)') + '</td><td>' + esc(r.publishedAt || 'undated') +
    '</td><td>' + (r.url ? urlLink(r.url) : esc(r.origin)) + '</td></tr>').join('') + '</table>';
}

function copyHtml(d, c) {
  const pairs = c.examples.map((x) => '<div class="pair"><div><b>source ' + nav(articlePath(c.sourceId), '[' + esc(c.sourceRef) + ']', 'ref') + '</b> ' + markChanges(x.source, x.copy) +
    '</div><div><b>copy ' + nav(articlePath(c.copyId), '[' + esc(c.copyRef) + ']', 'ref') + '</b> <span class="meta">(' + Number(x.similarity).toFixed(2) + ')</span> ' + markChanges(x.copy, x.source) + '</div></div>').join('');
  return '<div class="fact copy"><b>[' + esc(c.copyRef) + '] is a ' + esc(c.kind) + ' copy of [' + esc(c.sourceRef) + ']</b> — ' + Math.round(c.copyCoverage * 100) + '% of the copy and ' +
    Math.round(c.sourceCoverage * 100) + '% of the source aligned, similarity ' + Number(c.similarity).toFixed(2) + ', direction ' + esc(c.directionConfidence) +
    '<ul>' + c.reasons.map((r) => '<li>' + esc(r) + '</li>').join('') + '</ul>' + pairs + '</div>';
}

function entitiesHtml(d) {
  return '<table><tr><th>entity</th><th>type</th><th>articles</th><th>also written</th></tr>' + d.entities.slice(0, 25).map((e) =>
    '<tr><td>' + nav('/entities/' + encodeURIComponent(e.id), esc(e.name)) + '</td><td>' + esc(e.type) + '</td><td>' + esc(e.articleCount) + '</td><td>' + esc(e.aliases.join(', ')) + '</td></tr>').join('') + '</table>';
}

function framingHtml(d) {
  return '<table><tr><th>source</th><th>wording</th><th>distinctive words</th></tr>' + d.framing.map((f) =>
    '<tr><td>' + refLinks(d, [f.articleId]) + ' ' + esc(f.outlet || '') + '</td><td>' + Object.entries(f.terms).map(([k, v]) => '<b>' + esc(k) + '</b>: ' + Object.entries(v).map(([t, n]) => esc(t) + ' ×' + esc(n)).join(', ')).join('<br>') +
    '</td><td>' + esc(f.distinctiveTerms.join(', ')) + '</td></tr>').join('') + '</table>';
}

function groupingHtml(d) {
  const g = d.grouping || { members: [], apart: [] };
  return '<ul>' + g.members.map((m) => '<li>' + refLinks(d, [m.articleId]) + ' ' + esc(m.date || 'undated') + (m.sharedNames.length ? ' · names: ' + esc(m.sharedNames.slice(0, 5).join(', ')) : '') +
    (m.sharedTerms.length ? ' · terms: ' + esc(m.sharedTerms.slice(0, 5).join(', ')) : '') + '</li>').join('') + '</ul>' +
    (g.apart.length ? '<p><b>Kept apart from look-alike stories:</b></p><ul>' + g.apart.map((a) => '<li>' + nav('/stories/' + encodeURIComponent(a.storyId), esc(a.title || a.storyId)) + ' — ' + esc((a.reasons || []).join('; ') || ('content ' + a.content + ', names ' + a.names)) + '</li>').join('') + '</ul>' : '');
}

/** Merges, splits and moves this story went through; the ids it absorbed still lead here. */
function historyHtml(d) {
  const h = d.history || [];
  const note = d.redirectedFrom ? '<p class="meta">' + esc(d.redirectedFrom) + ' was merged into this story.</p>' : '';
  if (!h.length) return note;
  return note + '<details class="more history"><summary>Story history (' + h.length + ')</summary><ul>' + h.map((e) => {
    const other = e.storyId === d.id ? e.otherId : e.storyId;
    return '<li>' + esc(day(e.at)) + ' · ' + esc(e.kind) + (other ? ' · ' + nav('/stories/' + encodeURIComponent(other), esc(other)) : '') + ' · ' + esc((e.articleIds || []).length) + ' article(s)</li>';
  }).join('') + '</ul></details>';
}

function storyHtml(d) {
  const rows = publications(d);
  const first = d.propagation.firstReport;
  const exp = (kind, fmt) => '/api/export/' + kind + '.' + fmt + '?story=' + encodeURIComponent(d.id);
  return '<h1 class="dossier-title">' + esc(d.title) + '</h1><div class="meta">' + esc(when(d.dateFrom, d.dateTo)) + ' · ' + esc(d.articleCount) + ' articles · <b>' + esc(d.independentSources) + ' independent sources</b>' +
    (first ? ' · first report: [' + esc(first.ref) + '] ' + esc(first.outlet || '') + (first.publishedAt ? ' at ' + esc(first.publishedAt) : '') : '') + '</div>' + historyHtml(d) +
    '<div class="meta exports">Dossier: <a href="/api/stories/' + encodeURIComponent(d.id) + '/dossier.md">Markdown</a> · <a href="/api/stories/' + encodeURIComponent(d.id) + '">JSON</a> · Export: ' +
    ['articles', 'copies', 'facts'].map((k) => '<a class="csv" href="' + exp(k, 'csv') + '" download>' + k + '.csv</a>').join(' ') + '</div>' +
    '<h2>Propagation</h2>' + propagationSvg(d, rows) + legendHtml() +
    '<h2>Sources</h2>' + sourcesTable(d, rows) + factsHtml(d) +
    '<h2>Copies and rewrites</h2>' + (d.copies.length ? d.copies.map((c) => copyHtml(d, c)).join('') : '<p class="meta">No copies among these articles.</p>') +
    '<h2>Coverage per day</h2>' + coverageSvg(d) +
    '<h2>Who is involved</h2>' + entitiesHtml(d) + '<h2>How each outlet frames it</h2>' + framingHtml(d) + '<h2>Why these articles are one story</h2>' + groupingHtml(d);
}
