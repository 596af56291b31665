// A very small test runner for the extension host: no Mocha. Runs async tests in order,
// each with a time limit, prints `ok`/`not ok` per test with console.log and, when the
// environment names a results file, appends one JSON line per test to it (the code-server
// harness reads that file). `runTests` rejects when any test failed.
import * as fs from 'node:fs';

export interface Test {
  /** A sentence saying what must hold. */
  name: string;
  /** Per-test limit; the waits inside have shorter limits of their own. */
  timeoutMs?: number;
  fn(): Promise<void>;
}

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

/** Environment variable naming a file that receives one JSON line per test. */
export const RESULTS_ENV = 'LEXLENS_VSCODE_TEST_RESULTS';

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

function record(result: TestResult): void {
  const file = process.env[RESULTS_ENV];
  if (!file) return;
  try {
    fs.appendFileSync(file, `${JSON.stringify(result)}\n`);
  } catch (error) {
    console.log(`# cannot write ${file}: ${firstLine(error)}`);
  }
}

async function withTimeout(test: Test): Promise<void> {
  const limit = test.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      test.fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(limit / 1000)}s waiting for the test "${test.name}" to finish`)), limit);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export async function runTests(tests: readonly Test[], cleanup?: () => Promise<void>): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const [index, test] of tests.entries()) {
    const t0 = Date.now();
    let result: TestResult;
    try {
      await withTimeout(test);
      result = { name: test.name, ok: true, ms: Date.now() - t0 };
      console.log(`ok ${index + 1} - ${test.name} (${(result.ms / 1000).toFixed(1)}s)`);
    } catch (error) {
      result = { name: test.name, ok: false, ms: Date.now() - t0, error: firstLine(error) };
      console.log(`not ok ${index + 1} - ${test.name}: ${result.error}`);
    }
    results.push(result);
    record(result);
  }
  if (cleanup) {
    try {
      await cleanup();
    } catch (error) {
      console.log(`# cleanup failed: ${firstLine(error)}`);
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`# ${results.length - failed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} of ${results.length} extension-host tests failed`);
  return results;
}

/**
 * Polls `probe` until it returns something other than undefined/false; otherwise throws an
 * error naming `what` and, when given, what was last seen.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs: number; intervalMs?: number; lastSeen?: () => string },
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
      const seen = options.lastSeen?.() ?? (lastError === undefined ? '' : firstLine(lastError));
      throw new Error(`timed out after ${Math.round(options.timeoutMs / 1000)}s waiting for ${what}${seen ? ` (last seen: ${seen})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}
