// `npm run test:vscode`: the extension-host suite (out/test-vscode/suite.cjs, bundled from
// test/vscode/suite by test/vscode/build.mjs) in a VS Code that @vscode/test-electron downloads,
// with LexLens loaded as a development extension from the repository root and a temporary
// workspace holding a copy of examples/briefing.md.
//
// Where VS Code cannot be downloaded (only npm and Debian reachable), this fails at once with a
// one-line reason; `npm run test:e2e` runs the same suite inside code-server's extension host.
//
// Environment: LEXLENS_VSCODE_EXECUTABLE (use this VS Code instead of downloading one),
// LEXLENS_VSCODE_VERSION (a version to download; else the newest that satisfies engines.vscode),
// LEXLENS_VSCODE_CACHE (download folder; ~/.cache/lexlens-vscode-test by default).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests, TestRunFailedError, type ProgressReport, type ProgressReporter } from '@vscode/test-electron';

/** This file is compiled to out/test/vscode/runTest.js. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SUITE = path.join(repoRoot, 'out', 'test-vscode', 'suite.cjs');
/** A request that receives nothing for this long fails (test-electron retries downloads itself). */
const REQUEST_IDLE_MS = 15_000;
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const RUN_TIMEOUT_MS = 10 * 60_000;

function say(message: string): void {
  process.stderr.write(`[test:vscode] ${message}\n`);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** Rejects with an error naming `what` when `promise` has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms / 1000)}s waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** One line per stage instead of a spinner; the per-chunk download progress is left out. */
const reporter: ProgressReporter = {
  report(report: ProgressReport): void {
    switch (report.stage) {
      case 'resolvedVersion':
        say(`VS Code ${report.version}`);
        break;
      case 'foundMatchingInstall':
        say(`using ${report.downloadedPath}`);
        break;
      case 'resolvingCDNLocation':
        say(`downloading ${report.url}`);
        break;
      case 'retrying':
        say(`download attempt ${report.attempt}/${report.totalAttempts} failed: ${firstLine(report.error)}`);
        break;
      case 'newInstallComplete':
        say(`installed in ${report.downloadedPath}`);
        break;
      default:
        break;
    }
  },
  error(): void {
    // reported once, by the caller
  },
};

async function vscodeExecutable(): Promise<string> {
  const given = process.env.LEXLENS_VSCODE_EXECUTABLE;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`LEXLENS_VSCODE_EXECUTABLE names ${given}, which does not exist`);
    return given;
  }
  const cachePath = process.env.LEXLENS_VSCODE_CACHE
    ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'lexlens-vscode-test');
  try {
    return await within(downloadAndUnzipVSCode({
      cachePath,
      timeout: REQUEST_IDLE_MS,
      reporter,
      extensionDevelopmentPath: repoRoot,
      ...(process.env.LEXLENS_VSCODE_VERSION ? { version: process.env.LEXLENS_VSCODE_VERSION } : {}),
    }), DOWNLOAD_TIMEOUT_MS, 'the VS Code download');
  } catch (error) {
    throw new Error(`cannot download VS Code (${firstLine(error)}); where only npm and Debian are reachable, npm run test:e2e runs this suite inside code-server`);
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(SUITE)) throw new Error(`${path.relative(repoRoot, SUITE)} is missing: run node test/vscode/build.mjs first`);
  for (const file of ['dist/client.cjs', 'dist/server.cjs']) {
    if (!fs.existsSync(path.join(repoRoot, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
  const executable = await vscodeExecutable();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-vscode-test-'));
  try {
    const workspace = path.join(temp, 'workspace');
    fs.mkdirSync(workspace);
    fs.copyFileSync(path.join(repoRoot, 'examples', 'briefing.md'), path.join(workspace, 'briefing.md'));
    const run = runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: SUITE,
      // Own profile folders, so nothing lands in the repository (.vscode-test/) or the user's profile.
      launchArgs: [workspace, `--user-data-dir=${path.join(temp, 'user-data')}`, `--extensions-dir=${path.join(temp, 'extensions')}`],
    });
    try {
      return await within(run, RUN_TIMEOUT_MS, 'VS Code to run the extension-host suite and exit');
    } catch (error) {
      if (error instanceof TestRunFailedError) return error.code ?? 1;
      // On a timeout VS Code is still running: test-electron closes it on SIGINT (twice: by force).
      process.emit('SIGINT');
      await within(run.catch(() => 1), 10_000, 'VS Code to close').catch(() => process.emit('SIGINT'));
      throw error;
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`test:vscode: ${firstLine(error)}\n`);
    process.exit(1);
  },
);
