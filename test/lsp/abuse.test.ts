/**
 * Protocol abuse over a real stdio connection, beyond robustness.test.ts: a storm of cancelled
 * requests, didChange out of order or with a stale version, edits with ranges past the end,
 * reversed or splitting a surrogate pair, malformed notifications, and a document's lifecycle
 * out of order. The server answers with error responses or empty results, never crashes, and the
 * text it holds is the one the edits make (its diagnostics equal those of a fresh document with
 * that text).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentLinkRequest,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  type Diagnostic,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { fixturesDir, hoverText, LspClient, positionOf } from '../helpers/lspClient.js';

const folder = path.join(fixturesDir, 'workspace-basic');
const memoPath = path.join(folder, 'memo.md');
const memoUri = pathToFileURL(memoPath).toString();
const memo = fs.readFileSync(memoPath, 'utf8');
const uriFor = (name: string) => pathToFileURL(path.join(folder, name)).toString();

const START = '# Abuse 😀\n\nCafe\u0301 platforms must comply [@no-such-key-2001].\n\nThe Law applies [@kz-online-platforms-2023, art. 9].\n';

/** Diagnostics as comparable data (range, rule, message), in order. */
const view = (ds: readonly Diagnostic[]) => ds.map((d) => ({ range: d.range, code: d.code, message: d.message })).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || String(a.code).localeCompare(String(b.code)));

void describe('protocol abuse', () => {
  let client: LspClient;
  let fresh = 0;
  before(async () => {
    client = await LspClient.start({ folder, pull: true });
    await client.open(memoUri, memo);
  });
  after(() => client?.stop());

  /** The server is running and answers a good hover. */
  const stillServes = async () => {
    assert.ok(client.alive, 'the server process is running');
    assert.match(hoverText(await client.hover(memoUri, positionOf(memo, '@kz-online-platforms-2023', 3))), /18-VIII/);
  };

  /** Fails unless the server holds `text` for `uri`: its diagnostics equal those of a fresh document with that text. */
  const holds = async (uri: string, text: string) => {
    const check = uriFor(`fresh-${fresh++}.md`);
    await client.open(check, text);
    assert.deepEqual(view(await client.pullDiagnostics(uri)), view(await client.pullDiagnostics(check)), 'the server holds the text the edits make');
    await client.close(check);
  };

  const sendChange = (uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]) =>
    client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });

  void test('a storm of cancelled requests between edits leaves every request settled and the server serving', async (t) => {
    const uri = uriFor('storm.md');
    const big = START + Array.from({ length: 200 }, (_, i) => `Platforms must appoint representative ${i} [@kz-online-platforms-2023, art. 9(1)]; ${i} million videos were removed.\n`).join('');
    await client.open(uri, big);
    let mirror = TextDocument.create(uri, 'markdown', 1, big);
    const settled: Promise<unknown>[] = [];
    let cancelledResponses = 0;
    for (let i = 0; i < 2000; i++) {
      if (i % 20 === 0) {
        // An edit: a character typed at the start of line 2 (as a client that sends versions in order).
        const change = { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: String.fromCharCode(97 + (i % 26)) };
        mirror = TextDocument.update(mirror, [change], mirror.version + 1);
        await sendChange(uri, mirror.version, [change]);
      }
      const source = new CancellationTokenSource();
      const position = { line: i % 206, character: (i * 7) % 90 };
      const requests = [
        () => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }, source.token),
        () => client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }, source.token),
        () => client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token),
        () => client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }, source.token),
        () => client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } }, source.token),
      ];
      const p = requests[i % requests.length]!();
      // Cancel at once, a little later, or after the answer.
      if (i % 3 === 0) source.cancel();
      else if (i % 3 === 1) setTimeout(() => source.cancel(), i % 7);
      settled.push(
        p.then(
          () => undefined,
          (e: unknown) => {
            assert.ok(e instanceof ResponseError, `a cancelled request fails only with a response error, not ${String(e)}`);
            assert.equal(e.code, LSPErrorCodes.RequestCancelled);
            cancelledResponses++;
          },
        ),
      );
    }
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('some cancelled requests never settled')), 20_000);
    });
    await Promise.race([Promise.all(settled), hang]).finally(() => clearTimeout(timer));
    t.diagnostic(`${settled.length} requests, ${cancelledResponses} answered as cancelled`);
    await stillServes();
    await holds(uri, mirror.getText());
  });

  void test('didChange notifications out of order and with stale versions are applied in arrival order without a crash', async () => {
    const uri = uriFor('out-of-order.md');
    await client.open(uri, START);
    let mirror = TextDocument.create(uri, 'markdown', 1, START);
    const sends: [number, TextDocumentContentChangeEvent[]][] = [
      [5, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'Version five. ' }]],
      [3, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 7 } }, text: 'Stale' }]],
      [3, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } }, text: 'Same version again:' }]],
      [1, [{ text: `${START}Full text at the first version [@no-such-key-stale].\n` }]],
      [-7, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Negative version. ' }]],
      [2 ** 31 - 1, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]],
      [9, []],
    ];
    for (const [version, changes] of sends) {
      await sendChange(uri, version, changes);
      if (changes.length) mirror = TextDocument.update(mirror, changes, version);
    }
    await stillServes();
    await holds(uri, mirror.getText());
  });

  void test('edits with ranges past the end, reversed, or splitting a surrogate pair are applied as the text-document library clamps them', async () => {
    const uri = uriFor('odd-ranges.md');
    await client.open(uri, START);
    let mirror = TextDocument.create(uri, 'markdown', 1, START);
    const changes: TextDocumentContentChangeEvent[] = [
      { range: { start: { line: 1000, character: 0 }, end: { line: 2000, character: 5 } }, text: '\nAppended past the end [@no-such-key-appended].\n' },
      { range: { start: { line: 2, character: 40 }, end: { line: 2, character: 10 } }, text: ' reversed ' },
      { range: { start: { line: 0, character: 9 }, end: { line: 0, character: 10 } }, text: '𝒳' }, // inside 😀
      { range: { start: { line: 0, character: 100_000 }, end: { line: 0, character: 100_001 } }, text: '\r\n' },
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '\ud83d' }, // a lone high surrogate
    ];
    for (const change of changes) {
      mirror = TextDocument.update(mirror, [change], mirror.version + 1);
      await sendChange(uri, mirror.version, [change]);
    }
    await stillServes();
    await holds(uri, mirror.getText());
    const h = await client.hover(uri, { line: 0, character: 9 });
    assert.equal(h, null, 'a hover between the halves of a pair answers empty');
  });

  void test('malformed notifications are ignored, and the document keeps the text it had', async () => {
    const uri = uriFor('malformed.md');
    await client.open(uri, START);
    const bad: [string, unknown][] = [
      [DidChangeTextDocumentNotification.method, { textDocument: { uri, version: 2 } }],
      [DidChangeTextDocumentNotification.method, { textDocument: { uri, version: 2 }, contentChanges: null }],
      [DidChangeTextDocumentNotification.method, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 'x', character: 0 }, end: null }, text: 'bad range' }] }],
      [DidChangeTextDocumentNotification.method, { textDocument: { uri, version: 2 }, contentChanges: [{ text: 42 }] }],
      [DidChangeTextDocumentNotification.method, { contentChanges: [{ text: 'no document' }] }],
      [DidChangeTextDocumentNotification.method, null],
      [DidOpenTextDocumentNotification.method, { textDocument: { uri: uriFor('half-open.md') } }],
      [DidOpenTextDocumentNotification.method, { textDocument: null }],
      [DidCloseTextDocumentNotification.method, {}],
      ['textDocument/didSave', { textDocument: { uri: 42 } }],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///%%%.yaml', type: 2 }, { uri: null, type: 9 }] }],
      ['workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 'not a uri', name: 1 }], removed: null } }],
      ['$/unknownNotification', { anything: true }],
    ];
    for (const [method, params] of bad) await client.connection.sendNotification(method, params);
    await stillServes();
    await holds(uri, START);
  });

  void test('a document opened twice, changed after closing, and closed twice keeps serving the last open text', async () => {
    const uri = uriFor('lifecycle.md');
    await client.open(uri, START);
    await client.open(uri, 'Platforms must comply [@no-such-key-reopened].\n');
    await client.close(uri);
    await client.close(uri);
    await sendChange(uri, 7, [{ text: 'changed after close [@no-such-key-after-close]' }]);
    assert.deepEqual(await client.pullDiagnostics(uri), [], 'a closed document has no diagnostics');
    assert.equal(await client.hover(uri, { line: 0, character: 0 }), null);
    await client.open(uri, 'Platforms must comply [@no-such-key-third-open].\n');
    const keys = (await client.pullDiagnostics(uri)).filter((d) => d.code === 'unknown-citation').map((d) => d.range.start.character);
    assert.deepEqual(keys, ['Platforms must comply [@'.length]);
    await stillServes();
  });

  void test('requests for odd URIs get empty answers or error responses, never a crash', async () => {
    const position = { line: 0, character: 0 };
    for (const uri of ['file:///%E0%A4%A.md', 'untitled:Untitled-1', 'file:///../../../etc/passwd', 'vscode-notebook-cell:/x#1', `file:///${'a'.repeat(100_000)}.md`, '']) {
      for (const [method, params] of [
        ['textDocument/hover', { textDocument: { uri }, position }],
        ['textDocument/completion', { textDocument: { uri }, position }],
        ['textDocument/definition', { textDocument: { uri }, position }],
        ['textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }],
        ['textDocument/rename', { textDocument: { uri }, position, newName: 'x' }],
        ['textDocument/diagnostic', { textDocument: { uri } }],
        ['textDocument/codeLens', { textDocument: { uri } }],
      ] as const) {
        try {
          const r = await client.request(method, params);
          assert.ok(r === null || (Array.isArray(r) && r.length === 0) || (typeof r === 'object' && r !== null), `${method} for ${uri.slice(0, 40)} answers empty`);
        } catch (e) {
          assert.ok(e instanceof ResponseError, `${method} for ${uri.slice(0, 40)} fails only with an error response, not ${String(e)}`);
        }
      }
    }
    await stillServes();
  });
});
