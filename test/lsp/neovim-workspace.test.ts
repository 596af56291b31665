/**
 * The navigation features in a real LSP client other than VS Code: headless Neovim starts
 * `node dist/server.cjs --stdio` on a copy of workspace-nav (its own corpus folder named in
 * `.lexlens.yaml`), opens alpha.md and asks for definition, references, rename, document links
 * and code lenses, the way its `vim.lsp.buf` functions do. A Lua init file written for the run
 * collects the raw answers as JSON; the test reads them and asserts.
 * CI installs Neovim with `apt-get install -y neovim`; without it the test is skipped.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { copyFixture, positionOf, serverBundle, tempFolder } from '../helpers/lspClient.js';
import { WORKSPACE_KEY } from '../helpers/navWorkspace.js';

const RUN_TIMEOUT_MS = 90_000;
const NEW_KEY = 'nav-hosting-act-2022';

/** `0.7.2` from `nvim --version`, or undefined when Neovim is not installed. */
function neovimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (r.error || r.status !== 0) return undefined;
  return /NVIM v?(\S+)/.exec(r.stdout)?.[1];
}

// Paths and names come in through the environment, so no quoting of Lua strings is needed.
// vim.lsp.start arrived in Neovim 0.8; 0.7 has start_client + buf_attach_client.
const INIT_LUA = String.raw`
local memo = os.getenv('LEXLENS_MEMO')
local root = os.getenv('LEXLENS_ROOT')
local out = os.getenv('LEXLENS_OUT')
local key = os.getenv('LEXLENS_KEY')
local result = {}
local v = vim.version()
result.nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch)

local function run()
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(memo))
  local buf = vim.api.nvim_get_current_buf()
  local config = { name = 'lexlens', cmd = { os.getenv('LEXLENS_NODE'), os.getenv('LEXLENS_SERVER'), '--stdio' }, root_dir = root }
  local client_id
  if vim.lsp.start then
    result.start_api = 'vim.lsp.start'
    client_id = vim.lsp.start(config)
  else
    result.start_api = 'vim.lsp.start_client'
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  result.attached = vim.wait(30000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true and vim.lsp.buf_is_attached(buf, client_id)
  end, 20)
  if not result.attached then return end

  local uri = vim.uri_from_bufnr(buf)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  -- The memo is ASCII, so byte columns are UTF-16 columns.
  local function find(needle)
    for i, l in ipairs(lines) do
      local s = string.find(l, needle, 1, true)
      if s then return { line = i - 1, character = s - 1 } end
    end
    error('not in the memo: ' .. needle)
  end
  local function ask(method, params)
    local answers = vim.lsp.buf_request_sync(buf, method, params, 20000)
    local a = answers and answers[client_id]
    if a == nil then return { err = 'no answer' } end
    if a.err then return { err = vim.inspect(a.err) } end
    if a.result == nil then return { result = vim.NIL } end
    return { result = a.result }
  end

  local at = find('@' .. key)
  at.character = at.character + 3
  local doc = { uri = uri }
  result.definition = ask('textDocument/definition', { textDocument = doc, position = at })
  result.references = ask('textDocument/references', { textDocument = doc, position = at, context = { includeDeclaration = false } })
  result.rename = ask('textDocument/rename', { textDocument = doc, position = at, newName = os.getenv('LEXLENS_NEW_KEY') })
  result.links = ask('textDocument/documentLink', { textDocument = doc })
  result.lenses = ask('textDocument/codeLens', { textDocument = doc })
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qa!')
`;

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Answer<T> {
  result?: T;
  err?: string;
}
interface NeovimResult {
  nvim: string;
  start_api?: string;
  attached?: boolean;
  definition?: Answer<{ uri: string; range: Range } | { uri: string; range: Range }[]>;
  references?: Answer<{ uri: string; range: Range }[]>;
  rename?: Answer<{ changes?: Record<string, { range: Range; newText: string }[]> }>;
  links?: Answer<{ range: Range; target?: string }[]>;
  lenses?: Answer<{ range: Range; command?: { title: string } }[]>;
  error?: string;
}

/** Kills what is left of the process group that `pid` leads (Neovim and the server it started). */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

const version = neovimVersion();

void test(
  'headless Neovim on a workspace with its own corpus folder gets definition, references, rename, an adilet link and a code lens',
  { skip: version ? false : 'nvim is not installed (CI must `apt-get install -y neovim`)' },
  async (t) => {
    const root = fs.realpathSync(copyFixture('workspace-nav'));
    const work = tempFolder('lexlens-nvim-ws-');
    const nvim: { pid?: number } = {};
    // One hook, so Neovim and its server are gone before their folders go.
    t.after(() => {
      if (nvim.pid !== undefined) killGroup(nvim.pid);
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(work, { recursive: true, force: true });
    });
    const memo = path.join(root, 'alpha.md');
    const init = path.join(work, 'init.lua');
    const out = path.join(work, 'result.json');
    fs.writeFileSync(init, INIT_LUA);
    const xdg = (name: string) => {
      const d = path.join(work, 'xdg', name);
      fs.mkdirSync(d, { recursive: true });
      return d;
    };
    const env = {
      ...process.env,
      LEXLENS_MEMO: memo,
      LEXLENS_ROOT: root,
      LEXLENS_OUT: out,
      LEXLENS_KEY: WORKSPACE_KEY,
      LEXLENS_NEW_KEY: NEW_KEY,
      LEXLENS_NODE: process.execPath,
      LEXLENS_SERVER: serverBundle,
      // Keep Neovim's logs, shada and swap files out of the workspace and the user's home.
      XDG_CONFIG_HOME: xdg('config'),
      XDG_DATA_HOME: xdg('data'),
      XDG_STATE_HOME: xdg('state'),
      XDG_CACHE_HOME: xdg('cache'),
    };

    // Its own process group, so a timeout can end Neovim and the server it started together.
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-u', init], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = (nvim.pid = child.pid!);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS))),
    ]).finally(() => clearTimeout(timer));
    if (exit === 'timeout') {
      killGroup(pid);
      assert.fail(`Neovim ${version} did not quit within ${RUN_TIMEOUT_MS} ms and was killed. Output: ${output}${fs.existsSync(out) ? ` Result: ${fs.readFileSync(out, 'utf8')}` : ''}`);
    }
    assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${String(exit)}). Output: ${output}`);
    const r = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult;
    t.diagnostic(`Neovim ${r.nvim} (${r.start_api ?? 'no client started'})`);
    if (process.env.LEXLENS_DEBUG) t.diagnostic(JSON.stringify(r));

    assert.equal(r.error, undefined, `the Lua script ran without error: ${r.error}`);
    assert.equal(r.attached, true, 'the client attached to the memo');
    const uri = (rel: string) => pathToFileURL(path.join(root, rel)).toString();
    const alpha = fs.readFileSync(memo, 'utf8');
    const corpus = fs.readFileSync(path.join(root, 'corpus', 'laws.yaml'), 'utf8');

    // Definition: the corpus YAML file and the line of the id.
    assert.equal(r.definition?.err, undefined);
    const def = r.definition?.result;
    const defs = Array.isArray(def) ? def : def ? [def] : [];
    assert.deepEqual(defs.map((d) => [d.uri, d.range.start.line]), [[uri('corpus/laws.yaml'), positionOf(corpus, `- id: ${WORKSPACE_KEY}`).line]]);

    // References: both memos that cite the key, the one Neovim never opened included.
    assert.equal(r.references?.err, undefined);
    assert.deepEqual([...new Set((r.references?.result ?? []).map((l) => l.uri))].sort(), [uri('alpha.md'), uri('beta.md')].sort());

    // Rename: edits for both memos and the corpus file, each writing the new key.
    assert.equal(r.rename?.err, undefined);
    const changes = r.rename?.result?.changes ?? {};
    assert.deepEqual(Object.keys(changes).sort(), [uri('alpha.md'), uri('beta.md'), uri('corpus/laws.yaml')].sort());
    for (const edits of Object.values(changes)) for (const e of edits) assert.equal(e.newText, NEW_KEY);

    // Document links: the bundled law's citation links to adilet.zan.kz.
    assert.equal(r.links?.err, undefined);
    const platforms = positionOf(alpha, 'kz-online-platforms-2023');
    const link = (r.links?.result ?? []).find((l) => l.range.start.line === platforms.line && l.range.start.character === platforms.character);
    assert.ok(link?.target, `a link on kz-online-platforms-2023 (got ${JSON.stringify(r.links?.result)})`);
    assert.equal(new URL(link.target).hostname, 'adilet.zan.kz');

    // Code lens: a sourced count on the section heading.
    assert.equal(r.lenses?.err, undefined);
    const titles = (r.lenses?.result ?? []).map((l) => l.command?.title ?? '');
    assert.ok(titles.length > 0 && titles.every((title) => /^claims sourced: \d+\/\d+$/.test(title)), `code lenses titled "claims sourced: n/m" (got ${JSON.stringify(titles)})`);
    assert.deepEqual(titles, ['claims sourced: 3/4']);
  },
);
