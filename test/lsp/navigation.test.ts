/**
 * Go to definition and find references over a real stdio connection, on a copy of the
 * workspace-nav fixture (its own corpus folder named in `.lexlens.yaml`, read with the bundled
 * corpus): a citation reaches its YAML entry, a pinpoint its article, and references list every
 * memo of the workspace that cites a key, opened or not.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver/node';
import { positionOf, repoRoot } from '../helpers/lspClient.js';
import { startNav, textAt, where, WORKSPACE_KEY } from '../helpers/navWorkspace.js';

const bundledLaws = path.join(repoRoot, 'data', 'kz-laws.yaml');
/** The 0-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => positionOf(text, needle).line;

void describe('go to definition', () => {
  void test('a workspace key reaches the id line of its entry in the corpus folder', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const locations = await ws.client.definition(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`, 5));
    assert.equal(locations.length, 1, JSON.stringify(locations));
    const [loc] = locations;
    assert.equal(loc!.uri, ws.uri('corpus/laws.yaml'));
    const corpus = ws.read('corpus/laws.yaml');
    assert.equal(loc!.range.start.line, lineOf(corpus, `- id: ${WORKSPACE_KEY}`));
    assert.equal(textAt(corpus, loc!.range), WORKSPACE_KEY, 'the range covers the id itself');
  });

  void test('the @ of a citation is part of the key for definition', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const locations = await ws.client.definition(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`));
    assert.deepEqual(where(ws.folder, locations), [`corpus/laws.yaml:${lineOf(ws.read('corpus/laws.yaml'), `- id: ${WORKSPACE_KEY}`)}`]);
  });

  void test('a pinpoint reaches the line of the cited article', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('beta.md');
    const locations = await ws.client.definition(memo.uri, positionOf(memo.text, 'art. 7', 5));
    const corpus = ws.read('corpus/laws.yaml');
    assert.deepEqual(where(ws.folder, locations), [`corpus/laws.yaml:${lineOf(corpus, '- number: "7"')}`]);
  });

  void test('a bundled key reaches its entry in the bundled corpus', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('bundled.md');
    const locations = await ws.client.definition(memo.uri, positionOf(memo.text, '@kz-online-platforms-2023', 4));
    assert.equal(locations.length, 1);
    assert.equal(locations[0]!.uri, pathToFileURL(bundledLaws).toString());
    assert.equal(locations[0]!.range.start.line, lineOf(fs.readFileSync(bundledLaws, 'utf8'), '- id: kz-online-platforms-2023'));
  });

  void test('a law named in prose reaches its entry', async (t) => {
    const ws = await startNav(t);
    const text = '# Prose\n\nThe Data Hosting Act keeps data at home.\n';
    const memo = await ws.open('prose.md', text);
    const locations = await ws.client.definition(memo.uri, positionOf(text, 'Data Hosting Act', 3));
    assert.deepEqual(where(ws.folder, locations), [`corpus/laws.yaml:${lineOf(ws.read('corpus/laws.yaml'), `- id: ${WORKSPACE_KEY}`)}`]);
  });

  void test('a key the corpus does not have and plain prose have no definition', async (t) => {
    const ws = await startNav(t);
    const text = '# Unknown\n\nSomething happened [@nav-no-such-act-1999].\n';
    const memo = await ws.open('unknown.md', text);
    assert.deepEqual(await ws.client.definition(memo.uri, positionOf(text, '@nav-no-such', 3)), []);
    assert.deepEqual(await ws.client.definition(memo.uri, positionOf(text, 'Something', 2)), []);
  });

  void test('a corpus file deleted since indexing gives no location in it and the index catches up', async (t) => {
    const ws = await startNav(t, { pull: true });
    const memo = await ws.open('alpha.md');
    const at = positionOf(memo.text, `@${WORKSPACE_KEY}`, 5);
    assert.equal((await ws.client.definition(memo.uri, at))[0]?.uri, ws.uri('corpus/laws.yaml'));
    // Deleted behind the server's back: no watched-files notification (Neovim 0.7 sends none).
    fs.rmSync(ws.file('corpus/laws.yaml'));
    assert.deepEqual(await ws.client.definition(memo.uri, at), [], 'no location in a file that is gone');
    assert.ok(ws.client.alive, 'the server is still running');
    const unknown = (await ws.client.pullDiagnostics(memo.uri)).filter((d) => d.code === 'unknown-citation').map((d) => textAt(memo.text, d.range));
    assert.ok(unknown.includes(WORKSPACE_KEY), `the key is unknown once its file is gone (unknown: ${unknown.join(', ')})`);
  });

  void test('an entry whose file was renamed since indexing is found in its new file', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const at = positionOf(memo.text, `@${WORKSPACE_KEY}`, 5);
    assert.equal((await ws.client.definition(memo.uri, at))[0]?.uri, ws.uri('corpus/laws.yaml'));
    fs.renameSync(ws.file('corpus/laws.yaml'), ws.file('corpus/moved.yaml'));
    const locations = await ws.client.definition(memo.uri, at);
    assert.deepEqual(where(ws.folder, locations), [`corpus/moved.yaml:${lineOf(ws.read('corpus/moved.yaml'), `- id: ${WORKSPACE_KEY}`)}`]);
  });

  void test('a deletion the client reports through watched files is taken in as well', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const at = positionOf(memo.text, `@${WORKSPACE_KEY}`, 5);
    assert.equal((await ws.client.definition(memo.uri, at)).length, 1);
    const before = await ws.client.waitFor('the first lexlens/status', () => ws.client.statuses.find((s) => !s.loading));
    const seen = ws.client.statuses.length;
    fs.rmSync(ws.file('corpus/laws.yaml'));
    await ws.client.changeWatchedFiles([{ uri: ws.uri('corpus/laws.yaml'), type: FileChangeType.Deleted }]);
    const after = await ws.client.waitFor('a lexlens/status after the reload', () => ws.client.statuses.slice(seen).find((s) => !s.loading));
    assert.equal(after.entries, before.entries - 3, 'the three workspace entries are gone');
    assert.deepEqual(await ws.client.definition(memo.uri, at), []);
  });
});

void describe('find references', () => {
  void test('a workspace key lists its citations in both memos, the one not open included', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const refs = await ws.client.references(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`, 5));
    const alpha = ws.read('alpha.md');
    const beta = ws.read('beta.md');
    assert.deepEqual(where(ws.folder, refs), [`alpha.md:${lineOf(alpha, WORKSPACE_KEY)}`, `beta.md:${lineOf(beta, WORKSPACE_KEY)}`]);
    for (const r of refs) assert.equal(textAt(r.uri === memo.uri ? alpha : beta, r.range), WORKSPACE_KEY, 'each range covers the key');
  });

  void test('with includeDeclaration the entry in the corpus file comes first', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('beta.md');
    const refs = await ws.client.references(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`, 5), true);
    const corpusLine = lineOf(ws.read('corpus/laws.yaml'), `- id: ${WORKSPACE_KEY}`);
    assert.deepEqual(where(ws.folder, refs), [`corpus/laws.yaml:${corpusLine}`, `alpha.md:${lineOf(ws.read('alpha.md'), WORKSPACE_KEY)}`, `beta.md:${lineOf(ws.read('beta.md'), WORKSPACE_KEY)}`]);
  });

  void test('a bundled key lists the workspace memos that cite it', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('bundled.md');
    const refs = await ws.client.references(memo.uri, positionOf(memo.text, '@kz-online-platforms-2023', 4));
    assert.deepEqual(where(ws.folder, refs), [`alpha.md:${lineOf(ws.read('alpha.md'), 'kz-online-platforms-2023')}`, `bundled.md:${lineOf(memo.text, 'kz-online-platforms-2023')}`]);
  });

  void test('the unsaved text of an open memo is used rather than the file on disk', async (t) => {
    const ws = await startNav(t);
    const text = `${ws.read('beta.md')}\nA second citation of the act [@${WORKSPACE_KEY}].\n`;
    const memo = await ws.open('beta.md', text);
    const refs = await ws.client.references(memo.uri, positionOf(text, `@${WORKSPACE_KEY}`, 5));
    assert.deepEqual(
      refs.filter((r) => r.uri === memo.uri).map((r) => r.range.start.line),
      [lineOf(text, WORKSPACE_KEY), lineOf(text, 'A second citation')],
    );
  });

  void test('a memo added in a subfolder after the server started is searched too', async (t) => {
    const ws = await startNav(t);
    fs.mkdirSync(ws.file('drafts'));
    fs.writeFileSync(ws.file('drafts/gamma.md'), `# Gamma\n\nData stays at home [@${WORKSPACE_KEY}, art. 3].\n`);
    const memo = await ws.open('alpha.md');
    const refs = await ws.client.references(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`, 5));
    assert.deepEqual(where(ws.folder, refs).map((w) => w.split(':')[0]), ['alpha.md', 'beta.md', 'drafts/gamma.md']);
  });

  void test('a position outside any citation has no references', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    assert.deepEqual(await ws.client.references(memo.uri, positionOf(memo.text, 'Alpha memo', 2)), []);
  });
});
