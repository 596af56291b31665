/**
 * A corpus is a set of file states. Each file is read on its own (so one broken file never hides
 * the others) and the corpus is assembled from them; when a file that used to be good breaks,
 * its last good version keeps serving while its new problems are reported.
 */
import type { CorpusFinding, Span } from '../types.js';
import { buildEntries, crossCheck } from './build.js';
import type { Entry } from './model.js';
import { DEFAULT_LIMITS, parseCorpusText, type CorpusLimits } from './parse.js';
import type { SchemaValidator } from './schema.js';

/** One corpus file as last read. */
export interface FileState {
  readonly file: string;
  readonly bundled: boolean;
  readonly entries: readonly Entry[];
  /** Entry id → JSON pointer of the entry in this file. */
  readonly pointers: ReadonlyMap<string, string>;
  /** Spans of the items of `related` and `about` lists, by JSON pointer. */
  readonly valueSpans: ReadonlyMap<string, Span>;
  readonly findings: readonly CorpusFinding[];
  /** The file could not be read as YAML this time. */
  readonly fatal: boolean;
  /** The entries come from an earlier, good version of the file. */
  readonly stale: boolean;
}

const REF_POINTER = /^\/\d+\/(?:related|about)\/\d+$/;

/** Reads one file's text into a file state. Never throws. */
export function readFileState(text: string, file: string, bundled: boolean, schema: SchemaValidator, limits: CorpusLimits = DEFAULT_LIMITS): FileState {
  const parsed = parseCorpusText(text, limits);
  const schemaFindings = parsed.fatal ? [] : schema.validate(parsed);
  const built = parsed.fatal ? { entries: [], pointers: new Map<string, string>(), findings: [] } : buildEntries(parsed, file, bundled);
  const findings = [...parsed.findings, ...schemaFindings, ...built.findings].map((f) => ({ ...f, file }));
  // Keep only the spans later checks and edits need (the items of related/about lists): a span for
  // every YAML node was most of a large corpus's memory.
  const refSpans = new Map<string, Span>();
  for (const [ptr, span] of parsed.valueSpans) if (REF_POINTER.test(ptr)) refSpans.set(ptr, span);
  return { file, bundled, entries: built.entries, pointers: built.pointers, valueSpans: refSpans, findings, fatal: parsed.fatal, stale: false };
}

/** A file state for a file that could not be read at all (unreadable, too large, not UTF-8). */
export function failedFileState(file: string, bundled: boolean, message: string, span: Span = { start: 0, end: 0 }): FileState {
  return { file, bundled, entries: [], pointers: new Map(), valueSpans: new Map(), findings: [{ rule: 'corpus-yaml', file, span, message }], fatal: true, stale: false };
}

/** Keeps the previous good entries of a file whose new version cannot be read. */
export function withFallback(next: FileState, previous: FileState | undefined): FileState {
  if (!next.fatal || !previous || previous.entries.length === 0) return next;
  return { ...previous, findings: next.findings, fatal: true, stale: true };
}

/** The assembled, immutable corpus. */
export interface Corpus {
  readonly entries: readonly Entry[];
  readonly byId: ReadonlyMap<string, Entry>;
  readonly files: readonly FileState[];
  readonly findings: readonly CorpusFinding[];
}

/** Assembles file states into a corpus, checking ids and references across files. */
export function assembleCorpus(files: readonly FileState[]): Corpus {
  const ordered = [...files].sort((a, b) => Number(b.bundled) - Number(a.bundled) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const all = ordered.flatMap((f) => f.entries);
  const stateOf = new Map(ordered.map((f) => [f.file, f]));
  const refSpan = (e: Entry, field: 'related' | 'about', index: number): Span => {
    const st = stateOf.get(e.file);
    const ptr = st?.pointers.get(e.id);
    return (ptr !== undefined && st?.valueSpans.get(`${ptr}/${field}/${index}`)) || e.idSpan;
  };
  const { unique, findings } = crossCheck(all, refSpan);
  return {
    entries: unique,
    byId: new Map(unique.map((e) => [e.id, e])),
    files: ordered,
    findings: [...ordered.flatMap((f) => f.findings), ...findings],
  };
}
