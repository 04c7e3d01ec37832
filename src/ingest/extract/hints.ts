// What an element's class, id and role say about it. Page templates name their parts (comment lists, share bars,
// cookie notices, article bodies) with the same generic English words across sites, which is the signal
// trafilatura and Readability use too. Matching is per token ("post-meta" → post, meta), never by substring,
// so "header" does not match "head" nor "download" "ad".
import type { RemovedKind } from '../../model/article.ts';
import type { DomElement } from './dom.ts';

/** Class names that describe a state or a modifier of the page, not what the element is ("has-sidebar", "no-comments"). */
const MODIFIER_NAME = /^(has|with|without|no|not|show|allow|enable|enabled|disable|disabled|can)[-_A-Z]/;

function names(el: DomElement): string[] {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/).filter(Boolean);
}

/** Tokens are asked for again by pruning, candidates and metadata: read each element once. */
const tokenCache = new WeakMap<DomElement, string[]>();

/** class/id tokens of an element, lower-cased; camelCase and -, _ split; BEM modifiers ("box--ads") and state classes left out. */
export function hintTokens(el: DomElement): string[] {
  let out = tokenCache.get(el);
  if (!out) {
    out = readTokens(el);
    tokenCache.set(el, out);
  }
  return out;
}

function readTokens(el: DomElement): string[] {
  const out: string[] = [];
  for (const name of names(el)) {
    if (MODIFIER_NAME.test(name)) continue;
    const base = name.split('--')[0];
    for (const t of base.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/)) if (t) out.push(t);
  }
  return out;
}

/** Whole class names that hide an element (Bootstrap's "hidden-xs" or Drupal's "field--label-hidden" do not). */
const HIDING_CLASS = /^(is-|u-)?(hidden|hide|invisible|d-none|sr-only|screen-reader-text|screenreader-text|visually-?hidden|visuallyhidden|element-invisible|offscreen)$/i;

/** The joined class/id, for multi-token hints such as "entry-content". */
function hintString(el: DomElement): string {
  return ` ${hintTokens(el).join(' ')} `;
}

const BOILERPLATE: Array<[RemovedKind, RegExp]> = [
  ['comments', /^(comments?|commentlist|kommentare?|disqus\w*|respond|replies)$/],
  ['share', /^(share\w*|sharing|social\w*|sociable|shariff|addthis|sharethis|syndication)$/],
  ['consent', /^(cookies?|consent|gdpr|cmp|cookiebanner|cookienotice)$/],
  ['appeal', /^(newsletters?|subscribe|subscription|signup|paywall|donate|donation|membership|premium|abo)$/],
  ['related', /^(related|recommended|recommendations?|popular|mostread|trending|outbrain|taboola|zergnet|plista|readmore|morestories)$/],
  ['nav', /^(nav|navbar|navigation|menu|menubar|breadcrumbs?|pagination|pager|subnav|skiplinks?|sitemap|toolbar|topbar|sidebar|sidenav|footer|masthead)$/],
  ['byline', /^(byline|bylines|author|authors|dateline|timestamp|meta|postmeta|entrymeta|tags|tagcloud|taglist|categories|rating|ratings)$/],
  ['ad', /^(ads?|adv|advert\w*|advertisement|adsense|adslot|dfp|sponsor\w*|werbung|anzeige|banner)$/],
  ['credit', /^(caption|credits?|copyright|photocredit)$/],
];

/** Multi-token content names: an element carrying one of these is the article, whatever else its class says. */
const CONTENT = / (entry content|post content|post body|post text|post entry|article content|article body|article text|article main|articlebody|story body|story content|body text|text content|main content|content main|content body|page content|single content|blog content|field body|rich text|richtext|articletext|postcontent|entrycontent)/;
const CONTENT_SINGLE = /^(articlebody|storybody|postbody|entrytext|fulltext|bodytext|articletext|storytext|posttext)$/;

/** Roles and landmark tags that are never the article. */
const ROLE_KIND: Record<string, RemovedKind> = { navigation: 'nav', complementary: 'related', contentinfo: 'nav', banner: 'nav', search: 'nav', dialog: 'hidden', alertdialog: 'hidden' };

export function isContentHint(el: DomElement): boolean {
  if ((el.getAttribute('itemprop') ?? '').toLowerCase() === 'articlebody') return true;
  if (CONTENT.test(hintString(el))) return true;
  return hintTokens(el).some((t) => CONTENT_SINGLE.test(t));
}

/** The kind of boilerplate an element's class/id/role names, or null. Content names win over boilerplate ones. */
export function boilerplateHint(el: DomElement): RemovedKind | null {
  const role = (el.getAttribute('role') ?? '').toLowerCase();
  if (ROLE_KIND[role]) return ROLE_KIND[role];
  const tokens = hintTokens(el);
  if (tokens.length === 0) return null;
  if (isContentHint(el)) return null;
  for (const [kind, re] of BOILERPLATE) if (tokens.some((t) => re.test(t))) return kind;
  return null;
}

export function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (names(el).some((n) => HIDING_CLASS.test(n))) return true;
  const style = (el.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}
