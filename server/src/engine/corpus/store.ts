/**
 * Where a corpus file's entries live: in memory, or in the cache file the loader wrote, read one
 * entry at a time when a feature asks for it (a hover, a citation check, a completion item) and
 * kept in a bounded cache of recently used entries. A large corpus then costs memory for its
 * index and its ids, not for every title, summary and article of every entry.
 */
import type { Span } from '../types.js';
import type { Entry } from './model.js';

/** What the corpus keeps of every entry in memory: enough to check ids and references across files. */
export interface EntryHead {
  readonly id: string;
  readonly idSpan: Span;
  readonly related: readonly string[];
  readonly about: readonly string[];
  /** Spans of the `related`/`about` items (the entry's id span where unknown). */
  readonly relatedSpans: readonly Span[];
  readonly aboutSpans: readonly Span[];
}

/** The entries of one file, by position in the file. */
export interface EntrySource {
  readonly count: number;
  /** True when every entry is in memory. */
  readonly resident: boolean;
  at(i: number): Entry;
  all(): readonly Entry[];
}

export class MemoryEntries implements EntrySource {
  readonly resident = true;
  constructor(private readonly entries: readonly Entry[]) {}
  get count(): number {
    return this.entries.length;
  }
  at(i: number): Entry {
    return this.entries[i]!;
  }
  all(): readonly Entry[] {
    return this.entries;
  }
}

/** Recently read entries of every on-disk source, least recently used dropped first. */
export class EntryLru {
  private readonly map = new Map<string, Entry>();
  hits = 0;
  reads = 0;
  constructor(readonly capacity = 4_000) {}

  get(key: string): Entry | undefined {
    const e = this.map.get(key);
    if (e) {
      this.hits++;
      this.map.delete(key);
      this.map.set(key, e);
    }
    return e;
  }

  set(key: string, e: Entry): void {
    this.reads++;
    this.map.set(key, e);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

/** Reads entry `i` of a source that is not in memory; the cache module implements it over its files. */
export interface EntryReader {
  /** A key unique to this source (its cache file). */
  readonly name: string;
  readonly count: number;
  read(i: number): Entry;
  readAll(): readonly Entry[];
}

export class LazyEntries implements EntrySource {
  readonly resident = false;
  constructor(
    private readonly reader: EntryReader,
    private readonly lru: EntryLru,
  ) {}
  get count(): number {
    return this.reader.count;
  }
  at(i: number): Entry {
    const key = `${this.reader.name}#${i}`;
    const hit = this.lru.get(key);
    if (hit) return hit;
    const e = this.reader.read(i);
    this.lru.set(key, e);
    return e;
  }
  all(): readonly Entry[] {
    return this.reader.readAll();
  }
}

/** The heads of built entries; `refSpan` finds the span of a `related`/`about` item by entry and index. */
export function headsOf(entries: readonly Entry[], refSpan: (i: number, field: 'related' | 'about', k: number) => Span | undefined): EntryHead[] {
  return entries.map((e, i) => ({
    id: e.id,
    idSpan: e.idSpan,
    related: e.related,
    about: e.about,
    relatedSpans: e.related.map((_, k) => refSpan(i, 'related', k) ?? e.idSpan),
    aboutSpans: e.about.map((_, k) => refSpan(i, 'about', k) ?? e.idSpan),
  }));
}
