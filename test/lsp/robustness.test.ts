/**
 * Bad input over a real stdio connection: unknown documents, positions past the end and
 * malformed params get empty answers or error responses, never a crash; CRLF line ends and
 * characters outside the BMP give ranges in UTF-16 code units, as LSP counts them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { fixturesDir, hoverText, LspClient, positionOf, rangeOf } from '../helpers/lspClient.js';

const folder = path.join(fixturesDir, 'workspace-basic');
const memoPath = path.join(folder, 'memo.md');
const memoUri = pathToFileURL(memoPath).toString();
const memo = fs.readFileSync(memoPath, 'utf8');
const unknownUri = pathToFileURL(path.join(folder, 'never-opened.md')).toString();

void describe('bad input', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ folder, pull: true });
    await client.open(memoUri, memo);
  });
  after(() => client?.stop());

  /** The check every test ends with: the server answers a good hover. */
  const stillServes = async () => {
    assert.ok(client.alive, 'the server process is running');
    assert.match(hoverText(await client.hover(memoUri, positionOf(memo, '@kz-online-platforms-2023', 3))), /18-VIII/);
  };

  void test('hover, completion, code actions and pulls for a document that was never opened are empty', async () => {
    const at = { line: 0, character: 0 };
    assert.equal(await client.hover(unknownUri, at), null);
    assert.deepEqual(await client.completion(unknownUri, at), []);
    assert.deepEqual(await client.codeActions(unknownUri, { start: at, end: at }, []), []);
    assert.deepEqual(await client.pullDiagnostics(unknownUri), []);
    await stillServes();
  });

  void test('positions past the end of a line or of the document give empty results', async () => {
    const lastLine = memo.split('\n').length - 1;
    for (const at of [{ line: 10_000, character: 0 }, { line: lastLine + 1, character: 5 }, { line: 0, character: 10_000 }, { line: 2_147_483_647, character: 2_147_483_647 }]) {
      assert.equal(await client.hover(memoUri, at), null, `hover at ${JSON.stringify(at)}`);
      assert.deepEqual(await client.completion(memoUri, at), [], `completion at ${JSON.stringify(at)}`);
    }
    await stillServes();
  });

  void test('malformed params get an InvalidParams error response and the server keeps serving', async () => {
    const malformed: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: memoUri } }],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri: memoUri }, position: { line: 'two', character: 0 } }],
      ['textDocument/hover', { textDocument: { uri: memoUri }, position: { line: -1, character: 0 } }],
      ['textDocument/completion', { textDocument: { uri: memoUri }, position: null }],
      ['textDocument/codeAction', { textDocument: { uri: memoUri }, context: { diagnostics: [] } }],
      ['textDocument/diagnostic', { textDocument: null }],
    ];
    for (const [method, params] of malformed) {
      await assert.rejects(
        client.request(method, params),
        (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams,
        `${method} with ${JSON.stringify(params)} is refused as invalid params`,
      );
    }
    await stillServes();
  });

  void test('notifications about documents that are not open are ignored', async () => {
    await client.change(unknownUri, 'text of a document the server never saw');
    await client.close(unknownUri);
    await client.changeWatchedFiles([{ uri: 'untitled:Untitled-1', type: 2 }]);
    await stillServes();
  });

  void test('an unknown request gets MethodNotFound and the server keeps serving', async () => {
    await assert.rejects(client.request('lexlens/noSuchRequest', {}), (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound);
    await stillServes();
  });
});

void describe('UTF-16 positions', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ folder, pull: true });
  });
  after(() => client?.stop());

  // 😀 and 𝒳 are two UTF-16 code units each; é is written as e + a combining accent.
  const crlf = '# Mémo 😀\r\n\r\nCafe\u0301 😀 𝒳 says [@no-such-key-2001] and [@kz-online-platforms-2023, art. 9].\r\n\r\n🇰🇿 Draft [@kz-onl\r\n';

  void test('with CRLF line ends and astral characters an unknown key gets its UTF-16 range', async () => {
    const uri = pathToFileURL(path.join(folder, 'crlf-astral.md')).toString();
    await client.open(uri, crlf);
    const unknown = (await client.pullDiagnostics(uri)).filter((d) => d.code === 'unknown-citation');
    assert.deepEqual(unknown.map((d) => d.range), [rangeOf(crlf, 'no-such-key-2001')]);
    assert.deepEqual(rangeOf(crlf, 'no-such-key-2001').start, { line: 2, character: 19 }, 'the expected range itself counts UTF-16 code units');
  });

  void test('with CRLF line ends and astral characters hover answers at the key and gives its range', async () => {
    const uri = pathToFileURL(path.join(folder, 'crlf-astral-hover.md')).toString();
    await client.open(uri, crlf);
    const h = await client.hover(uri, positionOf(crlf, '@kz-online-platforms-2023', 1));
    assert.match(hoverText(h), /18-VIII/);
    assert.deepEqual(h?.range, rangeOf(crlf, '@kz-online-platforms-2023'));
  });

  void test('with CRLF line ends and astral characters completion replaces exactly the typed key', async () => {
    const uri = pathToFileURL(path.join(folder, 'crlf-astral-completion.md')).toString();
    await client.open(uri, crlf);
    const cursor = positionOf(crlf, 'Draft [@kz-onl', 'Draft [@kz-onl'.length);
    const item = (await client.completion(uri, cursor)).find((i) => i.label === 'kz-online-platforms-2023');
    assert.ok(item?.textEdit && 'range' in item.textEdit, 'kz-online-platforms-2023 is offered with a textEdit');
    assert.deepEqual(item.textEdit.range, { start: positionOf(crlf, 'kz-onl', 0, 1), end: cursor });
  });

  void test('a position between the two halves of a surrogate pair is answered without error', async () => {
    const uri = pathToFileURL(path.join(folder, 'crlf-astral-split.md')).toString();
    await client.open(uri, crlf);
    const mid = positionOf(crlf, '😀', 1);
    assert.equal(await client.hover(uri, mid), null);
    assert.deepEqual(await client.completion(uri, mid), []);
    assert.match(hoverText(await client.hover(uri, positionOf(crlf, '@kz-online-platforms-2023', 1))), /18-VIII/);
  });

  void test('an incremental edit that inserts astral characters moves later ranges by their UTF-16 length', async () => {
    const uri = pathToFileURL(path.join(folder, 'crlf-astral-edit.md')).toString();
    await client.open(uri, crlf);
    const before = rangeOf(crlf, 'no-such-key-2001');
    await client.change(uri, '🇰🇿🇺🇿 ', { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
    const unknown = (await client.pullDiagnostics(uri)).filter((d) => d.code === 'unknown-citation');
    const shift = '🇰🇿🇺🇿 '.length;
    assert.equal(shift, 9);
    assert.deepEqual(unknown.map((d) => d.range), [
      { start: { line: 2, character: before.start.character + shift }, end: { line: 2, character: before.end.character + shift } },
    ]);
  });
});
