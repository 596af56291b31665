/**
 * A few worker threads that read corpus files (worker.ts) while the thread that asked keeps
 * answering requests: parsing a large corpus is seconds of work that would otherwise stall the
 * language server. A worker that fails (it crashed, or a reply could not be passed) fails only
 * its own files, which the caller then reads itself; nothing here rejects or throws.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CacheSettings, CacheStats } from './cache.js';
import type { CorpusLimits } from './parse.js';
import type { DetachedRead } from './source.js';

/** What a worker is started with (its `workerData`). */
export interface WorkerSetup {
  /** The corpus JSON Schema, compiled once by each worker. */
  readonly schema: object;
  /** The cache to read and write, as the main thread's (same folder, same build). */
  readonly cache?: CacheSettings;
}

/** One file to read. */
export interface ReadTask {
  readonly file: string;
  readonly bundled: boolean;
  readonly limits: CorpusLimits;
  /**
   * Send the entries too (the caller keeps them in memory): reading them back from the cache
   * file costs the caller's thread more than taking them from the message.
   */
  readonly entries?: boolean;
}

/** A task as posted to a worker. */
export interface ReadRequest extends ReadTask {
  readonly id: number;
}

/** A worker's answer: the file read, or why it could not be. */
export type ReadReply = { readonly id: number; readonly read: DetachedRead; readonly stats?: CacheStats } | { readonly id: number; readonly error: string };

/** What the caller gets for a task: the read and the worker's cache counts, or undefined when the worker failed. */
export type ReadOutcome = { readonly read: DetachedRead; readonly stats?: CacheStats } | undefined;

/** How to run the pool; the defaults suit the server. */
export interface ParsePoolOptions {
  /** Each worker's old-generation heap, in MB. Default: `readerHeapMb` of the files' size limit. */
  readonly heapMb?: number;
  /** How many worker threads. Default: `poolSize()`. 0 reads every file on the calling thread. */
  readonly threads?: number;
  /** Below this many bytes to parse, files are read on the calling thread: starting threads costs more than it saves. */
  readonly minBytes?: number;
  /** The worker script; tests give one that fails on purpose. */
  readonly script?: URL;
}

/** Bytes of corpus files worth starting threads for: starting one and compiling the schema costs about what parsing 2 MB on this thread does. */
export const POOL_MIN_BYTES = 2 * 1024 * 1024;

/**
 * Threads for reading: one per core, at most four. On Linux readers run at a lower priority than
 * the server's thread (worker.ts), so they take the cores the server and the editor leave idle:
 * at 200k entries on two cores, two readers load in 12.4 s against 17.8 s for one, and the
 * server's longest event-loop delay stays within what it was with one (39-61 ms against 35-96
 * ms). Elsewhere their priority cannot be lowered, and two readers on two cores had made it 93
 * ms: there one core is left to the server and the editor. Past four, the main thread, which
 * assembles what they send, and the disk are the limit, and each thread has a heap of its own.
 */
export function poolSize(platform: NodeJS.Platform = process.platform, cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(platform === 'linux' ? cores : cores - 1, 4));
}

/**
 * A reader's heap limit for files of up to `maxBytes`. Without one, V8 lets a reader's heap grow
 * to 135-150 MB of mostly garbage, as if it had the process to itself; at 64 MB it collects sooner
 * and reads as fast (a 4.9 MB file, near the 5 MB default limit, reads within 64 MB). A reader
 * that still runs out fails, and the caller reads its files (see ParsePool).
 */
export function readerHeapMb(maxBytes: number): number {
  return Math.max(64, Math.ceil((16 * maxBytes) / 1048576));
}

/** How much lower than the thread that starts them readers run (niceness added; see worker.ts). */
export const READER_NICENESS = 10;

/** Set by esbuild (esbuild.mjs) to the worker bundle's file name, next to the bundle that starts it. */
declare const LEXLENS_CORPUS_WORKER: string | undefined;

/** The worker script: a bundle of its own next to the server's or CLI's bundle, or worker.js next to this module when run from tsc's output. */
function defaultScript(): URL {
  return typeof LEXLENS_CORPUS_WORKER === 'string' && typeof __dirname === 'string' ? pathToFileURL(path.join(__dirname, LEXLENS_CORPUS_WORKER)) : new URL('./worker.js', import.meta.url);
}

/** Files a worker holds at once: the next one is there when it finishes one, even while the main thread is busy. */
const DEPTH = 2;

/**
 * How long a worker that holds files may stay silent before it is given up (its files then read
 * by the caller): far longer than any file within the size limit takes, so only a worker that
 * lost a message or hangs meets it, and a load never waits forever.
 */
const SILENCE_MS = 60_000;

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, (outcome: ReadOutcome) => void>;
  alive: boolean;
  /** Gives the worker up when it stays silent too long with files to read. */
  watchdog?: NodeJS.Timeout;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: { task: ReadTask; done: (outcome: ReadOutcome) => void }[] = [];
  private nextId = 0;

  constructor(size: number, setup: WorkerSetup, script: URL = defaultScript(), heapMb?: number) {
    for (let i = 0; i < size; i++) {
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: setup, ...(heapMb ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}) });
      } catch {
        continue;
      }
      const slot: Slot = { worker, pending: new Map(), alive: true };
      worker.on('message', (reply: ReadReply) => {
        const done = slot.pending.get(reply.id);
        slot.pending.delete(reply.id);
        this.watch(slot);
        done?.('read' in reply ? { read: reply.read, ...(reply.stats ? { stats: reply.stats } : {}) } : undefined);
        this.dispatch();
      });
      // A crash, an exit, or a reply this thread cannot take: the worker's files are read by the caller.
      worker.on('error', () => this.fail(slot));
      worker.on('messageerror', () => this.fail(slot));
      worker.on('exit', () => this.fail(slot));
      this.slots.push(slot);
    }
  }

  /** Reads a file in a worker; resolves to undefined when no worker could read it. */
  read(task: ReadTask): Promise<ReadOutcome> {
    return new Promise((done) => {
      this.queue.push({ task, done });
      this.dispatch();
    });
  }

  /** Hands queued tasks to the least busy live workers. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot: Slot | undefined;
      for (const s of this.slots) if (s.alive && (!slot || s.pending.size < slot.pending.size)) slot = s;
      if (!slot) {
        for (const q of this.queue.splice(0)) q.done(undefined);
        return;
      }
      if (slot.pending.size >= DEPTH) return;
      const { task, done } = this.queue.shift()!;
      const id = this.nextId++;
      slot.pending.set(id, done);
      if (slot.pending.size === 1) this.watch(slot);
      const request: ReadRequest = { ...task, id };
      try {
        slot.worker.postMessage(request);
      } catch {
        this.fail(slot);
      }
    }
  }

  /** (Re)starts the slot's watchdog while it holds files. */
  private watch(slot: Slot): void {
    clearTimeout(slot.watchdog);
    slot.watchdog = undefined;
    if (!slot.alive || slot.pending.size === 0) return;
    slot.watchdog = setTimeout(() => this.fail(slot), SILENCE_MS);
    // The timer alone must not keep a process alive (the worker does, while it runs).
    slot.watchdog.unref();
  }

  private fail(slot: Slot): void {
    if (!slot.alive) return;
    slot.alive = false;
    clearTimeout(slot.watchdog);
    void slot.worker.terminate();
    for (const done of slot.pending.values()) done(undefined);
    slot.pending.clear();
    this.dispatch();
  }

  /** Stops every worker; tasks not answered yet resolve to undefined. */
  close(): void {
    for (const slot of this.slots) this.fail(slot);
  }
}
