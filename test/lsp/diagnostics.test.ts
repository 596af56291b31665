/**
 * Diagnostics over a real stdio connection: pulled (`textDocument/diagnostic`) by clients that
 * advertise it, pushed (`textDocument/publishDiagnostics`) to clients that do not.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DocumentDiagnosticRequest, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { fixturesDir, LspClient, rangeOf } from '../helpers/lspClient.js';

const folder = path.join(fixturesDir, 'workspace-basic');
const memoPath = path.join(folder, 'memo.md');
const memoUri = pathToFileURL(memoPath).toString();
const memo = fs.readFileSync(memoPath, 'utf8');

void describe('pull diagnostics', () => {
  void test('a client with pull support gets a diagnostic provider with inter-file dependencies', async (t) => {
    const client = await LspClient.start({ folder, pull: true });
    t.after(() => client.stop());
    const provider = client.initializeResult?.capabilities.diagnosticProvider;
    assert.ok(provider, 'the server declares a diagnosticProvider');
    assert.equal('interFileDependencies' in provider && provider.interFileDependencies, true);
  });

  void test('pulling a memo with an unknown key returns unknown-citation on the range of the key', async (t) => {
    const client = await LspClient.start({ folder, pull: true });
    t.after(() => client.stop());
    await client.open(memoUri, memo);
    const items = await client.pullDiagnostics(memoUri);
    const unknown = items.filter((d) => d.code === 'unknown-citation');
    assert.equal(unknown.length, 1, `one unknown-citation (got ${JSON.stringify(items)})`);
    assert.deepEqual(unknown[0]!.range, rangeOf(memo, 'no-such-law-1999'));
    assert.equal(unknown[0]!.severity, DiagnosticSeverity.Error);
    assert.equal(unknown[0]!.source, 'lexlens');
    assert.match(String(unknown[0]!.message), /no-such-law-1999/);
  });

  void test('a citation that resolves gets no unknown-citation', async (t) => {
    const client = await LspClient.start({ folder, pull: true });
    t.after(() => client.stop());
    await client.open(memoUri, memo);
    const items = await client.pullDiagnostics(memoUri);
    const line = rangeOf(memo, 'kz-online-platforms-2023').start.line;
    assert.deepEqual(items.filter((d) => d.range.start.line === line), []);
  });

  void test('a document in a language LexLens does not analyse gets no diagnostics', async (t) => {
    const client = await LspClient.start({ folder, pull: true });
    t.after(() => client.stop());
    const uri = pathToFileURL(path.join(folder, 'notes.yaml')).toString();
    await client.open(uri, memo, 'yaml');
    assert.deepEqual(await client.pullDiagnostics(uri), []);
  });

  void test('pulling after an edit reflects the edited text', async (t) => {
    const client = await LspClient.start({ folder, pull: true });
    t.after(() => client.stop());
    await client.open(memoUri, memo);
    assert.ok((await client.pullDiagnostics(memoUri)).some((d) => d.code === 'unknown-citation'));
    await client.change(memoUri, 'kz-online-platforms-2023', rangeOf(memo, 'no-such-law-1999'));
    const after = await client.pullDiagnostics(memoUri);
    assert.deepEqual(after.filter((d) => d.code === 'unknown-citation'), []);
  });

  void test('a pulled diagnostic carries what a client shows and nothing else', async (t) => {
    // NOTE: no `data`: code actions ask the engine again (see codeActions.test.ts), and a long
    // memo's pull carries thousands of diagnostics, each serialized and parsed.
    const client = await LspClient.start({ folder, pull: true });
    t.after(() => client.stop());
    await client.open(memoUri, memo);
    const items = await client.pullDiagnostics(memoUri);
    assert.ok(items.some((d) => d.code === 'unsourced-claim') && items.some((d) => d.code === 'unknown-citation'));
    for (const d of items) assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'range', 'severity', 'source']);
  });

  void test('a pull that sends the last resultId is answered unchanged while the diagnostics stay the same', async (t) => {
    const client = await LspClient.start({ folder, pull: true });
    t.after(() => client.stop());
    const pull = (previousResultId?: string): Promise<DocumentDiagnosticReport> =>
      client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: memoUri }, ...(previousResultId !== undefined ? { previousResultId } : {}) });
    await client.open(memoUri, memo);
    const first = await pull();
    assert.equal(first.kind, 'full');
    assert.ok(first.resultId, 'a full report carries a resultId');
    assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // A client that sends no resultId (or another one) gets the full report again, with the same id.
    const again = await pull();
    assert.deepEqual(again, first);
    assert.equal((await pull('not-an-id')).kind, 'full');
    // An edit that leaves every diagnostic where it was: a word added at the end of the heading.
    const headingEnd = rangeOf(memo, 'Memo on platform rules').end;
    await client.change(memoUri, ' (draft)', { start: headingEnd, end: headingEnd });
    assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // An edit that changes them: a new full report and a new resultId, which the next pull can send.
    await client.change(memoUri, 'kz-online-platforms-2023', rangeOf(memo, 'no-such-law-1999'));
    const fixed = await pull(first.resultId);
    assert.equal(fixed.kind, 'full');
    assert.ok(fixed.kind === 'full' && !fixed.items.some((d) => d.code === 'unknown-citation'));
    assert.notEqual(fixed.resultId, first.resultId);
    assert.deepEqual(await pull(fixed.resultId), { kind: 'unchanged', resultId: fixed.resultId });
    // Closed and opened again: a full report, whatever id the client still holds.
    await client.close(memoUri);
    await client.open(memoUri, memo);
    assert.equal((await pull(fixed.resultId)).kind, 'full');
  });
});

void describe('push diagnostics', () => {
  void test('a client without pull support gets no diagnostic provider', async (t) => {
    const client = await LspClient.start({ folder });
    t.after(() => client.stop());
    assert.equal(client.initializeResult?.capabilities.diagnosticProvider, undefined);
  });

  void test('a client without pull support receives a pushed unknown-citation on the range of the key', async (t) => {
    const client = await LspClient.start({ folder });
    t.after(() => client.stop());
    await client.open(memoUri, memo);
    const diagnostics = await client.waitForPublish(memoUri, 'an unknown-citation', (ds) => ds.some((d) => d.code === 'unknown-citation'));
    const unknown = diagnostics.filter((d) => d.code === 'unknown-citation');
    assert.equal(unknown.length, 1);
    assert.deepEqual(unknown[0]!.range, rangeOf(memo, 'no-such-law-1999'));
  });

  void test('an edit that fixes the key is followed by a publish without it', async (t) => {
    const client = await LspClient.start({ folder });
    t.after(() => client.stop());
    await client.open(memoUri, memo);
    await client.waitForPublish(memoUri, 'an unknown-citation', (ds) => ds.some((d) => d.code === 'unknown-citation'));
    const seen = client.published.length;
    await client.change(memoUri, 'kz-online-platforms-2023', rangeOf(memo, 'no-such-law-1999'));
    const after = await client.waitForPublish(memoUri, 'the edited text', () => true, seen);
    assert.deepEqual(after.filter((d) => d.code === 'unknown-citation'), []);
    assert.ok(after.some((d) => d.code === 'unsourced-claim'), 'the other findings stay');
  });

  void test('after rapid edits the last publish is for the last version and its text', async (t) => {
    const client = await LspClient.start({ folder });
    t.after(() => client.stop());
    let text = '# Rapid edits\n\nA typed key [@no-such-law-1999].\n';
    await client.open(memoUri, text);
    const keyAt = rangeOf(text, 'no-such-law-1999');
    // Type "-x" after the key twenty times, one character per change, as a fast typist would.
    for (let i = 0; i < 20; i++) {
      const ch = i % 2 === 0 ? '-' : 'x';
      const at = { line: keyAt.end.line, character: keyAt.end.character + i };
      await client.change(memoUri, ch, { start: at, end: at });
      text = text.slice(0, text.indexOf(']')) + ch + text.slice(text.indexOf(']'));
    }
    const last = await client.waitFor('a publish for version 21', () => client.published.find((p) => p.uri === memoUri && p.version === 21));
    const versions = client.published.filter((p) => p.uri === memoUri).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'publishes never go back to an older version');
    assert.deepEqual(
      last.diagnostics.filter((d) => d.code === 'unknown-citation').map((d) => d.range),
      [rangeOf(text, 'no-such-law-1999-x-x-x-x-x-x-x-x-x-x')],
    );
  });

  void test('closing a memo clears its pushed diagnostics', async (t) => {
    const client = await LspClient.start({ folder });
    t.after(() => client.stop());
    await client.open(memoUri, memo);
    await client.waitForPublish(memoUri, 'an unknown-citation', (ds) => ds.some((d) => d.code === 'unknown-citation'));
    const seen = client.published.length;
    await client.close(memoUri);
    const after = await client.waitForPublish(memoUri, 'the publish that clears the closed memo', () => true, seen);
    assert.deepEqual(after, []);
  });
});
