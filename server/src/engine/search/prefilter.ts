/**
 * A candidate prefilter for completion: an inverted index from words to entries, so a typed
 * query touches the few hundred entries that share its words (whole, by prefix, or with a typo
 * via trigrams of the vocabulary) instead of scanning every entry. fuse.js then ranks only those.
 */
import { prefixRange } from './sorted.js';

/** Lower-cased words of a text, split at anything that is not a letter or digit. */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? [];
}

const MAX_GRAM_POSTINGS = 4000;
/** Longer queries add nothing to finding candidates and cost time. */
const MAX_QUERY_WORDS = 8;
const MAX_WORD_LENGTH = 40;

function trigrams(w: string): string[] {
  const padded = ` ${w} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/** What a candidate matched, for ordering candidates before the fine ranking. */
export interface Candidate {
  readonly doc: number;
  /** Query words matched (whole word or prefix counts more than a fuzzy match). */
  readonly score: number;
}

export class Prefilter {
  /** The vocabulary, sorted, so prefixes are a binary-searched range. */
  private readonly vocab: string[];
  /** Postings per vocabulary word: the documents that hold it. */
  private readonly postings: Int32Array[];
  /** Trigram → vocabulary indices, for typo-tolerant word matching. */
  private readonly grams = new Map<string, number[]>();

  constructor(docs: readonly string[]) {
    const byWord = new Map<string, number[]>();
    docs.forEach((text, doc) => {
      for (const w of new Set(words(text))) {
        const list = byWord.get(w);
        if (list) list.push(doc);
        else byWord.set(w, [doc]);
      }
    });
    this.vocab = [...byWord.keys()].sort();
    this.postings = this.vocab.map((w) => Int32Array.from(byWord.get(w)!));
    this.vocab.forEach((w, i) => {
      if (w.length < 3) return;
      for (const g of new Set(trigrams(w))) {
        const list = this.grams.get(g);
        if (list) list.push(i);
        else this.grams.set(g, [i]);
      }
    });
  }

  /** Vocabulary words within a small trigram distance of `w` (typos), best first. */
  private fuzzy(w: string, limit: number): number[] {
    if (w.length < 4) return [];
    const mine = new Set(trigrams(w));
    const counts = new Map<number, number>();
    // A trigram that half the vocabulary shares says little and costs much: skip the long lists,
    // so a query's cost does not grow with the corpus.
    for (const g of mine) {
      const list = this.grams.get(g);
      if (!list || list.length > MAX_GRAM_POSTINGS) continue;
      for (const i of list) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const need = Math.max(2, Math.ceil(mine.size * 0.5));
    return [...counts]
      .filter(([, c]) => c >= need)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([i]) => i);
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
    qs.forEach((w, qi) => {
      const hit = new Set<number>();
      const budget = cap * 4;
      const add = (vocabIndex: number, weight: number) => {
        for (const doc of this.postings[vocabIndex]!) {
          if (hit.size >= budget) return;
          if (hit.has(doc)) continue;
          hit.add(doc);
          score.set(doc, (score.get(doc) ?? 0) + weight);
        }
      };
      const exact = prefixRange(this.vocab, w);
      // Whole word first; then, for the word being typed (or any long word), words it begins.
      if (exact[0] < this.vocab.length && this.vocab[exact[0]] === w) add(exact[0], 2);
      if (qi === qs.length - 1 || w.length >= 3) {
        const [a, b] = exact;
        for (let i = a; i < b && hit.size < budget; i++) add(i, 1.5);
      }
      for (const i of this.fuzzy(w, 12)) add(i, 1);
    });
    return [...score]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, cap)
      .map(([doc, s]) => ({ doc, score: s }));
  }
}
