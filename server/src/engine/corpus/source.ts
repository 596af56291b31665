/**
 * The one engine module that touches the disk: finds corpus files under the configured paths
 * and reads them defensively (size checked before reading, invalid UTF-8 reported with its
 * position, symlink loops and vanished folders tolerated).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NO_SLICING, type Slicer } from '../slice.js';
import type { CorpusCache } from './cache.js';
import { assembleCorpus, failedFileState, readFileState, withFallback, type Corpus, type FileState } from './corpus.js';
import { DEFAULT_LIMITS, type CorpusLimits } from './parse.js';
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
      missing.push(failedFileState(abs, root.bundled, `The corpus path ${abs} does not exist or cannot be read.`));
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
 * Reads one corpus file into a file state; never throws. With a cache, the state comes from the
 * cache when the file's content is there, and is stored there otherwise; `keepInMemory` says
 * whether its entries should then be held in memory or read from the cache file when needed.
 */
export function readCorpusFile(file: string, bundled: boolean, schema: SchemaValidator, limits: CorpusLimits = DEFAULT_LIMITS, cache?: CorpusCache, keepInMemory = true): FileState {
  let buf: Buffer;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
    if (st.size > limits.maxBytes) {
      return failedFileState(file, bundled, `The file is ${(st.size / 1048576).toFixed(1)} MB, over the ${(limits.maxBytes / 1048576).toFixed(0)} MB limit for corpus files, and was not read.`);
    }
  } catch (e) {
    return failedFileState(file, bundled, `The file could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  // Should a cache file vanish while its entries are in use, the corpus file is read again (not
  // kept in memory: that would be the whole corpus's text).
  const reread = () => readCorpusFile(file, bundled, schema, limits);
  const fromCache = (key: string): FileState | undefined => {
    const cached = cache!.get(key, reread);
    return cached && keepInMemory ? { ...cached, source: new MemoryEntries(cached.source.all()), cacheKey: key } : cached && { ...cached, cacheKey: key };
  };
  // A file whose size, times and inode are those recorded with its content hash is not read again.
  const known = cache?.knownKey(file, bundled, limits, st);
  const hit = known === undefined ? undefined : fromCache(known);
  if (hit) {
    cache!.stats.unread++;
    return hit;
  }
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return failedFileState(file, bundled, `The file could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  if (buf.length > limits.maxBytes) return failedFileState(file, bundled, `The file grew over the ${(limits.maxBytes / 1048576).toFixed(0)} MB limit while it was read, and was not read.`);
  if (!cache) return decodeAndRead(buf, file, bundled, schema, limits);
  const key = cache.key(file, bundled, limits, buf);
  cache.remember(file, bundled, limits, st, key);
  const cached = fromCache(key);
  if (cached) return cached;
  const state = decodeAndRead(buf, file, bundled, schema, limits);
  const stored = cache.put(key, state, reread);
  if (!stored) return state;
  return keepInMemory ? { ...state, cacheKey: key } : { ...stored, cacheKey: key };
}

function decodeAndRead(buf: Buffer, file: string, bundled: boolean, schema: SchemaValidator, limits: CorpusLimits): FileState {
  let text: string;
  // ignoreBOM keeps a byte-order mark in the text (parse.ts skips it), so offsets count from the
  // file's first character, as every reader of the file that maps them to lines does.
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
    const bad = lossy.indexOf('\uFFFD');
    return failedFileState(file, bundled, 'The file is not valid UTF-8 text.', { start: Math.max(0, bad), end: Math.max(0, bad) + 1 });
  }
  return readFileState(text, file, bundled, schema, limits);
}

/** Reads and compiles the corpus JSON Schema shipped in `<dataDir>/schema/corpus.schema.json`. */
export function loadSchema(dataDir: string): SchemaValidator {
  const text = fs.readFileSync(path.join(dataDir, 'schema', 'corpus.schema.json'), 'utf8');
  return compileSchema(JSON.parse(text) as object);
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
   * read from the cache when needed. Default RESIDENT_ENTRIES.
   */
  readonly residentEntries?: number;
}

/** Entries a corpus holds in memory when it has a cache to read the rest from: a corpus this size loads and answers as if all were in memory. */
export const RESIDENT_ENTRIES = 10_000;

/** Loads a corpus from its roots. With `previous`, files that break keep their last good entries. */
export function loadCorpus(roots: readonly CorpusRoot[], schema: SchemaValidator, limits: CorpusLimits = DEFAULT_LIMITS, previous?: Corpus, cache?: CorpusCache): Corpus {
  const { files, missing } = findCorpusFiles(roots);
  const prev = new Map(previous?.files.map((f) => [f.file, f]));
  const states = files.map(({ file, bundled }) => withFallback(readCorpusFile(file, bundled, schema, limits, cache), prev.get(file)));
  if (cache?.stats.writes) cache.prune();
  return assembleCorpus([...states, ...missing]);
}

/**
 * Loads a corpus file by file, pausing between files when the slicer says so, so that a server
 * keeps answering (and noticing cancellations) while a large corpus loads.
 */
export async function loadCorpusAsync(roots: readonly CorpusRoot[], schema: SchemaValidator, options: LoadOptions = {}, slicer: Slicer = NO_SLICING): Promise<Corpus> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const { files, missing } = findCorpusFiles(roots);
  const prev = new Map(options.previous?.files.map((f) => [f.file, f]));
  const states: FileState[] = [];
  let resident = options.residentEntries ?? RESIDENT_ENTRIES;
  for (const { file, bundled } of files) {
    await slicer.maybePause();
    const state = withFallback(readCorpusFile(file, bundled, schema, limits, options.cache, resident > 0), prev.get(file));
    resident -= state.heads.length;
    states.push(state);
    options.onProgress?.(states.length, files.length);
  }
  await slicer.maybePause();
  if (options.cache?.stats.writes) options.cache.prune();
  return assembleCorpus([...states, ...missing]);
}

/** Reads a text file for the adapters: `undefined` when it does not exist. */
export function readTextFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
