// newsprov web UI, pictures as inline SVG (no external assets): the propagation of a story — who
// published when, in which lineage, who copied whom and how long after — and its coverage per day.
'use strict';
const KIND_COLOURS = { 'own-reporting': '#175cd3', wire: '#7f56d9', 'verbatim-copy': '#b42318', rewrite: '#dc6803', translation: '#e04f16', partial: '#0e9384' };
const KIND_NAMES = { 'own-reporting': 'own reporting', wire: 'wire copy', 'verbatim-copy': 'verbatim copy', rewrite: 'rewrite', translation: 'translation', partial: 'partial reuse' };

/** The dossier's timeline, each publication with its lane (lineage) and time, in time order. */
function publications(d) {
  const p = d.propagation;
  const lane = new Map(p.lineages.map((l, i) => [l.key, i]));
  const name = new Map(p.lineages.map((l) => [l.key, l.name]));
  const origin = new Map(d.sources.map((s) => [s.articleId, s.origin]));
  return p.timeline.map((t) => ({ ...t, origin: origin.get(t.articleId), lane: lane.get(t.lineage), lineageName: name.get(t.lineage), first: t.firstInLineage, time: t.publishedAt ? Date.parse(t.publishedAt) : null }));
}

function lagText(ms) {
  if (ms === null || Number.isNaN(ms)) return '';
  const h = Math.round(ms / 3600000);
  if (Math.abs(h) < 1) return '+' + Math.max(0, Math.round(ms / 60000)) + ' min';
  return Math.abs(h) < 48 ? '+' + h + ' h' : '+' + Math.round(h / 24) + ' d';
}

/** Lanes are the independent sources; dots are publications placed by time; arrows run from source to copy. */
function propagationSvg(d, rows) {
  const W = 860, LEFT = 170, RIGHT = 30, LANE = 54, TOP = 30;
  const lineages = d.propagation.lineages;
  const lanes = lineages.length;
  const H = TOP + lanes * LANE + 40;
  const dated = rows.filter((r) => r.time !== null);
  const t0 = dated.length ? Math.min(...dated.map((r) => r.time)) : 0;
  const t1 = dated.length ? Math.max(...dated.map((r) => r.time)) : 1;
  const span = Math.max(t1 - t0, 1);
  const undatedX = new Map(rows.filter((r) => r.time === null).map((r, i) => [r.articleId, W - RIGHT - 10 - i * 18]));
  const xOf = (r) => (r.time === null ? undatedX.get(r.articleId) : LEFT + ((r.time - t0) / span) * (W - LEFT - RIGHT - 80));
  const yOf = (r) => TOP + r.lane * LANE + LANE / 2;
  const pos = new Map(rows.map((r) => [r.articleId, { x: xOf(r), y: yOf(r), r }]));
  let s = '<svg class="propagation" viewBox="0 0 ' + W + ' ' + H + '" width="100%" role="img" aria-label="propagation of the story"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#667085"/></marker></defs>';
  lineages.forEach((g, i) => {
    const y = TOP + i * LANE;
    s += '<rect x="0" y="' + y + '" width="' + W + '" height="' + LANE + '" fill="' + (i % 2 ? '#ffffff' : '#f2f4f7') + '"/>';
    s += '<text x="8" y="' + (y + LANE / 2 + 4) + '" font-size="12" fill="#1d2330">' + esc(g.name.slice(0, 24)) + '</text>';
  });
  for (const c of d.propagation.edges) {
    const a = pos.get(c.sourceId), b = pos.get(c.copyId);
    if (!a || !b) continue;
    const mx = (a.x + b.x) / 2, my = Math.min(a.y, b.y) - 18;
    s += '<path d="M' + a.x + ' ' + a.y + ' Q' + mx + ' ' + my + ' ' + b.x + ' ' + b.y + '" fill="none" stroke="#667085" stroke-width="1.4" marker-end="url(#arrow)"/>';
    const lag = c.lagSeconds === null ? '' : lagText(c.lagSeconds * 1000);
    if (lag) s += '<text x="' + mx + '" y="' + (my + 4) + '" font-size="10" text-anchor="middle" fill="#475467">' + esc(lag) + '</text>';
  }
  for (const { x, y, r } of pos.values()) {
    s += '<g class="pub" data-article="' + esc(r.articleId) + '"><title>' + esc('[' + r.ref + '] ' + (r.outlet || r.label) + ' · ' + KIND_NAMES[r.kind] + ' · ' + (r.publishedAt || 'undated')) + '</title>';
    if (r.first) s += '<circle cx="' + x + '" cy="' + y + '" r="11" fill="none" stroke="#101828" stroke-width="2"/>';
    s += '<circle cx="' + x + '" cy="' + y + '" r="7" fill="' + KIND_COLOURS[r.kind] + '"/><text x="' + x + '" y="' + (y + 24) + '" font-size="11" text-anchor="middle" fill="#1d2330">[' + esc(r.ref) + ']</text></g>';
  }
  const axisY = H - 12;
  s += '<text x="' + LEFT + '" y="' + axisY + '" font-size="11" fill="#475467">' + esc(dated.length ? new Date(t0).toISOString().slice(0, 16).replace('T', ' ') : 'no publication times') + '</text>';
  if (dated.length > 1) s += '<text x="' + (W - RIGHT - 80) + '" y="' + axisY + '" font-size="11" text-anchor="end" fill="#475467">' + esc(new Date(t1).toISOString().slice(0, 16).replace('T', ' ')) + '</text>';
  if (undatedX.size) {
    const edge = Math.min(...undatedX.values()) - 14;
    if (dated.length) s += '<line x1="' + edge + '" y1="' + TOP + '" x2="' + edge + '" y2="' + (TOP + lanes * LANE) + '" stroke="#98a2b3" stroke-dasharray="4 3"/>';
    s += '<text x="' + (W - RIGHT) + '" y="' + axisY + '" font-size="11" text-anchor="end" fill="#475467">undated</text>';
  }
  return s + '</svg>';
}

function legendHtml() {
  return '<div class="legend">' + Object.entries(KIND_NAMES).map(([k, n]) => '<span><i class="dot kind-' + k + '"></i>' + esc(n) + '</span>').join('') +
    '<span><i class="ring"></i>first report of its lineage</span><span>arrow: copied from → copy, with the lag</span></div>';
}

/** Articles per day per outlet, as a grid of counted dots. */
function coverageSvg(d) {
  const days = [...new Set(d.sources.map((s) => day(s.publishedAt)).filter(Boolean))].sort();
  if (!days.length) return '<p class="meta">No publication dates to chart.</p>';
  const outlets = [...new Set(d.sources.map((s) => s.outlet || s.label))];
  const count = new Map();
  for (const s of d.sources) if (s.publishedAt) { const k = (s.outlet || s.label) + '|' + day(s.publishedAt); count.set(k, (count.get(k) || 0) + 1); }
  const LEFT = 170, COL = Math.max(46, Math.min(90, 680 / days.length)), ROW = 26, TOP = 26;
  const W = LEFT + COL * days.length + 10, H = TOP + ROW * outlets.length + 8;
  let s = '<svg class="coverage" viewBox="0 0 ' + W + ' ' + H + '" width="' + Math.min(W, 860) + '" role="img" aria-label="articles per day per outlet">';
  days.forEach((dd, j) => { s += '<text x="' + (LEFT + COL * j + COL / 2) + '" y="16" font-size="10" text-anchor="middle" fill="#475467">' + esc(dd.slice(5)) + '</text>'; });
  outlets.forEach((o, i) => {
    const y = TOP + ROW * i + ROW / 2;
    s += '<text x="6" y="' + (y + 4) + '" font-size="12" fill="#1d2330">' + esc(o.slice(0, 24)) + '</text>';
    days.forEach((dd, j) => {
      const n = count.get(o + '|' + dd) || 0;
      if (n) s += '<circle cx="' + (LEFT + COL * j + COL / 2) + '" cy="' + y + '" r="' + (5 + Math.min(n, 6) * 1.5) + '" fill="#175cd3"><title>' + esc(o + ', ' + dd + ': ' + n) + '</title></circle><text x="' + (LEFT + COL * j + COL / 2) + '" y="' + (y + 4) + '" font-size="10" text-anchor="middle" fill="#fff">' + n + '</text>';
    });
  });
  return s + '</svg>';
}
