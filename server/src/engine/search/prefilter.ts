/**
 * A candidate prefilter for completion: an inverted index from words to entries, so a typed
 * query touches the few hundred entries that share its words (whole, by prefix, or with a typo
 * via trigrams of the vocabulary) instead of scanning every entry. The fuzzy ranking then scores
 * only those.
 *
 * The index is a few flat arrays rather than an object per word: the vocabulary is one string
 * with word boundaries, and the postings of words and of trigrams are each one Int32Array with
 * offsets (a word's documents are `docs[start[w]] … docs[start[w + 1] − 1]`).
 */

import { orderInSteps, runSync, type Steps } from '../slice.js';
import { isWordChar, ownString } from '../text.js';
import { IntList } from './intList.js';

/**
 * Lower-cased words of a text, split at anything that is not a letter or digit (the words of
 * `/[\p{L}\p{N}]+/gu`, found a character at a time: the regular expression was most of the
 * time it took to index a corpus).
 */
export function words(text: string): string[] {
  const t = text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < t.length; ) {
    const cp = t.codePointAt(i)!;
    if (isWordChar(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(t.slice(start, i));
      start = -1;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (start >= 0) out.push(t.slice(start));
  return out;
}

/**
 * The words of texts numbered in one vocabulary of their own: `vocab`'s words (separated by
 * spaces; a word has none), and per text the numbers of its distinct words,
 * `ids[at[t]] … ids[at[t + 1] − 1]`, in the order they first occur in it. A corpus file's
 * entries are numbered so where the file is read (a worker thread), and the prefilter then looks
 * up each of the file's words once instead of each of its entries' words.
 */
export interface NumberedWords {
  readonly vocab: string;
  readonly ids: Int32Array;
  readonly at: Int32Array;
}

export function numberWords(texts: Iterable<string>): NumberedWords {
  const seen = new Map<string, number>();
  const list: string[] = [];
  /** Per word number: the last text it was noted for, so a text notes each word once. */
  const lastText = new IntList();
  const ids = new IntList();
  const at = new IntList();
  at.push(0);
  let text = 0;
  for (const t of texts) {
    for (const w of words(t)) {
      let id = seen.get(w);
      if (id === undefined) {
        seen.set(w, (id = list.length));
        list.push(w);
        lastText.push(-1);
      }
      if (lastText.data[id] === text) continue;
      lastText.data[id] = text;
      ids.push(id);
    }
    at.push(ids.length);
    text++;
  }
  return { vocab: list.join(' '), ids: ids.done(), at: at.done() };
}

/** One document's words for building a prefilter: `ids[from … to − 1]`, numbers of words in `vocab` (see NumberedWords). */
export interface DocumentWords {
  readonly vocab: readonly string[];
  readonly ids: Int32Array;
  readonly from: number;
  readonly to: number;
}

/** The documents of numbered words, in order. */
export function* documentsOf(numbered: NumberedWords): Generator<DocumentWords> {
  const vocab = numbered.vocab === '' ? [] : numbered.vocab.split(' ');
  for (let d = 0; d + 1 < numbered.at.length; d++) yield { vocab, ids: numbered.ids, from: numbered.at[d]!, to: numbered.at[d + 1]! };
}

/** Most postings a typo lookup reads to find words (from its rarest trigrams), and then to count their trigrams. */
const MAX_GENERATE = 20_000;
const MAX_COUNT = 200_000;
/** Words whose edit distance to a typo is computed (those sharing the most trigrams). */
const MAX_EDIT_CHECKS = 200;
/** Edit distances past this rank equal. */
const MAX_EDITS = 3;
/** Near words added per query word, and how many words' near words are remembered. */
const NEAR_WORDS = 12;
const NEAR_CACHE = 2000;
/** Longer queries add nothing to finding candidates and cost time. */
const MAX_QUERY_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/** A trigram as a number: its three UTF-16 code units (a map by number is much cheaper than one by string). */
const gramKey = (a: number, b: number, c: number) => a * 4294967296 + b * 65536 + c;
/** The three code units of a trigram's number. */
const gramText = (key: number) => String.fromCharCode(Math.floor(key / 4294967296), Math.floor(key / 65536) % 65536, key % 65536);

/** The distinct trigrams of `w` padded with a space each side, as numbers, in order of first occurrence (into `out`, emptied first). */
function trigrams(w: string, out: number[] = []): number[] {
  out.length = 0;
  const unit = (k: number) => (k < 0 || k >= w.length ? 32 : w.charCodeAt(k));
  for (let k = -1; k + 2 <= w.length; k++) {
    const key = gramKey(unit(k), unit(k + 1), unit(k + 2));
    if (!out.includes(key)) out.push(key);
  }
  return out;
}

/** What a candidate matched, for ordering candidates before the fine ranking. */
export interface Candidate {
  readonly doc: number;
  /** Query words matched (whole word or prefix counts more than a fuzzy match). */
  readonly score: number;
}

/** Three rows of an edit-distance matrix. */
type Rows = [Int32Array, Int32Array, Int32Array];

/** Postings in one array: the items of list `i` are `items[start[i]]` up to `items[start[i + 1]]`. */
interface Postings {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** Words joined into the vocabulary string between two yields. */
const JOIN_PIECE = 8192;

/** Pairs handled between two yields while laying out postings. */
const PAIRS_PER_STEP = 1 << 16;

/** Postings of `lists` lists from (list, item) pairs, each list's items in the order given; yields every PAIRS_PER_STEP pairs. */
function* postings(lists: number, keys: IntList, values: IntList): Steps<Postings> {
  const start = new Int32Array(lists + 1);
  for (let i = 0; i < keys.length; i++) {
    start[keys.data[i]! + 1]!++;
    if (i % PAIRS_PER_STEP === 0) yield;
  }
  for (let i = 0; i < lists; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, lists);
  const items = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    items[fill[keys.data[i]!]!++] = values.data[i]!;
    if (i % PAIRS_PER_STEP === 0) yield;
  }
  return { start, items };
}

/** A prefilter as plain data (see `Prefilter.snapshot`). */
export interface PrefilterSnapshot {
  readonly chars: string;
  readonly bounds: Int32Array;
  readonly docs: Postings;
  readonly grams: Postings;
  /** The trigrams in the order of their numbers, three UTF-16 units each, in one string. */
  readonly gramKeys: string;
}

export class Prefilter {
  /** The vocabulary, sorted (code-unit order), in one string: word `i` is `chars.slice(bounds[i], bounds[i + 1])`. */
  private chars!: string;
  private bounds!: Int32Array;
  /** Per vocabulary word: the documents that hold it, in document order. */
  private docs!: Postings;
  /** Trigram (see `gramKey`) → its number; per trigram number, the vocabulary words (of three letters or more) that have it, in vocabulary order. */
  private readonly gramIds = new Map<number, number>();
  private grams!: Postings;
  /** Per vocabulary word, how many of the query word's trigrams it shares (scratch for `fuzzy`). */
  private counts: Uint8Array | undefined;
  /** Answers of `fuzzy` by word: the index never changes, and a word typed stays in the query while the next one is typed. */
  private readonly near = new Map<string, readonly number[]>();

  /** Builds the prefilter of texts at once; `Prefilter.steps` builds it from their words in steps. */
  constructor(texts?: readonly string[]) {
    if (texts) runSync(this.fill(documentsOf(numberWords(texts))));
  }

  /** The prefilter as plain data (strings and typed arrays), to store and load without building it again. */
  snapshot(): PrefilterSnapshot {
    return { chars: this.chars, bounds: this.bounds, docs: this.docs, grams: this.grams, gramKeys: [...this.gramIds.keys()].map(gramText).join('') };
  }

  static fromSnapshot(s: PrefilterSnapshot): Prefilter {
    const p = new Prefilter();
    const ints = (a: unknown) => a instanceof Int32Array;
    if (typeof s.chars !== 'string' || !ints(s.bounds) || !ints(s.docs.start) || !ints(s.docs.items) || !ints(s.grams.start) || !ints(s.grams.items) || typeof s.gramKeys !== 'string') throw new Error('not a prefilter snapshot');
    p.chars = s.chars;
    p.bounds = s.bounds;
    p.docs = s.docs;
    p.grams = s.grams;
    for (let i = 0; i * 3 < s.gramKeys.length; i++) p.gramIds.set(gramKey(s.gramKeys.charCodeAt(i * 3), s.gramKeys.charCodeAt(i * 3 + 1), s.gramKeys.charCodeAt(i * 3 + 2)), i);
    return p;
  }

  /** Builds a prefilter from its documents' words, yielding between documents (see slice.ts). */
  static *steps(docs: Iterable<DocumentWords>): Steps<Prefilter> {
    const p = new Prefilter();
    yield* p.fill(docs);
    return p;
  }

  private *fill(docs: Iterable<DocumentWords>): Steps<void> {
    // Words get numbers as they are first seen; each document's word numbers are noted, then
    // the vocabulary is sorted and the postings laid out in vocabulary order. A document's words
    // are numbers in its file's vocabulary: each of those is looked up once per file.
    const seen = new Map<string, number>();
    const firstSeen: string[] = [];
    const docOf = new IntList();
    const wordOf = new IntList();
    let fileVocab: readonly string[] | undefined;
    /** Per word of `fileVocab`: its number here, or −1 until it is looked up. */
    let numbers = new Int32Array(0);
    let doc = 0;
    for (const d of docs) {
      if (d.vocab !== fileVocab) {
        fileVocab = d.vocab;
        numbers = new Int32Array(fileVocab.length).fill(-1);
      }
      for (let k = d.from; k < d.to; k++) {
        const local = d.ids[k]!;
        let id = numbers[local]!;
        if (id < 0) {
          const w = d.vocab[local]!;
          const known = seen.get(w);
          if (known === undefined) {
            // A string of its own: `w` is a slice of its file's vocabulary, which is not kept.
            const own = ownString(w);
            seen.set(own, (id = firstSeen.length));
            firstSeen.push(own);
          } else id = known;
          numbers[local] = id;
        }
        docOf.push(doc);
        wordOf.push(id);
      }
      doc++;
      if (doc % 64 === 0) yield;
    }
    seen.clear();
    // The vocabulary in code-unit order: `order[k]` is the number of the k-th word.
    const order = yield* orderInSteps(firstSeen);
    const vocab = new Array<string>(order.length);
    const rank = new Int32Array(order.length);
    for (let k = 0; k < order.length; k++) {
      vocab[k] = firstSeen[order[k]!]!;
      rank[order[k]!] = k;
      if (k % PAIRS_PER_STEP === 0) yield;
    }
    for (let i = 0; i < wordOf.length; i++) {
      wordOf.data[i] = rank[wordOf.data[i]!]!;
      if (i % PAIRS_PER_STEP === 0) yield;
    }
    this.docs = yield* postings(vocab.length, wordOf, docOf);
    yield;
    this.bounds = new Int32Array(vocab.length + 1);
    for (let i = 0; i < vocab.length; i++) {
      this.bounds[i + 1] = this.bounds[i]! + vocab[i]!.length;
      if (i % PAIRS_PER_STEP === 0) yield;
    }
    // Joined in pieces (one join of 400,000 words holds the thread for ~70 ms).
    const pieces: string[] = [];
    for (let i = 0; i < vocab.length; i += JOIN_PIECE) {
      pieces.push(vocab.slice(i, i + JOIN_PIECE).join(''));
      yield;
    }
    this.chars = pieces.join('');
    yield;

    // Each word's distinct trigrams, numbered as first met.
    const gramOf = new IntList();
    const wordsOf = new IntList();
    const mine: number[] = [];
    for (let i = 0; i < vocab.length; i++) {
      const w = vocab[i]!;
      if (i % 256 === 0) yield;
      if (w.length < 3) continue;
      for (const g of trigrams(w, mine)) {
        let id = this.gramIds.get(g);
        if (id === undefined) this.gramIds.set(g, (id = this.gramIds.size));
        gramOf.push(id);
        wordsOf.push(i);
      }
    }
    this.grams = yield* postings(this.gramIds.size, gramOf, wordsOf);
  }

  private get vocabSize(): number {
    return this.bounds.length - 1;
  }

  /** Compares vocabulary word `i` with `s` in code-unit order (negative: the word sorts first). */
  private compare(i: number, s: string): number {
    const start = this.bounds[i]!;
    const len = this.bounds[i + 1]! - start;
    const n = Math.min(len, s.length);
    for (let k = 0; k < n; k++) {
      const d = this.chars.charCodeAt(start + k) - s.charCodeAt(k);
      if (d !== 0) return d;
    }
    return len - s.length;
  }

  /** The first vocabulary index whose word is not less than `s`. */
  private lowerBound(s: string): number {
    let lo = 0;
    let hi = this.vocabSize;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(mid, s) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** `fuzzy(w, NEAR_WORDS)`, remembered. */
  private nearWords(w: string): readonly number[] {
    let found = this.near.get(w);
    if (!found) {
      if (this.near.size >= NEAR_CACHE) this.near.clear();
      found = this.fuzzy(w, NEAR_WORDS);
      this.near.set(w, found);
    }
    return found;
  }

  /**
   * Vocabulary words that may be `w` with a typo, best first: the words that share at least half
   * of its trigrams, closest by edit distance (then by trigrams shared).
   *
   * A word that shares `need` of w's trigrams has one of its `n − need + 1` rarest, so candidate
   * words are read from those lists only; the longer lists (in a large corpus a common trigram is
   * in tens of thousands of words) only add to the counts of words already found. The postings
   * read are bounded: a list past the bound is taken as shared by every candidate.
   */
  private fuzzy(w: string, limit: number): number[] {
    if (w.length < 4) return [];
    const mine = trigrams(w);
    const need = Math.max(2, Math.ceil(mine.length * 0.5));
    const { start, items } = this.grams;
    const lists = mine
      .map((g) => {
        const id = this.gramIds.get(g);
        return id === undefined ? { from: 0, to: 0 } : { from: start[id]!, to: start[id + 1]! };
      })
      .sort((a, b) => a.to - a.from - (b.to - b.from));
    const counts = (this.counts ??= new Uint8Array(this.vocabSize));
    const touched: number[] = [];
    const generating = mine.length - need + 1;
    let read = 0;
    let unread = 0;
    lists.forEach(({ from, to }, k) => {
      const generate = k < generating;
      if (read + (to - from) > (generate ? MAX_GENERATE : MAX_COUNT)) {
        unread++;
        return;
      }
      read += to - from;
      for (let p = from; p < to; p++) {
        const i = items[p]!;
        if (counts[i] === 0) {
          if (!generate) continue;
          touched.push(i);
        }
        counts[i]!++;
      }
    });
    let found: { i: number; shared: number; edits: number }[] = [];
    for (const i of touched) {
      if (counts[i]! + unread >= need) found.push({ i, shared: counts[i]!, edits: 0 });
      counts[i] = 0;
    }
    // Edit distances for the words that share the most trigrams.
    found = found.sort((a, b) => b.shared - a.shared || a.i - b.i).slice(0, MAX_EDIT_CHECKS);
    const rows: Rows = [new Int32Array(w.length + 1), new Int32Array(w.length + 1), new Int32Array(w.length + 1)];
    for (const f of found) f.edits = this.editsTo(f.i, w, MAX_EDITS, rows);
    return found
      .sort((a, b) => a.edits - b.edits || b.shared - a.shared || a.i - b.i)
      .slice(0, limit)
      .map((f) => f.i);
  }

  /**
   * Edits (insertions, deletions, substitutions and swaps of neighbours) between vocabulary word
   * `i` and `w`, or `max + 1` when there are more than `max`. `rows`: scratch of `w.length + 1`.
   */
  private editsTo(i: number, w: string, max: number, rows: Rows): number {
    const a = this.bounds[i]!;
    const la = this.bounds[i + 1]! - a;
    const lb = w.length;
    if (Math.abs(la - lb) > max) return max + 1;
    // Three rows of the distance matrix: two back (for swaps), one back and this one.
    let [back2, back, row] = rows;
    for (let j = 0; j <= lb; j++) back[j] = j;
    for (let x = 1; x <= la; x++) {
      const ca = this.chars.charCodeAt(a + x - 1);
      row[0] = x;
      let rowMin = x;
      for (let y = 1; y <= lb; y++) {
        const cb = w.charCodeAt(y - 1);
        let d = Math.min(back[y]! + 1, row[y - 1]! + 1, back[y - 1]! + (ca === cb ? 0 : 1));
        if (x > 1 && y > 1 && ca === w.charCodeAt(y - 2) && this.chars.charCodeAt(a + x - 2) === cb) d = Math.min(d, back2[y - 2]! + 1);
        row[y] = d;
        if (d < rowMin) rowMin = d;
      }
      if (rowMin > max) return max + 1;
      [back2, back, row] = [back, row, back2];
    }
    return Math.min(back[lb]!, max + 1);
  }

  /**
   * The vocabulary index of the query's word when it is one word of three characters or more
   * that some document has whole, else -1 (one or two characters are more often the start of an
   * id than a word: "v" is not the "V" of "No. 138-V").
   */
  wordOf(query: string): number {
    const qs = words(query);
    if (qs.length !== 1 || qs[0]!.length < 3) return -1;
    const i = this.lowerBound(qs[0]!);
    return i < this.vocabSize && this.compare(i, qs[0]!) === 0 ? i : -1;
  }

  /** Document `doc` has vocabulary word `word`. */
  holds(word: number, doc: number): boolean {
    const { start, items } = this.docs;
    let lo = start[word]!;
    let hi = start[word + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const d = items[mid]!;
      if (d === doc) return true;
      if (d < doc) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /**
   * Candidates for a query: documents holding the query's words (the last word may be a
   * prefix, any word of four letters or more may carry a typo), best matched first, at most
   * `cap` of them.
   */
  candidates(query: string, cap: number): Candidate[] {
    const qs = words(query).slice(0, MAX_QUERY_WORDS).map((w) => w.slice(0, MAX_WORD_LENGTH));
    if (qs.length === 0) return [];
    const score = new Map<number, number>();
    const { start, items } = this.docs;
    qs.forEach((w, qi) => {
      const hit = new Set<number>();
      const budget = cap * 4;
      const add = (vocabIndex: number, weight: number) => {
        for (let k = start[vocabIndex]!, end = start[vocabIndex + 1]!; k < end; k++) {
          if (hit.size >= budget) return;
          const doc = items[k]!;
          if (hit.has(doc)) continue;
          hit.add(doc);
          score.set(doc, (score.get(doc) ?? 0) + weight);
        }
      };
      const first = this.lowerBound(w);
      // Whole word first; then, for the word being typed (or any long word), words it begins.
      if (first < this.vocabSize && this.compare(first, w) === 0) add(first, 2);
      if (qi === qs.length - 1 || w.length >= 3) {
        const end = this.lowerBound(`${w}\uffff`);
        for (let i = first; i < end && hit.size < budget; i++) add(i, 1.5);
      }
      // Near words only while there is room: a common word fills the budget by itself.
      if (hit.size < budget) for (const i of this.nearWords(w)) add(i, 1);
    });
    return [...score]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, cap)
      .map(([doc, s]) => ({ doc, score: s }));
  }
}
