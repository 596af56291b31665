// Entry point of `npm run test:e2e`: the packaged extension inside a real VS Code
// (code-server) driven from headless Chromium.
//
//   node out/test/e2e/run.js             setup, package the .vsix, run every scenario
//   node out/test/e2e/run.js --setup     only install chromium, ripgrep, libkrb5-dev, code-server
//   node out/test/e2e/run.js --smoke     plain workspace, no extension: the workbench and a Markdown file
//   node out/test/e2e/run.js hover ...   only the scenarios whose names contain these words
//   node out/test/e2e/run.js --extension-host      only the extension-host suite (test/vscode/suite)
//   node out/test/e2e/run.js --no-extension-host   every browser scenario, not the extension-host suite
//
// Without a scenario filter, the extension-host suite runs after the browser scenarios, inside
// a second code-server that loads LexLens from the repository (dist/) as a development extension.
//
// Environment: LEXLENS_E2E_VSIX (use this .vsix), LEXLENS_E2E_EXAMPLES (workspace to copy instead
// of examples/), LEXLENS_E2E_CACHE (cache folder for code-server).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServer } from './codeServer.js';
import { EXTENSION_HOST_PREFIX, EXTENSION_HOST_SUITE, runExtensionHostSuite } from './extensionHost.js';
import { printSummary, runScenarios, type Scenario, type ScenarioResult } from './runner.js';
import { scenarios, smokeScenarios, type E2EContext } from './scenarios.js';
import { setup } from './setup.js';
import { ensureDir, errorMessage, walkFiles, installSignalHandlers, lastLine, log, onCleanup, repoRoot, resultsDir, run, runCleanups } from './util.js';
import { Workbench } from './workbench.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const file of walkFiles(dir)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  return newest;
}

/** The packaged extension: LEXLENS_E2E_VSIX, a .vsix newer than dist/, or `npm run package`. */
async function ensureVsix(): Promise<string> {
  if (process.env.LEXLENS_E2E_VSIX) {
    const vsix = path.resolve(process.env.LEXLENS_E2E_VSIX);
    if (!fs.existsSync(vsix)) throw new Error(`LEXLENS_E2E_VSIX names ${vsix}, which does not exist`);
    return vsix;
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
  const dist = path.join(repoRoot, 'dist');
  if (fs.existsSync(vsix) && fs.existsSync(dist) && fs.statSync(vsix).mtimeMs >= newestMtime(dist)) {
    log(`reusing ${path.basename(vsix)} (newer than dist/)`);
    return vsix;
  }
  log('building the extension: npm run package');
  const result = await run('npm', ['run', 'package'], {
    cwd: repoRoot, what: 'npm run package', timeoutMs: 10 * 60_000, echo: true, heartbeatMs: 30_000,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (result.code !== 0) throw new Error(`npm run package failed (exit ${result.code}): ${lastLine(result.stderr) || lastLine(result.stdout)}`);
  if (!fs.existsSync(vsix)) throw new Error(`npm run package succeeded but ${path.basename(vsix)} is not there`);
  return vsix;
}

function examplesDir(): string {
  return process.env.LEXLENS_E2E_EXAMPLES ? path.resolve(process.env.LEXLENS_E2E_EXAMPLES) : path.join(repoRoot, 'examples');
}

function prepareWorkspace(smoke: boolean): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-e2e-ws-'));
  onCleanup('workspace folder', () => fs.rmSync(workspace, { recursive: true, force: true }));
  if (smoke) {
    fs.writeFileSync(path.join(workspace, 'notes.md'),
      '# Smoke test\n\nA plain Markdown file, opened by the LexLens end-to-end harness.\n\n- one\n- two\n');
  } else {
    const examples = examplesDir();
    if (!fs.existsSync(examples)) throw new Error(`${examples} does not exist`);
    fs.cpSync(examples, workspace, { recursive: true });
  }
  return workspace;
}

async function main(): Promise<number> {
  installSignalHandlers();
  const argv = process.argv.slice(2);
  const smoke = argv.includes('--smoke');
  const setupOnly = argv.includes('--setup');
  const filters = argv.filter((a) => !a.startsWith('--'));
  const onlyExtensionHost = argv.includes('--extension-host');
  const t0 = Date.now();
  const all: readonly Scenario<E2EContext>[] = smoke ? smokeScenarios : scenarios;
  const selected = onlyExtensionHost ? [] : filters.length ? all.filter((s) => filters.some((f) => s.name.includes(f))) : all;
  const withExtensionHost = onlyExtensionHost || (!smoke && filters.length === 0 && !argv.includes('--no-extension-host'));
  let results: ScenarioResult[] = [];
  let setupError: string | undefined;
  ensureDir(resultsDir);
  // Failure screenshots of an earlier run would mislead.
  for (const file of fs.readdirSync(resultsDir)) {
    if (/^failure-.*\.png$/.test(file)) fs.rmSync(path.join(resultsDir, file), { force: true });
  }
  try {
    const env = await setup();
    if (setupOnly) return 0;
    if (selected.length > 0) {
      const vsix = smoke ? undefined : await ensureVsix();
      const workspace = prepareWorkspace(smoke);
      const codeServer = new CodeServer({ entry: env.codeServerEntry, workspace, ...(vsix ? { vsix } : {}) });
      onCleanup('code-server', () => codeServer.stop());
      await codeServer.start();
      const workbench = new Workbench(env.chromiumPath);
      await workbench.launch();
      await workbench.open(codeServer.url);
      const context: E2EContext = { workbench, codeServer, workspace };
      const tScenarios = Date.now();
      results = await runScenarios(selected, context, async (scenario) => {
        const file = await workbench.screenshot(`failure-${scenario.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
        if (file) log(`failure screenshot: ${path.relative(process.cwd(), file)}`);
        log(`last code-server output:\n${codeServer.tail(8)}`);
      });
      log(`scenarios took ${((Date.now() - tScenarios) / 1000).toFixed(1)}s`);
      // The extension-host suite gets a code-server and a browser of its own.
      await workbench.close();
      await codeServer.stop();
    }
    if (withExtensionHost) {
      results.push(...await runExtensionHostSuite({
        codeServerEntry: env.codeServerEntry, chromiumPath: env.chromiumPath, examples: examplesDir(), firstNumber: results.length + 1,
      }));
    }
  } catch (error) {
    setupError = errorMessage(error);
    process.stdout.write(`not ok - setup: ${setupError}\n`);
  } finally {
    await runCleanups();
  }
  if (setupError) {
    const ran = new Set(results.map((r) => r.name));
    for (const s of selected) {
      if (ran.has(s.name)) continue;
      results.push({ name: s.name, ok: false, ms: 0, error: `not run: ${setupError}` });
      process.stdout.write(`not ok ${results.length} - ${s.name}: not run (setup failed)\n`);
    }
    if (withExtensionHost && !results.some((r) => r.name.startsWith(EXTENSION_HOST_PREFIX))) {
      results.push({ name: EXTENSION_HOST_SUITE, ok: false, ms: 0, error: `not run: ${setupError}` });
      process.stdout.write(`not ok ${results.length} - ${EXTENSION_HOST_SUITE}: not run (setup failed)\n`);
    }
  }
  log(`total ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  printSummary(results);
  return results.length > 0 && results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    process.stdout.write(`not ok - harness: ${errorMessage(error)}\n`);
    await runCleanups().catch(() => undefined);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  },
);
