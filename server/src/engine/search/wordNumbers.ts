/**
 * Words numbered as they are first met, found by where they are in a text rather than as strings
 * of their own: indexing a corpus looks up every word of every title and alias, and slicing each
 * out (then hashing the new string for a Map) was most of that work. A word is copied out of its
 * text only when it is new.
 */
import { ownString } from '../text.js';

/** FNV-1a over the UTF-16 code units of `s[from…to − 1]` (part of the name matcher's snapshot format). */
export function hashOf(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** An open-addressing hash table of word numbers + 1 (0: empty) over `list`, in an Int32Array. */
export class WordNumbers {
  private table: Int32Array;
  readonly list: string[] = [];

  constructor(capacity = 1 << 12) {
    this.table = new Int32Array(capacity);
  }

  get size(): number {
    return this.list.length;
  }

  /** The number of the word `text[from…to − 1]`, or −1 when it has none. */
  find(text: string, from: number, to: number): number {
    const mask = this.table.length - 1;
    for (let h = hashOf(text, from, to) & mask; ; h = (h + 1) & mask) {
      const e = this.table[h]! - 1;
      if (e < 0) return -1;
      const w = this.list[e]!;
      if (w.length === to - from && text.startsWith(w, from)) return e;
    }
  }

  /** The number of the word `text[from…to − 1]`, given one if it is new. */
  of(text: string, from: number, to: number): number {
    if (this.list.length * 2 >= this.table.length) this.rehash(this.table.length * 2);
    const mask = this.table.length - 1;
    for (let h = hashOf(text, from, to) & mask; ; h = (h + 1) & mask) {
      const e = this.table[h]! - 1;
      if (e < 0) {
        this.table[h] = this.list.length + 1;
        // A copy: a slice would keep the whole text alive.
        this.list.push(ownString(text.slice(from, to)));
        return this.list.length - 1;
      }
      const w = this.list[e]!;
      if (w.length === to - from && text.startsWith(w, from)) return e;
    }
  }

  /** Forgets every word. */
  clear(): void {
    this.table.fill(0);
    this.list.length = 0;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    const mask = size - 1;
    this.list.forEach((w, e) => {
      let h = hashOf(w, 0, w.length) & mask;
      while (this.table[h] !== 0) h = (h + 1) & mask;
      this.table[h] = e + 1;
    });
  }

  /** The words as one string with where each ends, and the table (which finds them by `hashOf`): read with `packedNumber`. */
  done(): PackedWords {
    const at = new Int32Array(this.list.length + 1);
    this.list.forEach((w, e) => (at[e + 1] = at[e]! + w.length));
    return { text: this.list.join(''), at, table: this.table };
  }
}

/** Numbered words as `WordNumbers.done` packs them (a stored name matcher keeps its stems so). */
export interface PackedWords {
  readonly text: string;
  readonly at: Int32Array;
  readonly table: Int32Array;
}

/** The number of word `s` in packed words, or −1. */
export function packedNumber(p: PackedWords, s: string): number {
  const mask = p.table.length - 1;
  for (let h = hashOf(s, 0, s.length) & mask; ; h = (h + 1) & mask) {
    const e = p.table[h]! - 1;
    if (e < 0) return -1;
    if (p.at[e + 1]! - p.at[e]! === s.length && p.text.startsWith(s, p.at[e]!)) return e;
  }
}
