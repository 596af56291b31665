/**
 * A large corpus over a real stdio connection: the server keeps answering while it loads (the
 * load runs in time slices), a request that needs the corpus can be cancelled while it waits,
 * the client is shown progress, and a second server over the same corpus reads the files back
 * from the cache the first one wrote, with the same answers.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, HoverRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { generateCorpus } from '../bench/corpusGen.js';
import { hoverText, LspClient } from '../helpers/lspClient.js';

/** Enough entries that loading them takes many time slices, even from the cache. */
const ENTRIES = 8_000;

describe('a large corpus', () => {
  let root: string;
  let folder: string;
  let cacheDir: string;
  let firstId: string;
  let firstTitle: string;
  let memo: string;
  const memoUri = () => pathToFileURL(path.join(folder, 'memo.md')).toString();

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-large-'));
    folder = path.join(root, 'workspace');
    cacheDir = path.join(root, 'cache');
    fs.mkdirSync(folder);
    const gen = generateCorpus(path.join(root, 'corpus'), ENTRIES, 11);
    firstId = gen.infos[0]!.id;
    firstTitle = gen.infos[0]!.title.en;
    fs.writeFileSync(path.join(folder, '.lexlens.yaml'), `corpus: [${JSON.stringify(gen.allDir)}]\nbundledCorpus: false\n`);
    memo = `# Memo\n\nSee [@${firstId}]. About 40 percent of users left [@${firstId}, art. 999] and [@no-such-entry].\n`;
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const start = () => LspClient.start({ folder, pull: true, initializationOptions: { cacheDir }, timeoutMs: 120_000 });
  /** Diagnostics of the memo from the first server, to compare with the cached one's. */
  let coldDiagnostics: unknown;
  const loaded = (c: LspClient) => c.waitFor('the corpus to load', () => c.statuses.find((s) => !s.loading && s.entries > 0));

  test('answers requests and honours cancellation while the corpus loads', async () => {
    const client = await start();
    try {
      // The status says the corpus is loading before any answer comes.
      await client.waitFor('a loading status', () => client.statuses.find((s) => s.loading));
      await client.open(memoUri(), memo);

      // A request that needs the corpus waits for it; cancelled, it ends at once, before the load.
      const source = new CancellationTokenSource();
      const waiting = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: memoUri() }, position: { line: 2, character: 8 } }, source.token);
      source.cancel();
      const err = await waiting.then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof ResponseError, `expected an error response, got ${String(err)}`);
      assert.equal(err.code, LSPErrorCodes.RequestCancelled);

      // A request that does not need the corpus is answered between two slices of the load.
      const answer = await client.hover(pathToFileURL(path.join(folder, 'not-open.md')).toString(), { line: 0, character: 0 });
      assert.equal(answer, null);
      assert.ok(!client.statuses.some((s) => !s.loading), 'both answers came before the corpus finished loading');

      const status = await loaded(client);
      assert.equal(status.entries, ENTRIES);
      const hover = await client.hover(memoUri(), { line: 2, character: 8 });
      assert.match(hoverText(hover), new RegExp(firstTitle));
      assert.ok(client.logs.some((l) => new RegExp(`loaded ${ENTRIES} entries from ${ENTRIES / 500} corpus files .*\\(0 read from the cache`).test(l)), client.logs.join('\n'));
      coldDiagnostics = await client.pullDiagnostics(memoUri());
    } finally {
      await client.stop();
    }
  });

  test('a second server reads the corpus back from the cache and answers the same', async () => {
    // The first test's server filled the cache; this one must find every file there.
    const client = await start();
    try {
      await loaded(client);
      assert.ok(client.logs.some((l) => new RegExp(`loaded ${ENTRIES} entries from ${ENTRIES / 500} corpus files .*\\(${ENTRIES / 500} read from the cache in ${cacheDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, and the index\\)`).test(l)), client.logs.join('\n'));
      await client.open(memoUri(), memo);
      assert.match(hoverText(await client.hover(memoUri(), { line: 2, character: 8 })), new RegExp(firstTitle));
      assert.ok(coldDiagnostics, 'the first test pulled diagnostics');
      assert.deepEqual(await client.pullDiagnostics(memoUri()), coldDiagnostics);
    } finally {
      await client.stop();
    }
  });

  test('a changed corpus file is read afresh, not from the cache', async () => {
    const part = path.join(root, 'corpus', 'parts', 'part-0001.yaml');
    const text = fs.readFileSync(part, 'utf8');
    fs.writeFileSync(part, text.replace(`en: ${firstTitle}\n`, `en: ${firstTitle} Revised\n`));
    const client = await start();
    try {
      await loaded(client);
      assert.ok(client.logs.some((l) => new RegExp(`\\(${ENTRIES / 500 - 1} read from the cache`).test(l)), client.logs.join('\n'));
      await client.open(memoUri(), memo);
      assert.match(hoverText(await client.hover(memoUri(), { line: 2, character: 8 })), new RegExp(`${firstTitle} Revised`));
    } finally {
      await client.stop();
      fs.writeFileSync(part, text);
    }
  });
});
