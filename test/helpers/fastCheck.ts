/**
 * How property tests run fast-check: seeded (each property its own seed), a fixed number of runs.
 * On failure fast-check's message names the seed and path; LEXLENS_FC_SEED and LEXLENS_FC_PATH
 * replay exactly that case, and LEXLENS_FC_RUNS runs more (or fewer) cases.
 */
import type * as fc from 'fast-check';

export interface PropertyRuns {
  /** Runs per property. */
  readonly runs: number;
  /** fast-check's parameters for property `n` of the file. */
  params(n: number): fc.Parameters<unknown>;
}

export function propertyRuns(seed: number, defaultRuns: number, env: NodeJS.ProcessEnv = process.env): PropertyRuns {
  const runs = Number(env['LEXLENS_FC_RUNS'] ?? defaultRuns);
  const replaySeed = env['LEXLENS_FC_SEED'];
  const replayPath = env['LEXLENS_FC_PATH'];
  return {
    runs,
    params: (n) => ({ seed: replaySeed !== undefined ? Number(replaySeed) : seed + n, numRuns: runs, ...(replayPath ? { path: replayPath } : {}) }),
  };
}
