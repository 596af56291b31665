/**
 * Offsets ↔ positions. Inside the engine everything is a UTF-16 offset; adapters convert
 * with a `LineIndex` built once per text snapshot.
 */

/** A 0-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // LF only, as most texts are: indexOf finds the line ends many times faster than a loop
      // over the characters (a server indexes each new version of a long memo).
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset; offsets past the end clamp to the end. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  /** The offset of a position; positions past a line's end or the text's end clamp. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line]!;
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1]! : this.text.length;
    let lineEnd = next;
    while (lineEnd > start && (this.text.charCodeAt(lineEnd - 1) === 10 || this.text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
    return Math.max(start, Math.min(start + Math.max(0, position.character), lineEnd));
  }

  /** The 1-based line and 1-based column (UTF-16) that CLI output and SARIF use. */
  lineCol(offset: number): { line: number; column: number } {
    const p = this.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  }
}

/** Never split a surrogate pair: move an offset left off a low surrogate. */
export function snapOffset(text: string, offset: number): number {
  const o = Math.max(0, Math.min(offset, text.length));
  if (o > 0 && o < text.length) {
    const c = text.charCodeAt(o);
    const p = text.charCodeAt(o - 1);
    if (c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff) return o - 1;
  }
  return o;
}

/** Folds case, Unicode compatibility forms and the many quotation marks and dashes memos use. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[«»“”„‟"'‘’‚‛`]/g, '')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `s` as a string of its own. A string read from a file can be a view into the file's whole
 * text (V8 slices); one kept for long (an id, a stem, a law's name) would keep every file's text
 * in memory.
 */
export function ownString(s: string): string {
  return ` ${s}`.slice(1);
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Below this code point, whether a character is a letter or digit is looked up in a table. */
const TABLE_SIZE = 0x800;
let wordTable: Uint8Array | undefined;

/**
 * The character (a code point) is a letter or a digit, `\p{L}` or `\p{N}`: what the word
 * regular expressions of the search match, a character at a time, which costs a fraction of
 * running `/[\p{L}\p{N}]+/gu` over a corpus.
 */
export function isWordChar(cp: number): boolean {
  if (cp < TABLE_SIZE) {
    if (!wordTable) {
      wordTable = new Uint8Array(TABLE_SIZE);
      for (let c = 0; c < TABLE_SIZE; c++) wordTable[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
    }
    return wordTable[cp] === 1;
  }
  return WORD_CHAR.test(String.fromCodePoint(cp));
}
