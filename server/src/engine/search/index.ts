/**
 * The corpus index: id lookup, fuzzy search for completion and the name matcher for laws in
 * prose. Built once per corpus version and never mutated; a new corpus gets a new index.
 */
import type { Corpus, FileState } from '../corpus/corpus.js';
import type { Entry } from '../corpus/model.js';
import { FuzzyPattern, recordScore } from './fuzzy.js';
import { NameMatcher, prepareNames, type LawLookup, type NameSnapshot, type PreparedNames } from './names.js';
import { documentsOf, Prefilter, type DocumentWords, type PrefilterSnapshot } from './prefilter.js';
import { indexInputsOf, nameSourceOf, namesOf, ownNames, type IndexInputs } from './inputs.js';
import { orderInSteps, runSliced, runSync, type Slicer, type Steps } from '../slice.js';

export interface SearchHit {
  readonly entry: Entry;
  /** 0 is a perfect match, 1 no match. */
  readonly score: number;
}

/**
 * The fields a typed query is scored against (id, number, every title, alias and the speaker) and
 * their weights, which sum to 1: fuse.js's keys and weights when completion ranked with it (its
 * scores are computed in fuzzy.ts, without it).
 */
const FIELD_WEIGHTS = [3, 2, 1].map((w) => w / 6);
/** The largest share of a query's characters that may be edited for a field to match. */
const THRESHOLD = 0.4;
/** How many entries an empty query's answer is kept for (completion asks for 51). */
const FIRST = 64;
/** How many candidates the prefilter hands on for ranking (60: recall@10 on the benchmark's labelled queries is the same as with 300, and ranking costs a fifth). */
const CANDIDATES = 60;

/** What an index is made of, built in steps by `indexParts`. */
interface IndexParts {
  readonly names: NameMatcher;
  readonly prefilter: Prefilter;
  readonly docIds: readonly string[];
  readonly kinds: Uint8Array;
  readonly byId: Int32Array;
}


/** A document without words. */
const NO_WORDS: DocumentWords = { vocab: [], ids: new Int32Array(0), from: 0, to: 0 };

/** The index inputs of a corpus file: computed where it was read, or from its entries now. */
function inputsOf(f: FileState): IndexInputs {
  return f.index ?? indexInputsOf(f.source.all());
}

/**
 * Builds an index's parts from each file's index inputs (see inputs.ts), yielding between
 * documents and between the parts, so a server can build it in time slices. Documents are the
 * corpus's ids in order: an entry whose id an earlier entry already has is not one.
 */
function* indexParts(corpus: Corpus): Steps<IndexParts> {
  const docIds = corpus.ids;
  const kinds = new Uint8Array(docIds.length);
  const names: PreparedNames[] = [];
  // One pass over the files' inputs, each read when its first document comes and dropped after
  // its last: the prefilter takes the words document by document; kinds and names are noted on
  // the way (a large corpus's words are not all held at once).
  function* docWords(): Generator<DocumentWords> {
    let file: FileState | undefined;
    let inputs: IndexInputs | undefined;
    let docs: DocumentWords[] = [];
    /** Positions in `file` of the entries that are documents (those that count for their id). */
    let counted = new Set<number>();
    // A file's names once its documents are all seen: those of its laws that count.
    const endFile = () => {
      if (file && inputs) names.push(inputs.lawAt.every((at) => counted.has(at)) ? ownNames(inputs.names) : namesCounted(corpus, file));
    };
    for (let doc = 0; doc < docIds.length; doc++) {
      const where = corpus.locate(docIds[doc]!)!;
      if (where.file !== file) {
        endFile();
        file = where.file;
        inputs = inputsOf(file);
        docs = [...documentsOf(inputs.words)];
        counted = new Set();
      }
      counted.add(where.at);
      kinds[doc] = inputs!.kinds[where.at] ?? 4;
      yield docs[where.at] ?? NO_WORDS;
    }
    endFile();
  }
  const prefilter = yield* Prefilter.steps(docWords());
  const matcher = yield* NameMatcher.fromPrepared(names, lawsOf(corpus));
  names.length = 0;
  const byId = yield* orderInSteps(docIds);
  return { names: matcher, prefilter, docIds, kinds, byId };
}

/** Entry `at` of file `f`, whose id is `id`, is the one the corpus counts for that id (no earlier entry has it). */
function counts(corpus: Corpus, f: FileState, at: number, id: string): boolean {
  const where = corpus.locate(id);
  return where?.file === f && where.at === at;
}

/** The names of a file's laws that count: for the rare file with a law whose id an earlier entry has. */
function namesCounted(corpus: Corpus, f: FileState): PreparedNames {
  return prepareNames(f.source.all().filter((e, i) => e.kind === 'law' && counts(corpus, f, i, e.id)).map(nameSourceOf));
}

/** The corpus's laws by id, as the name matcher reads them. */
function lawsOf(corpus: Corpus): LawLookup {
  return (id) => {
    const e = corpus.byId.get(id);
    return e && nameSourceOf(e);
  };
}

/** An index as plain data, for the corpus it was built from (see `CorpusIndex.snapshot`). */
export interface IndexSnapshot {
  readonly names: NameSnapshot;
  readonly prefilter: PrefilterSnapshot;
  readonly kinds: Uint8Array;
  readonly byId: Int32Array;
}

/** Builds the index of a corpus in time slices. */
export async function buildIndex(corpus: Corpus, slicer: Slicer): Promise<CorpusIndex> {
  return new CorpusIndex(corpus, await runSliced(indexParts(corpus), slicer));
}

/**
 * The index keeps no entries: the prefilter's documents are numbered in corpus order, and a
 * document's entry is looked up by id when a query needs it.
 */
export class CorpusIndex {
  readonly names: NameMatcher;
  private readonly prefilter: Prefilter;
  /** The id of each prefilter document. */
  private readonly docIds: readonly string[];
  /** The KIND_ORDER of each document. */
  private readonly kinds: Uint8Array;
  /** The first entries in kind-then-id order, for an empty query (more are computed when asked for). */
  private first: readonly string[];
  /** Documents in the code-unit order of their ids, for prefix lookups by binary search. */
  private readonly byId: Int32Array;
  private readonly closest = new Map<string, readonly string[]>();

  /** Builds the index at once; `buildIndex` does the same in steps. */
  constructor(readonly corpus: Corpus, parts?: IndexParts) {
    const p = parts ?? runSync(indexParts(corpus));
    this.names = p.names;
    this.prefilter = p.prefilter;
    this.docIds = p.docIds;
    this.kinds = p.kinds;
    this.byId = p.byId;
    this.first = this.firstOf(FIRST);
  }

  get size(): number {
    return this.docIds.length;
  }

  /** The index as plain data, to store and load with the same corpus without building it again. */
  snapshot(): IndexSnapshot {
    return { names: this.names.snapshot(), prefilter: this.prefilter.snapshot(), kinds: this.kinds, byId: this.byId };
  }

  /** The index of `corpus` from a snapshot of an index built from the same corpus; undefined when it does not fit. */
  static fromSnapshot(corpus: Corpus, s: IndexSnapshot): CorpusIndex | undefined {
    const n = corpus.ids.length;
    if (!(s.kinds instanceof Uint8Array) || s.kinds.length !== n || !(s.byId instanceof Int32Array) || s.byId.length !== n) return undefined;
    return new CorpusIndex(corpus, { names: NameMatcher.fromSnapshot(s.names, lawsOf(corpus)), prefilter: Prefilter.fromSnapshot(s.prefilter), docIds: corpus.ids, kinds: s.kinds, byId: s.byId });
  }

  get(id: string): Entry | undefined {
    return this.corpus.byId.get(id);
  }

  /** Entries whose id, number, titles, aliases or speaker share words with `text` (whole, by prefix or with a typo), most shared first, at most `cap`. */
  sharingWords(text: string, cap: number): Entry[] {
    return this.prefilter.candidates(text, cap).map((c) => this.get(this.docIds[c.doc]!)!);
  }

  /**
   * Entries for a typed query, best first: ids that begin with it, then the closest matches of
   * the fuzzy ranking (ties broken by id, so results are stable). When the query is one word,
   * the entries that have that word whole (in the id, a title, an alias) come before those that
   * only have words beginning with it: "Раер" finds the law "… the Raer Monitoring" before the
   * statements of Ms Raerashova, however many of them there are.
   */
  search(query: string, limit: number): SearchHit[] {
    return this.find(query, limit, true);
  }

  private find(query: string, limit: number, wholeWordFirst: boolean): SearchHit[] {
    const q = query.trim().slice(0, 64);
    if (!q) return this.firstIds(limit).map((id) => ({ entry: this.get(id)!, score: 0 }));
    let hits = this.ranked(q, limit);
    const word = wholeWordFirst ? this.prefilter.wordOf(q) : -1;
    if (word >= 0) {
      const whole = hits.filter((h) => this.prefilter.holds(word, h.doc));
      if (whole.length > 0 && whole.length < hits.length) hits = [...whole, ...hits.filter((h) => !this.prefilter.holds(word, h.doc))];
    }
    return hits.slice(0, limit).map(({ entry, score }) => ({ entry, score }));
  }

  /** Ids that begin with `q` (at most `limit`), then the fuzzy ranking of the prefilter's candidates (at most `2 × limit`). */
  private ranked(q: string, limit: number): (SearchHit & { readonly doc: number })[] {
    const prefix = this.docsWithPrefix(q.toLowerCase(), limit).map((doc) => ({ doc, entry: this.get(this.docIds[doc]!)!, score: 0 }));
    const seen = new Set(prefix.map((h) => h.doc));
    // Rank only the prefilter's candidates, not every entry. Longer patterns are scored in pieces
    // of 32 characters; 64 characters is more than any key or title word a writer types.
    const pattern = new FuzzyPattern(q, THRESHOLD);
    const scored: { doc: number; entry: Entry; score: number; rank: number }[] = [];
    this.prefilter.candidates(q, CANDIDATES).forEach((c, rank) => {
      const entry = this.get(this.docIds[c.doc]!)!;
      const score = recordScore(pattern, [entry.id, entry.number ?? '', namesOf(entry)], FIELD_WEIGHTS);
      if (score !== undefined) scored.push({ doc: c.doc, entry, score, rank });
    });
    // The best `limit * 2` by score, ties in the prefilter's order; then by score and id.
    const fuzzy = scored
      .sort((a, b) => a.score - b.score || a.rank - b.rank)
      .slice(0, limit * 2)
      .filter((h) => !seen.has(h.doc))
      .map(({ doc, entry, score }) => ({ doc, entry, score }))
      .sort((a, b) => a.score - b.score || (a.entry.id < b.entry.id ? -1 : 1));
    return [...prefix, ...fuzzy];
  }

  /** The first `limit` ids in kind-then-id order. */
  private firstIds(limit: number): readonly string[] {
    const n = Math.min(limit, this.docIds.length);
    if (this.first.length < n) this.first = this.firstOf(n);
    return this.first.slice(0, n);
  }

  /** The first `n` ids in kind-then-id order: one pass that keeps the best `n`, not a sort of the corpus. */
  private firstOf(n: number): string[] {
    const ids = this.docIds;
    const before = (a: number, b: number) => this.kinds[a]! - this.kinds[b]! || (ids[a]! < ids[b]! ? -1 : 1);
    const best: number[] = [];
    for (let doc = 0; doc < ids.length && n > 0; doc++) {
      if (best.length === n && before(doc, best[n - 1]!) > 0) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before(best[mid]!, doc) < 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, doc);
      if (best.length > n) best.pop();
    }
    return best.map((doc) => this.docIds[doc]!);
  }

  /** Documents whose ids start with `prefix`, in id order (binary search). */
  private docsWithPrefix(prefix: string, limit: number): number[] {
    const start = this.idLowerBound(prefix);
    const end = this.idLowerBound(`${prefix}\uffff`);
    return Array.from(this.byId.subarray(start, Math.min(end, start + limit)));
  }

  /** The first position in `byId` whose id is not less than `value`. */
  private idLowerBound(value: string): number {
    let lo = 0;
    let hi = this.byId.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.docIds[this.byId[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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
    const pool = this.prefilter.candidates(k.replace(/[-_.:]+/g, ' '), CANDIDATES).map((c) => this.get(this.docIds[c.doc]!)!);
    const scored = pool
      .map((e) => ({ id: e.id, d: editDistance(k, e.id, Math.max(4, Math.floor(k.length / 2))) }))
      .filter((x) => x.d <= Math.max(4, Math.floor(k.length / 2)))
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    const out = scored.slice(0, n).map((x) => x.id);
    if (out.length < n) {
      for (const h of this.find(key, n, false)) if (!out.includes(h.entry.id) && out.length < n) out.push(h.entry.id);
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
