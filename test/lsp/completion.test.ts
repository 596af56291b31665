/** Completion over a real stdio connection: citation keys after `[@` and pinpoints after `,`. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixturesDir, LspClient, positionOf } from '../helpers/lspClient.js';

const folder = path.join(fixturesDir, 'workspace-basic');
const uri = (name: string) => pathToFileURL(path.join(folder, name)).toString();

void describe('completion', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ folder });
  });
  after(() => client?.stop());

  void test('after "[@kz-onl" the Online Platforms law comes first and replaces only the typed part', async () => {
    const text = 'Platforms are regulated [@kz-onl\n';
    await client.open(uri('typing-key.md'), text);
    const cursor = positionOf(text, '[@kz-onl', '[@kz-onl'.length);
    const items = await client.completion(uri('typing-key.md'), cursor);
    assert.ok(items.length > 0, 'completion offers something');
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    const first = sorted[0]!;
    assert.equal(first.label, 'kz-online-platforms-2023');
    assert.ok(first.textEdit && 'range' in first.textEdit, 'the item carries a textEdit with a range');
    assert.equal(first.textEdit.newText, 'kz-online-platforms-2023');
    assert.deepEqual(first.textEdit.range, { start: positionOf(text, 'kz-onl'), end: cursor });
  });

  void test('completion inside a key replaces the whole key, not the text after it', async () => {
    const text = 'See [@kz-online-platf] for the rules.\n';
    await client.open(uri('inside-key.md'), text);
    const items = await client.completion(uri('inside-key.md'), positionOf(text, 'kz-onl', 6));
    const item = items.find((i) => i.label === 'kz-online-platforms-2023');
    assert.ok(item?.textEdit && 'range' in item.textEdit, 'kz-online-platforms-2023 is offered with a textEdit');
    assert.deepEqual(item.textEdit.range, { start: positionOf(text, 'kz-online-platf'), end: positionOf(text, ']') });
  });

  void test('after "[@kz-online-platforms-2023, " the pinpoints of the law are offered, art. 9(1) among them', async () => {
    const text = 'Platforms must appoint a representative [@kz-online-platforms-2023, \n';
    await client.open(uri('typing-pinpoint.md'), text);
    const cursor = positionOf(text, ', ', 2);
    const items = await client.completion(uri('typing-pinpoint.md'), cursor);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('art. 9'), `art. 9 is offered (got ${labels.join(', ')})`);
    const p91 = items.find((i) => i.label === 'art. 9(1)');
    assert.ok(p91?.textEdit && 'range' in p91.textEdit, 'art. 9(1) is offered with a textEdit');
    assert.equal(p91.textEdit.newText, 'art. 9(1)');
    assert.deepEqual(p91.textEdit.range.start, cursor);
  });

  void test('a typed pinpoint prefix narrows the pinpoints to that article', async () => {
    const text = 'Platforms must appoint a representative [@kz-online-platforms-2023, art. 9(4\n';
    await client.open(uri('typing-pinpoint-prefix.md'), text);
    const items = await client.completion(uri('typing-pinpoint-prefix.md'), positionOf(text, '9(4', 3));
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('art. 9(4)(2)'), `art. 9(4)(2) is offered (got ${labels.join(', ')})`);
    assert.ok(!labels.includes('art. 10'), 'art. 10 is not offered');
  });
});
