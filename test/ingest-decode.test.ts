// Bytes to text: BOM, HTTP charset, declared charset, UTF-8, detection, binary rejection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBytes, utf8Stats, declaredCharset } from '../src/ingest/decode.ts';
import { InputError } from '../src/model/article.ts';
import { encodeLegacy } from './fixtures/legacy-encode.ts';

const RU = 'Президент России Владимир Путин прибыл в Пекин с государственным визитом. Он встретится с председателем КНР и обсудит сотрудничество.';
const JA = '東京都は月曜日、新しい気候変動対策を発表した。知事は記者会見で、二〇三〇年までに温室効果ガスの排出量を半減させると述べた。';
const ZH = '中国国家主席周四在北京会见了来访的总统。双方就双边关系和共同关心的国际问题交换了意见，并签署了多项合作文件。';
const KO = '서울시는 월요일 새로운 기후 변화 대책을 발표했다. 시장은 기자회견에서 온실가스 배출량을 절반으로 줄이겠다고 말했다.';
const EN = 'The minister said on Monday that “the plan” — approved last week — would cost €2 billion, and that “nobody” would lose their job.';

const page = (charset: string, body: string) => `<!doctype html><html><head><meta charset="${charset}"><title>t</title></head><body><p>${body}</p></body></html>`;
const rejects = (bytes: Uint8Array, re: RegExp) => assert.throws(() => decodeBytes(bytes, 'in.dat'), (e: Error) => e instanceof InputError && /^in\.dat: /.test(e.message) && re.test(e.message));

test('a <meta charset> is honoured: windows-1251 Cyrillic decodes exactly, not as Windows-1252 mojibake', () => {
  const d = decodeBytes(encodeLegacy(page('windows-1251', RU), 'windows-1251'), 'ru.html');
  assert.equal(d.charset, 'windows-1251');
  assert.equal(d.text, page('windows-1251', RU));
  assert.deepEqual(d.warnings, []);
});

test('http-equiv content-type and the XML declaration declare charsets too', () => {
  const equiv = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>${RU}</body></html>`;
  assert.equal(decodeBytes(encodeLegacy(equiv, 'koi8-r'), 'a.html').text, equiv);
  const xml = `<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel><title>${JA}</title></channel></rss>`;
  const d = decodeBytes(encodeLegacy(xml, 'shift_jis'), 'a.rss');
  assert.equal(d.charset, 'shift_jis');
  assert.equal(d.text, xml);
});

test('the HTTP Content-Type charset comes before what the document says', () => {
  const bytes = encodeLegacy(page('windows-1252', RU), 'windows-1251');
  const d = decodeBytes(bytes, 'upload', { contentType: 'text/html; charset="windows-1251"' });
  assert.equal(d.charset, 'windows-1251');
  assert.ok(d.text.includes(RU));
});

test('undeclared legacy encodings are detected: windows-1251, Shift_JIS, GBK, EUC-KR', () => {
  for (const [text, charset] of [[RU, 'windows-1251'], [JA, 'shift_jis'], [ZH, 'gbk'], [KO, 'euc-kr']] as const) {
    const d = decodeBytes(encodeLegacy(text, charset), `${charset}.txt`);
    assert.equal(d.text, text, charset);
    assert.match(d.warnings.join(' '), /no charset declared and not UTF-8; detected/, charset);
  }
});

test('byte-order marks decide first: UTF-8, UTF-16LE, UTF-16BE; the mark itself is dropped', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(EN, 'utf16le')]);
  assert.deepEqual([decodeBytes(le, 'le').text, decodeBytes(le, 'le').charset], [EN, 'utf-16le']);
  const be = Buffer.from(le);
  be.swap16();
  assert.deepEqual([decodeBytes(be, 'be').text, decodeBytes(be, 'be').charset], [EN, 'utf-16be']);
  const u8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('windows-1251', RU))]);
  assert.equal(decodeBytes(u8, 'bom').charset, 'utf-8', 'the BOM outranks a <meta charset>');
});

test('UTF-16 without a byte-order mark is recognised by its zero bytes, not rejected as binary', () => {
  const d = decodeBytes(Buffer.from(EN + ' ' + RU, 'utf16le'), 'u16.txt');
  assert.equal(d.text, EN + ' ' + RU);
  assert.equal(d.charset, 'utf-16le');
});

test('a declared charset that contradicts a valid UTF-8 body loses, with a warning', () => {
  const d = decodeBytes(Buffer.from(page('windows-1251', RU)), 'liar.html');
  assert.equal(d.charset, 'utf-8');
  assert.ok(d.text.includes(RU));
  assert.match(d.warnings[0], /declared charset windows-1251, but the bytes are valid UTF-8/);
});

test('one bad byte in a UTF-8 article garbles only itself, not every quote and dash', () => {
  const bytes = Buffer.from(`${EN}\n\n${EN}\n\nCaf\u00e9 owners: ${EN}`);
  const at = bytes.indexOf('owners');
  bytes[at] = 0xe9; // a stray Latin-1 "é" where "o" was
  const d = decodeBytes(bytes, 'damaged.txt');
  assert.equal(d.charset, 'utf-8');
  assert.equal(d.text, `${EN}\n\n${EN}\n\nCafé \uFFFDwners: ${EN}`);
  assert.match(d.warnings[0], /1 byte\(s\) that are not valid UTF-8 replaced/);
});

test('Latin-1 text without any UTF-8 sequences is still read as a legacy charset', () => {
  const d = decodeBytes(Buffer.from('Caf\xe9 owners in Montr\xe9al protested the new tax on Monday, the union said.', 'latin1'), 'latin1.txt');
  assert.equal(d.text, 'Café owners in Montréal protested the new tax on Monday, the union said.');
  assert.equal(d.charset, 'windows-1252');
});

test('binary input is rejected with the reason: NUL bytes, or control characters without NULs', () => {
  rejects(Buffer.from('hello\u0000world, a short text with one NUL'), /binary file \(NUL bytes\)/);
  // bytes 1..255 in a scrambled order: no NUL, but a fifth of them are control characters
  const noNul = Uint8Array.from({ length: 4000 }, (_, i) => 1 + ((i * 97 + (i >> 3) * 31) % 255));
  rejects(noNul, /binary file \(\d+% control or undecodable characters/);
});

test('a few stray NUL bytes in a long page are dropped with a warning, not a reason to lose the page', () => {
  const html = page('utf-8', EN.repeat(40));
  const bytes = Buffer.from(html.replace('<title>', '<title>\u0000\u0000'));
  const d = decodeBytes(bytes, 'nul.html');
  assert.equal(d.text, html);
  assert.match(d.warnings.join(' '), /2 stray NUL byte\(s\) removed/);
});

test('helpers: UTF-8 statistics and declared charsets', () => {
  assert.deepEqual(utf8Stats(Buffer.from('aé€😀')), { multiByte: 3, invalid: 0 });
  assert.deepEqual(utf8Stats(Uint8Array.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x41])), { multiByte: 0, invalid: 5 }, 'overlong and surrogate forms are invalid');
  assert.equal(declaredCharset(Buffer.from('<?xml version="1.0" encoding=\'ISO-8859-5\'?><a/>')), 'ISO-8859-5');
  assert.equal(declaredCharset(Buffer.from('<meta content="text/html;charset=euc-jp" http-equiv="content-type">')), 'euc-jp');
  assert.equal(declaredCharset(Buffer.from('no declaration here')), null);
});

test('an unknown declared charset is ignored with a warning', () => {
  const d = decodeBytes(Buffer.from(page('x-no-such-charset', EN)), 'odd.html');
  assert.equal(d.charset, 'utf-8');
  assert.match(d.warnings.join(' '), /unknown charset "x-no-such-charset"/);
});
