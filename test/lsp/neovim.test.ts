/**
 * The language server in a real LSP client other than VS Code: headless Neovim starts
 * `node dist/server.cjs --stdio`, attaches it to a memo, asks for a hover and a completion,
 * and waits for a pushed diagnostic (Neovim before 0.10 does not pull). A Lua init file written
 * for the run collects the answers as JSON; the test reads them and asserts.
 * CI installs Neovim with `apt-get install -y neovim`; without it the test is skipped.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { serverBundle, tempFolder } from '../helpers/lspClient.js';

const RUN_TIMEOUT_MS = 90_000;

/** `NVIM v0.7.2` from `nvim --version`, or undefined when Neovim is not installed. */
function neovimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (r.error || r.status !== 0) return undefined;
  return /NVIM v?(\S+)/.exec(r.stdout)?.[1];
}

const MEMO = `# Memo for Neovim

Platforms must answer the authorised body within 24 hours [@kz-online-platforms-2023, art. 9].

This paragraph cites a key that the corpus does not have [@no-such-law-1999].

Draft: [@kz-onl
`;

// Paths come in through the environment, so no quoting of Lua strings is needed.
// vim.lsp.start arrived in Neovim 0.8; 0.7 has start_client + buf_attach_client.
const INIT_LUA = String.raw`
local memo = os.getenv('LEXLENS_MEMO')
local root = os.getenv('LEXLENS_ROOT')
local out = os.getenv('LEXLENS_OUT')
local result = {}
local v = vim.version()
result.nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch)

local function run()
  -- Filetype detection is switched on only after the init file; the memo must be markdown now.
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(memo))
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
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
      if s then return i - 1, s - 1 end
    end
    error('not in the memo: ' .. needle)
  end

  local hl, hc = find('@kz-online-platforms-2023')
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = hl, character = hc + 3 } }, 20000)
  result.hover = ''
  for _, r in pairs(hover or {}) do
    if r.err then result.hover_error = vim.inspect(r.err) end
    local c = r.result and r.result.contents
    if type(c) == 'string' then result.hover = result.hover .. c elseif type(c) == 'table' and c.value then result.hover = result.hover .. c.value end
  end

  local cl, cc = find('Draft: [@kz-onl')
  local completion = vim.lsp.buf_request_sync(buf, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = cl, character = cc + #'Draft: [@kz-onl' } }, 20000)
  result.completion = {}
  for _, r in pairs(completion or {}) do
    if r.err then result.completion_error = vim.inspect(r.err) end
    local items = r.result and (r.result.items or r.result) or {}
    for _, it in ipairs(items) do table.insert(result.completion, it.label) end
  end

  local ul, uc = find('no-such-law-1999')
  result.unknown_key_at = { line = ul, col = uc }
  result.pushed = vim.wait(30000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'unknown-citation' then return true end
    end
    return false
  end, 20)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message })
  end
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qa!')
`;

interface NeovimResult {
  nvim: string;
  filetype?: string;
  start_api?: string;
  attached?: boolean;
  hover?: string;
  hover_error?: string;
  completion?: string[];
  completion_error?: string;
  unknown_key_at?: { line: number; col: number };
  pushed?: boolean;
  diagnostics?: { code?: string; lnum: number; col: number; end_col: number; message: string }[];
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
  'headless Neovim attaches the server, gets a hover with 18-VIII, completes kz-online-platforms-2023 and receives a pushed unknown-citation',
  { skip: version ? false : 'nvim is not installed (CI must `apt-get install -y neovim`)' },
  async (t) => {
    const dir = tempFolder('lexlens-nvim-');
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const memo = path.join(dir, 'memo.md');
    const init = path.join(dir, 'init.lua');
    const out = path.join(dir, 'result.json');
    fs.writeFileSync(memo, MEMO);
    fs.writeFileSync(init, INIT_LUA);
    const xdg = (name: string) => {
      const d = path.join(dir, 'xdg', name);
      fs.mkdirSync(d, { recursive: true });
      return d;
    };
    const env = {
      ...process.env,
      LEXLENS_MEMO: memo,
      LEXLENS_ROOT: dir,
      LEXLENS_OUT: out,
      LEXLENS_NODE: process.execPath,
      LEXLENS_SERVER: serverBundle,
      // Keep Neovim's logs, shada and swap files in the temporary folder.
      XDG_CONFIG_HOME: xdg('config'),
      XDG_DATA_HOME: xdg('data'),
      XDG_STATE_HOME: xdg('state'),
      XDG_CACHE_HOME: xdg('cache'),
    };

    // Its own process group, so a timeout can end Neovim and the server it started together.
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-u', init], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid!;
    t.after(() => killGroup(pid));
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
    assert.equal(r.filetype, 'markdown');
    assert.equal(r.attached, true, 'the client attached to the memo');
    assert.equal(r.hover_error, undefined);
    assert.match(r.hover ?? '', /18-VIII/);
    assert.equal(r.completion_error, undefined);
    assert.ok(r.completion?.includes('kz-online-platforms-2023'), `completion offers kz-online-platforms-2023 (got ${r.completion?.slice(0, 5).join(', ')})`);
    assert.equal(r.pushed, true, `a pushed unknown-citation arrived (got ${JSON.stringify(r.diagnostics)})`);
    const unknown = r.diagnostics?.find((d) => d.code === 'unknown-citation');
    assert.deepEqual(
      { lnum: unknown?.lnum, col: unknown?.col, end_col: unknown?.end_col },
      { lnum: r.unknown_key_at?.line, col: r.unknown_key_at?.col, end_col: (r.unknown_key_at?.col ?? 0) + 'no-such-law-1999'.length },
    );
  },
);
