/**
 * `npm run bench` (SPEC §10): generates seeded synthetic corpora and memos, measures LexLens
 * in-process and through the real language server over stdio, measures the naive fuse.js
 * baseline and the floors, and writes one JSON object to stdout (progress goes to stderr).
 *
 *   node out/test/bench/bench.js [--quick] [--budget-s N] [--seed N] [--sizes 1000,10000]
 *                                [--memos 1000,100] [--requests N] [--keep] [--out FILE] [--cpu-prof-dir DIR]
 *
 * Every corpus size runs in processes of its own (so peak RSS is per size): one for the
 * in-process engine, one for the naive baseline, and the language server. The whole run is held
 * to a time budget (13 minutes by default, 4 with --quick): a measurement that cannot reach its
 * request count in its share of the budget stops early and says so (`truncated`, `requests`).
 * See docs/performance.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { corpusOfSize, generateCorpus, generateSameTitleCorpus, type EntryInfo } from './corpusGen.js';
import { runEngineChild } from './engineChild.js';
import { generateMemo, type Memo } from './memoGen.js';
import { runNaiveChild } from './naiveChild.js';
import { SERVER_NODE_ARGS, serverEnvironment } from '../../server/src/launch.js';
import { mb, progress, readJson, type ChildSpec, type Emitted } from './protocol.js';
import { badQueries, completionPrefixes, labelledQueries } from './queries.js';
import { Rng } from './rng.js';
import { runRobustChild, type RobustSpec } from './robustChild.js';
import { round, skipped, type Latency } from './stats.js';
import { runStdio, type StdioResult } from './stdio.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const serverBundle = path.join(repoRoot, 'dist', 'server.cjs');
const dataDir = path.join(repoRoot, 'data');

const FULL_SIZES = [1000, 10000, 100000, 200000];
/** The 1,000-line memo first: when the budget runs short, the later memos are the ones cut. */
const FULL_MEMOS = [1000, 5000, 100];
const SIZE_WEIGHT: Record<number, number> = { 1000: 1, 10000: 2, 100000: 4, 200000: 7 };
const SAME_TITLE_ENTRIES = 2000;
/** Kept back from the sizes for the same-title check at the end. */
const ROBUST_RESERVE_MS = 30000;

interface Args {
  quick: boolean;
  budgetS: number;
  seed: number;
  sizes: number[];
  memos: number[];
  requests: number;
  keep: boolean;
  out?: string;
  cpuProfDir?: string;
  child?: string;
  spec?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (s: string | undefined) => s?.split(',').map((x) => Number(x.trim().replace(/k$/i, '000')));
  const quick = argv.includes('--quick');
  const cpuProfDir = get('--cpu-prof-dir');
  const out = get('--out');
  const child = get('--child');
  const spec = get('--spec');
  return {
    quick,
    budgetS: Number(get('--budget-s') ?? (quick ? 240 : 780)),
    seed: Number(get('--seed') ?? 20240422),
    sizes: list(get('--sizes')) ?? (quick ? [10000] : FULL_SIZES),
    memos: list(get('--memos')) ?? (quick ? [1000] : FULL_MEMOS),
    requests: Number(get('--requests') ?? 500),
    keep: argv.includes('--keep'),
    ...(out ? { out: path.resolve(out) } : {}),
    ...(cpuProfDir ? { cpuProfDir: path.resolve(cpuProfDir) } : {}),
    ...(child ? { child } : {}),
    ...(spec ? { spec } : {}),
  };
}

/** Runs a child mode of this script; collects what it emits until it exits or its time is up. */
function runChild(script: string, mode: string, specFile: string, timeoutMs: number, nodeArgs: readonly string[]): Promise<{ out: Map<string, unknown>; killed: boolean; code: number | null; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    // The engine measured in-process runs in a process started as the server's is (launch.ts).
    const asServer = mode === 'engine';
    const child = spawn(process.execPath, [...(asServer ? SERVER_NODE_ARGS : []), ...nodeArgs, script, '--child', mode, '--spec', specFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
      ...(asServer ? { env: serverEnvironment(process.env) } : {}),
    });
    const out = new Map<string, unknown>();
    let buf = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          const e = JSON.parse(line) as Emitted;
          out.set(e.k, e.v);
        } catch {
          process.stderr.write(`${line}\n`);
        }
      }
    });
    const timer = setTimeout(() => {
      killed = true;
      progress(`${mode} child for ${specFile} ran out of time after ${Math.round(timeoutMs / 1000)} s and was stopped`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, killed, code, ms: performance.now() - t0 });
    });
  });
}

/**
 * Copies the build under test (out/server, out/test/bench, dist/server.cjs, data) into the work
 * folder, so the whole run measures one build even if the working tree is rebuilt meanwhile.
 */
function snapshotBuild(root: string): { script: string; serverBundle: string; dataDir: string } {
  const snap = path.join(root, 'build');
  fs.cpSync(path.join(repoRoot, 'out', 'test', 'bench'), path.join(snap, 'test', 'bench'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'out', 'server'), path.join(snap, 'server'), { recursive: true });
  fs.mkdirSync(path.join(snap, 'dist'), { recursive: true });
  fs.copyFileSync(serverBundle, path.join(snap, 'dist', 'server.cjs'));
  // The reader threads' bundle, which the server starts from next to its own.
  fs.copyFileSync(path.join(path.dirname(serverBundle), 'corpusWorker.cjs'), path.join(snap, 'dist', 'corpusWorker.cjs'));
  fs.cpSync(dataDir, path.join(snap, 'data'), { recursive: true });
  fs.writeFileSync(path.join(snap, 'package.json'), '{ "type": "module" }\n');
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(snap, 'node_modules'), 'dir');
  return { script: path.join(snap, 'test', 'bench', 'bench.js'), serverBundle: path.join(snap, 'dist', 'server.cjs'), dataDir: path.join(snap, 'data') };
}

/** The commit the build comes from, and whether the engine's sources differ from it. */
function buildInfo(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'package.json', 'package-lock.json'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

interface SizeInputs {
  readonly n: number;
  readonly corpusDir: string;
  readonly jsonFiles: readonly string[];
  readonly memos: readonly { lines: number; file: string; memo: Memo }[];
  readonly prefixes: string[];
  readonly specBase: Omit<ChildSpec, 'budgetMs'>;
}

function prepareSize(root: string, gen: ReturnType<typeof generateCorpus>, n: number, args: Args, dataDir: string): SizeInputs {
  const { dir, jsonFiles } = corpusOfSize(gen, root, n);
  const infos = gen.infos.slice(0, n);
  const rng = new Rng(args.seed + n);
  const pool = rng.sample(infos, 600);
  const inputs = path.join(root, `inputs-${n}`);
  fs.mkdirSync(inputs, { recursive: true });
  const memos = args.memos.map((lines) => {
    const memo = generateMemo(pool, lines, args.seed + n + lines);
    const file = path.join(inputs, `memo-${lines}.json`);
    fs.writeFileSync(file, JSON.stringify(memo));
    fs.writeFileSync(path.join(inputs, `memo-${lines}.md`), memo.text);
    return { lines, file, memo };
  });
  const prefixes = completionPrefixes(rng.sample(infos, 500), 1000, args.seed + 1);
  const labelled = labelledQueries(infos, 100, args.seed + 2);
  const bad = badQueries(pool);
  const write = (name: string, v: unknown) => {
    const f = path.join(inputs, name);
    fs.writeFileSync(f, JSON.stringify(v));
    return f;
  };
  return {
    n,
    corpusDir: dir,
    jsonFiles,
    memos,
    prefixes,
    specBase: {
      corpusDir: dir,
      jsonFiles,
      dataDir,
      cacheDir: path.join(root, `cache-inprocess-${n}`),
      expectedEntries: n,
      memos: memos.map(({ lines, file }) => ({ lines, file })),
      prefixesFile: write('prefixes.json', prefixes),
      labelledFile: write('labelled.json', labelled),
      badFile: write('bad.json', bad),
      target: args.requests,
      seed: args.seed,
    },
  };
}

const latencyOr = (v: unknown, why: string): Latency => (v && typeof v === 'object' && 'requests' in v ? (v as Latency) : skipped(why));

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) {
    const spec = readJson<ChildSpec & RobustSpec>(args.spec!);
    if (args.child === 'engine') await runEngineChild(spec);
    else if (args.child === 'naive') await runNaiveChild(spec);
    else if (args.child === 'robust') runRobustChild(spec);
    else throw new Error(`unknown child mode ${args.child}`);
    return;
  }

  const started = performance.now();
  const deadline = started + args.budgetS * 1000;
  const left = () => Math.max(0, deadline - performance.now());
  if (!fs.existsSync(serverBundle)) throw new Error(`${serverBundle} is missing: run \`npm run build\` first.`);
  const nodeArgs = args.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${args.cpuProfDir}`] : [];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexlens-bench-'));
  const build = { ...buildInfo(), ...snapshotBuild(root) };
  progress(`LexLens benchmark: sizes ${args.sizes.join(', ')}; memos ${args.memos.join(', ')} lines; ${args.requests} requests per measurement; budget ${args.budgetS} s; work folder ${root}`);

  const maxN = Math.max(...args.sizes);
  const tGen = performance.now();
  const gen = generateCorpus(root, maxN, args.seed);
  progress(`generated ${maxN} entries (${mb(gen.yamlBytes)} MB of YAML) in ${Math.round(performance.now() - tGen)} ms`);

  const notes: string[] = [
    'Times in ms, memory in MB. Latency objects carry `requests` (timed requests after warm-up) and `truncated: true` when the time budget stopped them before the target count.',
    'completion, hover, diagnosticsFull and diagnosticsEdit are measured through the language server over stdio; the same measured in-process is under `inProcess`.',
    'coldIndexMs: in-process, the corpus loaded and indexed the way the language server does it (time-sliced, files parsed in worker threads, into an empty corpus cache); details.warmStartInProcessMs is a second load from that cache. details.loadEventLoopDelayInProcess: node\'s event-loop delay histogram (5 ms resolution) in the loading thread during each load, which, unlike the stdio probes, leaves out the client\'s own scheduling on a busy machine.',
    'warmStartMs: a second fresh language server over the same corpus, from `initialized` to its first "corpus loaded" status, reading the corpus cache the first server wrote (details.serverColdLoadMs is the first server, with an empty cache). details.loadStalls: round trips of no-op requests sent every 5 ms while each server loaded (the longest is the longest event-loop stall).',
    'details.firstRead: the memo opened in a server that has not read it, and its diagnostics pulled: `ms` until they came, `stalls` the round trips of no-op requests sent every 5 ms meanwhile (the server reads a memo in time slices).',
  ];
  const runs: Record<string, unknown>[] = [];
  const badInput: Record<string, unknown> = {};
  let loadFailedAt: number | undefined;
  const loadTimes: { n: number; ms: number }[] = [];
  const sizes = [...args.sizes].sort((a, b) => a - b);

  for (let s = 0; s < sizes.length; s++) {
    const n = sizes[s]!;
    const weights = sizes.slice(s).reduce((sum, x) => sum + (SIZE_WEIGHT[x] ?? 1), 0);
    // Keep a little for the same-title check at the end.
    const sizeBudget = (Math.max(0, left() - ROBUST_RESERVE_MS) * (SIZE_WEIGHT[n] ?? 1)) / weights;
    const sizeEnd = performance.now() + sizeBudget;
    const sizeLeft = () => Math.max(0, sizeEnd - performance.now());
    progress(`— ${n} entries: budget ${Math.round(sizeBudget / 1000)} s`);
    const inputs = prepareSize(root, gen, n, args, build.dataDir);
    const errors: string[] = [];

    // Predict the load from the sizes before (fitting the growth exponent when there are two).
    let predictedLoadMs: number | undefined;
    if (loadTimes.length > 0) {
      const last = loadTimes[loadTimes.length - 1]!;
      const prev = loadTimes[loadTimes.length - 2];
      // Small corpora carry a fixed start-up cost, so growth from one point is taken as n^0.9.
      const k = prev ? Math.min(1.6, Math.max(0.8, Math.log(last.ms / prev.ms) / Math.log(last.n / prev.n))) : 0.9;
      predictedLoadMs = last.ms * (n / last.n) ** k;
    }

    // 1. In-process engine. Two loads (here and in the server) should fit, plus a share for
    // measuring; when they cannot, the in-process child gets the time and the server is skipped.
    const B = sizeLeft();
    const L = (predictedLoadMs ?? 0) * 1.3;
    const twoLoadsFit = 2 * L <= B * 0.7;
    const spare = Math.max(0, B * 0.85 - 2 * L);
    const engineBudget = twoLoadsFit ? Math.min(B * 0.8, L + spare * 0.45) : B * 0.82;
    let engineOut = new Map<string, unknown>();
    if (loadFailedAt !== undefined) errors.push(`in-process: skipped, the ${loadFailedAt}-entry corpus did not load within its budget`);
    else if (predictedLoadMs !== undefined && predictedLoadMs > engineBudget * 1.2) errors.push(`in-process: skipped, the load is predicted to take ${Math.round(predictedLoadMs / 1000)} s, over this size's budget`);
    else {
      const specFile = path.join(root, `inputs-${n}`, 'engine-spec.json');
      fs.writeFileSync(specFile, JSON.stringify({ ...inputs.specBase, budgetMs: engineBudget }));
      const r = await runChild(build.script, 'engine', specFile, engineBudget + Math.max(10000, engineBudget * 0.15), nodeArgs);
      engineOut = r.out;
      if (!r.out.has('load')) {
        loadFailedAt = n;
        errors.push(`in-process: the corpus did not load within ${Math.round(r.ms / 1000)} s${r.killed ? ' (stopped by the budget)' : ` (exit code ${r.code})`}`);
      } else if (r.killed) errors.push('in-process: stopped by the time budget before every measurement finished');
      else if (r.code !== 0) errors.push(`in-process: the child exited with code ${r.code}`);
    }
    const load = engineOut.get('load') as { coldIndexMs: number; entries: number; corpusFindings: number; firstFinding?: string; rssMB: number; eventLoopDelay?: unknown } | undefined;
    const warmInProcess = engineOut.get('warm') as { warmStartMs: number; eventLoopDelay?: unknown } | undefined;
    if (load) {
      loadTimes.push({ n, ms: load.coldIndexMs });
      if (load.entries !== n) errors.push(`in-process: loaded ${load.entries} entries, expected ${n}`);
      if (load.corpusFindings > 0) errors.push(`in-process: the generated corpus has ${load.corpusFindings} findings, e.g. ${load.firstFinding}`);
    }

    // 2. Naive baseline and JSON.parse floor.
    // The server needs a second load: decide on the load just measured, not the prediction.
    const measuredLoad = (engineOut.get('load') as { coldIndexMs: number } | undefined)?.coldIndexMs;
    const serverFits = measuredLoad === undefined ? twoLoadsFit : measuredLoad * 1.3 < sizeLeft() * 0.75;
    const naiveBudget = serverFits ? Math.min(B * 0.18, sizeLeft() * 0.35) : sizeLeft();
    const naiveSpec = path.join(root, `inputs-${n}`, 'naive-spec.json');
    fs.writeFileSync(naiveSpec, JSON.stringify({ ...inputs.specBase, budgetMs: naiveBudget }));
    const naive = await runChild(build.script, 'naive', naiveSpec, naiveBudget + Math.max(10000, naiveBudget * 0.15), nodeArgs);
    if (!naive.out.has('json')) errors.push(`naive: did not finish building within ${Math.round(naive.ms / 1000)} s${naive.killed ? ' (stopped by the budget)' : ` (exit code ${naive.code})`}`);

    // 3. The language server over stdio.
    let stdio: StdioResult = { cells: {}, firstRead: {} };
    const stdioBudget = sizeLeft();
    const engineLoadMs = load?.coldIndexMs;
    if (loadFailedAt !== undefined && loadFailedAt <= n) stdio.error = 'skipped: the corpus did not load in-process within its budget';
    else if (!serverFits) stdio.error = `skipped: a second load (${measuredLoad !== undefined ? `${Math.round(measuredLoad / 1000)} s measured in-process` : `predicted ${Math.round(L / 1.3 / 1000)} s`}) does not fit this size's budget of ${Math.round(B / 1000)} s`;
    else if (engineLoadMs !== undefined && engineLoadMs > stdioBudget) stdio.error = `skipped: loading takes ${Math.round(engineLoadMs / 1000)} s, over the ${Math.round(stdioBudget / 1000)} s left for this size`;
    else {
      stdio = await runStdio({
        serverBundle: build.serverBundle,
        corpusDir: inputs.corpusDir,
        workspace: path.join(root, `workspace-${n}`),
        memos: inputs.memos,
        prefixes: inputs.prefixes,
        bad: readJson(inputs.specBase.badFile),
        budgetMs: stdioBudget,
        target: args.requests,
        seed: args.seed,
        nodeArgs,
        label: `${n} entries (stdio)`,
        cacheDir: path.join(root, `cache-${n}`),
      });
    }
    if (stdio.error) errors.push(`stdio: ${stdio.error}`);

    // Assemble one run per memo.
    const recall = engineOut.get('recall') as { recallAt10: number | null; queries: number; ofQueries: number; hitsInOrder: boolean[]; perKind: unknown } | undefined;
    const naiveRecall = naive.out.get('naiveRecall') as { recallAt10: number | null; queries: number; hitsInOrder: boolean[]; note?: string } | undefined;
    const json = naive.out.get('json') as { jsonParseMs: number; naiveIndexMs: number; naiveIndexNote?: string; keys: number; rssMB: number } | undefined;
    const same = recall && naiveRecall ? Math.min(recall.queries, naiveRecall.queries) : 0;
    const share = (hits: boolean[] | undefined) => (hits && same ? round(hits.slice(0, same).filter(Boolean).length / same) : null);
    const naiveLatency = latencyOr(naive.out.get('naiveCompletion'), 'the naive baseline did not run');
    if (engineOut.has('bad')) badInput[String(n)] = engineOut.get('bad');
    const rssInProcess = (engineOut.get('rss') as { rssMB: number } | undefined)?.rssMB ?? load?.rssMB;
    for (const m of inputs.memos) {
      const lat = (name: string): Latency & { inProcess: Latency } => ({
        ...latencyOr(stdio.cells[`${m.lines}:${name}`], stdio.error ?? 'not measured (time budget)'),
        inProcess: latencyOr(engineOut.get(`cell:${m.lines}:${name}`), 'not measured in-process (time budget)'),
      });
      const completion = lat('completion');
      runs.push({
        corpusEntries: n,
        memoLines: m.lines,
        completion,
        hover: lat('hover'),
        diagnosticsFull: lat('diagnosticsFull'),
        diagnosticsEdit: lat('diagnosticsEdit'),
        coldIndexMs: load?.coldIndexMs ?? null,
        warmStartMs: stdio.warmLoadMs ?? null,
        rssMB: stdio.rssMB ?? rssInProcess ?? null,
        recallAt10: recall?.recallAt10 ?? null,
        baseline: { naiveFuseCompletion: naiveLatency, naiveFuseRecallAt10: naiveRecall?.recallAt10 ?? null },
        floors: {
          rpcRoundTrip: latencyOr(stdio.rpcRoundTrip, stdio.error ?? 'not measured'),
          regexPassMs: (engineOut.get(`regex:${m.lines}`) as number | undefined) ?? null,
          jsonParseMs: json?.jsonParseMs ?? null,
        },
        details: {
          corpusYamlMB: mb(inputs.jsonFiles.reduce((sum, f) => sum + fs.statSync(f.replace(/json([/\\]part-\d+)\.json$/, 'parts$1.yaml')).size, 0)),
          warmStartInProcessMs: warmInProcess?.warmStartMs ?? null,
          loadEventLoopDelayInProcess: load ? { cold: load.eventLoopDelay ?? null, warm: warmInProcess?.eventLoopDelay ?? null } : null,
          rssAfterColdLoadInProcessMB: load?.rssMB ?? null,
          stdioInitializeMs: stdio.initializeMs ?? null,
          serverColdLoadMs: stdio.loadMs ?? null,
          serverRssAfterColdLoadMB: stdio.rssAfterLoadMB ?? null,
          serverRssAfterWarmStartMB: stdio.warmRssMB ?? null,
          loadStalls: stdio.loadStalls ? { cold: stdio.loadStalls, warm: stdio.warmLoadStalls ?? null } : null,
          firstRead: stdio.firstRead[m.lines] ?? null,
          ...(stdio.warmCacheNote ? { warmStartNote: stdio.warmCacheNote } : {}),
          rssSource: stdio.rssMB ? 'language server (VmHWM)' : rssInProcess ? 'in-process child (maxRSS); the server did not run' : null,
          rssInProcessMB: rssInProcess ?? null,
          rssNaiveMB: (naive.out.get('naiveRss') as { rssMB: number } | undefined)?.rssMB ?? json?.rssMB ?? null,
          recallQueries: recall?.queries ?? 0,
          recallPerKind: recall?.perKind ?? null,
          naiveFuseRecallQueries: naiveRecall?.queries ?? 0,
          ...(naiveRecall?.note ? { naiveFuseRecallNote: naiveRecall.note } : {}),
          recallAt10OnSameQueries: same ? { queries: same, engine: share(recall?.hitsInOrder), naiveFuse: share(naiveRecall?.hitsInOrder) } : null,
          naiveFuseIndexMs: json?.naiveIndexMs ?? null,
          ...(json?.naiveIndexNote ? { naiveFuseIndexNote: json.naiveIndexNote } : {}),
          naiveFuseFields: json?.keys ?? null,
          inProcessCompletionSpeedupVsNaiveP95:
            completion.inProcess.p95 && naiveLatency.p95 ? round(naiveLatency.p95 / completion.inProcess.p95, 2) : null,
          errors,
        },
      });
    }
    progress(`— ${n} entries done; ${Math.round(left() / 1000)} s of the budget left`);
  }

  // Bad corpus input: every title the same.
  let sameTitle: unknown = { skipped: 'time budget' };
  if (left() > 5000) {
    const dir = path.join(root, 'same-title');
    const infos: EntryInfo[] = generateSameTitleCorpus(dir, SAME_TITLE_ENTRIES, args.seed + 7);
    const inputs = path.join(root, 'inputs-same-title');
    fs.mkdirSync(inputs, { recursive: true });
    const infosFile = path.join(inputs, 'infos.json');
    fs.writeFileSync(infosFile, JSON.stringify(infos));
    const memoFile = path.join(inputs, 'memo.json');
    fs.writeFileSync(memoFile, JSON.stringify(generateMemo(infos.slice(0, 600), 100, args.seed + 8)));
    const specFile = path.join(inputs, 'spec.json');
    const robustBudget = Math.max(10000, left());
    fs.writeFileSync(specFile, JSON.stringify({ corpusDir: dir, dataDir: build.dataDir, infosFile, memoFile, budgetMs: robustBudget } satisfies RobustSpec));
    const r = await runChild(build.script, 'robust', specFile, robustBudget + 5000, nodeArgs);
    sameTitle = r.out.get('robust') ?? { error: r.killed ? 'stopped by the time budget' : `exit code ${r.code}` };
  }

  const result = {
    node: process.version,
    cpus: os.cpus().length,
    quick: args.quick,
    build: { commit: build.commit, engineSourcesDirty: build.dirty },
    seed: args.seed,
    requestsPerMeasurement: args.requests,
    budgetSeconds: args.budgetS,
    totalSeconds: round((performance.now() - started) / 1000, 1),
    notes,
    runs,
    robustness: { badInput, sameTitle },
  };
  const json = `${JSON.stringify(result, null, 2)}\n`;
  process.stdout.write(json);
  if (args.out) fs.writeFileSync(args.out, json);
  if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
  else progress(`kept ${root}`);
  progress(`done in ${round((performance.now() - started) / 1000, 1)} s`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(2);
});
