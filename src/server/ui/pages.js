// newsprov web UI, the other views: the stories list, the article reader (cited sentence highlighted,
// copies linked), entity pages and search.
'use strict';

function storyCard(s) {
  return '<div class="story" data-id="' + esc(s.id) + '">' + nav('/stories/' + encodeURIComponent(s.id), '<b>' + esc(s.number) + '. ' + esc(s.title) + '</b>') +
    '<div class="meta">' + esc(when(s.dateFrom, s.dateTo)) + ' · ' + esc(s.articles.length) + ' articles · ' + esc(s.independentSources) + ' independent · ' +
    esc(s.corroboratedFacts) + ' corroborated · ' + esc(s.contradictions) + ' contradictions</div></div>';
}

function homeHtml(stories) {
  return '<h1>Stories</h1>' + (stories.length ? stories.map(storyCard).join('') : '<p class="meta">No stories yet. Add articles with the form or with <code>newsprov ingest</code>.</p>') +
    '<p class="meta exports">Whole collection: ' + ['articles', 'copies', 'facts'].map((k) => '<a class="csv" href="/api/export/' + k + '.csv" download>' + k + '.csv</a>').join(' ') + '</p>';
}

/**
 * The text in its paragraphs, each sentence the analysis found (the units citations count) in a span of its own;
 * a sentence is placed in the paragraph where it is found, in order.
 */
function paragraphsHtml(text, sentences, highlight) {
  const paras = String(text).split(/\n\s*\n+/).filter((p) => p.trim());
  if (!sentences || !sentences.length) return paras.map((p) => '<p>' + esc(p) + '</p>').join('');
  let k = 0;
  const span = (i) => '<span class="sent' + (i === highlight ? ' cited' : '') + '" id="s' + i + '">' + esc(sentences[i]) + '</span> ';
  const html = paras.map((p) => {
    let out = '';
    for (let from = 0; k < sentences.length; k++) {
      const at = p.indexOf(sentences[k].slice(0, 40), from);
      if (at < 0) break;
      out += span(k);
      from = at + 1;
    }
    return out ? '<p>' + out + '</p>' : '';
  }).join('');
  // sentences not found as written (normalised by the analysis) still get shown, after the rest
  const rest = sentences.slice(k).map((_, j) => span(k + j)).join('');
  return html + (rest ? '<p>' + rest + '</p>' : '');
}

function readerHtml(a, highlight) {
  const body = paragraphsHtml(a.text, a.sentences, highlight);
  const copies = a.copies.map((c) => {
    const other = c.copyId === a.id ? { id: c.sourceId, label: c.sourceLabel, rel: 'copied from' } : { id: c.copyId, label: c.copyLabel, rel: 'copied by' };
    return '<li>' + esc(other.rel) + ' ' + nav(articlePath(other.id), esc(other.label)) + ' — ' + esc(c.kind) + ', ' + Math.round((c.copyId === a.id ? c.copyCoverage : c.sourceCoverage) * 100) + '% of this text</li>';
  }).join('');
  return '<h1 class="dossier-title">' + esc(a.title || a.label) + '</h1><div class="meta">' + esc(a.outlet || 'outlet unknown') + (a.author ? ' · ' + esc(a.author) : '') + ' · ' + esc(a.publishedAt || 'undated') + ' · ' +
    (a.url ? urlLink(a.url) : esc(a.origin)) + '</div>' + (a.story ? '<p>In story ' + nav('/stories/' + encodeURIComponent(a.story.id), esc(a.story.number) + '. ' + esc(a.story.title)) + '</p>' : '') +
    (copies ? '<h2>Copies</h2><ul>' + copies + '</ul>' : '') + '<h2>Text</h2><div class="reader">' + body + '</div>' +
    (a.removed && a.removed.length ? '<details class="more"><summary>Removed boilerplate (' + a.removed.length + ')</summary><ul>' + a.removed.map((r) => '<li><span class="meta">' + esc(r.kind) + '</span> ' + esc(r.text) + '</li>').join('') + '</ul></details>' : '');
}

function entityHtml(e) {
  return '<h1 class="dossier-title">' + esc(e.name) + '</h1><div class="meta">' + esc(e.type) + ' · ' + esc(e.articleIds.length) + ' articles · ' + esc(e.mentionCount) + ' mentions</div>' +
    '<h2>Also written</h2>' + (e.aliases.length ? '<ul>' + e.aliases.map((a) => '<li>' + esc(a.form) + ' <span class="meta">×' + esc(a.count) + '</span></li>').join('') + '</ul>' : '<p class="meta">No other forms.</p>') +
    '<h2>Stories</h2><ul>' + e.stories.map((s) => '<li>' + nav('/stories/' + encodeURIComponent(s.id), esc(s.number) + '. ' + esc(s.title)) + ' <span class="meta">' + esc(s.articles) + ' articles</span></li>').join('') + '</ul>' +
    '<h2>Quotes</h2>' + (e.quotes.length ? e.quotes.map((q) => '<div class="fact">“' + esc(q.text) + '” <span class="meta">' + esc(q.speaker) + ' · ' + esc(q.independentSources) + ' independent</span> ' +
      q.citations.map((c) => nav(articlePath(c.articleId, c.sentence), 'read', 'ref')).join(' ') + '</div>').join('') : '<p class="meta">No quotes.</p>');
}

/** The snippet with its matched words (character offsets in `marks`) marked; every piece escaped. */
function snippetHtml(s, marks) {
  let out = '';
  let at = 0;
  for (const [a, b] of marks || []) {
    out += esc(s.slice(at, a)) + '<mark>' + esc(s.slice(a, b)) + '</mark>';
    at = b;
  }
  return out + esc((s || '').slice(at));
}

function searchHtml(q, res) {
  const form = '<form id="search-page" class="search"><input name="q" value="' + esc(q) + '" placeholder="search articles and facts"> <button>Search</button></form>';
  if (!res) return '<h1>Search</h1>' + form;
  const arts = (res.articles || []).map((a) => '<li>' + nav(articlePath(a.id), esc(a.title || a.label)) + ' <span class="meta">' + esc(a.outlet || '') + ' · ' + esc(day(a.publishedAt) || 'undated') + '</span><div class="meta">' + snippetHtml(a.snippet, a.marks) + '</div></li>').join('');
  const facts = (res.facts || []).map((f) => '<li>' + esc(f.text) + ' <span class="meta">' + esc(f.independentSources) + ' independent</span> ' + nav('/stories/' + encodeURIComponent(f.storyId), 'story', 'ref') + ' ' + (f.articleIds || []).map((id) => nav(articlePath(id), 'article', 'ref')).join(' ') + '</li>').join('');
  return '<h1>Search</h1>' + form + '<h2>Articles (' + (res.articles || []).length + ')</h2><ul class="hits">' + arts + '</ul><h2>Facts (' + (res.facts || []).length + ')</h2><ul class="hits">' + facts + '</ul>';
}
