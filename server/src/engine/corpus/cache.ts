/**
 * The on-disk cache of read corpus files: each file's parsed, validated and built state, stored
 * under a hash of its content (and of its path, its bundled flag, the limits and the engine
 * build), so a warm start reads a file's entries back instead of parsing its YAML again. A
 * changed file has a new hash and is read afresh; an entry that cannot be read back (truncated,
 * written by another build, tampered with) is a miss, never an error.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { IndexInputs } from '../search/inputs.js';
import { entryFromSource, type CrossChecked, type FileState } from './corpus.js';
import type { Entry } from './model.js';
import type { CorpusLimits } from './parse.js';
import { EntryLru, LazyEntries, type EntryReader, type EntrySource } from './store.js';
import type { Steps } from '../slice.js';

// 4: the file's index inputs follow its entries (their length is in the header).
// 5: the index inputs' words are numbered in a vocabulary of the file's.
// 6: entries may be stored as their YAML text (Meta.sourced).
const MAGIC = 'lexlens-file-state/6';
/** Default size cap of the cache folder; the least recently used files go first. */
export const DEFAULT_CACHE_BYTES = 2 * 1024 * 1024 * 1024;

export interface CacheStats {
  hits: number;
  /** Files known by their size, times and inode, not read at all. */
  unread: number;
  misses: number;
  writes: number;
  /** The first error that made the cache stop writing (a read-only or full disk). */
  error?: string;
}

/**
 * Where one file's entries are in its cache file: what a worker thread that wrote (or found) the
 * cache file hands the main thread, which then reads entries from it without reading its header.
 */
export interface StoredEntries {
  readonly key: string;
  /** Where the entries start in the cache file. */
  readonly base: number;
  /** Where each entry starts, counted from `base`; the last is the end of the entries. */
  readonly offsets: readonly number[];
  /** Bytes of the index inputs, which follow the entries (0: none). */
  readonly indexBytes: number;
  /** The entries are stored as their YAML text (see Meta), to be read again as items of this corpus file. */
  readonly sourced: boolean;
  readonly corpusFile: string;
  readonly bundled: boolean;
}

/** A file state as its cache file's header holds it: everything but the entries, and where they are. */
export interface StoredState {
  readonly state: Omit<FileState, 'source'>;
  readonly stored: StoredEntries;
}

/** Where a cache is and which build it serves: enough for another thread to open the same cache. */
export interface CacheSettings {
  readonly dir: string;
  readonly version: string;
  readonly maxBytes: number;
}

/** What is recorded of a corpus file with its content key. */
interface StatRecord {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  readonly key: string;
  /** When the record was written (ms since the epoch). */
  readonly at: number;
}

/**
 * What a cache file holds before its entries: the file state without them, and where each
 * entry's bytes start, counted from the end of the header (the last offset is the end of the
 * entries), so the header does not depend on its own length.
 */
interface Meta {
  readonly magic: string;
  readonly key: string;
  readonly file: string;
  readonly bundled: boolean;
  readonly heads: FileState['heads'];
  readonly findings: FileState['findings'];
  readonly offsets: readonly number[];
  /** Bytes of the file's index inputs, serialized after the entries (0: none). */
  readonly indexBytes: number;
  /**
   * The entries are stored as their YAML text (see `EntrySources`), each read again when asked
   * for; otherwise each is v8-serialized as built.
   */
  readonly sourced: boolean;
}

/**
 * Where each entry's YAML is in the text of its corpus file (see `entrySourcesOf` in corpus.ts):
 * a cache file then holds that text rather than the entries as built. Storing text costs a
 * fraction of serializing the entries (which was a fifth of reading a large corpus), and the
 * file is the size of the YAML rather than 2.3 times it.
 */
export interface EntrySources {
  readonly text: string;
  /** Entry k's item is `text.slice(starts[k], starts[k + 1])`. */
  readonly starts: readonly number[];
}

/**
 * The cache folder. A cache file is: 4 bytes (the length n of the header), the header (v8
 * serialization of `Meta`), then each entry on its own (serialized, or its YAML text: see
 * `Meta.sourced`), so one entry can be read without the others, then the file's index inputs.
 */
export class CorpusCache {
  readonly stats: CacheStats = { hits: 0, unread: 0, misses: 0, writes: 0 };
  /** Entries recently read from cache files, shared by every corpus this cache serves. */
  readonly lru = new EntryLru();
  private writable = true;

  /**
   * @param dir folder of the cache (created on first write)
   * @param version the engine build: states written by another build are never read
   */
  constructor(
    readonly dir: string,
    private readonly version: string,
    private readonly maxBytes = DEFAULT_CACHE_BYTES,
  ) {}

  /** Where this cache is and which build it serves, for a worker thread to open it too. */
  get settings(): CacheSettings {
    return { dir: this.dir, version: this.version, maxBytes: this.maxBytes };
  }

  /**
   * Adds what another thread's cache over the same folder did (see `settings`) to these
   * counts; when that cache could not write, this one stops writing too: it is the same disk.
   */
  absorb(other: CacheStats): void {
    this.stats.hits += other.hits;
    this.stats.unread += other.unread;
    this.stats.misses += other.misses;
    this.stats.writes += other.writes;
    if (other.error !== undefined && this.stats.error === undefined) {
      this.writable = false;
      this.stats.error = other.error;
    }
  }

  /** The cache key of one file's content as read with these settings. */
  key(file: string, bundled: boolean, limits: CorpusLimits, content: Uint8Array): string {
    return this.digest(JSON.stringify(limits), bundled ? '1' : '0', file, content);
  }

  /** sha256 of this format and build and of `parts`, each ended by a NUL (so no two lists of parts run together). */
  private digest(...parts: (string | Uint8Array)[]): string {
    const h = crypto.createHash('sha256').update(`${MAGIC}\u0000${this.version}\u0000`);
    for (const p of parts) h.update(p).update('\u0000');
    return h.digest('hex');
  }

  private pathOf(key: string): string {
    return path.join(this.dir, `${key}.bin`);
  }

  private statRecordOf(file: string, bundled: boolean, limits: CorpusLimits): string {
    const name = this.digest('stat', JSON.stringify(limits), bundled ? '1' : '0', file).slice(0, 40);
    return path.join(this.dir, `stat-${name}.json`);
  }

  /**
   * The content key recorded for `file` when its size, modification and change times and inode
   * were the ones it has now, so that an unchanged file is not read and hashed again (as git
   * does). A record written within two seconds of the file's last change is not trusted: a
   * second write in the same clock tick would leave the times unchanged.
   */
  knownKey(file: string, bundled: boolean, limits: CorpusLimits, st: fs.Stats): string | undefined {
    try {
      const r = JSON.parse(fs.readFileSync(this.statRecordOf(file, bundled, limits), 'utf8')) as StatRecord;
      const same = r.size === st.size && r.mtimeMs === st.mtimeMs && r.ctimeMs === st.ctimeMs && r.ino === st.ino && typeof r.key === 'string';
      return same && Math.max(st.mtimeMs, st.ctimeMs) < r.at - 2000 ? r.key : undefined;
    } catch {
      return undefined;
    }
  }

  /** Records the content key of `file` as it is now (see knownKey). */
  remember(file: string, bundled: boolean, limits: CorpusLimits, st: fs.Stats, key: string): void {
    if (!this.writable) return;
    const record: StatRecord = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, key, at: Date.now() };
    const p = this.statRecordOf(file, bundled, limits);
    try {
      const tmp = temporaryOf(p);
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify(record));
      fs.renameSync(tmp, p);
    } catch {
      // Only a shortcut: without it the file is hashed on the next start.
    }
  }

  /** The header of the cache file stored under `key` (the state without its entries, and where they are), or undefined. */
  load(key: string): StoredState | undefined {
    const p = this.pathOf(key);
    let fd: number | undefined;
    try {
      fd = fs.openSync(p, 'r');
      const len = Buffer.alloc(4);
      if (fs.readSync(fd, len, 0, 4, 0) !== 4) throw new Error('truncated');
      const n = len.readUInt32LE(0);
      const head = Buffer.alloc(n);
      if (fs.readSync(fd, head, 0, n, 4) !== n) throw new Error('truncated');
      const meta = v8.deserialize(head) as Meta;
      if (meta.magic !== MAGIC || meta.key !== key || !isMeta(meta)) throw new Error('not a cache file of this build');
      if (fs.fstatSync(fd).size !== 4 + n + meta.offsets[meta.offsets.length - 1]! + meta.indexBytes) throw new Error('truncated');
      this.stats.hits++;
      // Touch it, so pruning drops the files no corpus has used for longest.
      const now = new Date();
      fs.futimesSync(fd, now, now);
      const state = { file: meta.file, bundled: meta.bundled, heads: meta.heads, findings: meta.findings, fatal: false, stale: false };
      return { state, stored: { key, base: 4 + n, offsets: meta.offsets, indexBytes: meta.indexBytes, sourced: meta.sourced, corpusFile: meta.file, bundled: meta.bundled } };
    } catch {
      this.stats.misses++;
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** Writes a state read from YAML to its cache file and says where its entries are (undefined when it could not be stored; fatal states are not). */
  store(key: string, state: FileState, sources?: EntrySources): StoredEntries | undefined {
    if (!this.writable || state.fatal) return undefined;
    try {
      const sourced = sources !== undefined && sources.starts.length === state.source.count + 1;
      const entries = sourced ? sourceBuffers(sources) : state.source.all().map((e) => v8.serialize(e));
      const offsets = [0];
      for (const b of entries) offsets.push(offsets[offsets.length - 1]! + b.length);
      const index = state.index ? v8.serialize(state.index) : Buffer.alloc(0);
      const meta: Meta = { magic: MAGIC, key, file: state.file, bundled: state.bundled, heads: state.heads, findings: state.findings, offsets, indexBytes: index.length, sourced };
      const header = v8.serialize(meta);
      const len = Buffer.alloc(4);
      len.writeUInt32LE(header.length, 0);
      fs.mkdirSync(this.dir, { recursive: true });
      const tmp = temporaryOf(this.pathOf(key));
      fs.writeFileSync(tmp, Buffer.concat([len, header, ...entries, index]));
      // Rename is atomic: another server reading the same cache sees the whole file or none.
      fs.renameSync(tmp, this.pathOf(key));
      this.stats.writes++;
      return { key, base: 4 + header.length, offsets, indexBytes: index.length, sourced, corpusFile: state.file, bundled: state.bundled };
    } catch (e) {
      this.writable = false;
      this.stats.error = `The corpus cache in ${this.dir} cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)}); corpus files are parsed on every start.`;
      return undefined;
    }
  }

  /**
   * The entries of a cache file as `load` or `store` (perhaps in another thread) found them,
   * read one by one when asked for. `reread` reads the corpus file again, for the rare case where
   * the cache file disappears or changes while the entries are in use.
   */
  adopt(stored: StoredEntries, reread: () => FileState): EntrySource {
    return new LazyEntries(new FileEntries(this.pathOf(stored.key), stored, reread), this.lru);
  }

  /**
   * `state` with its `index` read from the cache file whenever it is asked for, and not kept:
   * the index inputs of a large corpus are as large as its ids and spans, and only building the
   * index reads them, once (a warm start that finds its index in the cache never does).
   * Undefined when the cache file is gone or damaged: then they are computed from the entries.
   */
  withIndex<T extends Omit<FileState, 'index'>>(state: T, stored: StoredEntries): T & { readonly index?: IndexInputs } {
    if (stored.indexBytes === 0) return state;
    // Not enumerable: copying a state ({ ...state }) must not read the disk.
    return Object.defineProperty(state, 'index', { configurable: true, enumerable: false, get: () => this.readIndex(stored) });
  }

  private readIndex(stored: StoredEntries): IndexInputs | undefined {
    const buf = Buffer.alloc(stored.indexBytes);
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.pathOf(stored.key), 'r');
      if (fs.readSync(fd, buf, 0, buf.length, stored.base + stored.offsets[stored.offsets.length - 1]!) !== buf.length) return undefined;
      const index = v8.deserialize(buf) as IndexInputs;
      return isIndexInputs(index, stored.offsets.length - 1) ? index : undefined;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /**
   * The key of a corpus's stored form (its cross-file checks and its index): the keys of its
   * files, in order. Undefined when a file did not come through the cache (unreadable, broken,
   * or serving its last good version).
   */
  indexKey(files: readonly FileState[]): string | undefined {
    const keys: string[] = [];
    for (const f of files) {
      if (f.fatal || f.stale || !f.cacheKey) return undefined;
      keys.push(f.cacheKey);
    }
    return this.corpusKey(keys);
  }

  /** The key of the stored corpus whose files have these cache keys, in corpus order. */
  corpusKey(fileKeys: readonly string[]): string {
    return this.digest('corpus', ...fileKeys);
  }

  private corpusPath(key: string): string {
    return path.join(this.dir, `corpus-${key}.bin`);
  }

  /**
   * A stored corpus, or undefined (none, damaged, or of another build), read in steps: each of
   * its sections read and deserialized on its own, so a warm start of a large corpus never holds
   * the thread for long (see slice.ts).
   */
  *readCorpus(key: string): Steps<StoredCorpus | undefined> {
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.corpusPath(key), 'r');
      const size = fs.fstatSync(fd).size;
      let at = 0;
      // Each section into a buffer of its own: arrays deserialized from a buffer are views into
      // it, and would keep the whole file's bytes alive.
      const next = (): unknown => {
        const len = Buffer.alloc(4);
        if (at + 4 > size || fs.readSync(fd!, len, 0, 4, at) !== 4) throw new Error('truncated');
        const n = len.readUInt32LE(0);
        if (at + 4 + n > size) throw new Error('truncated');
        const buf = Buffer.allocUnsafeSlow(n);
        for (let done = 0; done < n; ) {
          const got = fs.readSync(fd!, buf, done, n - done, at + 4 + done);
          if (got === 0) throw new Error('truncated');
          done += got;
        }
        at += 4 + n;
        return v8.deserialize(buf);
      };
      const head = next() as { magic?: unknown; key?: unknown; paths?: unknown };
      if (head.magic !== MAGIC || head.key !== key || !Array.isArray(head.paths)) return undefined;
      const root: Record<string, unknown> = {};
      for (const p of head.paths as string[][]) {
        yield;
        setPath(root, p, next());
      }
      if (at !== size) return undefined;
      // Touch it, so pruning drops the files no corpus has used for longest.
      const now = new Date();
      fs.futimesSync(fd, now, now);
      const corpus = root as unknown as StoredCorpus;
      return isStoredCorpus(corpus) ? corpus : undefined;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /**
   * Stores a corpus's files, checks and index under `key` (see corpusKey): a header, then each
   * leaf of the object tree (a typed array, a string, a list) as a section of its own, each
   * serialized and written in a step of its own (see slice.ts).
   */
  *writeCorpus(key: string, corpus: StoredCorpus): Steps<void> {
    if (!this.writable) return;
    const p = this.corpusPath(key);
    const tmp = temporaryOf(p);
    let fd: number | undefined;
    try {
      const leaves: [string[], unknown][] = [];
      collectLeaves(corpus, [], leaves);
      fs.mkdirSync(this.dir, { recursive: true });
      fd = fs.openSync(tmp, 'w');
      // A section is written in pieces, a step each: writing 30 MB at once holds the thread for ~50 ms.
      const write = function* (value: unknown): Steps<void> {
        const b = v8.serialize(value);
        const len = Buffer.alloc(4);
        len.writeUInt32LE(b.length, 0);
        fs.writeSync(fd!, len);
        for (let at = 0; at < b.length; at += WRITE_PIECE) {
          yield;
          fs.writeSync(fd!, b, at, Math.min(WRITE_PIECE, b.length - at));
        }
      };
      yield* write({ magic: MAGIC, key, paths: leaves.map(([path]) => path) });
      for (const [, value] of leaves) yield* write(value);
      fs.closeSync(fd);
      fd = undefined;
      fs.renameSync(tmp, p);
    } catch {
      // Only a shortcut: the corpus is assembled and indexed again on the next start.
      if (fd !== undefined) fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
    }
  }

  /**
   * The state of a file whose cache file holds it, read from that file only when a feature needs
   * its heads or entries (a warm start reads none). `from`: the file's state as just loaded, whose
   * entries (and index inputs) are already read from the cache file on demand: only its heads go
   * back to disk. `reread` reads the corpus file itself should the cache file be gone by then.
   */
  storedFileState(f: StoredFile, reread: () => FileState, from?: FileState): FileState {
    // Heads and entries are read from the cache file apart, each when first asked for: a request
    // that reads an entry must not leave the file's heads in memory (a warm-started server that
    // then checked a long memo held the heads of 188,000 entries, about 150 MB of heap).
    let heads: FileState['heads'] | undefined;
    let entries: EntrySource | undefined;
    const entriesOf = (): EntrySource => {
      if (!entries) {
        const found = this.load(f.key);
        entries = found ? this.adopt(found.stored, reread) : reread().source;
      }
      return entries;
    };
    const headsOf = () => (heads ??= this.load(f.key)?.state.heads ?? reread().heads);
    const source: EntrySource = from?.source ?? { count: f.count, resident: false, at: (i) => entriesOf().at(i), all: () => entriesOf().all() };
    const state: FileState = {
      file: f.file,
      bundled: f.bundled,
      findings: f.findings,
      fatal: false,
      stale: false,
      cacheKey: f.key,
      source,
      get heads() {
        return headsOf();
      },
    };
    const index = from && Object.getOwnPropertyDescriptor(from, 'index');
    if (index) Object.defineProperty(state, 'index', index);
    return state;
  }

  /** Removes the least recently used files past the size cap, and stale temporary files. */
  prune(): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return;
    }
    const files: { p: string; size: number; mtime: number }[] = [];
    for (const n of names) {
      const p = path.join(this.dir, n);
      try {
        const st = fs.statSync(p);
        if (n.endsWith('.tmp') && Date.now() - st.mtimeMs > 3_600_000) fs.rmSync(p, { force: true });
        else if (n.endsWith('.bin') || n.endsWith('.json')) files.push({ p, size: st.size, mtime: st.mtimeMs });
      } catch {
        // Removed by another process meanwhile.
      }
    }
    let total = files.reduce((n, f) => n + f.size, 0);
    files.sort((a, b) => a.mtime - b.mtime);
    // Files touched in the last hour may be in use by a running corpus: never removed.
    const recent = Date.now() - 3_600_000;
    for (const f of files) {
      if (total <= this.maxBytes) break;
      if (f.mtime > recent) continue;
      fs.rmSync(f.p, { force: true });
      total -= f.size;
    }
  }
}

/**
 * Each entry's bytes in a cache file that stores entries as their YAML text: where its item
 * begins in the corpus file's text (4 bytes), then the item's text in UTF-8.
 */
function sourceBuffers(sources: EntrySources): Buffer[] {
  const out: Buffer[] = [];
  for (let k = 0; k + 1 < sources.starts.length; k++) {
    const text = sources.text.slice(sources.starts[k], sources.starts[k + 1]);
    const b = Buffer.allocUnsafe(4 + Buffer.byteLength(text));
    b.writeUInt32LE(sources.starts[k]!, 0);
    b.write(text, 4);
    out.push(b);
  }
  return out;
}

/** Reads entries from one cache file by their offsets (counted from `base`, where the entries start). */
class FileEntries implements EntryReader {
  private fallback: readonly Entry[] | undefined;
  private readonly base: number;
  private readonly offsets: readonly number[];
  readonly name: string;
  constructor(
    private readonly file: string,
    private readonly stored: StoredEntries,
    private readonly reread: () => FileState,
  ) {
    this.base = stored.base;
    this.offsets = stored.offsets;
    this.name = stored.key;
  }

  get count(): number {
    return this.offsets.length - 1;
  }

  /** The entry stored in `b` (as built, or as its YAML text), else an error. */
  private entryOf(b: Buffer): Entry {
    if (!this.stored.sourced) return v8.deserialize(b) as Entry;
    const entry = entryFromSource(b.toString('utf8', 4), b.readUInt32LE(0), this.stored.corpusFile, this.stored.bundled);
    if (!entry) throw new Error('not an entry');
    return entry;
  }

  read(i: number): Entry {
    if (this.fallback) return this.fallback[i]!;
    const start = this.base + this.offsets[i]!;
    const buf = Buffer.alloc(this.offsets[i + 1]! - this.offsets[i]!);
    try {
      const fd = fs.openSync(this.file, 'r');
      try {
        fs.readSync(fd, buf, 0, buf.length, start);
      } finally {
        fs.closeSync(fd);
      }
      return this.entryOf(buf);
    } catch {
      // The cache file was removed or damaged under us: read the corpus file itself instead.
      this.fallback = this.reread().source.all();
      return this.fallback[i]!;
    }
  }

  readAll(): readonly Entry[] {
    if (this.fallback) return this.fallback;
    try {
      const buf = fs.readFileSync(this.file);
      const out: Entry[] = [];
      for (let i = 0; i < this.count; i++) out.push(this.entryOf(buf.subarray(this.base + this.offsets[i]!, this.base + this.offsets[i + 1]!)));
      return out;
    } catch {
      this.fallback = this.reread().source.all();
      return this.fallback;
    }
  }
}

function isMeta(m: Meta): boolean {
  return typeof m.file === 'string' && typeof m.bundled === 'boolean' && Array.isArray(m.heads) && Array.isArray(m.findings) && Array.isArray(m.offsets) && m.offsets.length === m.heads.length + 1 && Number.isInteger(m.indexBytes) && m.indexBytes >= 0 && typeof m.sourced === 'boolean';
}

function isIndexInputs(x: IndexInputs, entries: number): boolean {
  return typeof x === 'object' && x !== null && typeof x.words === 'object' && x.words !== null && typeof x.words.vocab === 'string' && x.words.ids instanceof Int32Array && x.words.at instanceof Int32Array && x.words.at.length === entries + 1 && x.kinds instanceof Uint8Array && x.kinds.length === entries && typeof x.names === 'object' && x.names !== null && x.names.lawIdAt instanceof Int32Array && x.lawAt instanceof Int32Array && x.lawAt.length === x.names.lawIdAt.length - 1;
}

/** A file of a stored corpus: enough to assemble the corpus without opening its cache file. */
export interface StoredFile {
  readonly file: string;
  readonly bundled: boolean;
  readonly key: string;
  readonly count: number;
  readonly findings: FileState['findings'];
}

/** A corpus's cross-file checks as stored: the ids in one string, so reading them back is one string, not one per id. */
export interface StoredChecks {
  readonly idText: string;
  /** Where each id ends in `idText`. */
  readonly idEnds: Int32Array;
  /** Per id: its entry's position (FILE_STRIDE × file + entry). */
  readonly at: Int32Array;
  readonly findings: CrossChecked['findings'];
}

/** What a warm start reads instead of every file's cache file: the files, their cross-file checks and the index (plain data). */
export interface StoredCorpus {
  readonly files: readonly StoredFile[];
  readonly checked: StoredChecks;
  readonly index: unknown;
}

/** Temporary files this process has started writing. */
let temporaries = 0;

/**
 * A temporary file to write `p` through (renamed onto it once whole, so a reader sees the whole
 * file or none): of this process, and of this write, since the stored corpus is written in steps
 * and two loads of the same corpus in one process must not share one.
 */
function temporaryOf(p: string): string {
  return `${p}.${process.pid}.${++temporaries}.tmp`;
}

/** Bytes of a stored corpus written between two steps. */
const WRITE_PIECE = 4 * 1024 * 1024;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The leaves of a tree of plain objects (anything that is not a plain object), with their paths. */
function collectLeaves(v: unknown, path: string[], out: [string[], unknown][]): void {
  if (isPlainObject(v) && Object.keys(v).length > 0) for (const [k, x] of Object.entries(v)) collectLeaves(x, [...path, k], out);
  else out.push([path, v]);
}

function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = root;
  for (const k of path.slice(0, -1)) {
    if (k === '__proto__') throw new Error('not a stored corpus');
    node = (Object.hasOwn(node, k) ? node[k] : (node[k] = {})) as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (last === undefined || last === '__proto__') throw new Error('not a stored corpus');
  node[last] = value;
}

function isStoredCorpus(c: StoredCorpus | undefined): c is StoredCorpus {
  return (
    typeof c === 'object' &&
    c !== null &&
    Array.isArray(c.files) &&
    c.files.every((f) => typeof f.file === 'string' && typeof f.key === 'string' && typeof f.count === 'number' && Array.isArray(f.findings)) &&
    typeof c.checked === 'object' &&
    typeof c.checked.idText === 'string' &&
    c.checked.idEnds instanceof Int32Array &&
    c.checked.at instanceof Int32Array &&
    c.checked.at.length === c.checked.idEnds.length &&
    (c.checked.idEnds.length === 0 || c.checked.idEnds[c.checked.idEnds.length - 1] === c.checked.idText.length) &&
    Array.isArray(c.checked.findings)
  );
}

/** The folder a user's caches go in: `$XDG_CACHE_HOME/lexlens` or `~/.cache/lexlens` (`%LOCALAPPDATA%\lexlens` on Windows). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return path.join(env['LOCALAPPDATA'], 'lexlens', 'cache');
  return path.join(env['XDG_CACHE_HOME'] || path.join(home, '.cache'), 'lexlens');
}
