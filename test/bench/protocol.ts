/**
 * How the benchmark's parent process talks to its children: the child reads a spec file and
 * writes one JSON object per line to stdout as each measurement finishes, so a child stopped by
 * its time budget still hands back what it measured.
 */
import * as fs from 'node:fs';

export interface MemoFile {
  readonly lines: number;
  /** JSON of a `Memo` (see memoGen.ts). */
  readonly file: string;
}

export interface ChildSpec {
  readonly corpusDir: string;
  readonly jsonFiles: readonly string[];
  readonly dataDir: string;
  /** An empty folder for the in-process load's corpus cache (the server's is another). */
  readonly cacheDir: string;
  readonly expectedEntries: number;
  readonly memos: readonly MemoFile[];
  /** JSON string[]: typed completion prefixes. */
  readonly prefixesFile: string;
  /** JSON LabelledQuery[]. */
  readonly labelledFile: string;
  /** JSON BadQuery[]. */
  readonly badFile: string;
  readonly budgetMs: number;
  readonly target: number;
  readonly seed: number;
}

export interface Emitted {
  readonly k: string;
  readonly v: unknown;
}

export function emit(k: string, v: unknown): void {
  process.stdout.write(`${JSON.stringify({ k, v })}\n`);
}

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export const progress = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

export const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

/** Peak resident set size of this process in MB (getrusage maxrss). */
export const peakRssMB = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
