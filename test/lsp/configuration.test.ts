/**
 * Configuration over a real stdio connection: `lexlens.*` settings come from
 * `workspace/configuration`, and a `.lexlens.yaml` in the workspace folder wins over them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ConfigurationRequest, DiagnosticRefreshRequest, DiagnosticSeverity, FileChangeType } from 'vscode-languageserver/node';
import { copyFixture, fixturesDir, LspClient, type StartOptions } from '../helpers/lspClient.js';

const basic = path.join(fixturesDir, 'workspace-basic');
const withFile = path.join(fixturesDir, 'workspace-rules');
const memoOf = (folder: string) => {
  const file = path.join(folder, 'memo.md');
  return { uri: pathToFileURL(file).toString(), text: fs.readFileSync(file, 'utf8') };
};
const codes = (ds: readonly { code?: string | number }[]) => ds.map((d) => d.code);

/**
 * A copy of workspace-rules whose .lexlens.yaml is `config` (the fixture's when not given), and a
 * server over it; both go when the test ends.
 */
async function onRulesCopy(t: TestContext, options: Omit<StartOptions, 'folder'>, config?: string) {
  const folder = fs.realpathSync(copyFixture('workspace-rules'));
  const configFile = path.join(folder, '.lexlens.yaml');
  if (config !== undefined) fs.writeFileSync(configFile, config);
  const client = await LspClient.start({ folder, ...options });
  t.after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  return { folder, configFile, configUri: pathToFileURL(configFile).toString(), client, memo: memoOf(folder) };
}

void describe('configuration', () => {
  void test('without settings the memo gets unsourced-claim warnings', async (t) => {
    const client = await LspClient.start({ folder: basic, pull: true, configuration: true, settings: {} });
    t.after(() => client.stop());
    const memo = memoOf(basic);
    await client.open(memo.uri, memo.text);
    const items = await client.pullDiagnostics(memo.uri);
    assert.ok(codes(items).includes('unsourced-claim'), `got ${codes(items).join(', ')}`);
    assert.ok(client.requestCount(ConfigurationRequest.method) > 0, 'the server asked for its settings');
  });

  void test('lexlens.rules {"unsourced-claim": "off"} from workspace/configuration removes those diagnostics', async (t) => {
    const client = await LspClient.start({ folder: basic, pull: true, configuration: true, settings: { rules: { 'unsourced-claim': 'off' } } });
    t.after(() => client.stop());
    const memo = memoOf(basic);
    await client.open(memo.uri, memo.text);
    const items = await client.pullDiagnostics(memo.uri);
    assert.ok(!codes(items).includes('unsourced-claim'), `got ${codes(items).join(', ')}`);
    assert.ok(codes(items).includes('unknown-citation'), 'other rules still report');
    const asked = client.serverRequests.find((r) => r.method === ConfigurationRequest.method)?.params as { items: { scopeUri?: string; section?: string }[] };
    assert.equal(asked.items[0]?.section, 'lexlens');
    assert.equal(asked.items[0]?.scopeUri, pathToFileURL(basic).toString());
  });

  void test('lexlens.rules can change the severity of a rule', async (t) => {
    const client = await LspClient.start({ folder: basic, pull: true, configuration: true, settings: { rules: { 'unknown-citation': 'warning' } } });
    t.after(() => client.stop());
    const memo = memoOf(basic);
    await client.open(memo.uri, memo.text);
    const unknown = (await client.pullDiagnostics(memo.uri)).find((d) => d.code === 'unknown-citation');
    assert.equal(unknown?.severity, DiagnosticSeverity.Warning);
  });

  void test('a .lexlens.yaml in the workspace folder wins over lexlens.rules', async (t) => {
    const client = await LspClient.start({ folder: withFile, pull: true, configuration: true, settings: { rules: { 'unsourced-claim': 'off' } } });
    t.after(() => client.stop());
    const memo = memoOf(withFile);
    await client.open(memo.uri, memo.text);
    const claims = (await client.pullDiagnostics(memo.uri)).filter((d) => d.code === 'unsourced-claim');
    assert.equal(claims.length, 1);
    assert.equal(claims[0]!.severity, DiagnosticSeverity.Error, 'the file sets unsourced-claim to error');
  });

  void test('a changed setting is asked for again and a refresh follows (pull)', async (t) => {
    const client = await LspClient.start({ folder: basic, pull: true, configuration: true, settings: {} });
    t.after(() => client.stop());
    const memo = memoOf(basic);
    await client.open(memo.uri, memo.text);
    assert.ok(codes(await client.pullDiagnostics(memo.uri)).includes('unsourced-claim'));
    const refreshes = client.requestCount(DiagnosticRefreshRequest.method);
    await client.setSettings({ rules: { 'unsourced-claim': 'off' } });
    await client.waitFor('a workspace/diagnostic/refresh request after the settings changed', () => (client.requestCount(DiagnosticRefreshRequest.method) > refreshes ? true : undefined));
    assert.ok(!codes(await client.pullDiagnostics(memo.uri)).includes('unsourced-claim'));
  });

  void test('a changed setting is pushed again to a client without pull support', async (t) => {
    const client = await LspClient.start({ folder: basic, configuration: true, settings: {} });
    t.after(() => client.stop());
    const memo = memoOf(basic);
    await client.open(memo.uri, memo.text);
    await client.waitForPublish(memo.uri, 'an unsourced-claim', (ds) => codes(ds).includes('unsourced-claim'));
    await client.setSettings({ rules: { 'unsourced-claim': 'off' } });
    await client.waitForPublish(memo.uri, 'no unsourced-claim but still the unknown-citation', (ds) => !codes(ds).includes('unsourced-claim') && codes(ds).includes('unknown-citation'));
  });

  void test('editing .lexlens.yaml on disk changes the rules once the server is told', async (t) => {
    const { client, memo, configFile } = await onRulesCopy(t, { pull: true });
    await client.open(memo.uri, memo.text);
    assert.ok(codes(await client.pullDiagnostics(memo.uri)).includes('unsourced-claim'));
    fs.writeFileSync(configFile, 'rules:\n  unsourced-claim: off\n');
    const refreshes = client.requestCount(DiagnosticRefreshRequest.method);
    await client.changeWatchedFiles([{ uri: pathToFileURL(configFile).toString(), type: FileChangeType.Changed }]);
    await client.waitFor('a workspace/diagnostic/refresh request after .lexlens.yaml changed', () => (client.requestCount(DiagnosticRefreshRequest.method) > refreshes ? true : undefined));
    assert.ok(!codes(await client.pullDiagnostics(memo.uri)).includes('unsourced-claim'));
  });

  void test("a .lexlens.yaml's own problems are reported on it, at their keys, in the client's language, and go away when fixed", async (t) => {
    const broken = 'rules:\n  unsourced-claim: loud\n  no-such-rule: off\nasOf: yesterday\ncolour: blue\n';
    const { client, memo, configFile, configUri } = await onRulesCopy(t, { locale: 'ru' }, broken);
    await client.open(memo.uri, memo.text);
    const ds = await client.waitForPublish(configUri, 'the problems of .lexlens.yaml', (d) => d.length > 0);
    const lines = broken.split('\n');
    const at = (d: (typeof ds)[number]) => lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character);
    assert.deepEqual(
      ds.map((d) => [at(d), d.code, d.severity, d.message]),
      [
        ['unsourced-claim', 'corpus-schema', DiagnosticSeverity.Error, '.lexlens.yaml: важность `unsourced-claim` должна быть off, hint, information, warning или error.'],
        ['no-such-rule', 'corpus-schema', DiagnosticSeverity.Error, '.lexlens.yaml: `no-such-rule` — такого правила в LexLens нет.'],
        ['asOf', 'corpus-schema', DiagnosticSeverity.Error, '.lexlens.yaml: `asOf` — нужна дата в виде YYYY-MM-DD.'],
        ['colour', 'corpus-schema', DiagnosticSeverity.Error, '.lexlens.yaml: `colour` — такой настройки в LexLens нет.'],
      ],
    );
    fs.writeFileSync(configFile, 'rules:\n  unsourced-claim: error\n');
    await client.changeWatchedFiles([{ uri: configUri, type: FileChangeType.Changed }]);
    await client.waitForPublish(configUri, 'no problems on the fixed .lexlens.yaml', (d) => d.length === 0);
  });

  void test('a corpus path .lexlens.yaml names that does not exist is shown on its line, not on a file that is not there, until it exists', async (t) => {
    const text = 'corpus:\n  - ./sources\n';
    const { client, memo, folder, configUri } = await onRulesCopy(t, { pull: true }, text);
    const missing = path.join(folder, 'sources');
    await client.open(memo.uri, memo.text);
    const ds = await client.waitForPublish(configUri, 'the missing path on .lexlens.yaml', (d) => d.length > 0);
    assert.deepEqual(
      ds.map((d) => [text.split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.character), d.code, d.message]),
      [['./sources', 'corpus-yaml', `The corpus path ${missing} does not exist or cannot be read.`]],
    );
    // Everything published before this answer has arrived: nothing went to the missing path.
    await client.pullDiagnostics(memo.uri);
    assert.deepEqual(client.published.filter((p) => p.uri.startsWith(pathToFileURL(missing).toString())), []);

    // The folder is made, with a corpus file in it: the problem goes, and its entry is served.
    fs.mkdirSync(missing);
    const part = path.join(missing, 'part.yaml');
    fs.writeFileSync(part, '- id: kz-new-law\n  kind: law\n  title: { en: A New Law }\n');
    await client.changeWatchedFiles([{ uri: pathToFileURL(part).toString(), type: FileChangeType.Created }]);
    await client.waitForPublish(configUri, 'no problem on .lexlens.yaml once the path exists', (d) => d.length === 0);
    const notes = pathToFileURL(path.join(folder, 'notes.md')).toString();
    await client.open(notes, 'See [@kz-new');
    assert.ok((await client.completion(notes, { line: 0, character: 12 })).some((c) => c.label === 'kz-new-law'), 'the new folder\'s entry is offered');
  });

  void test('a client without workspace/configuration is never asked for settings and gets the defaults', async (t) => {
    const client = await LspClient.start({ folder: basic, pull: true, configuration: false, settings: { rules: { 'unsourced-claim': 'off' } } });
    t.after(() => client.stop());
    const memo = memoOf(basic);
    await client.open(memo.uri, memo.text);
    assert.ok(codes(await client.pullDiagnostics(memo.uri)).includes('unsourced-claim'));
    assert.equal(client.requestCount(ConfigurationRequest.method), 0);
  });
});
