/**
 * The one engine module that touches the disk: finds corpus files under the configured paths
 * and reads them defensively (size checked before reading, invalid UTF-8 reported with its
 * position, symlink loops and vanished folders tolerated).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexInputsOf } from '../search/inputs.js';
import { NO_SLICING, runSliced, type Slicer, type Steps } from '../slice.js';
import type { CorpusCache, EntrySources, StoredEntries } from './cache.js';
import { corpusText } from './corpusMessages.js';
import { assembleCorpus, assembleCorpusSteps, corpusOrder, entrySourcesOf, failedFileState, readFileState, withFallback, type Corpus, type FileState } from './corpus.js';
import type { Entry } from './model.js';
import { DEFAULT_LIMITS, type CorpusLimits } from './parse.js';
import { ParsePool, POOL_MIN_BYTES, poolSize, readerHeapMb, type ParsePoolOptions } from './pool.js';
import { compileSchema, type SchemaValidator } from './schema.js';
import { MemoryEntries } from './store.js';

/** A configured corpus location. */
export interface CorpusRoot {
  readonly path: string;
  readonly bundled: boolean;
  /**
   * When set, files whose real path (after symlinks) is outside this folder are not read: an
   * untrusted workspace's corpus must not reach outside it through a link.
   */
  readonly within?: string;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'schema']);

/** Lists `*.yaml`/`*.yml` files under each root (a file or a folder), following each real folder once. */
export function findCorpusFiles(roots: readonly CorpusRoot[]): { files: { file: string; bundled: boolean }[]; missing: FileState[] } {
  const files: { file: string; bundled: boolean }[] = [];
  const missing: FileState[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const realInside = (file: string, folder: string): boolean => {
    try {
      return isInside(fs.realpathSync(file), fs.realpathSync(folder));
    } catch {
      return false;
    }
  };
  let within: string | undefined;
  const walk = (dir: string, bundled: boolean, depth: number): void => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (within !== undefined && !realInside(dir, within)) return;
    if (seenDirs.has(real) || depth > 32) return;
    seenDirs.add(real);
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of names) {
      const full = path.join(dir, d.name);
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        try {
          const st = fs.statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          // A dangling link or a loop the OS refuses: a corpus file by its name is reported as unreadable.
          isFile = true;
        }
      }
      if (isDir) {
        if (!SKIP_DIRS.has(d.name) && !d.name.startsWith('.')) walk(full, bundled, depth + 1);
      } else if (isFile && /\.ya?ml$/i.test(d.name) && d.name !== '.lexlens.yaml') {
        const key = path.resolve(full);
        if (within !== undefined && !realInside(key, within)) continue;
        if (!seenFiles.has(key)) {
          seenFiles.add(key);
          files.push({ file: key, bundled });
        }
      }
    }
  };
  for (const root of roots) {
    within = root.within;
    const abs = path.resolve(root.path);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      missing.push(failedFileState(abs, root.bundled, corpusText('pathMissing', [abs])));
      continue;
    }
    if (st.isDirectory()) walk(abs, root.bundled, 0);
    else if (within !== undefined && !realInside(abs, within)) continue;
    else if (!seenFiles.has(abs)) {
      seenFiles.add(abs);
      files.push({ file: abs, bundled: root.bundled });
    }
  }
  return { files, missing };
}

/**
 * A corpus file read without its entries attached: what a worker thread hands the main thread.
 * The entries are in the cache file `stored` names, or in `entries` when they were not stored
 * (no cache, a file that could not be read, a cache that cannot be written).
 */
export interface DetachedRead {
  readonly state: Omit<FileState, 'source'>;
  readonly stored?: StoredEntries;
  readonly entries?: readonly Entry[];
}

/** The file's size and times, or the state of a file that cannot be read (missing, too large). */
function statCorpusFile(file: string, bundled: boolean, limits: CorpusLimits): fs.Stats | FileState {
  try {
    const st = fs.statSync(file);
    if (st.size > limits.maxBytes) {
      return failedFileState(file, bundled, corpusText('tooLarge', [(st.size / 1048576).toFixed(1), (limits.maxBytes / 1048576).toFixed(0)]));
    }
    return st;
  } catch (e) {
    return failedFileState(file, bundled, corpusText('unreadable', [(e as NodeJS.ErrnoException).code ?? String(e)]));
  }
}

function detached(state: FileState, extra: { cacheKey?: string; stored?: StoredEntries } = {}): DetachedRead {
  const { source, ...rest } = state;
  return { state: { ...rest, ...(extra.cacheKey ? { cacheKey: extra.cacheKey } : {}) }, entries: source.all(), ...(extra.stored ? { stored: extra.stored } : {}) };
}

/**
 * Reads a file the cache does not know by its size and times (or without a cache): its content
 * is hashed and looked up, and parsed and stored when the cache does not have it. Never throws.
 */
function readUnknown(file: string, bundled: boolean, schema: SchemaValidator, limits: CorpusLimits, st: fs.Stats, cache?: CorpusCache): DetachedRead {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return detached(failedFileState(file, bundled, corpusText('unreadable', [(e as NodeJS.ErrnoException).code ?? String(e)])));
  }
  if (buf.length > limits.maxBytes) return detached(failedFileState(file, bundled, corpusText('grew', [(limits.maxBytes / 1048576).toFixed(0)])));
  if (!cache) return detached(decodeAndRead(buf, file, bundled, schema, limits).state);
  const key = cache.key(file, bundled, limits, buf);
  cache.remember(file, bundled, limits, st, key);
  const found = cache.load(key);
  if (found) return { state: { ...found.state, cacheKey: key }, stored: found.stored };
  const { state, sources } = decodeAndRead(buf, file, bundled, schema, limits);
  const stored = cache.store(key, state, sources);
  return stored ? detached(state, { cacheKey: key, stored }) : detached(state);
}

/**
 * Reads one corpus file the way a worker thread does, into a state without its entries (see
 * DetachedRead): never throws, and never consults the record of the file's size and times (the
 * main thread did, and sends only the files it does not know).
 */
export function readCorpusFileDetached(file: string, bundled: boolean, schema: SchemaValidator, limits: CorpusLimits, cache?: CorpusCache): DetachedRead {
  const st = statCorpusFile(file, bundled, limits);
  return st instanceof fs.Stats ? readUnknown(file, bundled, schema, limits, st, cache) : detached(st);
}

/**
 * A detached read as a file state: its entries in memory (`keepInMemory`, read back from the
 * cache file when they were not sent along) or read from the cache file when needed.
 */
function attach(read: DetachedRead, keepInMemory: boolean, reread: () => FileState, cache?: CorpusCache): FileState {
  const { state, stored, entries } = read;
  if (!stored || !cache) return { ...state, source: new MemoryEntries(entries ?? []) };
  const { index, ...rest } = state;
  const attached = { ...rest, source: keepInMemory ? new MemoryEntries(entries ?? cache.adopt(stored, reread).all()) : cache.adopt(stored, reread) };
  // Index inputs at hand are kept with entries kept in memory; else those in the cache file are
  // read from it when needed.
  if (keepInMemory && index) return { ...attached, index };
  return stored.indexBytes > 0 ? cache.withIndex(attached, stored) : { ...attached, ...(index ? { index } : {}) };
}

/**
 * Reads one corpus file into a file state; never throws. With a cache, the state comes from the
 * cache when the file's content is there, and is stored there otherwise; `keepInMemory` says
 * whether its entries should then be held in memory or read from the cache file when needed.
 */
export function readCorpusFile(file: string, bundled: boolean, schema: SchemaValidator, limits: CorpusLimits = DEFAULT_LIMITS, cache?: CorpusCache, keepInMemory = true): FileState {
  const st = statCorpusFile(file, bundled, limits);
  if (!(st instanceof fs.Stats)) return st;
  return readStatted(file, bundled, schema, limits, st, cache?.knownKey(file, bundled, limits, st), cache, keepInMemory);
}

/** readCorpusFile once the file's stats and the key the cache knows it by (if any) are known. */
function readStatted(file: string, bundled: boolean, schema: SchemaValidator, limits: CorpusLimits, st: fs.Stats, known: string | undefined, cache: CorpusCache | undefined, keepInMemory: boolean): FileState {
  // Should a cache file vanish while its entries are in use, the corpus file is read again (not
  // kept in memory: that would be the whole corpus's text).
  const reread = () => readCorpusFile(file, bundled, schema, limits);
  // A file whose size, times and inode are those recorded with its content hash is not read again.
  const hit = known === undefined ? undefined : cache!.load(known);
  if (hit) {
    cache!.stats.unread++;
    return attach({ state: { ...hit.state, cacheKey: known }, stored: hit.stored }, keepInMemory, reread, cache);
  }
  return attach(readUnknown(file, bundled, schema, limits, st, cache), keepInMemory, reread, cache);
}

/** Reads a file's bytes into a state with its index inputs, and where its entries' YAML is (for the cache: see EntrySources). */
function decodeAndRead(buf: Buffer, file: string, bundled: boolean, schema: SchemaValidator, limits: CorpusLimits): { state: FileState; sources?: EntrySources } {
  let text: string;
  // ignoreBOM keeps a byte-order mark in the text (parse.ts skips it), so offsets count from the
  // file's first character, as every reader of the file that maps them to lines does.
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
    const bad = lossy.indexOf('\uFFFD');
    return { state: failedFileState(file, bundled, corpusText('notUtf8'), { start: Math.max(0, bad), end: Math.max(0, bad) + 1 }) };
  }
  const state = readFileState(text, file, bundled, schema, limits);
  const entries = state.source.all();
  // A file with findings keeps its entries as built: its items may not each read alone as they did in the file.
  const starts = state.fatal || state.findings.length > 0 ? undefined : entrySourcesOf(text, entries);
  // The index's inputs are computed here, with the entries at hand, and stored with them in the
  // cache: building the index then reads no entry back (see search/inputs.ts).
  return { state: { ...state, index: indexInputsOf(entries) }, ...(starts ? { sources: { text, starts } } : {}) };
}

/** A compiled corpus schema with the JSON it was compiled from, so worker threads can compile it too. */
export interface CorpusSchema extends SchemaValidator {
  readonly definition: object;
}

/**
 * Reads the corpus JSON Schema shipped in `<dataDir>/schema/corpus.schema.json`, compiled when it
 * first validates a file: compiling takes ~60 ms, and a load whose files are all parsed in worker
 * threads or read back from the cache never needs it on this thread.
 */
export function loadSchema(dataDir: string): CorpusSchema {
  const text = fs.readFileSync(path.join(dataDir, 'schema', 'corpus.schema.json'), 'utf8');
  const definition = JSON.parse(text) as object;
  let compiled: SchemaValidator | undefined;
  return { validate: (parsed) => (compiled ??= compileSchema(definition)).validate(parsed), definition };
}

/** How to load a corpus. */
export interface LoadOptions {
  readonly limits?: CorpusLimits;
  /** The corpus loaded before: files that break keep their last good entries. */
  readonly previous?: Corpus;
  /** Where read files are cached by content hash. */
  readonly cache?: CorpusCache;
  /** Reports progress after each file. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * With a cache, how many entries are held in memory (the first files' entries); the others are
   * read from the cache when needed. Default: RESIDENT_ENTRIES for a corpus of at most
   * `residentBytes` of files, none for a larger one.
   */
  readonly residentEntries?: number;
  /** Above this many bytes of corpus files, no entries are held in memory by default. Default RESIDENT_BYTES. */
  readonly residentBytes?: number;
  /**
   * Worker threads that parse the files the cache does not know (with a schema from loadSchema:
   * they compile it from its JSON). Default, with a cache: `poolSize()` threads when there are at
   * least POOL_MIN_BYTES to parse; without one, none unless `threads` is given.
   */
  readonly parallel?: ParsePoolOptions;
}

/** Entries a corpus holds in memory when it has a cache to read the rest from: a corpus this size loads and answers as if all were in memory. */
export const RESIDENT_ENTRIES = 10_000;

/**
 * Bytes of corpus files (about 10,000 entries) above which a corpus with a cache holds none of its
 * entries in memory: features read the entries they need from the cache (the recent ones are
 * kept, see store.ts). At 200,000 entries the first 10,000 held some 60 MB of the server's heap,
 * for no request more than others, and reading them back in full was the loader's longest step.
 */
export const RESIDENT_BYTES = 16 * 1024 * 1024;

/** Loads a corpus from its roots. With `previous`, files that break keep their last good entries. */
export function loadCorpus(roots: readonly CorpusRoot[], schema: SchemaValidator, limits: CorpusLimits = DEFAULT_LIMITS, previous?: Corpus, cache?: CorpusCache): Corpus {
  const { files, missing } = findCorpusFiles(roots);
  const prev = new Map(previous?.files.map((f) => [f.file, f]));
  const states = files.map(({ file, bundled }) => withFallback(readCorpusFile(file, bundled, schema, limits, cache), prev.get(file)));
  if (cache?.stats.writes) cache.prune();
  return assembleCorpus([...states, ...missing]);
}

/** What the loader knows of a file before reading it: why it cannot be read, or its stats and the key the cache knows it by. */
type Probe = { readonly failed: FileState } | { readonly st: fs.Stats; readonly known: string | undefined };

/**
 * Loads a corpus file by file, pausing between files when the slicer says so, so that a server
 * keeps answering (and noticing cancellations) while a large corpus loads. The files the cache
 * does not know are parsed by worker threads meanwhile (see pool.ts); the files are still taken
 * in order, so the result, the progress reports and which entries stay in memory are the same.
 */
export async function loadCorpusAsync(roots: readonly CorpusRoot[], schema: SchemaValidator, options: LoadOptions = {}, slicer: Slicer = NO_SLICING): Promise<Corpus> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const cache = options.cache;
  const { files, missing } = findCorpusFiles(roots);
  const prev = new Map(options.previous?.files.map((f) => [f.file, f]));
  const probes: Probe[] = [];
  for (const { file, bundled } of files) {
    await slicer.maybePause();
    const st = statCorpusFile(file, bundled, limits);
    probes.push(st instanceof fs.Stats ? { st, known: cache?.knownKey(file, bundled, limits, st) } : { failed: st });
  }
  let bytes = 0;
  for (const p of probes) if ('st' in p) bytes += p.st.size;
  let resident = options.residentEntries ?? (bytes <= (options.residentBytes ?? RESIDENT_BYTES) ? RESIDENT_ENTRIES : 0);
  const pool = startPool(files, probes, schema, options);
  // Workers send the entries along while this thread will keep them (see ReadTask.entries).
  const outcomes = probes.map((p, i) => (pool && 'st' in p && p.known === undefined ? pool.read({ ...files[i]!, limits, entries: resident > 0 }) : undefined));
  const states: FileState[] = [];
  try {
    for (const [i, { file, bundled }] of files.entries()) {
      await slicer.maybePause();
      const probe = probes[i]!;
      const outcome = await outcomes[i];
      let state: FileState;
      if ('failed' in probe) state = probe.failed;
      else if (outcome) {
        if (outcome.stats) cache?.absorb(outcome.stats);
        state = attach(outcome.read, resident > 0, () => readCorpusFile(file, bundled, schema, limits), cache);
      } else {
        // Read here: the file was known to the cache, there was no pool, or its worker failed.
        state = readStatted(file, bundled, schema, limits, probe.st, probe.known, cache, resident > 0);
      }
      state = withFallback(state, prev.get(file));
      resident -= state.heads.length;
      states.push(state);
      options.onProgress?.(states.length, files.length);
    }
  } finally {
    pool?.close();
  }
  await slicer.maybePause();
  if (cache?.stats.writes) cache.prune();
  const corpus = await runSliced(assembleCorpusSteps([...states, ...missing]), slicer);
  if (!cache) return corpus;
  // Checked across files: the heads of files whose entries are on disk go back there too (read
  // again if a feature needs them), so a large corpus does not hold every entry's head.
  const onDisk = corpus.files.map((f) => {
    if (!f.cacheKey || f.fatal || f.stale || f.source.resident) return f;
    // The file's name, not its state: a closure over the state would keep its heads.
    const { file, bundled } = f;
    const stored = { file, bundled, key: f.cacheKey, count: f.source.count, findings: f.findings };
    return cache.storedFileState(stored, () => readCorpusFile(file, bundled, schema, limits), f);
  });
  return runSliced(assembleCorpusSteps(onDisk, corpus.checked()), slicer);
}

/** A pool for the files the cache does not know, when they are worth the threads (see ParsePoolOptions). */
function startPool(files: readonly { file: string }[], probes: readonly Probe[], schema: SchemaValidator, options: LoadOptions): ParsePool | undefined {
  const definition = (schema as Partial<CorpusSchema>).definition;
  if (definition === undefined) return undefined;
  let bytes = 0;
  let count = 0;
  for (const p of probes) {
    if ('st' in p && p.known === undefined) {
      bytes += p.st.size;
      count++;
    }
  }
  // Without a cache every entry must come back to this thread anyway, and cloning 200,000 entries
  // across cost more than parsing them here (30 s against 14 s, with long collector pauses): then
  // threads are used only when asked for.
  if (!options.cache && options.parallel?.threads === undefined) return undefined;
  const threads = Math.min(options.parallel?.threads ?? poolSize(), count);
  if (threads <= 0 || bytes < (options.parallel?.minBytes ?? POOL_MIN_BYTES) || files.length === 0) return undefined;
  const setup = { schema: definition, ...(options.cache ? { cache: options.cache.settings } : {}) };
  return new ParsePool(threads, setup, options.parallel?.script, options.parallel?.heapMb ?? readerHeapMb((options.limits ?? DEFAULT_LIMITS).maxBytes));
}

/** Reads a text file for the adapters: `undefined` when it does not exist. */
export function readTextFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** How many files a warm start hashes because the cache cannot vouch for them by their stat. */
const MAX_HASHED = 16;

/** A corpus assembled from its stored form, with its index as plain data (see `loadStoredCorpus`). */
export interface StoredLoad {
  readonly corpus: Corpus;
  readonly index: unknown;
}

/**
 * The corpus of these roots as the cache stored it, when the cache holds the corpus of exactly
 * these files as they are now (known unchanged by size, times and inode, or else by their content
 * hash): then no corpus file is parsed and no cache file of one is read, only the stored corpus
 * (a warm start).
 * Undefined otherwise; the caller then loads file by file.
 */
export function* loadStoredCorpus(roots: readonly CorpusRoot[], schema: SchemaValidator, cache: CorpusCache, limits: CorpusLimits = DEFAULT_LIMITS): Steps<StoredLoad | undefined> {
  const { files, missing } = findCorpusFiles(roots);
  if (missing.length > 0) return undefined;
  const ordered = [...files].sort(corpusOrder);
  const keys: (string | undefined)[] = [];
  const stats: fs.Stats[] = [];
  for (const { file, bundled } of ordered) {
    const st = statCorpusFile(file, bundled, limits);
    if (!(st instanceof fs.Stats)) return undefined;
    keys.push(cache.knownKey(file, bundled, limits, st));
    stats.push(st);
    if (keys.length % 64 === 0) yield;
  }
  // A few files the cache cannot vouch for by their size, times and inode (changed within the
  // last seconds) are hashed: cheaper than parsing, and the stored corpus may still be theirs.
  // Many unknown files mean a new or cleared cache: the load reads them anyway.
  const unknown = keys.flatMap((k, i) => (k === undefined ? [i] : []));
  if (unknown.length > MAX_HASHED) return undefined;
  for (const i of unknown) {
    const { file, bundled } = ordered[i]!;
    try {
      keys[i] = cache.key(file, bundled, limits, fs.readFileSync(file));
    } catch {
      return undefined;
    }
    cache.remember(file, bundled, limits, stats[i]!, keys[i]!);
    yield;
  }
  const stored = yield* cache.readCorpus(cache.corpusKey(keys as string[]));
  if (!stored || stored.files.length !== ordered.length || stored.files.some((f, i) => f.file !== ordered[i]!.file || f.bundled !== ordered[i]!.bundled || f.key !== keys[i])) return undefined;
  const states = stored.files.map((f) => cache.storedFileState(f, () => readCorpusFile(f.file, f.bundled, schema, limits)));
  const { idText, idEnds, at, findings } = stored.checked;
  const ids: string[] = [];
  const where = new Map<string, number>();
  for (let k = 0; k < idEnds.length; k++) {
    const id = idText.slice(k === 0 ? 0 : idEnds[k - 1], idEnds[k]);
    ids.push(id);
    where.set(id, at[k]!);
    if (k % 8192 === 0) yield;
  }
  if (where.size !== ids.length) return undefined;
  yield;
  return { corpus: yield* assembleCorpusSteps(states, { ids, where, findings }), index: stored.index };
}
