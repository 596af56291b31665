/** Hover over a real stdio connection: citation keys, pinpoints and laws named in prose. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixturesDir, hoverText, LspClient, positionOf, rangeOf } from '../helpers/lspClient.js';

const folder = path.join(fixturesDir, 'workspace-basic');
const memoPath = path.join(folder, 'memo.md');
const memoUri = pathToFileURL(memoPath).toString();
const memo = fs.readFileSync(memoPath, 'utf8');

void describe('hover', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ folder });
    await client.open(memoUri, memo);
  });
  after(() => client?.stop());

  void test('a hover on a citation key shows the law with its number 18-VIII', async () => {
    const h = await client.hover(memoUri, positionOf(memo, '@kz-online-platforms-2023', 5));
    assert.match(hoverText(h), /18-VIII/);
    assert.deepEqual(h?.range?.start, positionOf(memo, '@kz-online-platforms-2023'));
  });

  void test('a hover on a law named in prose shows the same law', async () => {
    const h = await client.hover(memoUri, positionOf(memo, 'Law on Online Platforms', 8));
    const text = hoverText(h);
    assert.match(text, /18-VIII/);
    assert.match(text, /Online Platforms and Online Advertising/);
  });

  void test('a hover on a pinpoint shows the article it names', async () => {
    const h = await client.hover(memoUri, positionOf(memo, 'art. 9]', 2));
    assert.match(hoverText(h), /Art\. 9/);
    assert.deepEqual(h?.range, rangeOf(memo, 'art. 9'));
  });

  void test('a hover on plain words returns nothing', async () => {
    const h = await client.hover(memoUri, positionOf(memo, 'regulates bloggers', 3));
    assert.equal(h, null);
  });
});
