// Feeds: format detection behind prologs, every RSS and Atom version, safe entities, clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, parseDocument, InputError } from '../src/ingest/parse.ts';
import { parseFeed } from '../src/ingest/feed.ts';
import { parseXml } from '../src/ingest/xml.ts';

const P1 = 'The city council approved the new budget on Tuesday after a six-hour debate, with seven votes in favour and four against.';
const P2 = 'The budget raises spending on public transport by twelve percent and freezes property taxes for the second year running, officials said.';
const BODY = `<p>${P1}</p><p>${P2}</p>`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const RSS091 = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Town&nbsp;Crier</title><link>https://crier.example/</link><language>en-gb</language>
<item><title>Budget passes&nbsp;&mdash; narrowly</title><link>https://crier.example/budget</link><description>${esc(BODY)}</description></item>
</channel></rss>`;

const RSS090 = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Old Wire</title><link>https://old.example/</link></channel>
<item><title>Budget passes</title><link>https://old.example/budget</link><description>${P1} ${P2}</description></item>
</rdf:RDF>`;

const RSS10 = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://rdf.example/"><title>RDF Daily</title><link>https://rdf.example/</link><items><rdf:Seq><rdf:li rdf:resource="https://rdf.example/budget"/></rdf:Seq></items></channel>
<item rdf:about="https://rdf.example/budget"><title>Budget passes</title><dc:date>2025-03-04T09:15:00+01:00</dc:date><dc:creator>Ana Ruiz</dc:creator>
<description>Short summary.</description><content:encoded><![CDATA[${BODY}]]></content:encoded></item>
</rdf:RDF>`;

const RSS20 = `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Valley</title><link>https://valley.example/</link>
<item><title>Budget passes</title><link>https://valley.example/budget</link><pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate><author>desk@valley.example (Jo Park)</author>
<media:content url="https://valley.example/a.jpg"><media:title>Council chamber photo</media:title><media:description>The council chamber on Tuesday.</media:description></media:content>
<description>${esc(BODY)}</description></item>
<item><title>Photo only</title><link>https://valley.example/photo</link></item>
<item><title>Too short</title><description>Just a line.</description></item>
<item><title>Second story</title><description>${P2} ${P1}</description></item>
</channel></rss>`;

const ATOM03 = `<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Ledger</title><link rel="alternate" type="text/html" href="https://ledger.example/"/>
<entry><title>Budget passes</title><link rel="alternate" type="text/html" href="https://ledger.example/budget"/><issued>2025-03-04T08:00:00Z</issued><modified>2025-03-05T08:00:00Z</modified>
<author><name>Lee Chan</name></author><content type="text/html" mode="escaped">${esc(BODY)}</content></entry>
<entry><title>Encoded</title><link href="https://ledger.example/b64"/><modified>2025-03-06T08:00:00Z</modified><content type="text/plain" mode="base64">${Buffer.from(`${P2}\n\n${P1}`).toString('base64')}</content></entry>
</feed>`;

const ATOM10 = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title type="text">Northern Ledger</title><link href="https://north.example/"/>
<entry><title>Budget passes</title><link rel="alternate" href="https://north.example/budget"/><link rel="enclosure" href="https://north.example/a.mp3"/><published>2025-03-04T08:30:00Z</published><updated>2025-03-07T08:30:00Z</updated>
<author><name>Ines Alvarez</name></author><summary>Short.</summary><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${BODY}<p>Photo<br/>credit</p></div></content></entry>
<entry><title>Updated only</title><updated>2025-03-08T10:00:00Z</updated><content type="html">${esc(BODY)}</content></entry>
</feed>`;

test('feeds are recognised after XML declarations, comments, processing instructions, DOCTYPEs and a BOM', () => {
  assert.equal(detectFormat(RSS091), 'rss');
  assert.equal(detectFormat(RSS090), 'rss');
  assert.equal(detectFormat('\uFEFF<?xml version="1.0"?>\n<!-- generated -->\n<?xml-stylesheet type="text/xsl" href="rss.xsl"?>\n<rss version="2.0"></rss>'), 'rss');
  assert.equal(detectFormat('<?xml version="1.0"?><!DOCTYPE feed [ <!ENTITY e "a>b"> ]><feed xmlns="http://purl.org/atom/ns#"></feed>'), 'atom');
});

test('long leading <style> and <script> do not stop an HTML page from being HTML', () => {
  const css = `<style>${'.a > .b { color: red }\n'.repeat(400)}</style>`;
  const js = `<script>${'if (a < b && "<rss>") x();\n'.repeat(400)}</script>`;
  assert.equal(detectFormat(`${css}${js}<div class="story"><p>${P1}</p></div>`), 'html');
  assert.equal(detectFormat('A plain note: 3 < 4 and 5 > 2.\nNothing else.'), 'text');
});

test('RSS 0.91 with the Netscape DOCTYPE and HTML entities parses as a feed, not as one text article of raw XML', () => {
  const { articles, errors } = parseDocument(RSS091, 'old.rss');
  assert.deepEqual(errors, []);
  assert.equal(articles.length, 1);
  const a = articles[0];
  assert.equal(a.format, 'rss');
  assert.equal(a.title, 'Budget passes \u2014 narrowly', 'HTML entities expanded, spacing normalised');
  assert.equal(a.outlet, 'Town Crier');
  assert.equal(a.url, 'https://crier.example/budget');
  assert.equal(a.lang, 'en-gb');
  assert.equal(a.text, `${P1}\n\n${P2}`);
});

test('RSS 0.90 and RSS 1.0 (RDF): items beside the channel; dc:date, dc:creator, content:encoded', () => {
  const old = parseDocument(RSS090, 'old.rdf').articles;
  assert.deepEqual([old.length, old[0].outlet, old[0].url], [1, 'Old Wire', 'https://old.example/budget']);
  const [a] = parseDocument(RSS10, 'rdf.rdf').articles;
  assert.equal(a.publishedAt, '2025-03-04T09:15:00.000+01:00', 'the offset as written is kept');
  assert.equal(a.author, 'Ana Ruiz');
  assert.equal(a.text, `${P1}\n\n${P2}`, 'content:encoded is preferred to the short description');
});

test('RSS 2.0: media:* extensions are not taken for the body; failing items are reported one by one, the rest kept', () => {
  const { articles, errors } = parseDocument(RSS20, 'valley.rss');
  assert.deepEqual(articles.map((a) => a.title), ['Budget passes', 'Second story']);
  assert.equal(articles[0].text, `${P1}\n\n${P2}`);
  assert.equal(articles[0].author, 'Jo Park');
  assert.equal(articles[0].publishedAt, '2025-03-04T10:00:00.000Z');
  assert.equal(errors.length, 2);
  assert.match(errors[0].message, /^valley\.rss#item-2: item "Photo only" has no content/);
  assert.match(errors[1].message, /^valley\.rss#item-3: only \d+ words/);
  assert.ok(articles[0].raw.startsWith('<item>') && articles[0].raw.endsWith('</item>'), 'each article keeps its own item as raw');
});

test('Atom 0.3: issued/modified dates, escaped and base64 content', () => {
  const { articles, errors } = parseDocument(ATOM03, 'ledger.atom');
  assert.deepEqual(errors, []);
  assert.equal(articles[0].format, 'atom');
  assert.equal(articles[0].publishedAt, '2025-03-04T08:00:00.000Z');
  assert.equal(articles[0].author, 'Lee Chan');
  assert.equal(articles[0].url, 'https://ledger.example/budget');
  assert.equal(articles[0].text, `${P1}\n\n${P2}`);
  assert.equal(articles[1].publishedAt, '2025-03-06T08:00:00.000Z');
  assert.equal(articles[1].text, `${P2}\n\n${P1}`);
});

test('Atom 1.0: inline XHTML content, published before updated, alternate link, xml:lang', () => {
  const { articles } = parseDocument(ATOM10, 'north.atom');
  const [a, b] = articles;
  assert.equal(a.url, 'https://north.example/budget');
  assert.equal(a.publishedAt, '2025-03-04T08:30:00.000Z');
  assert.equal(a.lang, 'en');
  assert.equal(a.outlet, 'Northern Ledger');
  assert.ok(a.text.startsWith(`${P1}\n\n${P2}`));
  assert.equal(b.publishedAt, '2025-03-08T10:00:00.000Z');
});

test('XXE and billion laughs stay harmless: no DOCTYPE entity is ever expanded', () => {
  const lol = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&lol9;</title><description>${P1} ${P2} &xxe;</description></item></channel></rss>`;
  const { articles, warnings } = parseFeed(lol, 'lol.rss');
  assert.equal(articles[0].title, '&lol9;');
  assert.ok(articles[0].text.endsWith('&xxe;'));
  assert.ok(!articles[0].text.includes('root:'));
  assert.match(warnings.join(' '), /undefined entity/);
});

test('malformed feeds are rejected with line and column; a truncated one says so', () => {
  const bad = '<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>x</title>\n<item><title>a</b></item></channel></rss>';
  assert.throws(() => parseDocument(bad, 'bad.rss'), (e: Error) => e instanceof InputError && /^bad\.rss: malformed XML feed at line 4, column \d+: unexpected close tag/.test(e.message));
  assert.throws(() => parseDocument('<?xml version="1.0"?><rss><channel><item><title>x', 'cut.rss'), /cut\.rss: malformed XML feed at line 1, column \d+: unclosed tag: title \(truncated feed\?\)/);
});

test('a malformed feed full of unterminated attribute quotes is judged in one linear pass', () => {
  // the old regular-expression check backtracked over the rest of the input at every "<"
  const feed = '<?xml version="1.0"?><rss><channel>' + '<item t=\'x" '.repeat(15000);
  assert.throws(() => parseDocument(feed, 'quotes.rss'), /quotes\.rss: malformed XML feed at line 1, column \d+/);
});

test('the XML tree keeps each element\'s place in the source and caps its depth', () => {
  const xml = '<a>\r\n  <b x="1">t</b><c/></a>';
  const { root } = parseXml(xml, 'x.xml');
  const b = root.children.find((c) => typeof c !== 'string' && c.local === 'b') as { start: number; end: number };
  assert.equal(xml.slice(b.start, b.end), '<b x="1">t</b>');
  const deep = `<a>${'<d>'.repeat(5000)}deep text${'</d>'.repeat(5000)}</a>`;
  const tree = parseXml(deep, 'deep.xml').root;
  let depth = 0;
  for (let n = tree; n.children.length && typeof n.children[0] !== 'string'; n = n.children[0] as typeof tree) depth++;
  assert.ok(depth < 5000 && depth >= 100, `kept depth ${depth}`);
});
