// newsprov web UI, shared helpers. Everything from the API is escaped before it becomes HTML;
// only http(s) addresses ever become outside links. Loaded first; the other scripts use these names.
'use strict';
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const when = (a, b) => !a ? 'undated' : (!b || a === b) ? (a.length === 7 ? a + ' or later' : a) : a + ' – ' + b;
const day = (t) => (t ? String(t).slice(0, 10) : null);

/** A link for http(s) addresses; any other scheme (javascript:, data:, file:) is shown as inert text. */
function urlLink(url) {
  let u = null;
  try { u = new URL(url); } catch { u = null; }
  if (u && (u.protocol === 'http:' || u.protocol === 'https:'))
    return '<a href="' + esc(u.href) + '" rel="noopener noreferrer nofollow" target="_blank">' + esc(url) + '</a>';
  return '<span class="inert-url" title="not an http(s) address, so not a link">' + esc(url) + '</span>';
}

/** A link to another view of this UI (followed without reloading the page). */
const nav = (path, html, cls) => '<a href="' + esc(path) + '" data-nav' + (cls ? ' class="' + esc(cls) + '"' : '') + '>' + html + '</a>';
const articlePath = (id, sentence) => '/articles/' + encodeURIComponent(id) + (sentence === undefined || sentence === null ? '' : '?s=' + encodeURIComponent(sentence));

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

/** Words of an aligned sentence pair that the other side lacks, marked by what they are (number, name, hedge, attribution). */
const HEDGES = /^(may|might|could|reportedly|allegedly|possibly|likely|apparently|perhaps|about|around|nearly|almost|some|approximately)$/i;
const SAYING = /^(said|says|told|according|stated|claimed|reported|added)$/i;
function changeKind(w) {
  if (/\d/.test(w)) return 'number';
  if (HEDGES.test(w)) return 'hedge';
  if (SAYING.test(w)) return 'attribution';
  if (/^\p{Lu}/u.test(w)) return 'name';
  return 'word';
}
function markChanges(text, other) {
  const bare = (w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const have = new Set(String(other).split(/\s+/).map((w) => bare(w).toLowerCase()));
  return String(text).split(/(\s+)/).map((w) => {
    const b = bare(w);
    if (!b || have.has(b.toLowerCase())) return esc(w);
    const kind = changeKind(b);
    return '<mark class="chg chg-' + kind + '" title="' + kind + ' not in the other text">' + esc(w) + '</mark>';
  }).join('');
}
