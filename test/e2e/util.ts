// Small helpers shared by the end-to-end harness: logging, child processes with
// timeouts, waiting on conditions, and cleanup on exit or signals.
import { spawn, type SpawnOptions } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is compiled to out/test/e2e/util.js). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const resultsDir = path.join(repoRoot, 'test-results');

const started = Date.now();

/** Progress goes to stderr so that stdout only carries the test report. */
export function log(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[e2e ${seconds}s] ${message}\n`);
}

export class TimeoutError extends Error {
  constructor(what: string, ms: number, detail?: string) {
    super(`timed out after ${Math.round(ms / 1000)}s waiting for ${what}${detail ? ` (${detail})` : ''}`);
    this.name = 'TimeoutError';
  }
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Describes the command in error messages, e.g. "apt-get update". */
  what: string;
  /** Copy the child's output to our stderr, prefixed, as it arrives. */
  echo?: boolean;
  /** Print "still running" every this many ms (0: never). */
  heartbeatMs?: number;
}

/**
 * Runs a command to completion with a hard timeout; on timeout the whole process
 * group is killed. Never throws on a non-zero exit: callers look at `code`.
 * Throws TimeoutError on timeout and Error when the command cannot be started.
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so a timeout can kill grandchildren too
    };
    const child = spawn(command, args, spawnOptions);
    untrackOnExit(trackProcessGroup(child.pid, options.what), child);
    let stdout = '';
    let stderr = '';
    let pending = '';
    const echoChunk = (chunk: Buffer): void => {
      if (!options.echo) return;
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) process.stderr.write(`    ${line}\n`);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      echoChunk(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      echoChunk(chunk);
    });
    const t0 = Date.now();
    const heartbeat = options.heartbeatMs
      ? setInterval(() => log(`${options.what}: still running (${Math.round((Date.now() - t0) / 1000)}s)`), options.heartbeatMs)
      : undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      if (heartbeat) clearInterval(heartbeat);
      reject(new Error(`${options.what}: cannot start ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (heartbeat) clearInterval(heartbeat);
      if (pending.trim() && options.echo) process.stderr.write(`    ${pending}\n`);
      if (timedOut) reject(new TimeoutError(`${options.what} to finish`, options.timeoutMs, lastLine(stderr || stdout)));
      else resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Last non-empty line of some output, for one-line failure reasons. */
export function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

/** Sends a signal to a process group (negative pid); ignores groups that are gone. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Polls `probe` until it returns a value other than undefined/false, or throws a
 * TimeoutError naming `what`. The last error thrown by the probe is reported.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs: number; intervalMs?: number; detail?: () => string | Promise<string> },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      let detail = lastError instanceof Error ? lastError.message.split('\n')[0] : undefined;
      if (options.detail) {
        try {
          detail = await options.detail();
        } catch {
          // keep the probe's error
        }
      }
      throw new TimeoutError(what, options.timeoutMs, detail);
    }
    await delay(options.intervalMs ?? 200);
  }
}

// ---------------------------------------------------------------------------
// Cleanup: everything we start registers itself here, and is stopped at the end,
// on failure, and on SIGINT/SIGTERM.

type Cleanup = { what: string; fn: () => Promise<void> | void; syncFn?: () => void };
const cleanups: Cleanup[] = [];
const trackedGroups = new Map<number, string>();

/** Registers an async cleanup, run in reverse order by runCleanups(). */
export function onCleanup(what: string, fn: () => Promise<void> | void, syncFn?: () => void): () => void {
  const entry: Cleanup = { what, fn, ...(syncFn ? { syncFn } : {}) };
  cleanups.push(entry);
  return () => {
    const index = cleanups.indexOf(entry);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

/** Remembers a process group to SIGKILL if we are interrupted. */
export function trackProcessGroup(pid: number | undefined, what: string): number | undefined {
  if (pid) trackedGroups.set(pid, what);
  return pid;
}

function untrackOnExit(pid: number | undefined, child: { on(event: 'exit', listener: () => void): unknown }): void {
  if (pid) child.on('exit', () => trackedGroups.delete(pid));
}

export function untrackProcessGroup(pid: number | undefined): void {
  if (pid) trackedGroups.delete(pid);
}

let cleaning: Promise<void> | undefined;

export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const entry = cleanups.pop()!;
      try {
        await Promise.race([
          Promise.resolve(entry.fn()),
          delay(15_000).then(() => {
            throw new TimeoutError(`cleanup of ${entry.what}`, 15_000);
          }),
        ]);
      } catch (error) {
        log(`cleanup of ${entry.what} failed: ${(error as Error).message}`);
        entry.syncFn?.();
      }
    }
    for (const [pid] of trackedGroups) killGroup(pid, 'SIGKILL');
    trackedGroups.clear();
  })();
  return cleaning;
}

/** Synchronous last resort, for process 'exit'. */
function killEverythingNow(): void {
  for (const entry of cleanups) entry.syncFn?.();
  for (const [pid] of trackedGroups) killGroup(pid, 'SIGKILL');
}

let signalsInstalled = false;
export function installSignalHandlers(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`received ${signal}: stopping everything we started`);
    const hardStop = setTimeout(() => {
      killEverythingNow();
      process.exit(130);
    }, 20_000);
    hardStop.unref();
    void runCleanups().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('exit', killEverythingNow);
}

export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}

/** Every file under `dir` (recursively), skipping node_modules and .git. */
export function walkFiles(dir: string): string[] {
  const files: string[] = [];
  const visit = (current: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') visit(full);
      } else if (entry.isFile()) {
        files.push(full);
      }
    }
  };
  visit(dir);
  return files;
}
