/**
 * Document links and the "claims sourced" code lens over a real stdio connection, on a copy of
 * workspace-nav: citation keys and laws named in prose link to the entry's official text on
 * adilet.zan.kz; each Markdown section with claims gets a lens counting its sourced claims,
 * whose command points at the unsourced ones.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { positionOf } from '../helpers/lspClient.js';
import { startNav, textAt, WORKSPACE_KEY } from '../helpers/navWorkspace.js';

const PLATFORMS_URL = 'https://adilet.zan.kz/rus/docs/Z2300000018';
const HOSTING_URL = 'https://adilet.zan.kz/rus/docs/Z2200000042';

void describe('document links', () => {
  void test('a bundled law citation links its key to the official text on adilet.zan.kz', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('bundled.md');
    const links = await ws.client.documentLinks(memo.uri);
    assert.deepEqual(
      links.map((l) => [textAt(memo.text, l.range), l.target]),
      [['kz-online-platforms-2023', PLATFORMS_URL]],
    );
    assert.equal(new URL(links[0]!.target!).hostname, 'adilet.zan.kz');
    assert.match(links[0]!.tooltip ?? '', /Official text of kz-online-platforms-2023/);
  });

  void test('workspace and bundled keys in one memo each link to their own URL; a statement without a URL has none', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const links = await ws.client.documentLinks(memo.uri);
    assert.deepEqual(
      links.map((l) => [textAt(memo.text, l.range), l.target]),
      [
        [WORKSPACE_KEY, HOSTING_URL],
        ['kz-online-platforms-2023', PLATFORMS_URL],
      ],
    );
  });

  void test('a law named in prose links its name to the official text', async (t) => {
    const ws = await startNav(t);
    const text = '# Prose\n\nThe Law on Online Platforms and Online Advertising regulates bloggers.\n';
    const memo = await ws.open('prose.md', text);
    const links = await ws.client.documentLinks(memo.uri);
    assert.equal(links.length, 1, JSON.stringify(links));
    assert.equal(links[0]!.target, PLATFORMS_URL);
    assert.match(textAt(text, links[0]!.range), /Online Platforms and Online Advertising/);
  });

  void test('a key the corpus does not have gets no link', async (t) => {
    const ws = await startNav(t);
    const text = '# Unknown\n\nSomething happened [@nav-no-such-act-1999].\n';
    const memo = await ws.open('unknown.md', text);
    assert.deepEqual(await ws.client.documentLinks(memo.uri), []);
  });

  void test('links follow an edit of the open memo', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('beta.md');
    assert.deepEqual((await ws.client.documentLinks(memo.uri)).map((l) => l.target), [HOSTING_URL, 'https://adilet.zan.kz/rus/docs/Z2100000017']);
    const text = `${memo.text}\nPlatforms answer within a day [@kz-online-platforms-2023].\n`;
    await ws.client.change(memo.uri, text);
    const links = await ws.client.documentLinks(memo.uri);
    assert.equal(links.at(-1)?.target, PLATFORMS_URL);
    assert.equal(links.at(-1)?.range.start.line, positionOf(text, 'Platforms answer').line);
  });
});

void describe('code lens', () => {
  void test('a section with one unsourced claim of four shows "claims sourced: 3/4" on its heading', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const lenses = await ws.client.codeLenses(memo.uri);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [[positionOf(memo.text, '## Hosting').line, 'claims sourced: 3/4']],
    );
  });

  void test('the lens of a section with unsourced claims shows their locations', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const [lens] = await ws.client.codeLenses(memo.uri);
    assert.equal(lens?.command?.command, 'editor.action.showReferences');
    const [uri, , locations] = (lens?.command?.arguments ?? []) as [string, unknown, { uri: string; range: { start: { line: number } } }[]];
    assert.equal(uri, memo.uri);
    assert.deepEqual(
      locations.map((l) => [l.uri, l.range.start.line]),
      [[memo.uri, positionOf(memo.text, 'Operators must register').line]],
    );
  });

  void test('a fully sourced memo gets a lens with no command to run', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('beta.md');
    const lenses = await ws.client.codeLenses(memo.uri);
    assert.deepEqual(lenses.map((l) => l.command?.title), ['claims sourced: 2/2']);
    assert.equal(lenses[0]!.command?.command, '');
  });

  void test('the count follows an edit that sources the last claim', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    assert.deepEqual((await ws.client.codeLenses(memo.uri)).map((l) => l.command?.title), ['claims sourced: 3/4']);
    await ws.client.change(memo.uri, memo.text.replace('Operators must register with the authorised body.', 'Operators must register with the authorised body [@nav-registry-act-2021, art. 12].'));
    assert.deepEqual((await ws.client.codeLenses(memo.uri)).map((l) => l.command?.title), ['claims sourced: 4/4']);
  });

  void test('each section with claims gets its own lens and a section without claims gets none', async (t) => {
    const ws = await startNav(t);
    const text = [
      '# Sections',
      '',
      '## Sourced',
      '',
      `Hosting providers must keep user data in Kazakhstan [@${WORKSPACE_KEY}, art. 3].`,
      '',
      '## Opinion',
      '',
      'We recommend a review of the hosting rules.',
      '',
      '## Unsourced',
      '',
      'Operators must register with the authorised body.',
      '',
      'Platforms must answer within 24 hours.',
      '',
    ].join('\n');
    const memo = await ws.open('sections.md', text);
    const lenses = await ws.client.codeLenses(memo.uri);
    assert.deepEqual(
      lenses.map((l) => [textAt(text, l.range), l.command?.title]),
      [
        ['## Sourced', 'claims sourced: 1/1'],
        ['## Unsourced', 'claims sourced: 0/2'],
      ],
    );
  });

  void test('a plain-text memo gets no code lens', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('notes.txt', 'Operators must register with the authorised body.\n');
    assert.deepEqual(await ws.client.codeLenses(memo.uri), []);
  });
});
