// A very small test runner: runs scenarios in order, prints `ok`/`not ok` for each,
// and ends with "N passed, M failed".
import { errorMessage, log, TimeoutError } from './util.js';

export interface Scenario<C> {
  name: string;
  /** Per-scenario limit, so that nothing hangs; waits inside have shorter limits of their own. */
  timeoutMs?: number;
  run(context: C): Promise<void>;
}

export interface ScenarioResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export async function runScenarios<C>(
  scenarios: readonly Scenario<C>[],
  context: C,
  onFailure?: (scenario: Scenario<C>, error: unknown) => Promise<void>,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    const t0 = Date.now();
    log(`scenario ${index + 1}/${scenarios.length}: ${scenario.name}`);
    const limit = scenario.timeoutMs ?? 180_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        scenario.run(context),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new TimeoutError(`scenario "${scenario.name}" to finish`, limit)), limit);
        }),
      ]);
      results.push({ name: scenario.name, ok: true, ms: Date.now() - t0 });
      process.stdout.write(`ok ${index + 1} - ${scenario.name} (${((Date.now() - t0) / 1000).toFixed(1)}s)\n`);
    } catch (error) {
      const message = errorMessage(error);
      results.push({ name: scenario.name, ok: false, ms: Date.now() - t0, error: message });
      process.stdout.write(`not ok ${index + 1} - ${scenario.name}: ${message}\n`);
      if (onFailure) {
        try {
          await onFailure(scenario, error);
        } catch (secondary) {
          log(`while reporting the failure: ${errorMessage(secondary)}`);
        }
      }
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
  return results;
}

export function printSummary(results: readonly ScenarioResult[]): void {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
}
