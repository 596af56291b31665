/**
 * Renders the JSON of `npm run bench` as the Markdown tables of docs/performance.md:
 *
 *   npm run bench > bench.json && node out/test/bench/table.js bench.json
 */
import * as fs from 'node:fs';

interface L {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  requests: number;
  truncated?: boolean;
  note?: string;
  inProcess?: L;
}

interface Run {
  corpusEntries: number;
  memoLines: number;
  completion: L;
  hover: L;
  diagnosticsFull: L;
  diagnosticsEdit: L;
  coldIndexMs: number | null;
  warmStartMs: number | null;
  rssMB: number | null;
  recallAt10: number | null;
  baseline: { naiveFuseCompletion: L; naiveFuseRecallAt10: number | null };
  floors: { rpcRoundTrip: L; regexPassMs: number | null; jsonParseMs: number | null };
  details: { recallQueries: number; naiveFuseRecallQueries: number; recallAt10OnSameQueries: { queries: number; engine: number | null; naiveFuse: number | null } | null; rssInProcessMB: number | null; errors: string[]; firstRead?: { ms: number; stalls: { probes: number; maxMs: number; p99Ms: number } } | null };
}

const num = (v: number | null | undefined): string => {
  if (v === null || v === undefined) return '–';
  if (v >= 100) return String(Math.round(v));
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(v < 0.1 ? 3 : 2);
};

/** "p50 / p95 / p99 (n)"; a star marks a measurement the budget cut short. */
const lat = (l: L | undefined): string => (!l || l.requests === 0 ? '–' : `${num(l.p50)} / ${num(l.p95)} / ${num(l.p99)} (${l.requests}${l.truncated ? '*' : ''})`);

export function render(result: { node: string; cpus: number; totalSeconds: number; runs: Run[] }): string {
  const out: string[] = [];
  out.push(`Node ${result.node}, ${result.cpus} CPUs, whole run ${Math.round(result.totalSeconds)} s. Latencies: p50 / p95 / p99 in ms (timed requests; * = cut short by the time budget).`);
  out.push('');
  out.push('| entries | memo lines | completion (stdio) | completion (in-process) | hover (stdio) | hover (in-process) | diagnostics full (stdio) | diagnostics full (in-process) | diagnostics after edit (stdio) | diagnostics after edit (in-process) |');
  out.push('|---:|---:|---|---|---|---|---|---|---|---|');
  for (const r of result.runs) {
    out.push(
      `| ${r.corpusEntries} | ${r.memoLines} | ${lat(r.completion)} | ${lat(r.completion.inProcess)} | ${lat(r.hover)} | ${lat(r.hover.inProcess)} | ${lat(r.diagnosticsFull)} | ${lat(r.diagnosticsFull.inProcess)} | ${lat(r.diagnosticsEdit)} | ${lat(r.diagnosticsEdit.inProcess)} |`,
    );
  }
  out.push('');
  out.push('| entries | cold load+index ms | warm start ms | peak RSS MB (server / in-process) | recall@10 (queries) | naive fuse recall@10 (queries) | same queries: engine / naive | naive fuse search p50 / p95 / p99 | no-op RPC p50 / p95 / p99 | regex pass ms (per memo) | JSON.parse ms |');
  out.push('|---:|---:|---:|---|---|---|---|---|---|---|---:|');
  const bySize = new Map<number, Run[]>();
  for (const r of result.runs) bySize.set(r.corpusEntries, [...(bySize.get(r.corpusEntries) ?? []), r]);
  for (const [n, runs] of bySize) {
    const r = runs[0]!;
    const same = r.details.recallAt10OnSameQueries;
    out.push(
      `| ${n} | ${num(r.coldIndexMs)} | ${num(r.warmStartMs)} | ${num(r.rssMB)} / ${num(r.details.rssInProcessMB)} | ${num(r.recallAt10)} (${r.details.recallQueries}) | ${num(r.baseline.naiveFuseRecallAt10)} (${r.details.naiveFuseRecallQueries}) | ${same ? `${num(same.engine)} / ${num(same.naiveFuse)} (${same.queries})` : '–'} | ${lat(r.baseline.naiveFuseCompletion)} | ${lat(r.floors.rpcRoundTrip)} | ${runs.map((x) => `${x.memoLines}: ${num(x.floors.regexPassMs)}`).join(', ')} | ${num(r.floors.jsonParseMs)} |`,
    );
  }
  if (result.runs.some((r) => r.details.firstRead)) {
    out.push('');
    out.push('First reading of each memo by the server (opened, then its diagnostics pulled), with no-op requests sent every 5 ms meanwhile:');
    out.push('');
    out.push('| entries | memo lines | first reading ms | requests answered meanwhile | longest wait ms (p99) |');
    out.push('|---:|---:|---:|---:|---|');
    for (const r of result.runs) {
      const f = r.details.firstRead;
      if (f) out.push(`| ${r.corpusEntries} | ${r.memoLines} | ${num(f.ms)} | ${f.stalls.probes} | ${num(f.stalls.maxMs)} (${num(f.stalls.p99Ms)}) |`);
    }
  }
  const errors = result.runs.flatMap((r) => r.details.errors.map((e) => `${r.corpusEntries}/${r.memoLines}: ${e}`));
  if (errors.length) {
    out.push('');
    for (const e of [...new Set(errors)]) out.push(`- ${e}`);
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  const file = process.argv[2];
  const text = file ? fs.readFileSync(file, 'utf8') : fs.readFileSync(0, 'utf8');
  // `npm run bench` without -s prints npm's banner first: start at the JSON.
  const json = text.slice(text.search(/^\{/m));
  process.stdout.write(`${render(JSON.parse(json) as Parameters<typeof render>[0])}\n`);
}
