/**
 * Cooperative time slicing for long work (loading and indexing a large corpus) on a thread that
 * also answers requests: the work checks `due()` between small steps and, once its slice is
 * used up, awaits `pause()`, which lets queued requests, cancellations and file events run.
 */

export interface Slicer {
  /** True when the current slice is used up and the work should pause. */
  due(): boolean;
  /** Yields to the event loop and starts a new slice. */
  pause(): Promise<void>;
  /** `pause()` when due; cheap otherwise. */
  maybePause(): Promise<void> | undefined;
}

/** A slicer that yields every `sliceMs` milliseconds of work (through `setImmediate`, so I/O runs in between). */
export function timeSlicer(sliceMs = 15): Slicer {
  let start = performance.now();
  const due = () => performance.now() - start >= sliceMs;
  const pause = () =>
    new Promise<void>((resolve) =>
      setImmediate(() => {
        start = performance.now();
        resolve();
      }),
    );
  return { due, pause, maybePause: () => (due() ? pause() : undefined) };
}

/** A slicer that never pauses: for the CLI and tests, where nothing else waits. */
export const NO_SLICING: Slicer = { due: () => false, pause: () => Promise.resolve(), maybePause: () => undefined };

/**
 * Long work written once as a generator that yields between small steps, run either all at once
 * (`runSync`, for the CLI and tests) or in time slices (`runSliced`, in the server).
 */
export type Steps<T> = Generator<void, T, void>;

export function runSync<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export async function runSliced<T>(steps: Steps<T>, slicer: Slicer): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (slicer.due()) await slicer.pause();
  }
}
