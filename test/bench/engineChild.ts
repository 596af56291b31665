/**
 * In-process measurements of one corpus size, in a process of its own (so peak RSS is per
 * size): cold load+index through the real loader, then completion, hover and diagnostics on each
 * memo, recall@10 of completion on the labelled queries, and bad input.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import { Corpora, type LoadReport } from '../../server/src/corpora.js';
import { CorpusCache } from '../../server/src/engine/corpus/cache.js';
import type { DocumentSnapshot, Engine } from '../../server/src/engine/index.js';
import { EditSequence } from './edits.js';
import type { Memo } from './memoGen.js';
import { emit, peakRssMB, progress, readJson, type ChildSpec } from './protocol.js';
import type { BadQuery, LabelledQuery } from './queries.js';
import { Budget, measure, medianMs, round, skipped, type Latency } from './stats.js';

const CITATION = /\[[^[\]]*@[^[\]]*\]/g;

/** The one regular-expression pass over a memo that is the floor for diagnostics. */
export function regexPass(text: string): number {
  let n = 0;
  CITATION.lastIndex = 0;
  while (CITATION.exec(text)) n++;
  return n;
}

const doc = (text: string): DocumentSnapshot => ({ text, languageId: 'markdown' });
const rules = { rules: {} };

/**
 * Starts measuring how late the event loop runs its callbacks (node's event-loop delay histogram,
 * in this thread only: unlike round trips over stdio, the client's own scheduling is not in it);
 * the returned function stops and reports.
 */
function loopDelay(): () => { maxMs: number; p99Ms: number; over50ms: boolean } {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  return () => {
    h.disable();
    const ms = (ns: number) => round(ns / 1e6, 1);
    return { maxMs: ms(h.max), p99Ms: ms(h.percentile(99)), over50ms: h.max > 50e6 };
  };
}

export async function runEngineChild(spec: ChildSpec): Promise<void> {
  const label = `${spec.expectedEntries} entries (in-process)`;
  // Loaded as the language server loads it: in time slices, files parsed in worker threads and
  // stored in a corpus cache (empty: a cold load), then a second load from that cache (warm).
  fs.rmSync(spec.cacheDir, { recursive: true, force: true });
  const t0 = performance.now();
  const roots = [{ path: spec.corpusDir, bundled: false }];
  let loaded: LoadReport | undefined;
  const coldDelay = loopDelay();
  const engine = await new Corpora(spec.dataDir, new CorpusCache(spec.cacheDir, 'bench'), undefined, (r) => (loaded = r)).get(roots);
  const tIndexed = performance.now();
  const corpus = engine.corpus;
  const coldLoopDelay = coldDelay();
  emit('load', {
    coldIndexMs: round(tIndexed - t0, 1),
    entries: corpus.ids.length,
    corpusFindings: corpus.findings.length,
    firstFinding: corpus.findings[0]?.message,
    rssMB: peakRssMB(),
    eventLoopDelay: coldLoopDelay,
  });
  progress(`${label}: loaded ${corpus.ids.length} entries in ${Math.round(tIndexed - t0)} ms (${loaded?.fromCache ?? 0} files from the cache)`);
  // The warm engine is dropped at once: the measurements below use the first.
  const warmStart = async () => {
    const t = performance.now();
    const warmDelay = loopDelay();
    const warm = await new Corpora(spec.dataDir, new CorpusCache(spec.cacheDir, 'bench')).get(roots);
    return { warmStartMs: round(performance.now() - t, 1), entries: warm.corpus.ids.length, eventLoopDelay: warmDelay() };
  };
  const warm = await warmStart();
  emit('warm', warm);
  progress(`${label}: warm start ${Math.round(warm.warmStartMs)} ms; longest event-loop delay ${warm.eventLoopDelay.maxMs} ms (cold load: ${coldLoopDelay.maxMs} ms)`);

  // Keep a margin: a request that starts just before the cap still has to finish.
  const budget = new Budget(spec.budgetMs - Math.min(10000, spec.budgetMs * 0.08) - (performance.now() - t0));
  const prefixes = readJson<string[]>(spec.prefixesFile);
  const labelled = readJson<LabelledQuery[]>(spec.labelledFile);
  const bad = readJson<BadQuery[]>(spec.badFile);
  // Cells in order of importance: the first memo (1,000 lines when present) and recall first.
  let partsLeft = spec.memos.length * 4 + 2;
  const cap = (weight = 1) => {
    const ms = (budget.left * weight) / Math.max(1, partsLeft);
    partsLeft -= weight;
    return ms;
  };

  /** Completion and hover (`interactive`) or the two diagnostics of one memo. */
  const runMemo = async (m: { lines: number; file: string }, part: 'interactive' | 'diagnostics') => {
    const memo = readJson<Memo>(m.file);
    const cell = async (name: string, fn: () => Promise<Latency>) => {
      const c = budget.left;
      const result = c <= 0 ? skipped('the time budget of this corpus size was spent') : await fn();
      emit(`cell:${m.lines}:${name}`, result);
      progress(`${label}, ${m.lines}-line memo, ${name}: p50 ${result.p50} ms, p95 ${result.p95} ms over ${result.requests} requests${result.truncated ? ' (truncated)' : ''}`);
    };
    if (part === 'interactive') {
      emit(`regex:${m.lines}`, medianMs(() => regexPass(memo.text), 21));
      const at = memo.completionAt;
      const mix = withBad(prefixes, bad);
      await cell('completion', () =>
        measure(
          (i) => {
            const q = mix[i % mix.length]!;
            return { d: doc(memo.text.slice(0, at) + q + memo.text.slice(at)), o: at + q.length };
          },
          (x) => engine.completion(x.d, x.o),
          { target: spec.target, capMs: cap() },
        ),
      );
      const base = doc(memo.text);
      await cell('hover', () => {
        engine.read(base); // the memo is read once when it opens; hovers reuse that reading
        return measure(
          (i) => memo.hoverAt[i % memo.hoverAt.length]!,
          (o) => engine.hover(base, o),
          { target: spec.target, capMs: cap() },
        );
      });
      return;
    }
    const edits = new EditSequence(memo.text, memo.editAt, spec.seed);
    await cell('diagnosticsEdit', () => {
      engine.diagnostics(doc(edits.current), rules); // the memo as it was before the edits
      return measure(
        () => doc(edits.next().text),
        (d) => engine.diagnostics(d, rules),
        { target: spec.target, capMs: cap() },
      );
    });
    await cell('diagnosticsFull', () =>
      measure(
        (i) => doc(`${memo.text}\n<!-- variant ${i} -->`),
        (d) => engine.diagnostics(d, rules),
        { target: spec.target, capMs: cap() },
      ),
    );
  };

  // Most important first, for when the budget is short: the first memo's completion and hover,
  // recall, the first memo's diagnostics, bad input, then the other memos.
  const [first, ...rest] = spec.memos;
  if (first) await runMemo(first, 'interactive');
  emit('recall', recall(engine, labelled, cap(2)));
  if (first) await runMemo(first, 'diagnostics');
  emit('bad', badInput(engine, bad, budget.left > 0 ? 3 : 1));
  for (const m of rest) {
    await runMemo(m, 'interactive');
    await runMemo(m, 'diagnostics');
  }
  emit('rss', { rssMB: peakRssMB() });
}

/** Every twentieth typed prefix is bad input, so the latency runs include it. */
export function withBad(prefixes: readonly string[], bad: readonly BadQuery[]): string[] {
  const out: string[] = [];
  prefixes.forEach((p, i) => {
    out.push(p);
    if (i % 20 === 19) out.push(bad[(i / 20) % bad.length | 0]!.query);
  });
  return out;
}

function recall(engine: Engine, queries: readonly LabelledQuery[], capMs: number) {
  const start = performance.now();
  const perKind: Record<string, { hits: number; n: number }> = {};
  const hitsInOrder: boolean[] = [];
  let lastEmit = start;
  for (const q of queries) {
    if (hitsInOrder.length > 0 && performance.now() - start > capMs) break;
    // Hand back what is done now and then, in case the budget stops this process.
    if (performance.now() - lastEmit > 500) {
      emit('recall', summary());
      lastEmit = performance.now();
    }
    const text = `[@${q.query}`;
    const labels = engine.completion(doc(text), text.length).items.slice(0, 10).map((i) => i.label);
    const hit = labels.includes(q.expected);
    hitsInOrder.push(hit);
    const k = (perKind[q.kind] ??= { hits: 0, n: 0 });
    k.n++;
    if (hit) k.hits++;
  }
  return summary();

  function summary() {
    const n = hitsInOrder.length;
    return {
      recallAt10: n ? round(hitsInOrder.filter(Boolean).length / n) : null,
      queries: n,
      ofQueries: queries.length,
      hitsInOrder,
      perKind: Object.fromEntries(Object.entries(perKind).map(([k, v]) => [k, { recallAt10: round(v.hits / v.n), queries: v.n }])),
      ms: round(performance.now() - start, 1),
    };
  }
}

function badInput(engine: Engine, bad: readonly BadQuery[], reps: number) {
  const out: { name: string; chars: number; items: number; maxMs: number; ok: boolean; error?: string }[] = [];
  for (const b of bad) {
    const text = `Compare [@${b.query}`;
    let items = 0;
    let maxMs = 0;
    let error: string | undefined;
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      try {
        items = engine.completion(doc(text), text.length).items.length;
      } catch (e) {
        error = String(e);
      }
      maxMs = Math.max(maxMs, performance.now() - t0);
    }
    out.push({ name: `completion: ${b.name}`, chars: b.query.length, items, maxMs: round(maxMs), ok: !error && items <= 50, ...(error ? { error } : {}) });
  }
  for (const [name, offset] of [
    ['hover at offset -1', -1],
    ['hover past the end', 1e9],
  ] as const) {
    let error: string | undefined;
    let result: unknown;
    try {
      result = engine.hover(doc('See [@x] and Id.'), offset);
    } catch (e) {
      error = String(e);
    }
    out.push({ name, chars: 0, items: result ? 1 : 0, maxMs: 0, ok: !error && !result, ...(error ? { error } : {}) });
  }
  return out;
}
