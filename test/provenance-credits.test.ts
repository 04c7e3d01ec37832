// How a page credits its story, and which outlet a page belongs to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectCredit, agencyOf } from '../src/copy/credits.ts';
import { outletKeys } from '../src/copy/outlets.ts';

const credit = (text: string, author: string | null = null, outlet: string | null = 'Some Paper', removed: Array<{ kind: string; text: string }> = []) => {
  const c = detectCredit({ text, author, outlet, removed });
  return c ? `${c.org}/${c.how}` : null;
};

test('credits: datelines with a parenthesised organisation', () => {
  assert.equal(credit('LONDON, March 10 (Reuters) - Britain said on Monday it would raise taxes.'), 'Reuters/dateline');
  assert.equal(credit('KESTRA, Norland (AP) — A bridge collapsed.'), 'AP/dateline');
  assert.equal(credit('BERLIN (dpa) - Der Bundestag hat entschieden.'), 'dpa/dateline');
  assert.equal(credit('(CNN) — The president said on Monday.'), 'CNN/dateline');
  assert.equal(credit('Five killed as a bridge falls into a river.\n\nKESTRA, Norland (AP) — A bridge collapsed.'), 'AP/dateline', 'after a summary line');
  // not datelines: a parenthesis inside a sentence, a photo credit
  assert.equal(credit('Ministers (including the PM) - who met on Monday - agreed.'), null);
  assert.equal(credit('Rescue workers search the debris in Kestra. (AP Photo/Jon Vesk)'), null);
});

test('credits: agency bylines and closing credit lines; contributions and the site’s own copyright are not', () => {
  assert.equal(credit('Text of the story.', 'By MARA LIND Associated Press'), 'AP/byline');
  assert.equal(credit('Text of the story.', 'By PA Reporter'), 'PA/byline');
  assert.equal(credit('Text of the story.', 'Reuters'), 'Reuters/byline');
  assert.equal(credit('Text of the story.', 'By Maria Apolo'), null, 'a name that merely contains "AP"');
  assert.equal(credit('Text.\n\nCopyright 2025 The Associated Press. All rights reserved.'), 'AP/footer');
  assert.equal(credit('Text.\n\nThis story was provided by The Conversation.'), 'The Conversation/footer');
  assert.equal(credit('Text.', null, 'Some Paper', [{ kind: 'credit', text: '© 2024 Agence France-Presse' }]), 'AFP/footer');
  assert.equal(credit('Text.\n\nThe Associated Press contributed to this report.'), null);
  assert.equal(credit('Text.\n\n© 2025 Some Paper. All rights reserved.'), null);
  assert.equal(credit('Text.', null, 'AP News'), 'AP/outlet');
  assert.equal(agencyOf('The Associated Press'), 'AP');
  assert.equal(agencyOf('Daily Herald'), null);
});

test('outlets: a page without a site name belongs to the outlet its web host is known for', () => {
  const keys = outletKeys([
    { id: 'a', outlet: 'Daily Herald', url: 'https://www.dailyherald.example/news/1.html' },
    { id: 'b', outlet: null, url: 'https://dailyherald.example/news/2.html' },
    { id: 'c', outlet: null, url: 'https://other.example/x' },
    { id: 'd', outlet: null, url: null },
  ]);
  assert.deepEqual([...keys.values()], ['daily herald', 'daily herald', 'other.example', null]);
});
