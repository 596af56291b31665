/**
 * The corpus index: id lookup, fuzzy search for completion (fuse.js behind this interface) and
 * the name matcher for laws in prose. Built once per corpus version and never mutated; a new
 * corpus gets a new index.
 */
import Fuse from 'fuse.js';
import type { Corpus } from '../corpus/corpus.js';
import type { Entry } from '../corpus/model.js';
import { NameMatcher } from './names.js';
import { Prefilter } from './prefilter.js';
import { prefixRange } from './sorted.js';

export interface SearchHit {
  readonly entry: Entry;
  /** 0 is a perfect match, 1 no match. */
  readonly score: number;
}

interface Doc {
  readonly id: string;
  readonly number: string;
  readonly names: string;
  readonly entry: Entry;
}

const KIND_ORDER: Record<string, number> = { law: 0, statement: 1, report: 2, event: 3 };

const FUSE_OPTIONS = {
  keys: [
    { name: 'id', weight: 3 },
    { name: 'number', weight: 2 },
    { name: 'names', weight: 1 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
  shouldSort: true,
};
/** How many candidates the prefilter hands to fuse.js for ranking (60: recall@10 on the benchmark's labelled queries is the same as with 300, and ranking costs a fifth). */
const CANDIDATES = 60;

export class CorpusIndex {
  readonly names: NameMatcher;
  private readonly docs: readonly Doc[];
  private readonly prefilter: Prefilter;
  private readonly sorted: readonly Entry[];
  /** Ids in code-unit order, for prefix lookups by binary search. */
  private readonly ids: readonly string[];
  private readonly closest = new Map<string, readonly string[]>();

  constructor(readonly corpus: Corpus) {
    this.names = new NameMatcher(corpus.entries);
    const docs: Doc[] = (this.docs = corpus.entries.map((e) => ({
      id: e.id,
      number: e.number ?? '',
      names: [...Object.values(e.title), ...Object.values(e.aliases).flat(), e.speaker ?? ''].join(' · '),
      entry: e,
    })));
    this.prefilter = new Prefilter(docs.map((d) => `${d.id} ${d.number} ${d.names}`));
    this.ids = corpus.entries.map((e) => e.id).sort();
    this.sorted = [...corpus.entries].sort((a, b) => (KIND_ORDER[a.kind]! - KIND_ORDER[b.kind]!) || (a.id < b.id ? -1 : 1));
  }

  get size(): number {
    return this.corpus.entries.length;
  }

  get(id: string): Entry | undefined {
    return this.corpus.byId.get(id);
  }

  /** Entries for a typed query, best first; ties broken by id so results are stable. */
  search(query: string, limit: number): SearchHit[] {
    // fuse.js splits long patterns into 32-character pieces and searches each; 64 characters is
    // more than any key or title word a writer types.
    const q = query.trim().slice(0, 64);
    if (!q) return this.sorted.slice(0, limit).map((entry) => ({ entry, score: 0 }));
    const prefix = this.idsWithPrefix(q.toLowerCase(), limit).map((id) => ({ entry: this.get(id)!, score: 0 }));
    const seen = new Set(prefix.map((h) => h.entry.id));
    // Rank only the prefilter's candidates: fuse.js over hundreds of entries, not all of them.
    const candidates = this.prefilter.candidates(q, CANDIDATES).map((c) => this.docs[c.doc]!);
    const fuzzy = new Fuse(candidates, FUSE_OPTIONS)
      .search(q, { limit: limit * 2 })
      .filter((r) => !seen.has(r.item.id))
      .map((r) => ({ entry: r.item.entry, score: r.score ?? 1 }))
      .sort((a, b) => a.score - b.score || (a.entry.id < b.entry.id ? -1 : 1));
    return [...prefix, ...fuzzy].slice(0, limit);
  }

  /** Ids that start with `prefix`, in order (binary search over the sorted ids). */
  private idsWithPrefix(prefix: string, limit: number): string[] {
    const [start, end] = prefixRange(this.ids, prefix);
    return this.ids.slice(start, Math.min(end, start + limit));
  }

  /** The ids closest to an unknown key, for "did you mean". */
  closestKeys(key: string, n = 3): string[] {
    // The index never changes, so an answer holds for its lifetime; a memo repeats its typos.
    const cacheKey = `${n}\u0000${key}`;
    const cached = this.closest.get(cacheKey);
    if (cached) return [...cached];
    if (this.closest.size > 10_000) this.closest.clear();
    const found = this.computeClosest(key, n);
    this.closest.set(cacheKey, found);
    return [...found];
  }

  private computeClosest(key: string, n: number): string[] {
    const k = key.toLowerCase();
    // Edit distance only against the entries that share words with the key (not all of them).
    const pool = this.prefilter.candidates(k.replace(/[-_.:]+/g, ' '), CANDIDATES).map((c) => this.docs[c.doc]!.entry);
    const scored = pool
      .map((e) => ({ id: e.id, d: editDistance(k, e.id, Math.max(4, Math.floor(k.length / 2))) }))
      .filter((x) => x.d <= Math.max(4, Math.floor(k.length / 2)))
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    const out = scored.slice(0, n).map((x) => x.id);
    if (out.length < n) {
      for (const h of this.search(key, n)) if (!out.includes(h.entry.id) && out.length < n) out.push(h.entry.id);
    }
    return out;
  }
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}
