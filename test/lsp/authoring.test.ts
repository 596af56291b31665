/**
 * The authoring requests over a real stdio connection, on a copy of workspace-nav:
 * `lexlens/authorities` (table of authorities), `lexlens/search` (the "Insert citation…" picker),
 * `lexlens/capturePrefill` and `lexlens/captureStatement`. Capture is checked byte for byte:
 * applying the returned edit to a corpus file full of comments and odd layout keeps every old
 * byte and adds exactly one statement entry; a corpus file that does not parse is refused and
 * left untouched.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ErrorCodes, FileChangeType, ResponseError } from 'vscode-languageserver/node';
import { parse } from 'yaml';
import type { AuthoritiesResult, CapturePrefillResult, CaptureStatementParams, CaptureStatementResult, SearchItem } from '../../server/src/protocol.js';
import { applyEdits, positionOf, rangeOf, repoRoot } from '../helpers/lspClient.js';
import { editedUris, editsFor, startNav, WORKSPACE_KEY, type NavWorkspace } from '../helpers/navWorkspace.js';

/** Rejects unless the promise fails with a ResponseError whose message matches. */
async function refused(promise: Promise<unknown>, message: RegExp, code?: number): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof ResponseError, `a ResponseError, got ${String(e)}`);
    assert.match(e.message, message);
    if (code !== undefined) assert.equal(e.code, code);
    return true;
  });
}

void describe('lexlens/authorities', () => {
  void test('the table lists the workspace and the bundled law under KZ, then the statement, with pinpoints and lines', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('alpha.md');
    const r = (await ws.client.request('lexlens/authorities', { uri: memo.uri })) as AuthoritiesResult;
    const line = (needle: string) => positionOf(memo.text, needle).line + 1;
    const expected = ['# Table of authorities: alpha.md', '', '## Laws', '', '### KZ', ''];
    assert.deepEqual(r.markdown.split('\n').slice(0, expected.length), expected);
    // The detail (number, date, status) is the hover card's; only its number and date are pinned here.
    assert.match(r.markdown.split('\n')[expected.length]!, new RegExp(`^- \\[Fixture Data Hosting Act\\]\\(https://adilet\\.zan\\.kz/rus/docs/Z2200000042\\) \\(\`${WORKSPACE_KEY}\`; No\\. 42-NAV [^)]*2022-03-15[^)]*\\) — art\\. 3 — line ${line(WORKSPACE_KEY)}$`), 'the workspace law comes first (by title)');
    assert.match(r.markdown, new RegExp(`^- \\[On Online Platforms and Online Advertising\\]\\(https://adilet\\.zan\\.kz/rus/docs/Z2300000018\\) \\(\`kz-online-platforms-2023\`; No\\. 18-VIII [^)]*\\) — art\\. 9 — line ${line('kz-online-platforms-2023')}$`, 'm'));
    assert.match(r.markdown, new RegExp(`## Statements\\n\\n- A minister on data hosting \\(fixture\\) \\(\`nav-minister-2024-02-01\`; Fixture Minister · 2024-02-01[^)]*\\) — line ${line('nav-minister')}\\n`));
    assert.doesNotMatch(r.markdown, /Not in the corpus/);
  });

  void test('the table follows the unsaved text and lists keys the corpus does not have', async (t) => {
    const ws = await startNav(t);
    const text = `${ws.read('beta.md')}\nAlso [@nav-no-such-act-1999] and again [@nav-registry-act-2021, art. 12].\n`;
    const memo = await ws.open('beta.md', text);
    const r = (await ws.client.request('lexlens/authorities', { uri: memo.uri })) as AuthoritiesResult;
    assert.match(r.markdown, /## Not in the corpus\n\n- `nav-no-such-act-1999`\n/);
    assert.match(r.markdown, new RegExp(`\`nav-registry-act-2021\`[^\\n]* — art\\. 12 — lines ${positionOf(text, 'nav-registry').line + 1}, ${positionOf(text, 'again').line + 1}\\n`));
  });

  void test('a memo that cites nothing says so', async (t) => {
    const ws = await startNav(t);
    const memo = await ws.open('empty.md', '# Nothing\n\nNo citations here.\n');
    const r = (await ws.client.request('lexlens/authorities', { uri: memo.uri })) as AuthoritiesResult;
    assert.match(r.markdown, /_This memo cites no authorities\._/);
  });

  void test('a document that is not open is refused with InvalidParams', async (t) => {
    const ws = await startNav(t);
    await refused(ws.client.request('lexlens/authorities', { uri: ws.uri('beta.md') }), /not open/, ErrorCodes.InvalidParams);
  });
});

void describe('lexlens/search', () => {
  void test('a workspace law is found by its title, with its articles as pinpoints', async (t) => {
    const ws = await startNav(t);
    const items = (await ws.client.request('lexlens/search', { uri: ws.uri('alpha.md'), query: 'data hosting' })) as SearchItem[];
    assert.equal(items[0]?.id, WORKSPACE_KEY, items.map((i) => i.id).join(', '));
    assert.equal(items[0]!.title, 'Fixture Data Hosting Act');
    assert.match(items[0]!.detail, /42-NAV/);
    assert.match(items[0]!.names, /Data Hosting Act/);
    assert.deepEqual(items[0]!.pinpoints, [
      { label: 'art. 3', title: 'Duties of hosting providers' },
      { label: 'art. 7', title: 'Entry into force' },
    ]);
  });

  void test('a bundled law is found by its number', async (t) => {
    const ws = await startNav(t);
    const items = (await ws.client.request('lexlens/search', { uri: ws.uri('alpha.md'), query: '18-VIII' })) as SearchItem[];
    assert.equal(items[0]?.id, 'kz-online-platforms-2023', items.map((i) => i.id).join(', '));
  });

  void test('the same query gives the same order twice', async (t) => {
    const ws = await startNav(t);
    const ask = async () => ((await ws.client.request('lexlens/search', { uri: ws.uri('alpha.md'), query: 'law' })) as SearchItem[]).map((i) => i.id);
    const first = await ask();
    assert.ok(first.length > 1);
    assert.deepEqual(await ask(), first);
  });

  void test('a query that matches nothing gives an empty list', async (t) => {
    const ws = await startNav(t);
    assert.deepEqual(await ws.client.request('lexlens/search', { uri: ws.uri('alpha.md'), query: 'zzqxj' }), []);
  });
});

/** A corpus file full of comments, with an indented list, flow mappings, folded text and no final newline. */
const ODD_CORPUS = `# yaml-language-server: $schema=../../../data/schema/corpus.schema.json
#   Statements captured by hand.   Keep this header as it is!

  # The list is indented by two spaces, on purpose.
  - id: nav-speaker-2023-05-05   # a trailing comment
    kind: statement
    title: {en: "A speaker on hosting (fixture)"}   # a flow mapping
    speaker: 'Fixture Speaker'
    date: 2023-05-05
    quote:
      text: >-
        Folded text that
        spans two lines.
      language: en
    verification: {level: unverified, note: Written for the tests.}


  # A comment between entries, after two blank lines.

  - id: nav-other-2023-06-06
    kind: statement
    title:
      en: Another speaker (fixture)
    speaker: Other Speaker
    date: "2023-06-06"
    verification:
      level: unverified
      note: Written for the tests.
# A footer comment at column 0, and no newline at the end`;

const CAPTURE_MEMO = `# Capture

Deputy Minister Dana Omarova said on 5 March 2024 that «hosting at home costs less than we thought» (https://kursiv.media/news/1).

The minister said every provider will keep its data at home [@nav-minister-2024-02-01].
`;

const QUOTE = 'hosting at home costs less than we thought';

/** Writes the odd corpus file (and a CRLF copy) into the copy's corpus folder before the server starts. */
const withOddCorpus = (folder: string) => {
  fs.writeFileSync(path.join(folder, 'corpus', 'statements.yaml'), ODD_CORPUS);
  fs.writeFileSync(path.join(folder, 'corpus', 'crlf.yaml'), ODD_CORPUS.replaceAll('nav-', 'crlf-').replace(/\n/g, '\r\n'));
  fs.writeFileSync(path.join(folder, 'capture.md'), CAPTURE_MEMO);
};

function captureParams(ws: NavWorkspace, corpusFile: string, fields: Partial<CaptureStatementParams> = {}): CaptureStatementParams {
  return {
    uri: ws.uri('capture.md'),
    range: rangeOf(CAPTURE_MEMO, `«${QUOTE}»`),
    corpusFile: ws.file(corpusFile),
    quote: QUOTE,
    speaker: 'Dana Omarova',
    date: '2024-03-05',
    url: 'https://kursiv.media/news/1',
    language: 'en',
    ...fields,
  };
}

/** Applies the corpus part of a capture to the file's text and checks it byte for byte; returns the new text. */
function checkCorpusEdit(ws: NavWorkspace, corpusFile: string, r: CaptureStatementResult, fields: { speaker: string; date: string; quote: string }): string {
  const before = ws.read(corpusFile);
  const edits = editsFor(r.edit, ws.uri(corpusFile));
  assert.equal(edits.length, 1, 'one edit to the corpus file');
  const after = applyEdits(before, edits);
  assert.ok(after.startsWith(before), 'the new text starts with the old text byte for byte');
  const added = after.slice(before.length);
  const entries = parse(added) as Record<string, unknown>[];
  assert.ok(Array.isArray(entries) && entries.length === 1, `the addition is exactly one entry: ${added}`);
  const [entry] = entries;
  assert.equal(entry!.id, r.id);
  assert.equal(entry!.kind, 'statement');
  assert.equal(entry!.speaker, fields.speaker);
  assert.equal(String(entry!.date), fields.date);
  assert.equal((entry!.quote as { text?: unknown }).text, fields.quote);
  const all = parse(after) as { id: string }[];
  assert.deepEqual(all.slice(0, -1), parse(before), 'the old entries read as before');
  assert.equal(all.at(-1)?.id, r.id);
  assert.equal(r.entryUri, ws.uri(corpusFile));
  assert.match(after.split(/\r?\n/)[r.entryLine] ?? '', new RegExp(`id: ${r.id}$`), 'entryLine is the line of the new id');
  return after;
}

void describe('lexlens/capturePrefill', () => {
  void test('a selected quotation gives the quote, the speaker without the title, the date, the URL and the workspace corpus files', async (t) => {
    const ws = await startNav(t, {}, withOddCorpus);
    const memo = await ws.open('capture.md');
    const r = (await ws.client.request('lexlens/capturePrefill', { uri: memo.uri, range: rangeOf(memo.text, `«${QUOTE}»`) })) as CapturePrefillResult;
    assert.deepEqual(
      { ...r, corpusFiles: [...r.corpusFiles].sort() },
      { quote: QUOTE, speaker: 'Dana Omarova', date: '2024-03-05', url: 'https://kursiv.media/news/1', language: 'en', corpusFiles: [ws.file('corpus/crlf.yaml'), ws.file('corpus/laws.yaml'), ws.file('corpus/statements.yaml')] },
    );
  });

  void test('a corpus file that does not parse is not offered', async (t) => {
    const ws = await startNav(t, {}, (folder) => {
      withOddCorpus(folder);
      fs.writeFileSync(path.join(folder, 'corpus', 'broken.yaml'), '- id: [unclosed\n');
    });
    const memo = await ws.open('capture.md');
    const r = (await ws.client.request('lexlens/capturePrefill', { uri: memo.uri, range: rangeOf(memo.text, QUOTE) })) as CapturePrefillResult;
    assert.ok(!r.corpusFiles.includes(ws.file('corpus/broken.yaml')), r.corpusFiles.join(', '));
    assert.ok(r.corpusFiles.every((f) => !f.startsWith(path.join(repoRoot, 'data'))), 'bundled files are not offered');
  });
});

void describe('lexlens/captureStatement', () => {
  void test('the edit appends one statement to a commented, oddly laid out file, keeping every old byte, and cites it in the memo', async (t) => {
    const ws = await startNav(t, {}, withOddCorpus);
    const memo = await ws.open('capture.md');
    const params = captureParams(ws, 'corpus/statements.yaml');
    const r = (await ws.client.request('lexlens/captureStatement', params)) as CaptureStatementResult;
    assert.equal(r.id, 'omarova-2024-03-05');
    assert.deepEqual(editedUris(r.edit), [memo.uri, ws.uri('corpus/statements.yaml')].sort());
    checkCorpusEdit(ws, 'corpus/statements.yaml', r, params);
    const memoAfter = applyEdits(memo.text, editsFor(r.edit, memo.uri));
    assert.equal(memoAfter, memo.text.replace(`«${QUOTE}»`, `«${QUOTE}» [@${r.id}]`));
    assert.deepEqual(fs.readFileSync(ws.file('corpus/statements.yaml'), 'utf8'), ODD_CORPUS, 'the server itself wrote nothing');
  });

  void test('a CRLF corpus file gets the new entry with CRLF line ends', async (t) => {
    const ws = await startNav(t, {}, withOddCorpus);
    await ws.open('capture.md');
    const params = captureParams(ws, 'corpus/crlf.yaml');
    const r = (await ws.client.request('lexlens/captureStatement', params)) as CaptureStatementResult;
    const before = ws.read('corpus/crlf.yaml');
    const after = checkCorpusEdit(ws, 'corpus/crlf.yaml', r, params);
    assert.doesNotMatch(after.slice(before.length), /[^\r]\n/, 'every line end of the addition is CRLF');
  });

  void test('the captured entry loads without problems and its citation resolves once the edit is saved', async (t) => {
    const ws = await startNav(t, { pull: true }, withOddCorpus);
    const memo = await ws.open('capture.md');
    const params = captureParams(ws, 'corpus/statements.yaml');
    const r = (await ws.client.request('lexlens/captureStatement', params)) as CaptureStatementResult;
    const corpusUri = ws.uri('corpus/statements.yaml');
    await ws.client.waitFor('the first lexlens/status', () => ws.client.statuses.find((s) => !s.loading));
    fs.writeFileSync(ws.file('corpus/statements.yaml'), applyEdits(ws.read('corpus/statements.yaml'), editsFor(r.edit, corpusUri)));
    const memoAfter = applyEdits(memo.text, editsFor(r.edit, memo.uri));
    await ws.client.change(memo.uri, memoAfter);
    const seen = ws.client.published.length;
    await ws.client.changeWatchedFiles([{ uri: corpusUri, type: FileChangeType.Changed }]);
    assert.deepEqual(await ws.client.waitForPublish(corpusUri, 'the corpus diagnostics after the capture', () => true, seen), [], 'no corpus-yaml or corpus-schema problem');
    const items = await ws.client.pullDiagnostics(memo.uri);
    assert.deepEqual(items.filter((d) => d.code === 'unknown-citation'), []);
    const defs = await ws.client.definition(memo.uri, positionOf(memoAfter, `@${r.id}`, 3));
    assert.deepEqual(defs.map((d) => [d.uri, d.range.start.line]), [[corpusUri, r.entryLine]]);
  });

  void test('an id already taken by the bundled corpus gets a numbered suffix', async (t) => {
    const ws = await startNav(t, {}, withOddCorpus);
    await ws.open('capture.md');
    const params = captureParams(ws, 'corpus/statements.yaml', { speaker: 'Aida Balaeva', date: '2024-04-22' });
    const r = (await ws.client.request('lexlens/captureStatement', params)) as CaptureStatementResult;
    assert.equal(r.id, 'balaeva-2024-04-22-2');
    checkCorpusEdit(ws, 'corpus/statements.yaml', r, params);
  });

  void test('a selection that holds a citation has that citation replaced by the new one', async (t) => {
    const ws = await startNav(t, {}, withOddCorpus);
    const memo = await ws.open('capture.md');
    const sentence = 'The minister said every provider will keep its data at home [@nav-minister-2024-02-01].';
    const params = captureParams(ws, 'corpus/statements.yaml', { range: rangeOf(memo.text, sentence), speaker: 'Fixture Minister', date: '2024-02-02', quote: 'Every provider will keep its data at home.' });
    const r = (await ws.client.request('lexlens/captureStatement', params)) as CaptureStatementResult;
    assert.equal(applyEdits(memo.text, editsFor(r.edit, memo.uri)), memo.text.replace('[@nav-minister-2024-02-01]', `[@${r.id}]`));
  });

  void test('a corpus file that does not parse is refused and left untouched', async (t) => {
    const broken = '# A file with a YAML error.\n- id: nav-broken-2020\n  title: en: nested mapping in a compact mapping\n';
    const ws = await startNav(t, {}, (folder) => {
      withOddCorpus(folder);
      fs.writeFileSync(path.join(folder, 'corpus', 'broken.yaml'), broken);
    });
    await ws.open('capture.md');
    await refused(ws.client.request('lexlens/captureStatement', captureParams(ws, 'corpus/broken.yaml')), /does not parse/);
    assert.equal(fs.readFileSync(ws.file('corpus/broken.yaml'), 'utf8'), broken);
    assert.ok(ws.client.alive);
  });

  void test('a corpus file open with unsaved text that does not parse is refused, and the file on disk is untouched', async (t) => {
    const ws = await startNav(t, {}, withOddCorpus);
    await ws.open('capture.md');
    await ws.client.open(ws.uri('corpus/statements.yaml'), `${ODD_CORPUS}\n  - id: [unclosed\n`, 'yaml');
    await refused(ws.client.request('lexlens/captureStatement', captureParams(ws, 'corpus/statements.yaml')), /does not parse/);
    assert.equal(ws.read('corpus/statements.yaml'), ODD_CORPUS);
  });

  void test('a file of the bundled corpus or outside the corpus is refused', async (t) => {
    const ws = await startNav(t, {}, withOddCorpus);
    await ws.open('capture.md');
    await refused(ws.client.request('lexlens/captureStatement', { ...captureParams(ws, 'corpus/statements.yaml'), corpusFile: path.join(repoRoot, 'data', 'kz-statements.yaml') }), /bundled corpus is read-only/);
    await refused(ws.client.request('lexlens/captureStatement', captureParams(ws, 'alpha.md')), /Choose a corpus file of this workspace/);
  });

  void test('a date not written YYYY-MM-DD and an empty speaker are refused', async (t) => {
    const ws = await startNav(t, {}, withOddCorpus);
    await ws.open('capture.md');
    await refused(ws.client.request('lexlens/captureStatement', captureParams(ws, 'corpus/statements.yaml', { date: '5 March 2024' })), /YYYY-MM-DD/);
    await refused(ws.client.request('lexlens/captureStatement', captureParams(ws, 'corpus/statements.yaml', { speaker: '  ' })), /needs a speaker/);
    assert.equal(ws.read('corpus/statements.yaml'), ODD_CORPUS);
  });

  void test('a memo that is not open is refused with InvalidParams', async (t) => {
    const ws = await startNav(t, {}, withOddCorpus);
    await refused(ws.client.request('lexlens/captureStatement', captureParams(ws, 'corpus/statements.yaml')), /not open/, ErrorCodes.InvalidParams);
  });
});
