/**
 * A corpus worker (server/src/engine/corpus/worker.ts) that dies when it is sent a file whose
 * name contains "crash", as a worker thread would that ran out of memory: the loader must read
 * that file (and whatever else the worker held) itself. Imports run in order: the crashing
 * listener is registered first, so the real worker never reads the file.
 */
import './crashOnFile.js';
import '../../server/src/engine/corpus/worker.js';
