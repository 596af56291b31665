/**
 * A worker thread of the corpus pool (pool.ts): compiles the schema once, then reads the files
 * it is sent as the main thread would (source.ts) and writes their cache files itself. It sends
 * back what the main thread keeps of a file (ids, reference spans, findings, index inputs) and
 * where its entries are in the cache file, not the entries: those stay on disk until asked for.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusCache, type StoredEntries } from './cache.js';
import type { ReadReply, ReadRequest, WorkerSetup } from './pool.js';
import { compileSchema } from './schema.js';
import { readCorpusFileDetached, type DetachedRead } from './source.js';

/** A read whose entries and index inputs are in the cache file, without them: the main thread reads them from there when needed. */
function leftInCache(read: DetachedRead, stored: StoredEntries): DetachedRead {
  const { index, ...state } = read.state;
  return { state: stored.indexBytes > 0 || !index ? state : { ...state, index }, stored };
}

const setup = workerData as WorkerSetup;
const schema = compileSchema(setup.schema);
const port = parentPort!;

port.on('message', (task: ReadRequest) => {
  // A cache per file, so its counts are this file's; the main thread adds them to its own.
  const cache = setup.cache && new CorpusCache(setup.cache.dir, setup.cache.version, setup.cache.maxBytes);
  try {
    const read = readCorpusFileDetached(task.file, task.bundled, schema, task.limits, cache);
    const reply: ReadReply = { id: task.id, read: read.stored ? leftInCache(read, read.stored) : read, ...(cache ? { stats: cache.stats } : {}) };
    port.postMessage(reply);
  } catch (e) {
    // Reading never throws; posting can (a value that cannot be cloned): the main thread reads the file itself.
    const reply: ReadReply = { id: task.id, error: String(e) };
    port.postMessage(reply);
  }
});
