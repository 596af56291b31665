/**
 * Measurements through the real language server: `node dist/server.cjs --stdio` in a temporary
 * workspace whose `.lexlens.yaml` points at the generated corpus (bundled corpus off), spoken to
 * over JSON-RPC (vscode-jsonrpc) as a pull-diagnostics client such as VS Code. Each request is
 * timed from the moment the client sends it (and the edit before it, where there is one) to the
 * moment its response is parsed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_NODE_ARGS, serverEnvironment } from '../../server/src/launch.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { EditSequence, positionAt } from './edits.js';
import type { Memo } from './memoGen.js';
import { progress } from './protocol.js';
import { withBad } from './engineChild.js';
import type { BadQuery } from './queries.js';
import { Budget, measure, round, skipped, type Latency } from './stats.js';

interface Position {
  line: number;
  character: number;
}

class Timeout extends Error {}

/** A running server and its connection. */
export class StdioServer {
  private readonly conn: MessageConnection;
  private exited = false;
  private killed = false;
  private ready: ((entries: number) => void) | undefined;
  private readonly versions = new Map<string, number>();
  stderr = '';

  private constructor(private readonly child: ChildProcess) {
    this.conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.on('exit', () => (this.exited = true));
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      if (this.stderr.length < 20000) this.stderr += s;
    });
    this.conn.onNotification('lexlens/status', (p: { loading: boolean; entries: number }) => {
      if (!p.loading && this.ready) this.ready(p.entries);
    });
    // Registrations, progress, refresh: accept whatever the server asks.
    this.conn.onRequest(() => null);
    this.conn.onNotification(() => undefined);
    this.conn.onError(() => undefined);
    this.conn.listen();
  }

  static spawn(serverBundle: string, workspace: string, nodeArgs: readonly string[], cacheDir: string): StdioServer {
    // Started as the extension starts it (launch.ts).
    const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...nodeArgs, serverBundle, '--stdio'], {
      cwd: workspace,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: serverEnvironment({ ...process.env, LEXLENS_CACHE_DIR: cacheDir }),
    });
    return new StdioServer(child);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  /** Peak RSS of the server process (VmHWM), in MB. */
  peakRssMB(): number | null {
    try {
      const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : null;
    } catch {
      return null;
    }
  }

  private timed<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Timeout(`${what} took longer than ${Math.round(ms)} ms`)), Math.max(1, ms));
      }),
    ]).finally(() => clearTimeout(timer));
  }

  request<T>(method: string, params: unknown, timeoutMs: number): Promise<T> {
    if (!this.alive) return Promise.reject(new Error(`the server exited${this.stderr ? `: ${this.stderr.slice(-300)}` : ''}`));
    return this.timed(this.conn.sendRequest<T>(method, params), timeoutMs, method);
  }

  notify(method: string, params: unknown): Promise<void> {
    if (!this.alive) return Promise.resolve();
    return this.conn.sendNotification(method, params);
  }

  /**
   * initialize + initialized; resolves with the time from `initialized` to the first "loaded"
   * status, and the stalls seen meanwhile: a no-op request every 5 ms while the corpus loads, its
   * round trip is how long the server's event loop was blocked (a request waits for the loop).
   */
  async initialize(workspace: string, timeoutMs: number): Promise<{ initializeMs: number; loadMs: number; entries: number; loadStalls: LoadStalls }> {
    const t0 = performance.now();
    const uri = pathToFileURL(workspace).toString();
    let isLoaded = false;
    const loaded = new Promise<number>((resolve) => (this.ready = resolve)).then((n) => {
      isLoaded = true;
      return n;
    });
    await this.request(
      'initialize',
      {
        processId: process.pid,
        rootUri: uri,
        workspaceFolders: [{ uri, name: 'bench' }],
        capabilities: {
          general: { positionEncodings: ['utf-16'] },
          textDocument: {
            synchronization: { dynamicRegistration: false },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: false } },
            diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          },
          workspace: { workspaceFolders: true },
        },
      },
      timeoutMs,
    );
    const t1 = performance.now();
    await this.notify('initialized', {});
    const probe = this.probeUntil(workspace, () => isLoaded);
    const entries = await this.timed(loaded, timeoutMs - (t1 - t0), 'loading the corpus');
    const loadMs = round(performance.now() - t1, 1);
    return { initializeMs: round(t1 - t0, 1), loadMs, entries, loadStalls: await probe };
  }

  /**
   * Sends a no-op request every 5 ms until `done()` says so, and sums up their round trips: how
   * long an editor waited for an answer while the server was busy.
   */
  async probeUntil(workspace: string, done: () => boolean): Promise<LoadStalls> {
    const rtts: number[] = [];
    const nowhere = pathToFileURL(path.join(workspace, 'not-open.md')).toString();
    while (!done() && this.alive) {
      const t = performance.now();
      await this.conn.sendRequest('textDocument/hover', { textDocument: { uri: nowhere }, position: { line: 0, character: 0 } }).catch(() => null);
      if (!done()) rtts.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
    rtts.sort((a, b) => a - b);
    return { probes: rtts.length, maxMs: round(rtts[rtts.length - 1] ?? 0, 1), p99Ms: round(rtts[Math.floor(rtts.length * 0.99)] ?? 0, 1), over50ms: rtts.filter((x) => x > 50).length };
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async change(uri: string, range: { start: Position; end: Position }, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await this.request('shutdown', null, 5000);
        await this.notify('exit', null);
        const t0 = performance.now();
        while (!this.exited && performance.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 20));
      } catch {
        // killed below
      }
    }
    this.kill();
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
    if (!this.killed) this.conn.dispose();
    this.killed = true;
  }
}

/** Offsets → positions for many offsets of one text. */
function positions(text: string, offsets: readonly number[]): Position[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return offsets.map((o) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo]! };
  });
}

/** Round trips of no-op requests sent while the corpus loaded. */
export interface LoadStalls {
  readonly probes: number;
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly over50ms: number;
}

export interface StdioResult {
  initializeMs?: number;
  /** From `initialized` to the server's first "corpus loaded" status: a load+index in a fresh process with an empty cache. */
  loadMs?: number;
  loadStalls?: LoadStalls;
  /** The same in a second fresh process that finds the first one's cache. */
  warmLoadMs?: number;
  warmLoadStalls?: LoadStalls;
  warmCacheNote?: string;
  entries?: number;
  rpcRoundTrip?: Latency;
  cells: Record<string, Latency>;
  /** Per memo length: a memo's first reading (open, then the pull of its diagnostics) and the no-op round trips meanwhile. */
  firstRead: Record<number, { ms: number; stalls: LoadStalls }>;
  rssMB?: number | null;
  /** Peak RSS of the first server when its cold load ended, and of the second server when its warm start ended. */
  rssAfterLoadMB?: number | null;
  warmRssMB?: number | null;
  error?: string;
}

export interface StdioOptions {
  readonly serverBundle: string;
  readonly corpusDir: string;
  readonly workspace: string;
  readonly memos: readonly { lines: number; memo: Memo }[];
  readonly prefixes: readonly string[];
  readonly bad: readonly BadQuery[];
  readonly budgetMs: number;
  readonly target: number;
  readonly seed: number;
  readonly nodeArgs: readonly string[];
  readonly label: string;
  /** An empty folder for the server's corpus cache. */
  readonly cacheDir: string;
}

/** Runs every stdio measurement of one corpus size. Never throws; problems are reported in the result. */
export async function runStdio(o: StdioOptions): Promise<StdioResult> {
  const budget = new Budget(o.budgetMs);
  fs.mkdirSync(o.workspace, { recursive: true });
  fs.writeFileSync(path.join(o.workspace, '.lexlens.yaml'), `# LexLens benchmark workspace\ncorpus:\n  - ${JSON.stringify(o.corpusDir)}\nbundledCorpus: false\n`);
  const result: StdioResult = { cells: {}, firstRead: {} };
  fs.rmSync(o.cacheDir, { recursive: true, force: true });
  const server = StdioServer.spawn(o.serverBundle, o.workspace, o.nodeArgs, o.cacheDir);
  const uriOf = (name: string) => pathToFileURL(path.join(o.workspace, name)).toString();
  // A request may take at most what is left of the budget (plus a little), then the server is given up.
  const limit = () => budget.left + 2000;
  try {
    const init = await server.initialize(o.workspace, limit());
    Object.assign(result, init);
    result.rssMB = server.peakRssMB();
    result.rssAfterLoadMB = result.rssMB;
    progress(`${o.label}: server loaded ${init.entries} entries in ${Math.round(init.loadMs)} ms (initialize ${Math.round(init.initializeMs)} ms; longest stall ${init.loadStalls.maxMs} ms)`);

    let partsLeft = o.memos.length * 4 + 1;
    const cap = () => budget.left / Math.max(1, partsLeft--);
    const nowhere = uriOf('not-open.md');
    result.rpcRoundTrip = await measure(
      () => undefined,
      () => server.request('textDocument/hover', { textDocument: { uri: nowhere }, position: { line: 0, character: 0 } }, limit()),
      { target: o.target, capMs: Math.min(cap(), 20000), warmup: 20 },
    );
    progress(`${o.label}: no-op round trip p50 ${result.rpcRoundTrip.p50} ms`);

    const mix = withBad(o.prefixes, o.bad);
    for (const { lines, memo } of o.memos) {
      const cell = async (name: string, fn: () => Promise<Latency>) => {
        const r = !server.alive ? skipped('the server is not running') : budget.left <= 0 ? skipped('the time budget of this corpus size was spent') : await fn();
        result.cells[`${lines}:${name}`] = r;
        progress(`${o.label}, ${lines}-line memo, ${name}: p50 ${r.p50} ms, p95 ${r.p95} ms over ${r.requests} requests${r.truncated ? ' (truncated)' : ''}${r.note ? ` — ${r.note}` : ''}`);
        if (r.note?.includes('took longer than')) {
          // A request outlived the budget: the server is busy with it, give it up.
          result.rssMB = server.peakRssMB() ?? result.rssMB;
          server.kill();
        }
      };

      // Completion: each request is the edit that types the prefix, then the completion request.
      const completeUri = uriOf(`complete-${lines}.md`);
      await server.open(completeUri, memo.text);
      const [at] = positions(memo.text, [memo.completionAt]);
      let typed = 0;
      await cell('completion', () =>
        measure(
          (i) => mix[i % mix.length]!,
          async (q) => {
            const range = { start: at!, end: { line: at!.line, character: at!.character + typed } };
            typed = q.length;
            await server.change(completeUri, range, q);
            return server.request('textDocument/completion', { textDocument: { uri: completeUri }, position: { line: at!.line, character: at!.character + q.length } }, limit());
          },
          { target: o.target, capMs: cap() },
        ),
      );
      if (server.alive) await server.close(completeUri);

      // Hover on an open, unchanged memo.
      const hoverUri = uriOf(`hover-${lines}.md`);
      if (server.alive) await server.open(hoverUri, memo.text);
      const hoverPos = positions(memo.text, memo.hoverAt);
      await cell('hover', async () => {
        // An editor pulls diagnostics when a memo opens, so the memo is read before the first hover.
        // It is the memo's first reading in this server: how long it takes, and how long requests
        // about other documents wait meanwhile.
        const t = performance.now();
        let read = false;
        const first = server.request('textDocument/diagnostic', { textDocument: { uri: hoverUri } }, limit()).finally(() => (read = true));
        const stalls = await server.probeUntil(o.workspace, () => read);
        await first;
        result.firstRead[lines] = { ms: round(performance.now() - t, 1), stalls };
        progress(`${o.label}, ${lines}-line memo: first reading ${Math.round(performance.now() - t)} ms (${stalls.probes} requests meanwhile, longest wait ${stalls.maxMs} ms)`);
        return measure(
          (i) => hoverPos[i % hoverPos.length]!,
          (position) => server.request('textDocument/hover', { textDocument: { uri: hoverUri }, position }, limit()),
          { target: o.target, capMs: cap() },
        );
      });

      // Diagnostics after a one-character edit: didChange, then the pull.
      const editUri = uriOf(`edit-${lines}.md`);
      const edits = new EditSequence(memo.text, memo.editAt, o.seed);
      await cell('diagnosticsEdit', async () => {
        await server.open(editUri, memo.text);
        await server.request('textDocument/diagnostic', { textDocument: { uri: editUri } }, limit());
        return measure(
          () => {
            const before = edits.current;
            const e = edits.next();
            const p = positionAt(before, e.offset);
            return { range: { start: p, end: p }, char: e.char };
          },
          async (x) => {
            await server.change(editUri, x.range, x.char);
            return server.request('textDocument/diagnostic', { textDocument: { uri: editUri } }, limit());
          },
          { target: o.target, capMs: cap() },
        );
      });
      if (server.alive) await server.close(editUri);
      if (server.alive) await server.close(hoverUri);

      // Full diagnostics: a memo the server has not seen is opened and its diagnostics pulled.
      let previous: string | undefined;
      await cell('diagnosticsFull', () =>
        measure(
          (i) => {
            if (previous) void server.close(previous);
            previous = uriOf(`full-${lines}-${i}.md`);
            return { uri: previous, text: `${memo.text}\n<!-- variant ${i} -->` };
          },
          async (x) => {
            await server.open(x.uri, x.text);
            return server.request('textDocument/diagnostic', { textDocument: { uri: x.uri } }, limit());
          },
          { target: o.target, capMs: cap() },
        ),
      );
      if (previous && server.alive) await server.close(previous);
    }
    result.rssMB = server.peakRssMB() ?? result.rssMB;
  } catch (e) {
    result.error = `${e instanceof Error ? e.message : String(e)}${server.stderr ? ` (server stderr: ${server.stderr.slice(-500)})` : ''}`;
    result.rssMB = server.peakRssMB() ?? result.rssMB ?? null;
    progress(`${o.label}: ${result.error}`);
  } finally {
    await server.stop();
  }
  // Warm start: a second server over the same corpus and the cache the first one wrote.
  if (!result.error) {
    const warm = StdioServer.spawn(o.serverBundle, o.workspace, o.nodeArgs, o.cacheDir);
    try {
      const init = await warm.initialize(o.workspace, Math.max(10_000, budget.left + 10_000));
      result.warmLoadMs = init.loadMs;
      result.warmLoadStalls = init.loadStalls;
      result.warmRssMB = warm.peakRssMB();
      progress(`${o.label}: warm start ${Math.round(init.loadMs)} ms from the cache (longest stall ${init.loadStalls.maxMs} ms)`);
    } catch (e) {
      result.warmCacheNote = `the warm start failed: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      await warm.stop();
    }
  }
  return result;
}
