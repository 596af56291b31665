/**
 * The CLI's progress line for a long corpus load (a 200,000-entry corpus takes seconds to read
 * and index the first time).
 */
import type { LoadProgress } from './corpora.js';

/** How long a load runs before its progress is shown, and how often the line is rewritten. */
const PROGRESS_AFTER_MS = 1000;
const PROGRESS_EVERY_MS = 100;

/**
 * One line of progress on `out`, rewritten in place, once a load has taken PROGRESS_AFTER_MS:
 * files read, then the index being built. Nothing when `out` is not a terminal, so a CI log or a
 * redirected stderr gets only the findings and errors.
 */
export function loadProgress(out: { isTTY?: boolean; write(s: string): unknown }, now: () => number = () => performance.now()): { report: (p: LoadProgress) => void; end: () => void } {
  const start = now();
  let last = -Infinity;
  let shown = false;
  return {
    report: ({ done, total }) => {
      const t = now();
      if (!out.isTTY || t - start < PROGRESS_AFTER_MS || (t - last < PROGRESS_EVERY_MS && done < total)) return;
      last = t;
      shown = true;
      out.write(`\rlexlens: ${done < total ? `reading the corpus, ${done} of ${total} files` : `indexing the corpus (${total} files)`}\x1b[K`);
    },
    end: () => {
      if (shown) out.write('\r\x1b[K');
      shown = false;
    },
  };
}
