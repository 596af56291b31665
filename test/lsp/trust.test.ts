/**
 * Workspace Trust over a real stdio connection. In an untrusted workspace
 * (`initializationOptions.trusted: false`) only the bundled corpus and corpus folders inside the
 * workspace folder are read; a corpus path that resolves outside it, through `..` or a symlink,
 * whether from `.lexlens.yaml` or from the `lexlens.corpus.paths` setting, is refused with a
 * message. A trusted workspace reads it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { copyFixture, LspClient, tempFolder, type StartOptions } from '../helpers/lspClient.js';
import { textAt, WORKSPACE_KEY } from '../helpers/navWorkspace.js';

const OUTSIDE_KEY = 'ext-outside-act-2020';
const OUTSIDE_CORPUS = `# A corpus folder next to the workspace, not inside it.
- id: ${OUTSIDE_KEY}
  kind: law
  type: law
  title:
    en: Outside Fixture Act
  jurisdiction: KZ
  number: 9-EXT
  adopted: 2020-01-01
  status: in-force
  verification:
    level: read
    note: Written for the tests.
`;
const MEMO = `# Trust

Data stays at home [@${WORKSPACE_KEY}, art. 3].

Platforms answer within 24 hours [@kz-online-platforms-2023, art. 9].

The outside act applies too [@${OUTSIDE_KEY}].
`;
const REFUSED = /outside the workspace and was not read, because the workspace is not trusted/;

/**
 * A parent folder holding `ws/` (a copy of workspace-nav with MEMO as memo.md) and `outside/`
 * (a corpus folder); `config` replaces ws/.lexlens.yaml; `prepare` may add links.
 */
async function start(t: TestContext, o: { config?: string; trusted?: boolean; settings?: Record<string, unknown>; prepare?: (ws: string, outside: string) => void }) {
  const parent = fs.realpathSync(tempFolder('lexlens-trust-'));
  let started: LspClient | undefined;
  // One hook, so the server stops before its folder goes.
  t.after(async () => {
    await started?.stop();
    fs.rmSync(parent, { recursive: true, force: true });
  });
  const ws = path.join(parent, 'ws');
  fs.renameSync(copyFixture('workspace-nav'), ws);
  const outside = path.join(parent, 'outside');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'ext.yaml'), OUTSIDE_CORPUS);
  fs.writeFileSync(path.join(ws, 'memo.md'), MEMO);
  if (o.config !== undefined) fs.writeFileSync(path.join(ws, '.lexlens.yaml'), o.config);
  o.prepare?.(ws, outside);
  const options: StartOptions = {
    folder: ws,
    pull: true,
    ...(o.trusted === undefined ? {} : { initializationOptions: { trusted: o.trusted } }),
    ...(o.settings ? { configuration: true, settings: o.settings } : {}),
  };
  const client = (started = await LspClient.start(options));
  const uri = pathToFileURL(path.join(ws, 'memo.md')).toString();
  await client.open(uri, MEMO);
  const unknownKeys = async () => (await client.pullDiagnostics(uri)).filter((d) => d.code === 'unknown-citation').map((d) => textAt(MEMO, d.range));
  return { client, ws, outside, unknownKeys };
}

void describe('workspace trust', () => {
  void test('an untrusted workspace refuses a corpus path with .. that leaves it, with a message, and still reads its own corpus folder and the bundled corpus', async (t) => {
    const { client, outside, unknownKeys } = await start(t, { trusted: false, config: 'corpus: [corpus/, ../outside]\n' });
    assert.deepEqual(await unknownKeys(), [OUTSIDE_KEY]);
    const message = await client.waitFor('a message that the outside corpus path was refused', () => client.logs.find((l) => REFUSED.test(l)));
    assert.ok(message.includes(outside), `the message names the path: ${message}`);
  });

  void test('an untrusted workspace refuses a corpus folder inside it that is a symlink to a folder outside', async (t) => {
    const { client, unknownKeys } = await start(t, {
      trusted: false,
      config: 'corpus: [corpus/, linked]\n',
      prepare: (ws, outside) => fs.symlinkSync(outside, path.join(ws, 'linked'), 'dir'),
    });
    assert.deepEqual(await unknownKeys(), [OUTSIDE_KEY]);
    await client.waitFor('a message that the symlinked corpus path was refused', () => client.logs.find((l) => REFUSED.test(l) && l.includes('linked')));
  });

  void test('an untrusted workspace refuses an outside path from the lexlens.corpus.paths setting', async (t) => {
    const { client, unknownKeys } = await start(t, { trusted: false, config: '', settings: { corpus: { paths: ['corpus', '../outside'] } } });
    assert.deepEqual(await unknownKeys(), [OUTSIDE_KEY]);
    await client.waitFor('a message that the outside corpus path from the settings was refused', () => client.logs.find((l) => REFUSED.test(l)));
  });

  void test('an untrusted workspace refuses an absolute corpus path outside it', async (t) => {
    const absoluteConfig = (outside: string) => `corpus: [corpus/, ${JSON.stringify(outside)}]\n`;
    const { client, unknownKeys } = await start(t, { trusted: false, prepare: (ws, outside) => fs.writeFileSync(path.join(ws, '.lexlens.yaml'), absoluteConfig(outside)) });
    assert.deepEqual(await unknownKeys(), [OUTSIDE_KEY]);
    await client.waitFor('a message that the absolute outside path was refused', () => client.logs.find((l) => REFUSED.test(l)));
  });

  void test('an untrusted workspace reads a corpus path with .. that stays inside it, without a message', async (t) => {
    const { client, unknownKeys } = await start(t, { trusted: false, config: 'corpus: [drafts/../corpus]\n', prepare: (ws) => fs.mkdirSync(path.join(ws, 'drafts')) });
    assert.deepEqual(await unknownKeys(), [OUTSIDE_KEY]);
    assert.deepEqual(client.logs.filter((l) => REFUSED.test(l)), []);
  });

  void test('a trusted workspace reads the outside corpus path', async (t) => {
    const { client, unknownKeys } = await start(t, { trusted: true, config: 'corpus: [corpus/, ../outside]\n' });
    assert.deepEqual(await unknownKeys(), []);
    assert.deepEqual(client.logs.filter((l) => REFUSED.test(l)), []);
  });

  void test('a workspace is trusted when the client says nothing about trust (Neovim, Emacs)', async (t) => {
    const { unknownKeys } = await start(t, { config: 'corpus: [corpus/, ../outside]\n' });
    assert.deepEqual(await unknownKeys(), []);
  });
});
