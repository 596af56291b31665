/**
 * Bad corpus input: a corpus where every title is the same. Completion, hover and diagnostics
 * must still answer within bounds (at most 50 items, an id prefix still finds its entry).
 */
import { performance } from 'node:perf_hooks';
import { loadCorpus, loadSchema } from '../../server/src/engine/corpus/source.js';
import { createEngine, type DocumentSnapshot } from '../../server/src/engine/index.js';
import type { EntryInfo } from './corpusGen.js';
import type { Memo } from './memoGen.js';
import { emit, peakRssMB, readJson } from './protocol.js';
import { round } from './stats.js';

export interface RobustSpec {
  readonly corpusDir: string;
  readonly dataDir: string;
  readonly infosFile: string;
  readonly memoFile: string;
  readonly budgetMs: number;
}

const doc = (text: string): DocumentSnapshot => ({ text, languageId: 'markdown' });

export function runRobustChild(spec: RobustSpec): void {
  const t0 = performance.now();
  const corpus = loadCorpus([{ path: spec.corpusDir, bundled: false }], loadSchema(spec.dataDir));
  const engine = createEngine(corpus);
  const loadMs = performance.now() - t0;
  const infos = readJson<EntryInfo[]>(spec.infosFile);
  const memo = readJson<Memo>(spec.memoFile);
  const checks: { name: string; ms: number; items?: number; ok: boolean; detail?: string }[] = [];
  const report = () => emit('robust', { entries: corpus.entries.length, loadMs: round(loadMs, 1), rssMB: peakRssMB(), checks });
  const end = performance.now() + spec.budgetMs * 0.8 - loadMs;
  const time = <T>(fn: () => T): { value: T | undefined; ms: number; error?: string } => {
    const s = performance.now();
    try {
      const value = fn();
      return { value, ms: round(performance.now() - s) };
    } catch (e) {
      return { value: undefined, ms: round(performance.now() - s), error: String(e) };
    }
  };
  const complete = (q: string) => {
    const text = `[@${q}`;
    return time(() => engine.completion(doc(text), text.length));
  };

  // The shared title word: every entry matches, the list must stay capped.
  for (const q of ['Platforms', 'онлайн-платформах', 'Онлайн-платформалар', 'On', 'o']) {
    const r = complete(q);
    const items = r.value?.items.length ?? 0;
    checks.push({ name: `completion of the shared title word "${q}"`, ms: r.ms, items, ok: !r.error && items <= 50 && items > 0, ...(r.error ? { detail: r.error } : {}) });
    report();
  }
  // An id prefix still finds its own entry among identical titles.
  let found = 0;
  let worst = 0;
  const sample = infos.filter((_, i) => i % Math.max(1, Math.floor(infos.length / 20)) === 0).slice(0, 20);
  let tried = 0;
  for (const e of sample) {
    if (tried > 0 && performance.now() > end - 5000) break;
    tried++;
    const r = complete(e.id.slice(0, Math.max(6, e.id.length - 3)));
    worst = Math.max(worst, r.ms);
    if (r.value?.items.slice(0, 10).some((i) => i.label === e.id)) found++;
  }
  checks.push({ name: `id prefixes find their entry in the top 10 (${tried} queries)`, ms: round(worst), items: found, ok: found === tried, detail: `${found}/${tried} found; worst ${round(worst)} ms` });
  report();
  // A title mention is ambiguous: hover must still answer (with one of the laws).
  const title = 'Об онлайн-платформах и онлайн-рекламе';
  const text = `В Законе «${title}» закреплены обязанности.\n\nThe Law applies [@${infos[0]!.id}].`;
  const h = time(() => engine.hover(doc(text), text.indexOf(title) + 3));
  checks.push({ name: 'hover on the shared title', ms: h.ms, ok: !h.error, detail: h.error ?? (h.value ? `→ ${h.value.id}` : 'no hover') });
  report();
  const d = time(() => engine.diagnostics(doc(memo.text), { rules: {} }));
  checks.push({ name: `diagnostics of a ${memo.lines}-line memo`, ms: d.ms, items: d.value?.length ?? 0, ok: !d.error, ...(d.error ? { detail: d.error } : {}) });
  report();
}
