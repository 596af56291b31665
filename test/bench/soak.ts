/**
 * `npm run soak`: a soak run, not a timed test. 100,000 mixed in-process engine requests (hover,
 * completion, full diagnostics, and one-character edits each followed by diagnostics, as an editor
 * sends them) against a generated 10k-entry corpus and three memos; reports the resident set
 * size after warm-up and at the end, and its growth. One JSON object goes to stdout, progress to
 * stderr. The corpus and memos come from the benchmark's seeded generators (corpusGen, memoGen).
 *
 *   node out/test/bench/soak.js [--requests 100000] [--warmup 10000] [--entries 10000] [--seed N] [--keep]
 *
 * Memory is measured after a full garbage collection (V8's `gc`, exposed at start), so the
 * growth is what the engine keeps, not garbage not yet collected.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { loadCorpus, loadSchema } from '../../server/src/engine/corpus/source.js';
import { createEngine, type DocumentSnapshot } from '../../server/src/engine/index.js';
import { generateCorpus } from './corpusGen.js';
import { EditSequence } from './edits.js';
import { generateMemo } from './memoGen.js';
import { mb, progress } from './protocol.js';
import { completionPrefixes } from './queries.js';
import { Rng } from './rng.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(here, '..', '..', '..', 'data');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * Resident set and heap after full collections, in MB. V8 and the allocator hand freed pages back
 * to the system a little after a collection, so RSS is read after the process has been idle for a
 * moment; of three readings the lowest is kept (a reading can only be too high, never too low).
 */
async function memory(): Promise<{ rssMB: number; heapUsedMB: number; externalMB: number }> {
  let rss = Infinity;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
    rss = Math.min(rss, process.memoryUsage().rss);
  }
  const m = process.memoryUsage();
  return { rssMB: mb(rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external) };
}

const REQUESTS = arg('--requests', 100_000);
const WARMUP = arg('--warmup', Math.round(REQUESTS / 10));
const ENTRIES = arg('--entries', 10_000);
const SEED = arg('--seed', 20240422);
const SAMPLE_EVERY = arg('--sample-every', 10_000);
const MEMO_LINES = [100, 300, 1000];
const rules = { rules: {} };

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-soak-'));
try {
  const t0 = performance.now();
  progress(`soak: generating ${ENTRIES} entries in ${root}`);
  const gen = generateCorpus(root, ENTRIES, SEED);
  const engine = createEngine(loadCorpus([{ path: gen.allDir, bundled: false }], loadSchema(dataDir)));
  const loadMs = performance.now() - t0;
  progress(`soak: ${engine.corpus.entries.length} entries loaded and indexed in ${Math.round(loadMs)} ms`);

  const rng = new Rng(SEED);
  const pool = rng.sample(gen.infos, 600);
  const prefixes = completionPrefixes(rng.sample(gen.infos, 500), 1000, SEED + 1);
  const docs = MEMO_LINES.map((lines, i) => {
    const memo = generateMemo(pool, lines, SEED + lines);
    return { memo, edits: new EditSequence(memo.text, memo.editAt, SEED + 10 + i), text: memo.text };
  });
  const afterLoad = await memory();

  const counts = { hover: 0, completion: 0, diagnostics: 0, edits: 0 };
  const samples: { requests: number; rssMB: number; heapUsedMB: number; externalMB: number; seconds: number }[] = [];
  let afterWarmup = afterLoad;
  const start = performance.now();
  for (let i = 1; i <= REQUESTS; i++) {
    const d = docs[rng.int(0, docs.length - 1)]!;
    const roll = rng.next();
    const doc: DocumentSnapshot = { text: d.text, languageId: 'markdown' };
    if (roll < 0.4) {
      engine.hover(doc, rng.pick(d.memo.hoverAt));
      counts.hover++;
    } else if (roll < 0.7) {
      // Completion while typing a key: the memo with a prefix typed after "[@".
      const q = rng.pick(prefixes);
      const at = d.memo.completionAt;
      engine.completion({ text: d.memo.text.slice(0, at) + q + d.memo.text.slice(at), languageId: 'markdown' }, at + q.length);
      counts.completion++;
    } else if (roll < 0.85) {
      engine.diagnostics(doc, rules);
      counts.diagnostics++;
    } else {
      // A keystroke: the text changes, and the editor asks for diagnostics of the new version.
      d.text = d.edits.next().text;
      engine.diagnostics({ text: d.text, languageId: 'markdown' }, rules);
      counts.edits++;
    }
    if (i === WARMUP) {
      afterWarmup = await memory();
      progress(`soak: warmed up after ${i} requests: RSS ${afterWarmup.rssMB} MB, heap ${afterWarmup.heapUsedMB} MB`);
    }
    if (i % SAMPLE_EVERY === 0) {
      const m = await memory();
      samples.push({ requests: i, ...m, seconds: Math.round((performance.now() - start) / 100) / 10 });
      progress(`soak: ${i} requests, RSS ${m.rssMB} MB, heap ${m.heapUsedMB} MB, ${Math.round((performance.now() - start) / 1000)} s`);
    }
  }
  const durationMs = performance.now() - start;
  const end = await memory();
  const growth = (x: number, y: number) => Math.round(((y - x) / x) * 1000) / 10;
  const result = {
    node: process.version,
    corpusEntries: engine.corpus.entries.length,
    memoLines: MEMO_LINES,
    memoCharsAtEnd: docs.map((d) => d.text.length),
    requests: REQUESTS,
    warmupRequests: WARMUP,
    mix: counts,
    loadMs: Math.round(loadMs),
    durationMs: Math.round(durationMs),
    requestsPerSecond: Math.round((REQUESTS / durationMs) * 1000),
    rssMB: { afterLoad: afterLoad.rssMB, afterWarmup: afterWarmup.rssMB, end: end.rssMB },
    heapUsedMB: { afterLoad: afterLoad.heapUsedMB, afterWarmup: afterWarmup.heapUsedMB, end: end.heapUsedMB },
    rssGrowthPercent: growth(afterWarmup.rssMB, end.rssMB),
    /** The largest growth any sample after warm-up showed (caches fill and are swept, so RSS saws). */
    maxRssGrowthPercent: Math.max(growth(afterWarmup.rssMB, end.rssMB), ...samples.filter((x) => x.requests > WARMUP).map((x) => growth(afterWarmup.rssMB, x.rssMB))),
    heapGrowthPercent: growth(afterWarmup.heapUsedMB, end.heapUsedMB),
    samples,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  if (!process.argv.includes('--keep')) fs.rmSync(root, { recursive: true, force: true });
}
