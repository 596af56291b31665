/**
 * Runs the real CLI bundle (dist/cli.cjs) the way a user or CI does, and makes throw-away
 * folders for the files a run needs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliBundle } from './paths.js';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.cjs <args>` in `cwd` and waits for it. */
export function runCli(args: readonly string[], cwd: string = process.cwd(), extraEnv: Record<string, string> = {}): CliRun {
  // The messages follow the locale; tests read the English ones whatever the machine's LANG is.
  // The corpus cache of test runs stays out of the user's ~/.cache.
  const env = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', LC_MESSAGES: 'C.UTF-8', LEXLENS_CACHE_DIR: process.env['LEXLENS_CACHE_DIR'] ?? path.join(os.tmpdir(), 'lexlens-test-cache'), ...extraEnv };
  const r = spawnSync(process.execPath, [cliBundle, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new empty folder under the system's temp folder; remove it with `removeDir`. */
export function makeTempDir(prefix = 'lexlens-test-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes files (relative path → content) under `dir`, creating folders as needed. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

/** Lines of a CLI's text output that are findings (`file:line:col severity rule message`). */
export function findingLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /^.+:\d+:\d+ (error|warning|information|hint) [a-z-]+ /.test(l));
}
