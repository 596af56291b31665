/**
 * The baselines of one corpus size, in a process of its own: `JSON.parse` of the same corpus
 * (the floor for cold load), and the naive completion a first version would write: one Fuse over
 * every entry and every field (`ignoreLocation: true`), timed on the same typed prefixes and
 * scored on the same labelled queries as the engine.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import { emit, peakRssMB, progress, readJson, type ChildSpec } from './protocol.js';
import type { BadQuery, LabelledQuery } from './queries.js';
import { Budget, measure, round, type Latency } from './stats.js';
import { withBad } from './engineChild.js';

type Obj = Record<string, unknown>;

/** Every path to a leaf value (arrays are looked through, as Fuse does), e.g. `articles.paragraphs.summary.en`. */
function leafPaths(docs: readonly Obj[]): string[] {
  const paths = new Set<string>();
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x, p);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v as Obj)) walk(x, p ? `${p}.${k}` : k);
    else if (p) paths.add(p);
  };
  for (const d of docs) walk(d, '');
  return [...paths].sort();
}

/** Entries per Fuse shard: each entry is scored on its own, so shards merged by (score, index) give one Fuse's answer. */
const SHARD_ENTRIES = 2000;

interface Hit {
  readonly score: number;
  readonly idx: number;
  readonly id: string;
}

export async function runNaiveChild(spec: ChildSpec): Promise<void> {
  const label = `${spec.expectedEntries} entries (naive fuse)`;
  const texts = spec.jsonFiles.map((f) => fs.readFileSync(f, 'utf8'));
  const t0 = performance.now();
  const parts = texts.map((t) => JSON.parse(t) as Obj[]);
  const jsonParseMs = performance.now() - t0;
  texts.length = 0;
  const docs = parts.flat();
  parts.length = 0;
  const keys = leafPaths(docs);
  const shardCount = Math.ceil(docs.length / SHARD_ENTRIES);
  const shards: ({ fuse: Fuse<Obj>; base: number } | undefined)[] = new Array<undefined>(shardCount).fill(undefined);
  let buildMs = 0;
  const build = (w: number) => {
    if (shards[w]) return;
    const t = performance.now();
    const base = w * SHARD_ENTRIES;
    shards[w] = { fuse: new Fuse(docs.slice(base, base + SHARD_ENTRIES), { keys, ignoreLocation: true, includeScore: true }), base };
    buildMs += performance.now() - t;
  };
  build(0);

  const onShards = (q: string, limit: number, which: readonly number[]): Hit[] => {
    const hits: Hit[] = [];
    for (const w of which) {
      const { fuse, base } = shards[w]!;
      for (const r of fuse.search(q, { limit })) hits.push({ score: r.score ?? 1, idx: base + r.refIndex, id: String(r.item.id) });
    }
    return hits.sort((a, b) => a.score - b.score || a.idx - b.idx).slice(0, limit);
  };
  const all = shards.map((_, i) => i);

  const budget = new Budget(spec.budgetMs * 0.85 - (performance.now() - t0));
  const prefixes = readJson<string[]>(spec.prefixesFile);
  const labelled = readJson<LabelledQuery[]>(spec.labelledFile);
  const bad = readJson<BadQuery[]>(spec.badFile);
  const mix = withBad(prefixes, bad);

  // How long would one search over every shard take? Time a few queries on one shard.
  const probeStart = performance.now();
  let probes = 0;
  while (probes < mix.length && (probes < 3 || performance.now() - probeStart < 200)) onShards(mix[probes++]!, 50, [0]);
  const perShardMs = (performance.now() - probeStart) / probes;
  const fullMs = perShardMs * shardCount;
  const latencyCap = budget.left * 0.35;
  const full = fullMs * 20 <= latencyCap || shardCount === 1;
  // Shards used by the sampled mode (all of them for whole searches).
  const k = full ? shardCount : Math.max(1, Math.min(shardCount, Math.floor(latencyCap / 20 / perShardMs)));
  for (let w = 0; w < k; w++) build(w);
  const indexMs = (buildMs * shardCount) / k;
  emit('json', {
    jsonParseMs: round(jsonParseMs, 1),
    entries: docs.length,
    naiveIndexMs: round(indexMs, 1),
    ...(k < shardCount ? { naiveIndexNote: `built ${k} of ${shardCount} shards in ${Math.round(buildMs)} ms and scaled` } : {}),
    keys: keys.length,
    rssMB: peakRssMB(),
  });
  progress(`${label}: JSON.parse ${Math.round(jsonParseMs)} ms; Fuse over ${keys.length} fields: ${k}/${shardCount} shards built in ${Math.round(buildMs)} ms; a full search takes about ${Math.round(fullMs)} ms`);

  let latency: Latency;
  if (full) {
    latency = await measure(
      (i) => mix[i % mix.length]!,
      (q) => onShards(q, 50, all),
      { target: spec.target, capMs: latencyCap, warmup: 5 },
    );
  } else {
    // A full search would not fit the budget often enough: time each request on the k built shards
    // and scale by shards/k. Fuse scores each entry on its own, so its cost is linear in the entries.
    const which = Array.from({ length: k }, (_, i) => i);
    const timed = await measure(
      (i) => mix[i % mix.length]!,
      (q) => onShards(q, 50, which),
      { target: spec.target, capMs: latencyCap, warmup: 3 },
    );
    const scale = (v: number | null) => (v === null ? null : round((v * shardCount) / k));
    latency = {
      ...timed,
      p50: scale(timed.p50),
      p95: scale(timed.p95),
      p99: scale(timed.p99),
      note: `extrapolated: each request was timed on ${k} of ${shardCount} shards of ${SHARD_ENTRIES} entries and scaled by ${shardCount}/${k}${timed.note ? `; ${timed.note}` : ''}`,
    };
  }
  emit('naiveCompletion', latency);
  progress(`${label}: search p50 ${latency.p50} ms, p95 ${latency.p95} ms over ${latency.requests} requests${latency.truncated ? ' (truncated)' : ''}`);

  // Recall needs whole searches: as many labelled queries as the rest of the budget allows.
  const start = performance.now();
  const capMs = budget.left;
  const hitsInOrder: boolean[] = [];
  for (const q of labelled) {
    const elapsed = performance.now() - start;
    if (!full || elapsed + fullMs > capMs * 1.2) break;
    hitsInOrder.push(onShards(q.query, 10, all).some((h) => h.id === q.expected));
  }
  const n = hitsInOrder.length;
  emit('naiveRecall', {
    recallAt10: n ? round(hitsInOrder.filter(Boolean).length / n) : null,
    queries: n,
    ofQueries: labelled.length,
    hitsInOrder,
    ...(n === 0 ? { note: `not measured: one full naive search takes about ${Math.round(fullMs)} ms, too long for the ${Math.round(capMs)} ms left` } : {}),
  });
  emit('naiveRss', { rssMB: peakRssMB() });
}
