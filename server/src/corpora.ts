/**
 * The loaded corpora, one per distinct set of corpus roots (usually one per workspace folder).
 * Each holds an immutable engine; a reload builds a new engine and swaps it in whole. Loading
 * runs in time slices on the server's thread: while a corpus loads, requests for it wait (and
 * can be cancelled), and during a reload the previous engine keeps answering.
 */
import * as path from 'node:path';
import { createEngineSliced, type Engine } from './engine/index.js';
import { loadCorpusAsync, loadSchema, type CorpusRoot } from './engine/corpus/source.js';
import { openStored, storeCorpus } from './storedCorpus.js';
import type { SchemaValidator } from './engine/corpus/schema.js';
import type { CorpusCache } from './engine/corpus/cache.js';
import { runSliced, timeSlicer } from './engine/slice.js';

interface Slot {
  readonly roots: readonly CorpusRoot[];
  /** The engine that answers now (during a reload, the previous one). */
  engine?: Engine;
  /** The load or reload in progress. */
  loading?: Promise<Engine>;
  /** Another reload was asked for while one ran: run it once more when this one ends. */
  again?: boolean;
}

export interface LoadProgress {
  readonly done: number;
  readonly total: number;
}

/** What one load did, for the log. */
export interface LoadReport {
  readonly entries: number;
  readonly files: number;
  readonly ms: number;
  /** Files read back from the cache instead of parsed. */
  readonly fromCache: number;
  /** The index was read from the cache, not built. */
  readonly indexFromCache: boolean;
}

export class Corpora {
  private readonly slots = new Map<string, Slot>();
  private schema: SchemaValidator | undefined;
  /** Bumped by clear(), so a load that finishes after it is not kept. */
  private generation = 0;

  constructor(
    private readonly dataDir: string,
    private readonly cache?: CorpusCache,
    private readonly onProgress?: (p: LoadProgress) => void,
    private readonly onLoaded?: (r: LoadReport) => void,
  ) {}

  private validator(): SchemaValidator {
    this.schema ??= loadSchema(this.dataDir);
    return this.schema;
  }

  private static key(roots: readonly CorpusRoot[]): string {
    return JSON.stringify(roots.map((r) => [path.resolve(r.path), r.bundled]));
  }

  /** The engine for a set of roots, loading the corpus on first use. */
  get(roots: readonly CorpusRoot[]): Promise<Engine> {
    const key = Corpora.key(roots);
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { roots };
      this.slots.set(key, slot);
    }
    if (slot.engine) return Promise.resolve(slot.engine);
    // A load that failed (an exception, not a bad file: those are findings) is tried again.
    return slot.loading ?? this.start(slot);
  }

  /** The engine for a set of roots if one is loaded, without waiting or loading. */
  peek(roots: readonly CorpusRoot[]): Engine | undefined {
    return this.slots.get(Corpora.key(roots))?.engine;
  }

  private start(slot: Slot): Promise<Engine> {
    const generation = this.generation;
    const run = async (): Promise<Engine> => {
      const t0 = performance.now();
      const hits = this.cache?.stats.hits ?? 0;
      const slicer = timeSlicer();
      // A warm start: the corpus as stored when these very files were last loaded.
      const stored = this.cache ? await runSliced(openStored(slot.roots, this.validator(), this.cache), slicer) : undefined;
      if (stored) {
        this.onLoaded?.({ entries: stored.corpus.ids.length, files: stored.corpus.files.length, ms: performance.now() - t0, fromCache: stored.corpus.files.length, indexFromCache: true });
        return stored;
      }
      const corpus = await loadCorpusAsync(
        slot.roots,
        this.validator(),
        { ...(slot.engine ? { previous: slot.engine.corpus } : {}), ...(this.cache ? { cache: this.cache } : {}), onProgress: (done, total) => this.onProgress?.({ done, total }) },
        slicer,
      );
      const engine = await createEngineSliced(corpus, slicer);
      await runSliced(storeCorpus(this.cache, engine), slicer);
      this.onLoaded?.({ entries: corpus.ids.length, files: corpus.files.length, ms: performance.now() - t0, fromCache: (this.cache?.stats.hits ?? 0) - hits, indexFromCache: false });
      return engine;
    };
    const loading = run().then(
      (engine) => {
        if (generation === this.generation) {
          slot.engine = engine;
          slot.loading = undefined;
          if (slot.again) {
            slot.again = false;
            return this.start(slot);
          }
        }
        return engine;
      },
      (e: unknown) => {
        slot.loading = undefined;
        throw e;
      },
    );
    slot.loading = loading;
    return loading;
  }

  /** Re-reads the corpora that include `changedFile` (all of them when omitted). Resolves to true when any was reloaded. */
  async reload(changedFile?: string): Promise<boolean> {
    const waits: Promise<Engine>[] = [];
    for (const slot of this.slots.values()) {
      const affected =
        changedFile === undefined ||
        slot.roots.some((r) => {
          const rel = path.relative(path.resolve(r.path), changedFile);
          return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
        });
      if (!affected) continue;
      if (slot.loading) {
        // A load is running and may have read the file before it changed: read again after it.
        slot.again = true;
        waits.push(slot.loading.then(() => slot.loading ?? slot.engine!));
      } else waits.push(this.start(slot));
    }
    await Promise.all(waits);
    return waits.length > 0;
  }

  /** Forgets every corpus (settings changed); they load again on next use. */
  clear(): void {
    this.generation++;
    this.slots.clear();
  }

  /** Whether any corpus is loading now. */
  get loading(): boolean {
    return [...this.slots.values()].some((s) => s.loading !== undefined);
  }

  all(): Engine[] {
    return [...this.slots.values()].flatMap((s) => (s.engine ? [s.engine] : []));
  }
}
