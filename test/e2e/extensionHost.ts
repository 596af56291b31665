// The extension-host suite (test/vscode/suite, the one @vscode/test-electron runs) inside
// code-server's Node extension host (SPEC §9): LexLens is loaded as a development extension
// from the repository root (dist/ must be built), the workbench is opened with a payload
// naming extensionDevelopmentPath and extensionTestsPath, and the workbench reports the
// exit code of the suite's run() through window.codeAutomationExit. Each test's result is
// read from a JSON-lines file the suite writes (named in the extension host's environment);
// its console output arrives through window.codeAutomationLog and is shown as progress.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServer } from './codeServer.js';
import type { ScenarioResult } from './runner.js';
import { errorMessage, lastLine, log, onCleanup, repoRoot, run, waitFor } from './util.js';
import { Workbench } from './workbench.js';

/** Must match RESULTS_ENV in test/vscode/suite/runner.ts. */
const RESULTS_ENV = 'LEXLENS_VSCODE_TEST_RESULTS';
const SUITE = path.join(repoRoot, 'out', 'test-vscode', 'suite.cjs');
const MEMO = 'briefing.md';
/** The whole suite; its tests have limits of their own (at most 60s each). */
const SUITE_TIMEOUT_MS = 180_000;

export const EXTENSION_HOST_PREFIX = 'extension host: ';
export const EXTENSION_HOST_SUITE = `${EXTENSION_HOST_PREFIX}the extension-host suite`;

export interface ExtensionHostOptions {
  codeServerEntry: string;
  chromiumPath: string;
  /** Folder holding briefing.md (examples/ unless LEXLENS_E2E_EXAMPLES says otherwise). */
  examples: string;
  /** Number of the first result line printed (continues the browser scenarios' numbering). */
  firstNumber: number;
}

/** Bundles test/vscode/suite into out/test-vscode/suite.cjs. */
async function buildSuite(): Promise<void> {
  const result = await run(process.execPath, [path.join('test', 'vscode', 'build.mjs')], {
    cwd: repoRoot, what: 'node test/vscode/build.mjs', timeoutMs: 60_000,
  });
  if (result.code !== 0) throw new Error(`node test/vscode/build.mjs failed (exit ${result.code}): ${lastLine(result.stderr || result.stdout)}`);
  if (!fs.existsSync(SUITE)) throw new Error(`node test/vscode/build.mjs succeeded but ${path.relative(repoRoot, SUITE)} is not there`);
}

function readResults(file: string): ScenarioResult[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((line) => {
    const r = JSON.parse(line) as { name: string; ok: boolean; ms: number; error?: string };
    return { name: `${EXTENSION_HOST_PREFIX}${r.name}`, ok: r.ok, ms: r.ms, ...(r.error ? { error: r.error } : {}) };
  });
}

function print(results: readonly ScenarioResult[], firstNumber: number): void {
  for (const [i, r] of results.entries()) {
    const n = firstNumber + i;
    process.stdout.write(r.ok ? `ok ${n} - ${r.name} (${(r.ms / 1000).toFixed(1)}s)\n` : `not ok ${n} - ${r.name}: ${r.error ?? 'failed'}\n`);
  }
}

/** Runs the suite; returns one result per test (or one failing result when the suite itself could not run). */
export async function runExtensionHostSuite(options: ExtensionHostOptions): Promise<ScenarioResult[]> {
  const t0 = Date.now();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-e2e-exthost-'));
  const removeRoot = onCleanup('extension-host workspace', () => fs.rmSync(root, { recursive: true, force: true }));
  const workspace = path.join(root, 'workspace');
  const resultsFile = path.join(root, 'results.jsonl');
  let codeServer: CodeServer | undefined;
  let workbench: Workbench | undefined;
  const progress: string[] = [];
  let results: ScenarioResult[] = [];
  try {
    log('extension host: bundling test/vscode/suite');
    await buildSuite();
    for (const file of ['dist/client.cjs', 'dist/server.cjs']) {
      if (!fs.existsSync(path.join(repoRoot, file))) throw new Error(`${file} is missing: run npm run build first`);
    }
    fs.mkdirSync(workspace);
    const memo = path.join(options.examples, MEMO);
    if (!fs.existsSync(memo)) throw new Error(`${memo} does not exist`);
    fs.copyFileSync(memo, path.join(workspace, MEMO));

    codeServer = new CodeServer({
      entry: options.codeServerEntry, workspace, env: { [RESULTS_ENV]: resultsFile }, logName: 'code-server-extension-host.log',
    });
    await codeServer.start();
    workbench = new Workbench(options.chromiumPath);
    await workbench.launch();
    const page = workbench.page;

    let exitCode: number | undefined;
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      exitCode = code;
    });
    // The workbench's log service, which in a test run also carries the extension host's console.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      const line = /^(?:\[Extension Host\] )?((?:not )?ok \d+ - .*|# .*)$/.exec(text.trim())?.[1];
      if (line) {
        progress.push(line);
        log(`extension host: ${line}`);
      } else if (type === 'error') {
        progress.push(`error: ${text.slice(0, 300)}`);
      }
    });

    const authority = `127.0.0.1:${codeServer.port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${repoRoot}`],
      ['extensionTestsPath', `vscode-remote://${authority}${SUITE}`],
    ];
    const url = `http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`extension host: opening the workbench with extensionDevelopmentPath=${repoRoot}, extensionTestsPath=${path.relative(repoRoot, SUITE)}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const code = await waitFor('the extension-host suite to finish (the workbench calling window.codeAutomationExit)', () => exitCode, {
      timeoutMs: SUITE_TIMEOUT_MS,
      intervalMs: 100,
      detail: () => `${readResults(resultsFile).length} tests reported; last: ${progress[progress.length - 1] ?? 'nothing'}`,
    });
    log(`extension host: run() settled, exit code ${code} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    results = readResults(resultsFile);
    if (results.length === 0) {
      const why = progress.filter((p) => p.startsWith('error:')).pop() ?? 'no test reported a result';
      results.push({ name: EXTENSION_HOST_SUITE, ok: false, ms: Date.now() - t0, error: `exit code ${code}; ${why}` });
    } else if (code !== 0 && results.every((r) => r.ok)) {
      results.push({ name: EXTENSION_HOST_SUITE, ok: false, ms: Date.now() - t0, error: `every test passed but run() ended with exit code ${code}` });
    }
  } catch (error) {
    results = readResults(resultsFile);
    results.push({ name: EXTENSION_HOST_SUITE, ok: false, ms: Date.now() - t0, error: errorMessage(error) });
    if (codeServer) log(`last code-server output:\n${codeServer.tail(8)}`);
  } finally {
    await workbench?.close();
    await codeServer?.stop();
    removeRoot();
    fs.rmSync(root, { recursive: true, force: true });
  }
  print(results, options.firstNumber);
  log(`extension host: took ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return results;
}
