/**
 * A workspace with its own corpus folder (named in `.lexlens.yaml`), over a real stdio
 * connection: entries resolve, broken corpus files get positioned diagnostics, the status
 * notification counts entries, and edits on disk reach the memo's diagnostics.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticRefreshRequest, FileChangeType, type Diagnostic } from 'vscode-languageserver/node';
import { copyFixture, hoverText, LspClient, positionOf, type StartOptions } from '../helpers/lspClient.js';

const LATER_ENTRY = `
- id: fixture-later-act-2021
  kind: law
  type: law
  title:
    en: Later Fixture Act
  number: 11-FX
  verification:
    level: read
    note: Added by a protocol test while the server runs.
`;

/** A fresh copy of the workspace-corpus fixture, with a server started on it. */
async function startOnCopy(t: TestContext, options: Omit<StartOptions, 'folder'> = {}) {
  const folder = fs.realpathSync(copyFixture('workspace-corpus'));
  const client = await LspClient.start({ folder, ...options });
  t.after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  const memoPath = path.join(folder, 'memo.md');
  const memo = { uri: pathToFileURL(memoPath).toString(), text: fs.readFileSync(memoPath, 'utf8') };
  const good = path.join(folder, 'corpus', 'good.yaml');
  const broken = path.join(folder, 'corpus', 'broken.yaml');
  return { client, folder, memo, good, broken, goodUri: pathToFileURL(good).toString(), brokenUri: pathToFileURL(broken).toString() };
}

const unknownKeys = (ds: readonly Diagnostic[], text: string) =>
  ds.filter((d) => d.code === 'unknown-citation').map((d) => {
    const lines = text.split('\n');
    return lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character);
  });

void describe('a workspace corpus named in .lexlens.yaml', () => {
  void test('the good entry resolves and only the key the corpus lacks is unknown', async (t) => {
    const { client, memo } = await startOnCopy(t, { pull: true });
    await client.open(memo.uri, memo.text);
    const items = await client.pullDiagnostics(memo.uri);
    assert.deepEqual(unknownKeys(items, memo.text), ['fixture-later-act-2021']);
    const h = await client.hover(memo.uri, positionOf(memo.text, '@fixture-good-act-2020', 3));
    assert.match(hoverText(h), /Good Fixture Act/);
    assert.match(hoverText(h), /7-FX/);
  });

  void test('the bundled corpus is off, as the file says', async (t) => {
    const { client, memo } = await startOnCopy(t, { pull: true });
    const text = `${memo.text}\nAnd [@kz-online-platforms-2023].\n`;
    await client.open(memo.uri, text);
    assert.ok(unknownKeys(await client.pullDiagnostics(memo.uri), text).includes('kz-online-platforms-2023'));
  });

  void test('the broken corpus file gets a pushed corpus-yaml diagnostic at the line of the error', async (t) => {
    const { client, brokenUri, broken } = await startOnCopy(t);
    const diagnostics = await client.waitForPublish(brokenUri, 'a corpus-yaml diagnostic', (ds) => ds.length > 0);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0]!.code, 'corpus-yaml');
    const text = fs.readFileSync(broken, 'utf8');
    assert.equal(diagnostics[0]!.range.start.line, positionOf(text, 'summary: en:').line, 'the error is on the line of the nested mapping');
  });

  void test('corpus file diagnostics are written in the language the client says it has', async (t) => {
    const english = await startOnCopy(t);
    const [en] = await english.client.waitForPublish(english.brokenUri, 'a corpus-yaml diagnostic', (ds) => ds.length > 0);
    const kazakh = await startOnCopy(t, { locale: 'kk' });
    const [kk] = await kazakh.client.waitForPublish(kazakh.brokenUri, 'a corpus-yaml diagnostic', (ds) => ds.length > 0);
    const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
    assert.match(text(en!), /^Invalid YAML: /);
    // The parser's own explanation is said in Kazakh too.
    assert.equal(text(en!), 'Invalid YAML: Nested mappings are not allowed in compact mappings');
    assert.equal(text(kk!), 'YAML қатесі: ішкі «кілт: мән» жұптарын кілтпен бір жолға жазуға болмайды: оларды келесі жолға шегініспен жазыңыз');
    assert.deepEqual(kk!.range, en!.range);
  });

  void test('a pull client gets corpus file diagnostics pushed too', async (t) => {
    const { client, brokenUri } = await startOnCopy(t, { pull: true });
    const diagnostics = await client.waitForPublish(brokenUri, 'a corpus-yaml diagnostic', (ds) => ds.length > 0);
    assert.deepEqual(diagnostics.map((d) => d.code), ['corpus-yaml']);
  });

  void test('lexlens/status reports the number of entries, files and problems', async (t) => {
    const { client } = await startOnCopy(t);
    const status = await client.waitFor('a lexlens/status that is not loading', () => client.statuses.find((s) => !s.loading));
    assert.deepEqual({ entries: status.entries, files: status.files, problems: status.problems }, { entries: 2, files: 2, problems: 1 });
  });

  void test('after a corpus file is edited on disk, a push client gets a new publish for the memo', async (t) => {
    const { client, memo, good, goodUri } = await startOnCopy(t);
    await client.open(memo.uri, memo.text);
    await client.waitForPublish(memo.uri, 'unknown-citation for fixture-later-act-2021', (ds) => unknownKeys(ds, memo.text).includes('fixture-later-act-2021'));
    const seen = client.published.length;
    fs.appendFileSync(good, LATER_ENTRY);
    await client.changeWatchedFiles([{ uri: goodUri, type: FileChangeType.Changed }]);
    const after = await client.waitForPublish(memo.uri, 'diagnostics computed on the edited corpus', () => true, seen);
    assert.deepEqual(unknownKeys(after, memo.text), []);
    await client.waitFor('a lexlens/status with 3 entries', () => client.statuses.find((s) => !s.loading && s.entries === 3));
  });

  void test('after a corpus file is edited on disk, a pull client gets a refresh request and a new pull gives the new result', async (t) => {
    const { client, memo, good, goodUri } = await startOnCopy(t, { pull: true });
    await client.open(memo.uri, memo.text);
    assert.deepEqual(unknownKeys(await client.pullDiagnostics(memo.uri), memo.text), ['fixture-later-act-2021']);
    const refreshes = client.requestCount(DiagnosticRefreshRequest.method);
    fs.appendFileSync(good, LATER_ENTRY);
    await client.changeWatchedFiles([{ uri: goodUri, type: FileChangeType.Changed }]);
    await client.waitFor('a workspace/diagnostic/refresh request', () => (client.requestCount(DiagnosticRefreshRequest.method) > refreshes ? true : undefined));
    assert.deepEqual(unknownKeys(await client.pullDiagnostics(memo.uri), memo.text), []);
  });

  void test('a new corpus file created in the folder is read', async (t) => {
    const { client, memo, folder } = await startOnCopy(t, { pull: true });
    await client.open(memo.uri, memo.text);
    const added = path.join(folder, 'corpus', 'later.yaml');
    const refreshes = client.requestCount(DiagnosticRefreshRequest.method);
    fs.writeFileSync(added, LATER_ENTRY);
    await client.changeWatchedFiles([{ uri: pathToFileURL(added).toString(), type: FileChangeType.Created }]);
    await client.waitFor('a workspace/diagnostic/refresh request', () => (client.requestCount(DiagnosticRefreshRequest.method) > refreshes ? true : undefined));
    assert.deepEqual(unknownKeys(await client.pullDiagnostics(memo.uri), memo.text), []);
  });

  void test('fixing the broken file on disk clears its diagnostics', async (t) => {
    const { client, broken, brokenUri } = await startOnCopy(t);
    await client.waitForPublish(brokenUri, 'a corpus-yaml diagnostic', (ds) => ds.length > 0);
    const seen = client.published.length;
    fs.writeFileSync(broken, fs.readFileSync(broken, 'utf8').replace('summary: en: nested mapping in a compact mapping', 'summary:\n    en: Fixed by a test.'));
    await client.changeWatchedFiles([{ uri: brokenUri, type: FileChangeType.Changed }]);
    assert.deepEqual(await client.waitForPublish(brokenUri, 'an empty publish', () => true, seen), []);
    await client.waitFor('a lexlens/status with 3 entries and no problems', () => client.statuses.find((s) => !s.loading && s.entries === 3 && s.problems === 0));
  });

  void test('a corpus file broken on disk keeps serving its last good entries and gets a diagnostic', async (t) => {
    const { client, memo, good, goodUri } = await startOnCopy(t, { pull: true });
    await client.open(memo.uri, memo.text);
    await client.pullDiagnostics(memo.uri);
    fs.writeFileSync(good, `${fs.readFileSync(good, 'utf8')}\n- id: [unclosed\n`);
    await client.changeWatchedFiles([{ uri: goodUri, type: FileChangeType.Changed }]);
    const diagnostics = await client.waitForPublish(goodUri, 'a corpus-yaml diagnostic on the broken good.yaml', (ds) => ds.some((d) => d.code === 'corpus-yaml'));
    assert.ok(diagnostics.length > 0);
    assert.deepEqual(unknownKeys(await client.pullDiagnostics(memo.uri), memo.text), ['fixture-later-act-2021'], 'fixture-good-act-2020 still resolves');
  });

  void test('a schema error written to a corpus file gets a pushed corpus-schema diagnostic at its line', async (t) => {
    const { client, good, goodUri } = await startOnCopy(t);
    await client.waitFor('the first lexlens/status', () => client.statuses.find((s) => !s.loading));
    const seen = client.published.length;
    const text = fs.readFileSync(good, 'utf8').replace('status: in-force', 'status: sort-of');
    fs.writeFileSync(good, text);
    await client.changeWatchedFiles([{ uri: goodUri, type: FileChangeType.Changed }]);
    const diagnostics = await client.waitForPublish(goodUri, 'a corpus-schema diagnostic', (ds) => ds.length > 0, seen);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['corpus-schema', positionOf(text, 'status: sort-of').line]]);
  });

  void test('deleting the corpus folder keeps the server serving and reports the missing path', async (t) => {
    const { client, memo, folder, goodUri, brokenUri } = await startOnCopy(t);
    await client.open(memo.uri, memo.text);
    await client.waitForPublish(memo.uri, 'the first diagnostics', () => true);
    const seen = client.published.length;
    const corpusDir = path.join(folder, 'corpus');
    fs.rmSync(corpusDir, { recursive: true });
    await client.changeWatchedFiles([
      { uri: goodUri, type: FileChangeType.Deleted },
      { uri: brokenUri, type: FileChangeType.Deleted },
    ]);
    const after = await client.waitForPublish(memo.uri, 'diagnostics without the deleted corpus', () => true, seen);
    assert.deepEqual(unknownKeys(after, memo.text), ['fixture-good-act-2020', 'fixture-later-act-2021']);
    assert.deepEqual(await client.waitForPublish(brokenUri, 'the deleted broken file cleared', () => true, seen), []);
    const missing = await client.waitForPublish(pathToFileURL(corpusDir).toString(), 'a diagnostic for the missing corpus folder', (ds) => ds.length > 0, seen);
    assert.deepEqual(missing.map((d) => d.code), ['corpus-yaml']);
    assert.ok(client.alive);
  });

  void test('a configuration change keeps the corpus file diagnostics published', async (t) => {
    const { client, brokenUri } = await startOnCopy(t, { configuration: true, settings: {} });
    await client.waitForPublish(brokenUri, 'a corpus-yaml diagnostic', (ds) => ds.length > 0);
    const seen = client.published.length;
    await client.setSettings({ rules: { 'unsourced-claim': 'off' } });
    await client.waitForPublish(brokenUri, 'the corpus-yaml diagnostic still there after the settings changed', (ds) => ds.some((d) => d.code === 'corpus-yaml'), seen);
  });
});
