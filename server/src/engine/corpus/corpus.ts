/**
 * A corpus is a set of file states. Each file is read on its own (so one broken file never hides
 * the others) and the corpus is assembled from them; when a file that used to be good breaks,
 * its last good version keeps serving while its new problems are reported.
 */
import type { CorpusFinding, Span } from '../types.js';
import type { CorpusText } from './corpusMessages.js';
import { buildEntries, crossCheck, FILE_STRIDE } from './build.js';
import { runSync, type Steps } from '../slice.js';
import type { Entry } from './model.js';
import { fastParseYaml } from './fastYaml.js';
import { DEFAULT_LIMITS, parseCorpusText, type CorpusLimits, type ParsedFile, type SpanDetail } from './parse.js';
import type { SchemaValidator } from './schema.js';
import type { IndexInputs } from '../search/inputs.js';
import { headsOf, MemoryEntries, type EntryHead, type EntrySource } from './store.js';

/** One corpus file as last read. */
export interface FileState {
  readonly file: string;
  readonly bundled: boolean;
  /** Every entry's id and reference spans, in file order (always in memory). */
  readonly heads: readonly EntryHead[];
  /** The entries themselves, in the same order: in memory or read on demand from the cache. */
  readonly source: EntrySource;
  readonly findings: readonly CorpusFinding[];
  /** The file could not be read as YAML this time. */
  readonly fatal: boolean;
  /** The entries come from an earlier, good version of the file. */
  readonly stale: boolean;
  /** The file's key in the corpus cache, when it went through one. */
  readonly cacheKey?: string;
  /** What the search index needs of the file's entries, computed when they were built (see search/inputs.ts). */
  readonly index?: IndexInputs;
}

/** A parsed file checked against the schema and built into entries. */
function check(parsed: ParsedFile, file: string, bundled: boolean, schema: SchemaValidator) {
  const schemaFindings = parsed.fatal ? [] : schema.validate(parsed);
  const built = parsed.fatal ? { entries: [], pointers: new Map<string, string>(), findings: [] } : buildEntries(parsed, file, bundled);
  return { parsed, built, findings: [...parsed.findings, ...schemaFindings, ...built.findings] };
}

/**
 * Reads one file's text into a file state. Never throws. A file is first read with only the spans
 * its entries keep (most spans are there only to place findings, and most files have none); one
 * with findings is read again with every span. `firstRead: 'all'` reads every span at once (the
 * same state, the reference the two readings are tested against).
 */
export function readFileState(text: string, file: string, bundled: boolean, schema: SchemaValidator, limits: CorpusLimits = DEFAULT_LIMITS, firstRead: SpanDetail = 'entries'): FileState {
  let checked = check(parseCorpusText(text, limits, true, firstRead), file, bundled, schema);
  if (checked.parsed.spans !== 'all' && checked.findings.length > 0) checked = check(parseCorpusText(text, limits), file, bundled, schema);
  const { parsed, built } = checked;
  const findings = checked.findings.map((f) => ({ ...f, file }));
  // Keep only the spans later checks and edits need (the items of related/about lists): a span for
  // every YAML node was most of a large corpus's memory.
  const heads = headsOf(built.entries, (i, field, k) => {
    const ptr = built.pointers.get(built.entries[i]!.id);
    return ptr === undefined ? undefined : parsed.valueSpans.get(`${ptr}/${field}/${k}`);
  });
  return { file, bundled, heads, source: new MemoryEntries(built.entries), findings, fatal: parsed.fatal, stale: false };
}

/**
 * Where each entry's YAML is in its file's text, when every entry can be read again from its own
 * text alone: `starts[k]` is where the sequence item of entry k begins (its "-" at the start of
 * a line) and `starts[k + 1]` where the next begins (the last ends with the text). Undefined for
 * a file that is not a plain top-level list with an entry built from each item (a file with
 * findings, for one), whose entries are then stored as built.
 */
export function entrySourcesOf(text: string, entries: readonly Entry[]): number[] | undefined {
  const starts: number[] = [];
  const items = /^-(?=[ \t\r\n]|$)/gm;
  for (let m = items.exec(text); m; m = items.exec(text)) starts.push(m.index);
  if (starts.length !== entries.length) return undefined;
  for (let k = 0; k < starts.length; k++) {
    const { start, end } = entries[k]!.span;
    const next = starts[k + 1] ?? text.length;
    // The item's mapping follows its "-" (after white space only) and ends before the next item.
    if (start <= starts[k]! || end > next || text.slice(starts[k]! + 1, start).trim() !== '') return undefined;
  }
  starts.push(text.length);
  return starts;
}

/**
 * The entry in `text`, the YAML of one item of a corpus file that begins at offset `base` of the
 * file's text (see entrySourcesOf): the entry as reading the whole file built it, spans and all.
 * Undefined when the text does not hold one entry.
 */
export function entryFromSource(text: string, base: number, file: string, bundled: boolean): Entry | undefined {
  // Most files are in the subset the fast reader reads; an item it refuses is read as its file
  // was, by the YAML library (an alias to an anchor in another item then fails: a miss).
  const parsed = fastParseYaml(text, DEFAULT_LIMITS, 'entries') ?? parseCorpusText(text, DEFAULT_LIMITS, false);
  if ('fatal' in parsed && parsed.fatal) return undefined;
  // The text is a list of one item, as the file's item was: the same pointers, spans `base` earlier.
  const valueSpans = {
    get(pointer: string): Span | undefined {
      const s = parsed.valueSpans.get(pointer);
      return s && { start: s.start + base, end: s.end + base };
    },
  };
  const built = buildEntries({ data: parsed.data, valueSpans }, file, bundled);
  return built.entries.length === 1 ? built.entries[0] : undefined;
}

/** A file state for a file that could not be read at all (unreadable, too large, not UTF-8). */
export function failedFileState(file: string, bundled: boolean, text: CorpusText, span: Span = { start: 0, end: 0 }): FileState {
  return { file, bundled, heads: [], source: new MemoryEntries([]), findings: [{ rule: 'corpus-yaml', file, span, ...text }], fatal: true, stale: false };
}

/** Keeps the previous good entries of a file whose new version cannot be read. */
export function withFallback(next: FileState, previous: FileState | undefined): FileState {
  if (!next.fatal || !previous || previous.heads.length === 0) return next;
  return { ...previous, findings: next.findings, fatal: true, stale: true };
}

/** Entries by id, read from their file's source when asked for. */
export interface EntryLookup {
  readonly size: number;
  get(id: string): Entry | undefined;
  has(id: string): boolean;
}

/** The assembled, immutable corpus. */
export interface Corpus {
  /** The ids of the corpus's entries (the first of each id), bundled files first, then by path. */
  readonly ids: readonly string[];
  readonly byId: EntryLookup;
  /** Where the entry counted for an id is: its file and its position there. */
  locate(id: string): { readonly file: FileState; readonly at: number } | undefined;
  /** Every entry, in the order of `ids`. Reads every entry and keeps them: for exports and tests, not for requests. */
  readonly entries: readonly Entry[];
  /** Every entry in the order of `ids`, read file by file and not kept: for building an index. */
  each(): Iterable<Entry>;
  readonly files: readonly FileState[];
  readonly findings: readonly CorpusFinding[];
  /** The cross-file checks' outcome, to store (see CrossChecked). */
  checked(): CrossChecked;
}

/** The order of a corpus's files: bundled files first, then by path. */
export function corpusOrder(a: { readonly file: string; readonly bundled: boolean }, b: { readonly file: string; readonly bundled: boolean }): number {
  return Number(b.bundled) - Number(a.bundled) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

/** The outcome of the cross-file checks of a corpus (see crossCheck in build.ts). */
export interface CrossChecked {
  /** The ids, in order of their entries' positions. */
  readonly ids: readonly string[];
  /** Per id, its first entry's position: FILE_STRIDE × file + entry, files in corpus order. */
  readonly where: ReadonlyMap<string, number>;
  readonly findings: readonly CorpusFinding[];
}

/** Assembles file states into a corpus, checking ids and references across files (or taking `checked`, the stored checks of the same files: a warm start). */
export function assembleCorpus(files: readonly FileState[], checked?: CrossChecked): Corpus {
  return runSync(assembleCorpusSteps(files, checked));
}

/** `assembleCorpus` in steps (see slice.ts): the cross-file checks yield between files. */
export function* assembleCorpusSteps(files: readonly FileState[], checked?: CrossChecked): Steps<Corpus> {
  const ordered = [...files].sort(corpusOrder);
  const { where, ids, findings } = checked ?? (yield* crossCheck(ordered));
  const entryAt = (at: number): Entry => ordered[Math.floor(at / FILE_STRIDE)]!.source.at(at % FILE_STRIDE);
  const byId: EntryLookup = {
    size: where.size,
    get: (id) => {
      const at = where.get(id);
      return at === undefined ? undefined : entryAt(at);
    },
    has: (id) => where.has(id),
  };
  let all: Entry[] | undefined;
  function* each(): Iterable<Entry> {
    if (all) return yield* all;
    // Ids are in file order: each file's entries are read once, when its first id comes.
    let file = -1;
    let entries: readonly Entry[] = [];
    for (const id of ids) {
      const at = where.get(id)!;
      const f = Math.floor(at / FILE_STRIDE);
      if (f !== file) {
        file = f;
        entries = ordered[f]!.source.all();
      }
      yield entries[at % FILE_STRIDE]!;
    }
  }
  return {
    each,
    ids,
    byId,
    locate: (id) => {
      const at = where.get(id);
      return at === undefined ? undefined : { file: ordered[Math.floor(at / FILE_STRIDE)]!, at: at % FILE_STRIDE };
    },
    get entries() {
      all ??= ids.map((id) => entryAt(where.get(id)!));
      return all;
    },
    checked: () => ({ ids, where, findings }),
    files: ordered,
    findings: [...ordered.flatMap((f) => f.findings), ...findings],
  };
}

/**
 * Lets go of the files' index inputs once the index is built from them: they are most of a large
 * corpus's text. An index built again later computes them from the entries.
 */
export function forgetIndexInputs(corpus: Corpus): void {
  for (const f of corpus.files) delete (f as { index?: IndexInputs }).index;
}
