/**
 * Reads one corpus file's text into plain data, keeping the source span of every value and key,
 * and refusing hostile input (too large, too deep, alias bombs) with a positioned finding
 * instead of hanging or crashing. Keys such as `__proto__` become ordinary own properties.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Finding, Span } from '../types.js';
import { fastParseYaml, YAML_OPTIONS, type SpanDetail } from './fastYaml.js';
import { corpusText, type CorpusText } from './corpusMessages.js';

export type { SpanDetail } from './fastYaml.js';

/** Limits on what a corpus file may be (SPEC §6); configurable. */
export interface CorpusLimits {
  /** Largest file in bytes. */
  readonly maxBytes: number;
  /** Deepest nesting of mappings and sequences. */
  readonly maxDepth: number;
  /** How many alias expansions a file may make. */
  readonly maxAliases: number;
}

export const DEFAULT_LIMITS: CorpusLimits = { maxBytes: 5 * 1024 * 1024, maxDepth: 64, maxAliases: 20 };

/** Parsed file: the data, where each part of it sits, and any problem. */
export interface ParsedFile {
  /** `undefined` when the file could not be read as YAML at all. */
  readonly data: unknown;
  /** JSON pointer (`/0/articles/1/number`) → span of the value. */
  readonly valueSpans: ReadonlyMap<string, Span>;
  /** JSON pointer → span of the key that introduces the value. */
  readonly keySpans: ReadonlyMap<string, Span>;
  /**
   * Which spans the maps hold: `all`, or (when `entries` was asked for and the fast reader read
   * the file) only those a file's entries keep, not enough to place a finding.
   */
  readonly spans: SpanDetail;
  readonly findings: readonly Finding[];
  /** True when the file was refused or is not YAML, so its previous version should keep serving. */
  readonly fatal: boolean;
}

class Refusal extends Error {
  constructor(
    readonly text: CorpusText,
    readonly span: Span,
  ) {
    super(text.message);
  }
}

/** Escapes one JSON-pointer segment (RFC 6901), as ajv's `instancePath` does. */
export function pointerSegment(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}

function spanOf(node: Node | null | undefined, fallback: Span): Span {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
}

/** The characters `prescanDepth` looks at; the rest of the text is skipped by the regular expression engine. */
const PRESCAN_STOPS = /["'#[\]{}\n]/g;

/**
 * Cheap scan before parsing, so that pathological nesting is refused before the YAML composer
 * (which recurses) could exhaust the stack.
 */
function prescanDepth(text: string, maxDepth: number): Span | undefined {
  // Character codes rather than one-character strings: a large file is scanned once per load.
  const n = text.length;
  let depth = 0;
  let quote = 0; // the open quote's character code, 0 outside quotes
  let lineStart = 0;
  // Block nesting shows at the start of a line: its indent and "- - - " sequence entries.
  const lineTooDeep = (start: number): Span | undefined => {
    let j = start;
    let dashes = 0;
    while (j < n && text.charCodeAt(j) === 32) j++;
    const indent = j - start;
    while (text.charCodeAt(j) === 45 && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9)) {
      dashes++;
      j += 2;
      while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
    }
    return dashes > maxDepth || indent > maxDepth * 16 ? { start, end: Math.min(j, n) } : undefined;
  };
  const first = lineTooDeep(0);
  if (first) return first;
  const stops = PRESCAN_STOPS;
  stops.lastIndex = 0;
  while (stops.test(text)) {
    const i = stops.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 10) {
      quote = 0;
      lineStart = i + 1;
      const deep = lineTooDeep(lineStart);
      if (deep) return deep;
      continue;
    }
    if (quote !== 0) {
      if (c === quote) quote = 0;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 35) {
      if (i !== lineStart && text.charCodeAt(i - 1) !== 32) continue;
      // A comment: on to the line's end.
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      stops.lastIndex = nl;
    } else if (c === 91 || c === 123) {
      depth++;
      if (depth > maxDepth) return { start: i, end: i + 1 };
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * Parses a corpus file's text. Never throws. A byte-order mark is not part of the YAML (the
 * parser would read the first line as indented by it); spans still count it, as editors do.
 * Text in the plain subset corpus files are written in goes to a fast reader (fastYaml.ts) with
 * the same result; `fastReader: false` has `yaml` read everything (the fast reader's reference).
 * `spans: 'entries'` lets the fast reader skip the spans a file without findings does not need
 * (the result's `spans` says whether it did).
 */
export function parseCorpusText(text: string, limits: CorpusLimits = DEFAULT_LIMITS, fastReader = true, spans: SpanDetail = 'all'): ParsedFile {
  if (text.charCodeAt(0) !== 0xfeff) return parseYamlText(text, limits, fastReader, spans);
  const p = parseYamlText(text.slice(1), limits, fastReader, spans);
  // The maps are this parse's own: shift their spans in place.
  const shiftAll = (m: Map<string, Span>) => {
    for (const [k, s] of m) m.set(k, { start: s.start + 1, end: s.end + 1 });
  };
  shiftAll(p.valueSpans);
  shiftAll(p.keySpans);
  return p.findings.length === 0 ? p : { ...p, findings: p.findings.map((f) => ({ ...f, span: { start: f.span.start + 1, end: f.span.end + 1 } })) };
}

/** A parse whose span maps have not been handed out yet. */
type OwnParsedFile = ParsedFile & { readonly valueSpans: Map<string, Span>; readonly keySpans: Map<string, Span> };

function parseYamlText(text: string, limits: CorpusLimits, fastReader: boolean, spans: SpanDetail): OwnParsedFile {
  const valueSpans = new Map<string, Span>();
  const keySpans = new Map<string, Span>();
  const refused = (text: CorpusText, span: Span): OwnParsedFile => ({
    data: undefined,
    valueSpans,
    keySpans,
    spans: 'all',
    findings: [{ rule: 'corpus-yaml', ...text, span }],
    fatal: true,
  });

  const deep = prescanDepth(text, limits.maxDepth);
  if (deep) return refused(corpusText('tooDeep', [limits.maxDepth]), deep);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return refused(corpusText('nul'), { start: nul, end: nul + 1 });

  const fast = fastReader ? fastParseYaml(text, limits, spans) : undefined;
  if (fast) return { data: fast.data, valueSpans: fast.valueSpans, keySpans: fast.keySpans, spans, findings: [], fatal: false };

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, YAML_OPTIONS);
  } catch (e) {
    return refused(corpusText('unparsable', [e instanceof RangeError ? 'too deeply nested' : String(e)]), { start: 0, end: 0 });
  }
  if (doc.errors.length > 0) {
    const findings: Finding[] = doc.errors.map((err) => ({
      rule: 'corpus-yaml' as const,
      ...corpusText('invalidYaml', [firstLine(err.message), err.code]),
      span: { start: err.pos[0], end: Math.max(err.pos[0], err.pos[1]) },
    }));
    return { data: undefined, valueSpans, keySpans, spans: 'all', findings, fatal: true };
  }

  let aliases = 0;
  const convert = (node: unknown, pointer: string, depth: number): unknown => {
    if (depth > limits.maxDepth) throw new Refusal(corpusText('tooDeep', [limits.maxDepth]), spanOf(node as Node, { start: 0, end: 0 }));
    if (isAlias(node)) {
      aliases++;
      if (aliases > limits.maxAliases) throw new Refusal(corpusText('aliases', [limits.maxAliases]), spanOf(node, { start: 0, end: 0 }));
      const target = node.resolve(doc);
      if (!target) throw new Refusal(corpusText('unresolvedAlias', [node.source]), spanOf(node, { start: 0, end: 0 }));
      const value = convert(target, pointer, depth + 1);
      valueSpans.set(pointer, spanOf(node, { start: 0, end: 0 }));
      return value;
    }
    if (node === null || node === undefined) return null;
    if (isScalar(node)) {
      valueSpans.set(pointer, spanOf(node, { start: 0, end: 0 }));
      return node.value;
    }
    if (isSeq(node)) {
      valueSpans.set(pointer, spanOf(node, { start: 0, end: 0 }));
      const out: unknown[] = [];
      node.items.forEach((item, i) => out.push(convert(item, `${pointer}/${i}`, depth + 1)));
      return out;
    }
    if (isMap(node)) {
      valueSpans.set(pointer, spanOf(node, { start: 0, end: 0 }));
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const childPointer = `${pointer}/${pointerSegment(key)}`;
        keySpans.set(childPointer, spanOf(keyNode, { start: 0, end: 0 }));
        const value = convert(pair.value, childPointer, depth + 1);
        if (!valueSpans.has(childPointer)) valueSpans.set(childPointer, spanOf(keyNode, { start: 0, end: 0 }));
        // defineProperty, so that "__proto__" or "constructor" are plain data, never a prototype.
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return null;
  };

  try {
    const data = convert(doc.contents, '', 0);
    return { data, valueSpans, keySpans, spans: 'all', findings: [], fatal: false };
  } catch (e) {
    if (e instanceof Refusal) return refused(e.text, e.span);
    if (e instanceof RangeError) return refused(corpusText('tooNested'), { start: 0, end: 0 });
    throw e;
  }
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? s;
  return line.replace(/\s+at line \d+, column \d+:?$/, '').trim();
}
