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
import type { CorpusLimits } from './parse.js';

const MAGIC = 'lexlens-file-state/1';
/** Default size cap of the cache folder; the least recently used files go first. */
export const DEFAULT_CACHE_BYTES = 2 * 1024 * 1024 * 1024;

export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
  /** The first error that made the cache stop writing (a read-only or full disk). */
  error?: string;
}

export class CorpusCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, writes: 0 };
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
    return crypto
      .createHash('sha256')
      .update(`${MAGIC}\u0000${this.version}\u0000${JSON.stringify(limits)}\u0000${bundled ? 1 : 0}\u0000${file}\u0000`)
      .update(content)
      .digest('hex');
  }

  private pathOf(key: string): string {
    return path.join(this.dir, `${key}.bin`);
  }

  get(key: string): FileState | undefined {
    const p = this.pathOf(key);
    try {
      const stored = v8.deserialize(fs.readFileSync(p)) as { magic?: unknown; key?: unknown; state?: FileState };
      if (stored.magic !== MAGIC || stored.key !== key || !isFileState(stored.state)) throw new Error('not a cached file state');
      this.stats.hits++;
      // Touch it, so pruning drops the files no corpus has used for longest.
      const now = new Date();
      fs.utimes(p, now, now, () => undefined);
      return stored.state;
    } catch {
      this.stats.misses++;
      return undefined;
    }
  }

  put(key: string, state: FileState): void {
    if (!this.writable || state.fatal) return;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.pathOf(key)}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, v8.serialize({ magic: MAGIC, key, state }));
      // Rename is atomic: another server reading the same cache sees the whole file or none.
      fs.renameSync(tmp, this.pathOf(key));
      this.stats.writes++;
    } catch (e) {
      this.writable = false;
      this.stats.error = `The corpus cache in ${this.dir} cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)}); corpus files are parsed on every start.`;
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
        else if (n.endsWith('.bin')) files.push({ p, size: st.size, mtime: st.mtimeMs });
      } catch {
        // Removed by another process meanwhile.
      }
    }
    let total = files.reduce((n, f) => n + f.size, 0);
    files.sort((a, b) => a.mtime - b.mtime);
    for (const f of files) {
      if (total <= this.maxBytes) break;
      fs.rmSync(f.p, { force: true });
      total -= f.size;
    }
  }
}

function isFileState(s: unknown): s is FileState {
  const f = s as FileState | undefined;
  return !!f && typeof f.file === 'string' && Array.isArray(f.entries) && f.pointers instanceof Map && f.valueSpans instanceof Map && Array.isArray(f.findings);
}

/** The folder a user's caches go in: `$XDG_CACHE_HOME/lexlens` or `~/.cache/lexlens` (`%LOCALAPPDATA%\lexlens` on Windows). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return path.join(env['LOCALAPPDATA'], 'lexlens', 'cache');
  return path.join(env['XDG_CACHE_HOME'] || path.join(home, '.cache'), 'lexlens');
}
