/**
 * Rename a corpus key over a real stdio connection, on a copy of workspace-nav: the edit covers
 * every memo that cites the key (opened or not) and the entry's id in its corpus file, and
 * nothing else; bad new names, names in use and bundled keys are refused with a message and
 * no edit. The server never writes files itself: the client applies the edit.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { DiagnosticRefreshRequest, FileChangeType, ResponseError, type WorkspaceEdit } from 'vscode-languageserver/node';
import { applyEdits, positionOf } from '../helpers/lspClient.js';
import { editedUris, editsFor, startNav, textAt, WORKSPACE_KEY, type NavWorkspace } from '../helpers/navWorkspace.js';

const NEW_KEY = 'nav-hosting-act-2022';
const FILES = ['alpha.md', 'beta.md', 'bundled.md', 'corpus/laws.yaml'] as const;

/** Every file of the copy, to prove that nothing changed on disk. */
const snapshotFiles = (ws: NavWorkspace) => Object.fromEntries(FILES.map((f) => [f, ws.read(f)]));

/** Rejects unless the promise fails with a ResponseError whose message matches. */
async function refused(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof ResponseError, `a ResponseError, got ${String(e)}`);
    assert.match(e.message, message);
    return true;
  });
}

void describe('rename', () => {
  void test('prepareRename on a workspace key offers the key itself as the range and placeholder', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const r = await ws.client.prepareRename(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`, 6));
    assert.ok(r && 'range' in r && 'placeholder' in r, JSON.stringify(r));
    assert.equal(r.placeholder, WORKSPACE_KEY);
    assert.equal(textAt(memo.text, r.range), WORKSPACE_KEY);
  });

  void test('prepareRename on prose returns null', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    assert.equal(await ws.client.prepareRename(memo.uri, positionOf(memo.text, 'Hosting providers', 3)), null);
  });

  void test('renaming a workspace key edits both memos and the corpus file, and only the key', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const edit = await ws.client.rename(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`, 6), NEW_KEY);
    assert.deepEqual(editedUris(edit), [ws.uri('alpha.md'), ws.uri('beta.md'), ws.uri('corpus/laws.yaml')].sort());
    for (const file of ['alpha.md', 'beta.md', 'corpus/laws.yaml']) {
      const before = ws.read(file);
      const edits = editsFor(edit, ws.uri(file));
      for (const e of edits) assert.equal(textAt(before, e.range), WORKSPACE_KEY, `${file}: each edit replaces the key`);
      assert.equal(applyEdits(before, edits), before.replaceAll(WORKSPACE_KEY, NEW_KEY), `${file}: the key is replaced everywhere and nothing else changes`);
    }
  });

  void test('the renamed workspace is consistent once the edit is saved: no unknown key remains', async (t) => {
    const ws = await startNav(t, { pull: true });
    const memo = await ws.open('beta.md');
    const edit = await ws.client.rename(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`, 6), NEW_KEY);
    for (const uri of editedUris(edit)) {
      const file = FILES.find((f) => ws.uri(f) === uri)!;
      fs.writeFileSync(ws.file(file), applyEdits(ws.read(file), editsFor(edit, uri)));
    }
    const renamed = ws.read('beta.md');
    await ws.client.change(memo.uri, renamed);
    const refreshes = ws.client.requestCount(DiagnosticRefreshRequest.method);
    await ws.client.changeWatchedFiles([{ uri: ws.uri('corpus/laws.yaml'), type: FileChangeType.Changed }]);
    await ws.client.waitFor('a workspace/diagnostic/refresh after the corpus changed', () => (ws.client.requestCount(DiagnosticRefreshRequest.method) > refreshes ? true : undefined));
    const unknown = (await ws.client.pullDiagnostics(memo.uri)).filter((d) => d.code === 'unknown-citation');
    assert.deepEqual(unknown, []);
    const defs = await ws.client.definition(memo.uri, positionOf(renamed, `@${NEW_KEY}`, 3));
    assert.equal(defs[0]?.uri, ws.uri('corpus/laws.yaml'));
  });

  void test('an unsaved citation in an open memo is renamed at its place in the open text', async (t) => {
    const ws = await startNav(t);
    const text = `${ws.read('beta.md')}\nAnother citation, not yet saved [@${WORKSPACE_KEY}, art. 3].\n`;
    const memo = await ws.open('beta.md', text);
    const edit = await ws.client.rename(memo.uri, positionOf(text, `@${WORKSPACE_KEY}`, 3), NEW_KEY);
    assert.equal(applyEdits(text, editsFor(edit, memo.uri)), text.replaceAll(WORKSPACE_KEY, NEW_KEY));
  });

  void test('a new name that is not a valid key is refused with a message and no edit', async (t) => {
    const ws = await startNav(t);
    const before = snapshotFiles(ws);
    const memo = await ws.open('alpha.md');
    const at = positionOf(memo.text, `@${WORKSPACE_KEY}`, 6);
    for (const bad of ['Nav Hosting Act', '-nav-hosting', 'nav/hosting', '']) {
      await refused(ws.client.rename(memo.uri, at, bad), /not a valid key/);
    }
    assert.deepEqual(snapshotFiles(ws), before, 'no file changed on disk');
    assert.ok(ws.client.alive);
  });

  void test('a new name already used by another workspace entry is refused with a message', async (t) => {
    const ws = await startNav(t);
    const before = snapshotFiles(ws);
    const memo = await ws.open('alpha.md');
    await refused(ws.client.rename(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`, 6), 'nav-registry-act-2021'), /`nav-registry-act-2021` is already the key of another entry/);
    assert.deepEqual(snapshotFiles(ws), before);
  });

  void test('a new name already used by a bundled entry is refused with a message', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    await refused(ws.client.rename(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`, 6), 'kz-online-platforms-2023'), /already the key of another entry/);
  });

  void test('a bundled key cannot be renamed: prepareRename and rename both say the bundled corpus is read-only', async (t) => {
    const ws = await startNav(t);
    const before = snapshotFiles(ws);
    const memo = await ws.open('alpha.md');
    const at = positionOf(memo.text, '@kz-online-platforms-2023', 4);
    await refused(ws.client.prepareRename(memo.uri, at), /bundled corpus, which is read-only/);
    await refused(ws.client.rename(memo.uri, at, 'kz-platforms'), /bundled with LexLens, which is read-only/);
    assert.deepEqual(snapshotFiles(ws), before);
  });

  void test('a key the corpus does not have cannot be renamed', async (t) => {
    const ws = await startNav(t);
    const text = '# Unknown\n\nSomething happened [@nav-no-such-act-1999].\n';
    const memo = await ws.open('unknown.md', text);
    const at = positionOf(text, '@nav-no-such', 3);
    await refused(ws.client.prepareRename(memo.uri, at), /is not a key in the corpus/);
    await refused(ws.client.rename(memo.uri, at, 'nav-some-act'), /is not a key in the corpus/);
  });

  void test('renaming a key to itself changes nothing but the same text', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const edit: WorkspaceEdit | null = await ws.client.rename(memo.uri, positionOf(memo.text, `@${WORKSPACE_KEY}`, 6), WORKSPACE_KEY);
    for (const uri of editedUris(edit)) {
      const file = FILES.find((f) => ws.uri(f) === uri)!;
      assert.equal(applyEdits(ws.read(file), editsFor(edit, uri)), ws.read(file));
    }
  });
});
