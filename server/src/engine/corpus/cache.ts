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
import type { FileState } from './corpus.js';
import type { Entry } from './model.js';
import type { CorpusLimits } from './parse.js';
import { EntryLru, LazyEntries, type EntryReader } from './store.js';

const MAGIC = 'lexlens-file-state/3';
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
}

/**
 * The cache folder. A cache file is: 4 bytes (the length n of the header), the header (v8
 * serialization of `Meta`), then each entry serialized on its own, so one entry can be read
 * without the others.
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
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(`${p}.${process.pid}.tmp`, JSON.stringify(record));
      fs.renameSync(`${p}.${process.pid}.tmp`, p);
    } catch {
      // Only a shortcut: without it the file is hashed on the next start.
    }
  }

  /**
   * The file state stored under `key`, its entries left on disk (read one by one when asked for),
   * or undefined. `reread` reads the corpus file again, for the rare case where the cache file
   * disappears or changes while the state is in use.
   */
  get(key: string, reread: () => FileState): FileState | undefined {
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
      if (fs.fstatSync(fd).size !== 4 + n + meta.offsets[meta.offsets.length - 1]!) throw new Error('truncated');
      this.stats.hits++;
      // Touch it, so pruning drops the files no corpus has used for longest.
      const now = new Date();
      fs.futimesSync(fd, now, now);
      const reader = new FileEntries(p, key, 4 + n, meta.offsets, reread);
      return { file: meta.file, bundled: meta.bundled, heads: meta.heads, findings: meta.findings, source: new LazyEntries(reader, this.lru), fatal: false, stale: false };
    } catch {
      this.stats.misses++;
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /**
   * Stores a state read from YAML, and returns the same state with its entries left in the cache
   * file (undefined when it could not be stored). Fatal states (the file could not be read) are not stored.
   */
  put(key: string, state: FileState, reread: () => FileState): FileState | undefined {
    if (!this.writable || state.fatal) return undefined;
    try {
      const entries = state.source.all().map((e) => v8.serialize(e));
      const offsets = [0];
      for (const b of entries) offsets.push(offsets[offsets.length - 1]! + b.length);
      const meta: Meta = { magic: MAGIC, key, file: state.file, bundled: state.bundled, heads: state.heads, findings: state.findings, offsets };
      const header = v8.serialize(meta);
      const len = Buffer.alloc(4);
      len.writeUInt32LE(header.length, 0);
      fs.mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.pathOf(key)}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.concat([len, header, ...entries]));
      // Rename is atomic: another server reading the same cache sees the whole file or none.
      fs.renameSync(tmp, this.pathOf(key));
      this.stats.writes++;
      return { ...state, source: new LazyEntries(new FileEntries(this.pathOf(key), key, 4 + header.length, offsets, reread), this.lru) };
    } catch (e) {
      this.writable = false;
      this.stats.error = `The corpus cache in ${this.dir} cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)}); corpus files are parsed on every start.`;
      return undefined;
    }
  }

  /**
   * The key of a corpus's index: the keys of its files, in order. Undefined when a file did not
   * come through the cache (unreadable, broken, or serving its last good version).
   */
  indexKey(files: readonly FileState[]): string | undefined {
    const keys: string[] = [];
    for (const f of files) {
      if (f.fatal || f.stale || !f.cacheKey) return undefined;
      keys.push(f.cacheKey);
    }
    return this.digest('index', ...keys);
  }

  /** A stored index (plain data), or undefined. */
  getIndex(key: string): unknown {
    try {
      const stored = v8.deserialize(fs.readFileSync(path.join(this.dir, `index-${key}.bin`))) as { magic?: unknown; key?: unknown; index?: unknown };
      if (stored.magic !== MAGIC || stored.key !== key) return undefined;
      return stored.index;
    } catch {
      return undefined;
    }
  }

  putIndex(key: string, index: unknown): void {
    if (!this.writable) return;
    const p = path.join(this.dir, `index-${key}.bin`);
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(`${p}.${process.pid}.tmp`, v8.serialize({ magic: MAGIC, key, index }));
      fs.renameSync(`${p}.${process.pid}.tmp`, p);
    } catch {
      // Only a shortcut: the index is built again on the next start.
    }
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

/** Reads entries from one cache file by their offsets (counted from `base`, where the entries start). */
class FileEntries implements EntryReader {
  private fallback: readonly Entry[] | undefined;
  constructor(
    private readonly file: string,
    readonly name: string,
    private readonly base: number,
    private readonly offsets: readonly number[],
    private readonly reread: () => FileState,
  ) {}

  get count(): number {
    return this.offsets.length - 1;
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
      return v8.deserialize(buf) as Entry;
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
      for (let i = 0; i < this.count; i++) out.push(v8.deserialize(buf.subarray(this.base + this.offsets[i]!, this.base + this.offsets[i + 1]!)) as Entry);
      return out;
    } catch {
      this.fallback = this.reread().source.all();
      return this.fallback;
    }
  }
}

function isMeta(m: Meta): boolean {
  return typeof m.file === 'string' && typeof m.bundled === 'boolean' && Array.isArray(m.heads) && Array.isArray(m.findings) && Array.isArray(m.offsets) && m.offsets.length === m.heads.length + 1;
}

/** The folder a user's caches go in: `$XDG_CACHE_HOME/lexlens` or `~/.cache/lexlens` (`%LOCALAPPDATA%\lexlens` on Windows). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return path.join(env['LOCALAPPDATA'], 'lexlens', 'cache');
  return path.join(env['XDG_CACHE_HOME'] || path.join(home, '.cache'), 'lexlens');
}
