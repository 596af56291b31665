/** Quick fixes over a real stdio connection: cite a source for an unsourced claim, replace an unknown key. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver/node';
import { applyEdits, fixturesDir, LspClient } from '../helpers/lspClient.js';

const folder = path.join(fixturesDir, 'workspace-basic');
const memoPath = path.join(folder, 'memo.md');
const memoUri = pathToFileURL(memoPath).toString();
const memo = fs.readFileSync(memoPath, 'utf8');

const editsOf = (a: CodeAction): TextEdit[] => a.edit?.changes?.[memoUri] ?? [];

void describe('code actions', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ folder, pull: true });
  });
  after(() => client?.stop());

  void test('an unsourced claim offers a preferred "Cite [@…]" quick fix whose edit inserts that citation', async () => {
    await client.open(memoUri, memo);
    const claim = (await client.pullDiagnostics(memoUri)).find((d) => d.code === 'unsourced-claim');
    assert.ok(claim, 'the memo has an unsourced claim');
    const actions = await client.codeActions(memoUri, claim.range, [claim]);
    const cites = actions.filter((a) => a.title.startsWith('Cite [@'));
    assert.ok(cites.length > 0, `a Cite quick fix is offered (got ${actions.map((a) => a.title).join(' | ')})`);
    const best = cites[0]!;
    assert.equal(best.kind, CodeActionKind.QuickFix);
    assert.equal(best.isPreferred, true);
    assert.ok(best.diagnostics?.some((d) => d.code === 'unsourced-claim'), 'the fix names the diagnostic it fixes');
    const citation = /Cite (\[@[^\]]+\])/.exec(best.title)![1]!;
    const edits = editsOf(best);
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0]!.range.start, edits[0]!.range.end, 'the edit inserts and replaces nothing');
    assert.equal(edits[0]!.newText.trim(), citation);

    // The citation lands inside the sentence, before its full stop, and sources the claim.
    const fixed = applyEdits(memo, edits);
    const line = fixed.split('\n')[claim.range.start.line]!;
    assert.ok(line.endsWith(`${citation}.`), `the citation goes before the full stop: ${line}`);
    await client.change(memoUri, fixed);
    const after = await client.pullDiagnostics(memoUri);
    assert.ok(!after.some((d) => d.code === 'unsourced-claim' && d.range.start.line === claim.range.start.line), 'the claim is sourced now');
  });

  void test('an unknown key close to a real one offers to replace only the key', async () => {
    const uri = pathToFileURL(path.join(folder, 'typo.md')).toString();
    const text = 'Platforms must act within 24 hours [@kz-online-platforms-2032, art. 9].\n';
    await client.open(uri, text);
    const unknown = (await client.pullDiagnostics(uri)).find((d) => d.code === 'unknown-citation');
    assert.ok(unknown, 'the typo is an unknown key');
    const actions = await client.codeActions(uri, unknown.range, [unknown]);
    const replace = actions.find((a) => a.title === 'Replace with @kz-online-platforms-2023');
    assert.ok(replace, `a replace fix is offered (got ${actions.map((a) => a.title).join(' | ')})`);
    const edits = replace.edit?.changes?.[uri] ?? [];
    assert.equal(applyEdits(text, edits), 'Platforms must act within 24 hours [@kz-online-platforms-2023, art. 9].\n');
  });

  void test('a range with no diagnostics offers no quick fix', async () => {
    const uri = pathToFileURL(path.join(folder, 'clean.md')).toString();
    const text = '# Heading\n\nNothing to check here.\n';
    await client.open(uri, text);
    assert.deepEqual(await client.codeActions(uri, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, []), []);
  });
});
