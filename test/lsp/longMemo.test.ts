/**
 * A long memo over a real stdio connection. Its first reading is about a second of work for
 * 5,000 lines; the server does it in time slices, so a request about another document is answered
 * while it runs, a pull of its diagnostics can be cancelled while it runs, a hover on it waits
 * for the same reading, and what the slices give is what reading the memo at once gives.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, DocumentDiagnosticRequest, LSPErrorCodes, ReferencesRequest, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { generateCorpus, type GeneratedCorpus } from '../bench/corpusGen.js';
import { generateMemo, type Memo } from '../bench/memoGen.js';
import { hoverText, LspClient } from '../helpers/lspClient.js';
import { createEngine } from '../../server/src/engine/index.js';
import { loadFolders } from '../helpers/engine.js';
import { Converter } from '../../server/src/convert.js';

const LINES = 5_000;

/** Sends a request, cancels it `ms` later, and checks that it fails with RequestCancelled (not that it is answered). */
async function cancelledAfter(ms: number, send: (token: CancellationToken) => Promise<unknown>): Promise<void> {
  const source = new CancellationTokenSource();
  const pending = send(source.token);
  setTimeout(() => source.cancel(), ms);
  const err = await pending.then(
    (r) => r,
    (e: unknown) => e,
  );
  assert.ok(err instanceof ResponseError, `expected an error response, got ${JSON.stringify(err).slice(0, 200)}`);
  assert.equal(err.code, LSPErrorCodes.RequestCancelled);
}

describe('a long memo', () => {
  let root: string;
  let folder: string;
  let gen: GeneratedCorpus;
  let memos: Memo[];
  const uri = (name: string) => pathToFileURL(path.join(folder, name)).toString();

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-long-memo-'));
    folder = path.join(root, 'workspace');
    fs.mkdirSync(folder);
    gen = generateCorpus(path.join(root, 'corpus'), 1_000, 3);
    fs.writeFileSync(path.join(folder, '.lexlens.yaml'), `corpus: [${JSON.stringify(gen.allDir)}]\nbundledCorpus: false\n`);
    // Two memos that share no chunk, so each one's first reading is a whole reading.
    memos = [generateMemo(gen.infos, LINES, 7), generateMemo(gen.infos, LINES, 8)];
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const start = async () => {
    const client = await LspClient.start({ folder, pull: true, initializationOptions: { cacheDir: path.join(root, 'cache') }, timeoutMs: 60_000 });
    await client.waitFor('the corpus to load', () => client.statuses.find((s) => !s.loading && s.entries > 0));
    return client;
  };

  test('is read in time slices: completion in another document is answered first, and a hover waits for the reading', async () => {
    const client = await start();
    try {
      const memo = memos[0]!;
      await client.open(uri('notes.md'), '# Notes\n\nSee [@');
      await client.open(uri('long.md'), memo.text);
      const conv = new Converter(memo.text);
      const answered: string[] = [];
      const note = <T>(what: string) => (v: T) => (answered.push(what), v);
      // A citation key to hover: one of the memo's hover points that the engine reads as an entry.
      const engine = createEngine(loadFolders(gen.allDir));
      const doc = { text: memo.text, languageId: 'markdown' };
      const at = memo.hoverAt.find((o) => engine.hover(doc, o)?.markdown.includes('**'))!;
      assert.ok(at !== undefined, 'the memo has a hover point with a card');

      const diagnostics = client.pullDiagnostics(uri('long.md')).then(note('diagnostics'));
      const hover = client.hover(uri('long.md'), conv.range({ start: at, end: at }).start).then(note('hover'));
      const completion = client.completion(uri('notes.md'), { line: 2, character: 6 }).then(note('completion'));
      const [items, card, entries] = await Promise.all([diagnostics, hover, completion]);

      assert.equal(answered[0], 'completion', `answered in the order ${answered.join(', ')}`);
      assert.ok(entries.length > 0, 'completion offered entries');
      assert.equal(hoverText(card), engine.hover(doc, at)!.markdown);
      // The same diagnostics as the engine gives reading the memo at once.
      const expected = engine.diagnostics(doc, { rules: {} });
      assert.ok(expected.length > 100, `the memo has findings (${expected.length})`);
      assert.deepEqual(
        items.map((d) => [d.code, d.message, d.range]),
        expected.map((d) => [d.rule, d.message, conv.range(d.span)]),
      );
    } finally {
      await client.stop();
    }
  });

  test('find references reads the workspace memos in time slices: completion is answered first, and it can be cancelled', async () => {
    // Memos on disk that all cite one key, and a short open memo that cites it too.
    const refs = path.join(folder, 'refs');
    fs.mkdirSync(refs, { recursive: true });
    const onDisk = [3, 4, 5, 6].map((seed) => generateMemo(gen.infos, 2_000, 100 + seed).text);
    const key = gen.infos.find((e) => onDisk.every((t) => t.includes(`@${e.id}`)))?.id ?? gen.infos[0]!.id;
    onDisk.forEach((text, k) => fs.writeFileSync(path.join(refs, `memo-${k}.md`), `${text}\nSee [@${key}].\n`));
    const client = await start();
    try {
      const note = `# Notes\n\nSee [@${key}] and [@`;
      await client.open(uri('notes.md'), note);
      const at = { line: 2, character: note.split('\n')[2]!.indexOf(key) + 2 };
      const answered: string[] = [];
      const references = client.references(uri('notes.md'), at).then((r) => (answered.push('references'), r));
      const completion = client.completion(uri('notes.md'), { line: 2, character: note.split('\n')[2]!.length }).then((r) => (answered.push('completion'), r));
      const [locations, items] = await Promise.all([references, completion]);
      assert.equal(answered[0], 'completion', `answered in the order ${answered.join(', ')}`);
      assert.ok(items.length > 0, 'completion offered entries');
      // Every citation of the key: the note's and each memo's, as the engine finds them reading at once.
      const engine = createEngine(loadFolders(gen.allDir));
      const docs = [...onDisk.map((text, k) => ({ file: path.join(refs, `memo-${k}.md`), doc: { text: `${text}\nSee [@${key}].\n`, languageId: 'markdown' } })), { file: path.join(folder, 'notes.md'), doc: { text: note, languageId: 'markdown' } }];
      const expected = engine.references(docs, key);
      assert.ok(expected.length >= docs.length, `the key is cited in every memo (${expected.length})`);
      assert.deepEqual(
        locations.map((l) => l.uri).sort(),
        expected.map((l) => pathToFileURL(l.file).toString()).sort(),
      );

      // The memos changed on disk are read again (what each cites is kept by its text), and that
      // reading can be cancelled.
      onDisk.forEach((text, k) => fs.writeFileSync(path.join(refs, `memo-${k}.md`), `${text}\nSee [@${key}] again.\n`));
      await cancelledAfter(50, (token) => client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: uri('notes.md') }, position: at, context: { includeDeclaration: false } }, token));
      assert.equal((await client.references(uri('notes.md'), at)).length, locations.length, 'the same citations, once the search is not cancelled');
    } finally {
      await client.stop();
      fs.rmSync(refs, { recursive: true, force: true });
    }
  });

  test('a pull of its diagnostics can be cancelled while it is read, and the next pull is answered in full', async () => {
    const client = await start();
    try {
      const memo = memos[1]!;
      await client.open(uri('long.md'), memo.text);
      // Well into the reading (which takes hundreds of milliseconds), not before it starts.
      await cancelledAfter(100, (token) => client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('long.md') } }, token));
      const items = await client.pullDiagnostics(uri('long.md'));
      assert.ok(items.length > 100, `the memo's findings (${items.length})`);
    } finally {
      await client.stop();
    }
  });
});
