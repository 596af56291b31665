/**
 * A fast reader for the plain subset of YAML that corpus files are written in: block mappings
 * and sequences (with `- key: value` items), plain and one-line quoted scalars, one-line flow
 * sequences and mappings of scalars (`[a, "b"]`, `{en: a, ru: "b"}`), `|`/`>` block scalars with
 * `-` or clip chomping, comments and blank lines, LF or CRLF. Its output (the data and the source
 * span of every value and key, or with `entries` detail only those a file's entries keep) is the
 * same as what `parse.ts` derives from the `yaml` package's document; for anything outside the
 * subset (anchors, aliases, tags, directives, several documents, multi-line flow scalars,
 * duplicate keys, tabs as indentation...) it answers `undefined` and the caller has `yaml` read
 * the text.
 *
 * The spans follow `yaml`'s node ranges exactly, including their quirks: a collection ends where
 * its last value's trailing trivia ends (the rest of its line, comment lines indented deeper than
 * the collection that follow a one-line value, and comment lines the collection keeps when it
 * closes). Scalars get their types from `yaml`'s own core-schema tags.
 *
 * Linear in the text's length: every character is looked at a bounded number of times, and
 * nesting is bounded by `maxDepth`.
 */
import { isScalar, parseDocument, type ParseOptions } from 'yaml';
import type { Span } from '../types.js';

/** The options corpus files are parsed with, by both readers. */
export const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true } as const;

export interface FastYamlResult {
  readonly data: unknown;
  /** JSON pointer → span of the value (`node.range[0..1]` in `yaml`). */
  readonly valueSpans: Map<string, Span>;
  /** JSON pointer → span of the key that introduces the value. */
  readonly keySpans: Map<string, Span>;
}

/**
 * Which spans a reader records. `all`: the span of every value and key. `entries`: only the value
 * spans that building a file's entries keeps (see `isEntrySpanPointer`), and no key spans; the
 * data is the same. Findings need `all` to be placed.
 */
export type SpanDetail = 'all' | 'entries';

/**
 * The pointers whose value spans `entries` detail records: an entry (`/i`), its id, its articles,
 * their paragraphs, its urls (`/i/urls/j`, `/i/urls/j/url`) and the items of its `related` and
 * `about` lists. Those are all the spans a file's entries and heads hold.
 */
const ENTRY_SPAN_POINTER = /^\/\d+(?:\/id|\/articles\/\d+(?:\/paragraphs\/\d+)?|\/urls\/\d+(?:\/url)?|\/(?:related|about)\/\d+)?$/;

/** Whether `entries` detail records the value span at `pointer` (the reader decides as it descends, without this test). */
export function isEntrySpanPointer(pointer: string): boolean {
  return ENTRY_SPAN_POINTER.test(pointer);
}

// Where a node sits, as far as `entries` detail is concerned: whether its span is recorded, and
// what its children are. The reader passes this down with the pointer, which it only builds for
// nodes that are recorded or lead to recorded ones.
/** Detail `all`: every span, here and below. */
const AT_ALL = 0;
/** Nothing recorded here or below. */
const AT_NONE = 1;
/** The document: its items are entries. */
const AT_ROOT = 2;
/** `/i`, recorded: its `id`, `articles`, `urls`, `related` and `about` lead on. */
const AT_ENTRY = 3;
/** `/i/articles`: its items are articles. */
const AT_ARTICLES = 4;
/** `/i/articles/j`, recorded: its `paragraphs` lead on. */
const AT_ARTICLE = 5;
/** `/i/urls`: its items are urls. */
const AT_URLS = 6;
/** `/i/urls/j`, recorded: its `url` is recorded. */
const AT_URL = 7;
/** `related`, `about` or `paragraphs`: its items are recorded. */
const AT_LIST = 8;
/** Recorded, nothing below. */
const AT_LEAF = 9;

/** Whether the span of a node at `at` is recorded. */
function recorded(at: number): boolean {
  return at === AT_ALL || at === AT_ENTRY || at === AT_ARTICLE || at === AT_URL || at === AT_LEAF;
}

/** Where the items of a collection at `at` sit. */
function itemAt(at: number): number {
  switch (at) {
    case AT_ALL:
      return AT_ALL;
    case AT_ROOT:
      return AT_ENTRY;
    case AT_ARTICLES:
      return AT_ARTICLE;
    case AT_URLS:
      return AT_URL;
    case AT_LIST:
      return AT_LEAF;
    default:
      return AT_NONE;
  }
}

const DIGITS = /^\d+$/;

/** Where the value of the key `name` of a mapping at `at` sits. */
function fieldAt(at: number, name: string): number {
  switch (at) {
    case AT_ALL:
      return AT_ALL;
    case AT_NONE:
    case AT_LEAF:
      return AT_NONE;
    case AT_ENTRY:
      return name === 'id' ? AT_LEAF : name === 'articles' ? AT_ARTICLES : name === 'urls' ? AT_URLS : name === 'related' || name === 'about' ? AT_LIST : AT_NONE;
    case AT_ARTICLE:
      return name === 'paragraphs' ? AT_LIST : AT_NONE;
    case AT_URL:
      return name === 'url' ? AT_LEAF : AT_NONE;
    default:
      // A mapping where a sequence was expected: its keys of digits make the same pointers items would.
      return DIGITS.test(name) ? itemAt(at) : AT_NONE;
  }
}

/** Thrown inside the reader when the text leaves the subset; never escapes. */
class OutsideSubset {}
const OUTSIDE = new OutsideSubset();

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const PERCENT = 37;
const COLON = 58;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/** Whether the text has a character the reader does not handle anywhere: a control character, a BOM, a lone CR. */
function hasUnsupportedChar(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < SPACE) {
      if (c === LF || c === TAB || (c === CR && t.charCodeAt(i + 1) === LF)) continue;
      return true;
    }
    if (c === 0xfeff) return true;
  }
  return false;
}

/** First characters that make a plain scalar impossible or special in block context. */
const NOT_PLAIN_START = new Uint8Array(128);
for (const c of '!&*#{}[]"\'|>,%@`?:') NOT_PLAIN_START[c.charCodeAt(0)] = 1;
/** In a flow collection, these end a plain scalar. */
const FLOW_INDICATOR = new Uint8Array(128);
for (const c of ',[]{}') FLOW_INDICATOR[c.charCodeAt(0)] = 1;

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

interface PlainTag {
  readonly test: RegExp;
  /** Only tried for mapping keys. */
  readonly keyOnly: boolean;
  readonly resolve: (value: string, onError: (message: string) => void, options: ParseOptions) => unknown;
}

/** `yaml`'s core schema, as used for plain scalars: the tags tried in order, and how to call them. */
interface PlainResolver {
  readonly tags: readonly PlainTag[];
  readonly options: ParseOptions;
  /** Set when the tags are the known core ones: then only these first characters can make a non-string. */
  readonly maybeTyped: Uint8Array | undefined;
}

/** The regular expressions of `yaml` 2's core-schema scalar tags. */
const KNOWN_CORE_TESTS = new Set([
  '^(?:~|[Nn]ull|NULL)?$',
  '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$',
  '^0o[0-7]+$',
  '^[-+]?[0-9]+$',
  '^0x[0-9a-fA-F]+$',
  '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$',
  '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$',
  '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$',
]);

let resolver: PlainResolver | undefined;

function plainResolver(): PlainResolver {
  if (resolver) return resolver;
  // The same schema and options the slow path's document gets.
  const doc = parseDocument('', YAML_OPTIONS);
  const tags: PlainTag[] = [];
  let known = true;
  for (const tag of doc.schema.tags) {
    if (tag.collection || !('test' in tag) || !tag.test) continue;
    if (tag.default !== true && tag.default !== 'key') continue;
    tags.push({ test: tag.test, keyOnly: tag.default === 'key', resolve: tag.resolve.bind(tag) });
    if (tag.test.flags !== '' || !KNOWN_CORE_TESTS.has(tag.test.source)) known = false;
  }
  let maybeTyped: Uint8Array | undefined;
  if (known && !doc.schema.compat) {
    maybeTyped = new Uint8Array(128);
    for (const c of '~NnTtFf0123456789+-.') maybeTyped[c.charCodeAt(0)] = 1;
  }
  resolver = { tags, options: doc.options, maybeTyped };
  return resolver;
}

let resolveFailed = false;
const onResolveError = (): void => {
  resolveFailed = true;
};

/** The value `yaml` gives a plain scalar (`atKey`: it is a mapping key). */
function resolvePlain(source: string, atKey: boolean): unknown {
  const r = plainResolver();
  if (r.maybeTyped && source.length > 0) {
    const c = source.charCodeAt(0);
    if (c >= 128 || r.maybeTyped[c] === 0) return source;
  }
  for (const tag of r.tags) {
    if (tag.keyOnly && !atKey) continue;
    if (!tag.test.test(source)) continue;
    let value: unknown;
    resolveFailed = false;
    try {
      value = tag.resolve(source, onResolveError, r.options);
    } catch {
      throw OUTSIDE;
    }
    if (resolveFailed) throw OUTSIDE;
    return isScalar(value) ? value.value : value;
  }
  return source;
}

function pointerSegment(s: string): string {
  return s.indexOf('~') < 0 && s.indexOf('/') < 0 ? s : s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  // "__proto__" must be plain data, never the prototype; every other key assigns an own property.
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** A collection's span, whose end is known once its last value is read. */
interface OpenSpan {
  start: number;
  end: number;
}

class Reader {
  readonly valueSpans = new Map<string, Span>();
  readonly keySpans = new Map<string, Span>();
  private readonly n: number;

  // Where the next content line is, after the node just read: its first non-space character
  // (-1 at the end of the text) and its indentation.
  private next = -1;
  private nextIndent = -1;
  /** `range[2]` of the node just read (where a collection ending with it ends). */
  private end2 = 0;
  // The trailing comment-only item (`yaml` parser) after the node just read: whether it has a
  // comment, the deepest indentation of its comments, where it ends.
  private rComment = false;
  private rIndent = 0;
  private rEnd = 0;
  // Comment lines met by the last trivia scan: indentation and end (after the line break).
  private readonly cIndent: number[] = [];
  private readonly cEnd: number[] = [];
  private nc = 0;

  constructor(
    private readonly t: string,
    private readonly maxDepth: number,
    private readonly detail: SpanDetail,
  ) {
    this.n = t.length;
  }

  read(): FastYamlResult {
    if (hasUnsupportedChar(this.t)) throw OUTSIDE;
    this.trivia(0);
    if (this.next < 0) return { data: null, valueSpans: this.valueSpans, keySpans: this.keySpans };
    if (this.nextIndent !== 0) throw OUTSIDE;
    const data = this.block(this.next, 0, '', this.detail === 'all' ? AT_ALL : AT_ROOT, 0);
    if (this.next >= 0) throw OUTSIDE;
    return { data, valueSpans: this.valueSpans, keySpans: this.keySpans };
  }

  /** Reads the block collection whose first line's content starts at `p` (column `col`). */
  private block(p: number, col: number, pointer: string, at: number, depth: number): unknown {
    if (this.isSeqIndicator(p)) return this.seq(p, col, pointer, at, depth);
    return this.map(p, col, pointer, at, depth);
  }

  private isSeqIndicator(p: number): boolean {
    if (this.t.charCodeAt(p) !== DASH) return false;
    const c = p + 1 < this.n ? this.t.charCodeAt(p + 1) : -1;
    return c === -1 || c === SPACE || c === LF || c === CR || c === TAB;
  }

  /**
   * Skips blank and comment lines from the line start `p`, recording the comments, and stops at
   * the next content line.
   */
  private trivia(p: number): void {
    const t = this.t;
    const n = this.n;
    this.nc = 0;
    while (p < n) {
      let i = p;
      while (i < n && t.charCodeAt(i) === SPACE) i++;
      if (i >= n) break;
      const c = t.charCodeAt(i);
      if (c === TAB) throw OUTSIDE;
      if (c === LF) {
        p = i + 1;
        continue;
      }
      if (c === CR) {
        p = i + 2;
        continue;
      }
      if (c === HASH) {
        const eol = t.indexOf('\n', i);
        const end = eol < 0 ? n : eol + 1;
        this.cIndent[this.nc] = i - p;
        this.cEnd[this.nc] = end;
        this.nc++;
        p = end;
        continue;
      }
      if (i === p && (c === DASH || c === DOT || c === PERCENT) && (c === PERCENT || t.startsWith(c === DASH ? '---' : '...', i))) throw OUTSIDE;
      this.next = i;
      this.nextIndent = i - p;
      return;
    }
    this.next = -1;
    this.nextIndent = -1;
  }

  /**
   * After a one-line value that ends at `p`: checks the rest of its line (spaces, a comment),
   * then finds the next content line and works out `range[2]` and the trailing item. `k` is the
   * indentation of the collection the value is in.
   */
  private finishLine(p: number, k: number): void {
    const t = this.t;
    let i = p;
    while (i < this.n && (t.charCodeAt(i) === SPACE || t.charCodeAt(i) === TAB)) i++;
    let lineEnd: number;
    if (i >= this.n) lineEnd = this.n;
    else {
      const c = t.charCodeAt(i);
      if (c === HASH) {
        if (i === p) throw OUTSIDE;
        const eol = t.indexOf('\n', i);
        lineEnd = eol < 0 ? this.n : eol + 1;
      } else if (c === LF) lineEnd = i + 1;
      else if (c === CR) lineEnd = i + 2;
      else throw OUTSIDE;
    }
    this.trivia(lineEnd);
    // Comment lines indented deeper than the collection join the value's trailing trivia.
    let end2 = lineEnd;
    let j = 0;
    while (j < this.nc && this.cIndent[j]! > k) end2 = this.cEnd[j++]!;
    this.end2 = end2;
    this.pending(j);
  }

  /** Records the comments from the `from`th one on as the trailing comment-only item. */
  private pending(from: number): void {
    this.rComment = from < this.nc;
    if (this.rComment) {
      let max = 0;
      for (let j = from; j < this.nc; j++) if (this.cIndent[j]! > max) max = this.cIndent[j]!;
      this.rIndent = max;
      this.rEnd = this.next < 0 ? this.n : this.next;
    }
  }

  /**
   * A collection at indentation `col` closes: its `range[1]` is its last value's `range[2]`; it
   * keeps the trailing comment-only item (and ends after it) when one of its comments is at
   * least as indented as the collection, unless the collection is at column 0.
   */
  private close(span: OpenSpan | undefined, col: number): void {
    if (span) span.end = this.end2;
    if (this.rComment && col !== 0 && this.rIndent >= col) {
      this.end2 = this.rEnd;
      this.rComment = false;
    }
  }

  /** A block mapping whose first key is at `p`; `keyRead`: `key(p)` was just called. */
  private map(p: number, col: number, pointer: string, at: number, depth: number, keyRead = false): Record<string, unknown> {
    if (depth > this.maxDepth) throw OUTSIDE;
    const span: OpenSpan | undefined = recorded(at) ? { start: p, end: p } : undefined;
    if (span) this.valueSpans.set(pointer, span);
    const out: Record<string, unknown> = {};
    const prefix = at === AT_NONE ? '' : `${pointer}/`;
    for (;;) {
      if (!keyRead && !this.key(p)) throw OUTSIDE;
      keyRead = false;
      const name = String(this.keyValue);
      if (Object.prototype.hasOwnProperty.call(out, name)) throw OUTSIDE;
      const childAt = fieldAt(at, name);
      const child = childAt === AT_NONE ? '' : prefix + pointerSegment(name);
      if (at === AT_ALL) this.keySpans.set(child, { start: p, end: this.keyEnd });
      setOwn(out, name, this.mapValue(this.colon, col, child, childAt, depth + 1));
      if (this.next < 0 || this.nextIndent < col) break;
      if (this.nextIndent > col) throw OUTSIDE;
      this.rComment = false;
      p = this.next;
      if (this.isSeqIndicator(p)) throw OUTSIDE;
    }
    this.close(span, col);
    return out;
  }

  // The key just read by `key()`: its value, where its source ends, the position after its ':'.
  private keyValue: unknown = undefined;
  private keyEnd = 0;
  private colon = 0;

  /**
   * Reads an implicit key at `p` (plain or quoted, then ':' and a space or line end). Returns
   * false when there is no key there.
   */
  private key(p: number): boolean {
    const t = this.t;
    const c = t.charCodeAt(p);
    let valueEnd: number;
    let value: unknown;
    let i: number;
    if (c === DQUOTE || c === SQUOTE) {
      value = c === DQUOTE ? this.doubleQuoted(p) : this.singleQuoted(p);
      valueEnd = this.qEnd;
      i = valueEnd;
      while (i < this.n && t.charCodeAt(i) === SPACE) i++;
      if (t.charCodeAt(i) !== COLON) return false;
      const e = i + 1 < this.n ? t.charCodeAt(i + 1) : -1;
      if (e !== -1 && e !== SPACE && e !== TAB && e !== LF && e !== CR) return false;
    } else {
      if (c < 128 && NOT_PLAIN_START[c] === 1) return false;
      if (c === DASH && this.isSeqIndicator(p)) return false;
      // The first ': ' ends the key, unless a comment starts before it.
      i = p;
      valueEnd = p;
      for (;;) {
        if (i >= this.n) return false;
        const d = t.charCodeAt(i);
        if (d === LF || d === CR) return false;
        if (d === COLON) {
          const e = i + 1 < this.n ? t.charCodeAt(i + 1) : -1;
          if (e === -1 || e === SPACE || e === TAB || e === LF || e === CR) break;
          valueEnd = i + 1;
        } else if (d === SPACE || d === TAB) {
          if (t.charCodeAt(i + 1) === HASH) return false;
        } else valueEnd = i + 1;
        i++;
      }
      if (valueEnd === p) return false;
      value = resolvePlain(t.slice(p, valueEnd), true);
    }
    // yaml refuses implicit keys whose ':' is over 1024 characters from their start.
    if (i - p > 1000) throw OUTSIDE;
    this.keyValue = value;
    this.keyEnd = valueEnd;
    this.colon = i + 1;
    return true;
  }

  /** The value after a mapping's ':' at `p` (collection at `col`). */
  private mapValue(p: number, col: number, pointer: string, at: number, depth: number): unknown {
    const t = this.t;
    let i = p;
    while (i < this.n && (t.charCodeAt(i) === SPACE || t.charCodeAt(i) === TAB)) i++;
    const c = i < this.n ? t.charCodeAt(i) : -1;
    if (c === -1 || c === LF || c === CR || c === HASH) {
      // Nothing on the line: a nested block below, or an empty value.
      const eol = c === -1 ? -1 : t.indexOf('\n', i);
      this.trivia(eol < 0 ? this.n : eol + 1);
      if (this.next >= 0 && this.nextIndent > col) {
        this.rComment = false;
        return this.block(this.next, this.nextIndent, pointer, at, depth);
      }
      if (c === HASH || this.nc > 0) throw OUTSIDE;
      if (this.next >= 0 && this.nextIndent === col && this.isSeqIndicator(this.next)) throw OUTSIDE;
      return this.empty(i, pointer, at, depth);
    }
    return this.inlineValue(i, col, pointer, at, depth, false);
  }

  /** An empty value (null) placed at `p`. */
  private empty(p: number, pointer: string, at: number, depth: number): unknown {
    if (depth > this.maxDepth) throw OUTSIDE;
    if (recorded(at)) this.valueSpans.set(pointer, { start: p, end: p });
    this.end2 = p;
    this.rComment = false;
    return resolvePlain('', false);
  }

  private seq(p: number, col: number, pointer: string, at: number, depth: number): unknown[] {
    if (depth > this.maxDepth) throw OUTSIDE;
    const t = this.t;
    const span: OpenSpan | undefined = recorded(at) ? { start: p, end: p } : undefined;
    if (span) this.valueSpans.set(pointer, span);
    const out: unknown[] = [];
    const childAt = itemAt(at);
    const prefix = childAt === AT_NONE ? '' : `${pointer}/`;
    // Comment lines before an item are part of it in yaml's parser; they change where an empty item ends.
    let commentsBefore = false;
    for (;;) {
      // `p` is at '-'; a tab after it would be indentation.
      if (t.charCodeAt(p + 1) === TAB) throw OUTSIDE;
      let i = p + 1;
      while (i < this.n && t.charCodeAt(i) === SPACE) i++;
      const child = childAt === AT_NONE ? '' : prefix + out.length;
      const c = i < this.n ? t.charCodeAt(i) : -1;
      if (c === -1 || c === LF || c === CR || c === HASH) {
        // Nothing on the line: a nested block below, or an empty item.
        const eol = c === -1 ? -1 : t.indexOf('\n', i);
        this.trivia(eol < 0 ? this.n : eol + 1);
        if (this.next >= 0 && this.nextIndent > col) {
          this.rComment = false;
          out.push(this.block(this.next, this.nextIndent, child, childAt, depth + 1));
        } else {
          if (c === HASH || commentsBefore || this.nc > 0) throw OUTSIDE;
          out.push(this.empty(i, child, childAt, depth + 1));
        }
      } else {
        if (c === TAB) throw OUTSIDE;
        out.push(this.inlineValue(i, col, child, childAt, depth + 1, true));
      }
      if (this.next < 0 || this.nextIndent < col) break;
      if (this.nextIndent > col || !this.isSeqIndicator(this.next)) throw OUTSIDE;
      commentsBefore = this.rComment;
      this.rComment = false;
      p = this.next;
    }
    this.close(span, col);
    return out;
  }

  /**
   * A value that starts on the current line at `p` (not at its end), in a collection at `k`.
   * In a sequence item (`inSeq`) it may be a compact mapping.
   */
  private inlineValue(p: number, k: number, pointer: string, at: number, depth: number, inSeq: boolean): unknown {
    if (depth > this.maxDepth) throw OUTSIDE;
    const t = this.t;
    const c = t.charCodeAt(p);
    if (inSeq && (c === DQUOTE || c === SQUOTE || c >= 128 || NOT_PLAIN_START[c] === 0)) {
      // `- key: value`: a mapping whose keys are at this column.
      if (this.key(p)) return this.map(p, p - this.lineStart(p), pointer, at, depth, true);
    }
    switch (c) {
      case DQUOTE:
      case SQUOTE: {
        const value = c === DQUOTE ? this.doubleQuoted(p) : this.singleQuoted(p);
        const end = this.qEnd;
        if (recorded(at)) this.valueSpans.set(pointer, { start: p, end });
        this.finishLine(end, k);
        return value;
      }
      case LBRACKET:
      case LBRACE:
        return this.flow(p, k, pointer, at, depth);
      case 124: // |
      case 62: // >
        return this.blockScalar(p, k, pointer, at);
    }
    if (c < 128 && NOT_PLAIN_START[c] === 1) throw OUTSIDE;
    if (c === DASH && this.isSeqIndicator(p)) throw OUTSIDE;
    // A plain scalar: to the line end or a comment; ': ' would make it a key.
    let i = p;
    let end = p;
    for (; i < this.n; i++) {
      const d = t.charCodeAt(i);
      if (d === LF || d === CR) break;
      if (d === SPACE || d === TAB) {
        if (t.charCodeAt(i + 1) === HASH) break;
      } else if (d === COLON) {
        const e = i + 1 < this.n ? t.charCodeAt(i + 1) : -1;
        if (e === -1 || e === SPACE || e === TAB || e === LF || e === CR) throw OUTSIDE;
        end = i + 1;
      } else end = i + 1;
    }
    if (recorded(at)) this.valueSpans.set(pointer, { start: p, end });
    const value = resolvePlain(t.slice(p, end), false);
    this.finishLine(end, k);
    return value;
  }

  private lineStart(p: number): number {
    return this.t.lastIndexOf('\n', p - 1) + 1;
  }

  /** Where the quoted scalar just read ends (after its closing quote). */
  private qEnd = 0;

  /** `"..."` on one line. */
  private doubleQuoted(p: number): string {
    const t = this.t;
    let out = '';
    let chunk = p + 1;
    for (let i = p + 1; i < this.n; i++) {
      const c = t.charCodeAt(i);
      if (c === DQUOTE) {
        this.qEnd = i + 1;
        return out + t.slice(chunk, i);
      }
      if (c === LF || c === CR) break;
      if (c !== BACKSLASH) continue;
      out += t.slice(chunk, i);
      const e = t[i + 1];
      if (e === undefined) break;
      const simple = ESCAPES[e];
      if (simple !== undefined && Object.prototype.hasOwnProperty.call(ESCAPES, e)) {
        out += simple;
        i += 1;
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = t.slice(i + 2, i + 2 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) break;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) break;
        out += String.fromCodePoint(code);
        i += 1 + len;
      } else break;
      chunk = i + 1;
    }
    throw OUTSIDE;
  }

  /** `'...'` on one line. */
  private singleQuoted(p: number): string {
    const t = this.t;
    let out = '';
    let chunk = p + 1;
    for (let i = p + 1; i < this.n; i++) {
      const c = t.charCodeAt(i);
      if (c === LF || c === CR) break;
      if (c !== SQUOTE) continue;
      if (t.charCodeAt(i + 1) !== SQUOTE) {
        this.qEnd = i + 1;
        return out + t.slice(chunk, i);
      }
      out += t.slice(chunk, i + 1);
      i++;
      chunk = i + 1;
    }
    throw OUTSIDE;
  }

  /** Skips spaces and tabs from `i`. */
  private skipSpace(i: number): number {
    const t = this.t;
    while (i < this.n && (t.charCodeAt(i) === SPACE || t.charCodeAt(i) === TAB)) i++;
    return i;
  }

  /** Where the flow scalar just read by `flowScalar()` ends. */
  private fEnd = 0;

  /**
   * A scalar inside a flow collection at `i`: quoted, or plain up to a flow indicator, the line
   * end, or a ':' that ends a key. Sets `fEnd`.
   */
  private flowScalar(i: number, atKey: boolean): unknown {
    const t = this.t;
    const c = i < this.n ? t.charCodeAt(i) : -1;
    if (c === DQUOTE || c === SQUOTE) {
      const value = c === DQUOTE ? this.doubleQuoted(i) : this.singleQuoted(i);
      this.fEnd = this.qEnd;
      return value;
    }
    if (c === -1 || c === LF || c === CR || (c < 128 && NOT_PLAIN_START[c] === 1)) throw OUTSIDE;
    if (c === DASH) {
      const d = i + 1 < this.n ? t.charCodeAt(i + 1) : -1;
      if (d === -1 || d === SPACE || d === TAB || d === LF || d === CR || (d < 128 && FLOW_INDICATOR[d] === 1)) throw OUTSIDE;
    }
    const start = i;
    let end = i;
    for (; i < this.n; i++) {
      const d = t.charCodeAt(i);
      if (d === LF || d === CR || (d < 128 && FLOW_INDICATOR[d] === 1)) break;
      if (d === SPACE || d === TAB) {
        if (t.charCodeAt(i + 1) === HASH) throw OUTSIDE;
      } else if (d === COLON) {
        const e = i + 1 < this.n ? t.charCodeAt(i + 1) : -1;
        if (e === -1 || e === SPACE || e === TAB || e === LF || e === CR || (e < 128 && FLOW_INDICATOR[e] === 1)) break;
        end = i + 1;
      } else end = i + 1;
    }
    if (end === start) throw OUTSIDE;
    this.fEnd = end;
    return resolvePlain(t.slice(start, end), atKey);
  }

  /** `[a, "b", c]` or `{a: b, c: "d"}` on one line, of scalars. */
  private flow(p: number, k: number, pointer: string, at: number, depth: number): unknown {
    const t = this.t;
    const isMap = t.charCodeAt(p) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const span: OpenSpan | undefined = recorded(at) ? { start: p, end: p } : undefined;
    if (span) this.valueSpans.set(pointer, span);
    const itemsAt = itemAt(at);
    const seq: unknown[] = [];
    const map: Record<string, unknown> = {};
    let i = this.skipSpace(p + 1);
    if (t.charCodeAt(i) !== close) {
      if (depth + 1 > this.maxDepth) throw OUTSIDE;
      for (;;) {
        if (isMap) {
          const keyStart = i;
          const key = this.flowScalar(i, true);
          const keyEnd = this.fEnd;
          i = this.skipSpace(keyEnd);
          const sep = i + 1 < this.n ? t.charCodeAt(i + 1) : -1;
          if (t.charCodeAt(i) !== COLON || (sep !== SPACE && sep !== TAB)) throw OUTSIDE;
          const name = String(key);
          if (Object.prototype.hasOwnProperty.call(map, name)) throw OUTSIDE;
          const childAt = fieldAt(at, name);
          const child = childAt === AT_NONE ? '' : `${pointer}/${pointerSegment(name)}`;
          if (at === AT_ALL) this.keySpans.set(child, { start: keyStart, end: keyEnd });
          i = this.skipSpace(i + 1);
          const d = t.charCodeAt(i);
          if (d === COMMA || d === close) throw OUTSIDE; // an empty value
          const value = this.flowScalar(i, false);
          if (recorded(childAt)) this.valueSpans.set(child, { start: i, end: this.fEnd });
          setOwn(map, name, value);
        } else {
          const value = this.flowScalar(i, false);
          if (recorded(itemsAt)) this.valueSpans.set(`${pointer}/${seq.length}`, { start: i, end: this.fEnd });
          seq.push(value);
        }
        i = this.skipSpace(this.fEnd);
        const d = t.charCodeAt(i);
        if (d === close) break;
        if (d !== COMMA) throw OUTSIDE;
        i = this.skipSpace(i + 1);
        if (t.charCodeAt(i) === close) throw OUTSIDE; // a trailing comma
      }
    }
    if (span) span.end = i + 1;
    this.finishLine(i + 1, k);
    return isMap ? map : seq;
  }

  /** `|`, `|-`, `>` or `>-` and the more indented lines below it. */
  private blockScalar(p: number, k: number, pointer: string, at: number): string {
    const t = this.t;
    const folded = t.charCodeAt(p) === 62;
    let i = p + 1;
    const strip = t.charCodeAt(i) === DASH;
    if (strip) i++;
    // The header ends with a space or the line end; then only a comment may follow.
    const h = i < this.n ? t.charCodeAt(i) : -1;
    if (h !== SPACE && h !== LF && h !== CR) throw OUTSIDE;
    while (i < this.n && t.charCodeAt(i) === SPACE) i++;
    const eol = t.indexOf('\n', i);
    if (eol < 0) throw OUTSIDE;
    const c = t.charCodeAt(i);
    if (c !== LF && c !== CR && c !== HASH) throw OUTSIDE;
    // Content lines all at the first line's indentation m (> k); blank lines may hold up to m spaces.
    let ls = eol + 1;
    let m = -1;
    let value = '';
    let sep = '';
    let pendingBlank = 0;
    let sourceEnd = ls;
    while (ls < this.n) {
      let j = ls;
      while (j < this.n && t.charCodeAt(j) === SPACE) j++;
      const indent = j - ls;
      const d = j < this.n ? t.charCodeAt(j) : -1;
      const blank = d === -1 || d === LF || d === CR;
      if (d === TAB) throw OUTSIDE;
      if (blank) {
        if (m < 0) throw OUTSIDE; // leading blank lines: not handled
        if (indent > m) throw OUTSIDE;
        pendingBlank++;
        if (d === -1) break;
        ls = d === LF ? j + 1 : j + 2;
        continue;
      }
      if (m < 0) {
        if (indent <= k) throw OUTSIDE; // an empty block scalar
        m = indent;
      } else if (indent < m) break;
      if (indent > m) throw OUTSIDE;
      const nl = t.indexOf('\n', j);
      const lineEnd = nl < 0 ? this.n : nl;
      const content = t.slice(j, nl > 0 && t.charCodeAt(nl - 1) === CR ? nl - 1 : lineEnd);
      if (folded) {
        for (; pendingBlank > 0; pendingBlank--) {
          if (sep === '\n') value += '\n';
          else sep = '\n';
        }
        value += sep + content;
        sep = ' ';
      } else {
        for (; pendingBlank > 0; pendingBlank--) value += '\n';
        value += sep + content;
        sep = '\n';
      }
      sourceEnd = nl < 0 ? this.n : nl + 1;
      if (nl < 0) break;
      ls = nl + 1;
    }
    if (m < 0) throw OUTSIDE;
    if (!strip) value += '\n';
    if (recorded(at)) this.valueSpans.set(pointer, { start: p, end: sourceEnd });
    this.end2 = sourceEnd;
    this.trivia(sourceEnd);
    this.pending(0);
    return value;
  }
}

/**
 * Reads `text` when it is in the subset; `undefined` otherwise (then `yaml` must read it). Never
 * throws. A document with no content gives `null` and no spans. `detail` says which spans are
 * recorded (see `SpanDetail`).
 */
export function fastParseYaml(text: string, limits: { readonly maxDepth: number }, detail: SpanDetail = 'all'): FastYamlResult | undefined {
  try {
    return new Reader(text, limits.maxDepth, detail).read();
  } catch {
    return undefined;
  }
}
