/**
 * Latency measurement: warm-up, then timed requests until the target count is reached or the
 * time cap runs out (then the result says `truncated` and how many requests it holds).
 */
import { performance } from 'node:perf_hooks';

/** Percentiles in milliseconds, with how many requests they rest on. */
export interface Latency {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  requests: number;
  truncated?: true;
  /** Why the measurement has fewer requests than asked (budget, error, timeout). */
  note?: string;
}

export interface MeasureOptions {
  /** Timed requests wanted (the contract says at least 500). */
  readonly target: number;
  /** Wall-clock cap for warm-up and timed requests together, in ms. */
  readonly capMs: number;
  /** Warm-up requests (stopped early when they take more than a tenth of the cap). */
  readonly warmup?: number;
}

/** Requests at least this slow are timed from the first one on. */
export const SLOW_MS = 1000;

export const round = (x: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: readonly number[], target: number, note?: string): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const out: Latency = {
    p50: sorted.length ? round(percentile(sorted, 50)) : null,
    p95: sorted.length ? round(percentile(sorted, 95)) : null,
    p99: sorted.length ? round(percentile(sorted, 99)) : null,
    requests: sorted.length,
  };
  if (sorted.length < target) out.truncated = true;
  if (note) out.note = note;
  return out;
}

export function skipped(note: string): Latency {
  return { p50: null, p95: null, p99: null, requests: 0, truncated: true, note };
}

/**
 * Times `run(prepare(i))` for i = 0, 1, …; `prepare` is not timed. Works for synchronous and
 * asynchronous `run` alike (an async run is awaited inside the timed section).
 */
export async function measure<T>(prepare: (i: number) => T, run: (input: T) => unknown, opts: MeasureOptions): Promise<Latency> {
  const start = performance.now();
  const warmup = opts.warmup ?? 10;
  const samples: number[] = [];
  let note: string | undefined;
  let i = 0;
  try {
    for (let w = 0; w < warmup; w++, i++) {
      const input = prepare(i);
      const t0 = performance.now();
      const r = run(input);
      if (r instanceof Promise) await r;
      const ms = performance.now() - t0;
      if (w === 0 && ms >= SLOW_MS) {
        // A request of seconds is not warmed up: JIT warm-up is lost in it, and the budget is short.
        samples.push(ms);
        note = `requests over ${SLOW_MS} ms are not warmed up; the first one is timed`;
        i++;
        break;
      }
      if (performance.now() - start > Math.min(1000, opts.capMs / 10)) break;
    }
    while (samples.length < opts.target) {
      if (samples.length > 0 && performance.now() - start >= opts.capMs) {
        note = `${note ? `${note}; ` : ''}stopped by the time cap of ${Math.round(opts.capMs)} ms`;
        break;
      }
      const input = prepare(i++);
      const t0 = performance.now();
      const r = run(input);
      if (r instanceof Promise) await r;
      samples.push(performance.now() - t0);
    }
  } catch (e) {
    note = `${note ? `${note}; ` : ''}stopped: ${e instanceof Error ? e.message : String(e)}`;
  }
  return summarize(samples, opts.target, note);
}

/** Median of a few runs of a quick synchronous function, in ms. */
export function medianMs(fn: () => unknown, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return round(percentile(t, 50));
}

/** A time budget that hands out shares of what is left. */
export class Budget {
  private readonly end: number;
  constructor(ms: number) {
    this.end = performance.now() + ms;
  }
  get left(): number {
    return Math.max(0, this.end - performance.now());
  }
  /** An equal share of what is left among `parts` remaining parts. */
  share(parts: number): number {
    return this.left / Math.max(1, parts);
  }
}
