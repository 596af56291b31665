/**
 * Fuzzy scores for ranking completion candidates: the scores fuse.js gives with the options
 * completion used (Bitap with `ignoreLocation`, case-insensitive, patterns cut into pieces of 32
 * characters, weighted keys, field-length norm), computed without it.
 *
 * With `ignoreLocation` a Bitap score is the fewest edits (insertions, deletions, substitutions)
 * that turn the pattern into some substring of the text, divided by the pattern's length, when
 * that is within the threshold. fuse.js finds it with one pass over the text per allowed error,
 * allocating an array each time, so a long pattern against a long title cost up to 13 passes.
 * Myers' bit-parallel algorithm gives the same number in one pass with a few integer operations
 * per character.
 */

/** The longest piece of a pattern scored at once (the bits of a 32-bit integer). */
const MAX_BITS = 32;
/** The lowest score of a piece that matches but is not the whole text (fuse.js's floor). */
const MIN_SCORE = 0.001;

/**
 * Pattern bits per UTF-16 code unit, for the piece being scored. One table for the process:
 * filled with a piece's characters before a pass and cleared after it.
 */
let table: Int32Array | undefined;

/**
 * The fewest edits that turn `piece` (1 to 32 code units) into some substring of `text`, or
 * `piece.length` when no substring is closer than the empty one.
 */
export function substringDistance(piece: string, text: string): number {
  const m = piece.length;
  if (m === 0) return 0;
  if (m > MAX_BITS) throw new RangeError(`a piece of at most ${MAX_BITS} characters, not ${m}`);
  const peq = (table ??= new Int32Array(0x10000));
  for (let i = 0; i < m; i++) {
    const c = piece.charCodeAt(i);
    peq[c] = peq[c]! | (1 << i);
  }
  const high = 1 << (m - 1);
  // Vertical deltas of the last column of the edit-distance matrix (all +1 at the start) and
  // the distance of the whole piece to the best substring ending at the current character.
  let pv = -1;
  let mv = 0;
  let d = m;
  let best = m;
  for (let j = 0, n = text.length; j < n && best > 0; j++) {
    const eq = peq[text.charCodeAt(j)]!;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & high) d++;
    else if (mh & high) d--;
    if (d < best) best = d;
    // A match may start anywhere in the text: no carry into the first row.
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  for (let i = 0; i < m; i++) peq[piece.charCodeAt(i)] = 0;
  return best;
}

/** A query prepared for scoring texts against it. */
export class FuzzyPattern {
  /** The query in lower case. */
  readonly pattern: string;
  /** The pattern in pieces of at most 32 characters; the last piece ends at the pattern's end (and may overlap the one before). */
  private readonly pieces: readonly string[];

  /** `threshold`: the largest share of a piece's characters that may be edited for it to match. */
  constructor(
    query: string,
    private readonly threshold: number,
  ) {
    this.pattern = query.toLowerCase();
    const len = this.pattern.length;
    const pieces: string[] = [];
    if (len > MAX_BITS) {
      const whole = len - (len % MAX_BITS);
      for (let i = 0; i < whole; i += MAX_BITS) pieces.push(this.pattern.slice(i, i + MAX_BITS));
      if (whole < len) pieces.push(this.pattern.slice(len - MAX_BITS));
    } else if (len > 0) pieces.push(this.pattern);
    this.pieces = pieces;
  }

  /**
   * How well `text` matches, case-insensitively: 0 when it is the pattern, otherwise the mean
   * over the pieces of (edits ÷ piece length, at least 0.001; 1 for a piece that does not match),
   * or `undefined` when no piece matches.
   */
  score(text: string): number | undefined {
    const t = text.toLowerCase();
    if (t === this.pattern) return 0;
    let total = 0;
    let matched = false;
    for (const piece of this.pieces) {
      const share = substringDistance(piece, t) / piece.length;
      if (share <= this.threshold) {
        matched = true;
        total += Math.max(MIN_SCORE, share);
      } else total += 1;
    }
    return matched ? total / this.pieces.length : undefined;
  }
}

function isSeparator(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 32 || code === 160;
}

/** A field's length norm: 1 ÷ √(words), rounded to three decimals; short fields weigh more. */
export function fieldNorm(value: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    if (isSeparator(value.charCodeAt(i))) inWord = false;
    else if (!inWord) {
      words++;
      inWord = true;
    }
  }
  return Math.round(1000 / Math.pow(Math.max(1, words), 0.5)) / 1000;
}

/**
 * The score of a record from its fields' scores: the product of score^(weight × norm) over the
 * fields that match (a field equal to the pattern counts as the smallest positive number), or
 * `undefined` when none does. `weights` sum to 1; a blank field never matches.
 */
export function recordScore(pattern: FuzzyPattern, fields: readonly string[], weights: readonly number[]): number | undefined {
  let total = 1;
  let any = false;
  for (let k = 0; k < fields.length; k++) {
    const value = fields[k]!;
    if (!value.trim()) continue;
    const s = pattern.score(value);
    if (s === undefined) continue;
    any = true;
    total *= Math.pow(s === 0 ? Number.EPSILON : s, weights[k]! * fieldNorm(value));
  }
  return any ? total : undefined;
}
