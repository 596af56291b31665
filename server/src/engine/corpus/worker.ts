/**
 * A worker thread of the corpus pool (pool.ts): compiles the schema once, then reads the files
 * it is sent as the main thread would (source.ts) and writes their cache files itself. It sends
 * back what the main thread keeps of a file (ids, reference spans, findings, index inputs) and
 * where its entries are in the cache file; the entries themselves only when the main thread
 * keeps them in memory (a small corpus), else they stay on disk until asked for.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusCache, type StoredEntries } from './cache.js';
import { READER_NICENESS, type ReadReply, type ReadRequest, type WorkerSetup } from './pool.js';
import { compileSchema } from './schema.js';
import type { Entry } from './model.js';
import { readCorpusFile, readCorpusFileDetached, type DetachedRead } from './source.js';

/**
 * A read whose entries and index inputs are in the cache file, without them (the main thread
 * reads them from there when needed), or with the entries when the main thread keeps them.
 */
function leftInCache(read: DetachedRead, stored: StoredEntries, entries: (() => readonly Entry[]) | undefined): DetachedRead {
  const { index, ...state } = read.state;
  return { state: stored.indexBytes > 0 || !index ? state : { ...state, index }, stored, ...(entries ? { entries: read.entries ?? entries() } : {}) };
}

/**
 * Lowers this thread's scheduling priority by READER_NICENESS. On Linux a thread has an id of
 * its own that setpriority takes as a process id (`/proc/thread-self` names it). Elsewhere the
 * thread keeps its priority: it still works, only it competes with the server's thread.
 */
function lowerPriority(): void {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) os.setPriority(tid, Math.min(19, os.getPriority(tid) + READER_NICENESS));
  } catch {
    // No /proc (macOS, Windows), or the system refused.
  }
}

lowerPriority();
const setup = workerData as WorkerSetup;
const schema = compileSchema(setup.schema);
const port = parentPort!;

port.on('message', (task: ReadRequest) => {
  // A cache per file, so its counts are this file's; the main thread adds them to its own.
  const cache = setup.cache && new CorpusCache(setup.cache.dir, setup.cache.version, setup.cache.maxBytes);
  try {
    const read = readCorpusFileDetached(task.file, task.bundled, schema, task.limits, cache);
    const { stored } = read;
    // A file found in the cache has no entries at hand: they are read from its cache file here.
    const entries = task.entries && cache && stored ? () => cache.adopt(stored, () => readCorpusFile(task.file, task.bundled, schema, task.limits)).all() : undefined;
    const reply: ReadReply = { id: task.id, read: stored ? leftInCache(read, stored, entries) : read, ...(cache ? { stats: cache.stats } : {}) };
    port.postMessage(reply);
  } catch (e) {
    // Reading never throws; posting can (a value that cannot be cloned): the main thread reads the file itself.
    const reply: ReadReply = { id: task.id, error: String(e) };
    port.postMessage(reply);
  }
});
