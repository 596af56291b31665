/**
 * The stored form of a loaded corpus: its files, its cross-file checks and its index, kept in the
 * corpus cache under the keys of its files. A start over the same, unchanged files opens the
 * stored corpus instead of reading every file and building the index (the language server's and
 * the CLI's warm start).
 */
import { forgetIndexInputs } from './engine/corpus/corpus.js';
import type { CorpusCache } from './engine/corpus/cache.js';
import type { SchemaValidator } from './engine/corpus/schema.js';
import { loadStoredCorpus, type CorpusRoot } from './engine/corpus/source.js';
import { createEngine, type Engine } from './engine/index.js';
import { CorpusIndex, type IndexSnapshot } from './engine/search/index.js';
import type { Steps } from './engine/slice.js';

/** The engine of the stored corpus of these roots, or undefined when there is none for the files as they are now (see loadStoredCorpus). */
export function* openStored(roots: readonly CorpusRoot[], schema: SchemaValidator, cache: CorpusCache): Steps<Engine | undefined> {
  const stored = yield* loadStoredCorpus(roots, schema, cache);
  if (!stored) return undefined;
  yield;
  let index: CorpusIndex | undefined;
  try {
    index = CorpusIndex.fromSnapshot(stored.corpus, stored.index as IndexSnapshot);
  } catch {
    // An index of another shape: built again.
  }
  return index && createEngine(stored.corpus, index);
}

/** Ids handled between two yields while storing a corpus. */
const ID_PIECE = 8192;

/**
 * Stores a freshly built engine's corpus when every file came through the cache, in steps (see
 * slice.ts), and lets go of the index inputs its files carried.
 */
export function* storeCorpus(cache: CorpusCache | undefined, engine: Engine): Steps<void> {
  const corpus = engine.corpus;
  forgetIndexInputs(corpus);
  const key = cache?.indexKey(corpus.files);
  if (key === undefined) return;
  const files = corpus.files.map((f) => ({ file: f.file, bundled: f.bundled, key: f.cacheKey!, count: f.source.count, findings: f.findings }));
  const { ids, where, findings } = corpus.checked();
  const idEnds = new Int32Array(ids.length);
  const at = new Int32Array(ids.length);
  // The ids' text is joined a piece a step too: one join of 200,000 ids holds the thread 10-15 ms.
  const pieces: string[] = [];
  for (let k = 0; k < ids.length; k++) {
    idEnds[k] = (k === 0 ? 0 : idEnds[k - 1]!) + ids[k]!.length;
    at[k] = where.get(ids[k]!)!;
    if (k % ID_PIECE === ID_PIECE - 1 || k === ids.length - 1) {
      pieces.push(ids.slice(k - (k % ID_PIECE), k + 1).join(''));
      yield;
    }
  }
  const checked = { idText: pieces.join(''), idEnds, at, findings };
  yield;
  yield* cache!.writeCorpus(key, { files, checked, index: engine.index.snapshot() });
}
