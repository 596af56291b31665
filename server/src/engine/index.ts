/**
 * The LexLens engine: pure functions over a corpus and a document snapshot. No editor, protocol
 * or connection types here; the language server and the CLI are thin adapters over this.
 */
import type { RuleConfig } from './config.js';
import type { Corpus } from './corpus/corpus.js';
import { codeActions, type CodeActionData } from './features/codeActions.js';
import { completion, type CompletionResult } from './features/completion.js';
import { corpusDiagnostics } from './features/corpusDiagnostics.js';
import { chunkedMemoDiagnosticSteps, type DiagnosticCaches } from './features/diagnostics.js';
import { hover, type HoverData } from './features/hover.js';
import { authorities, type AuthoritiesTable } from './features/authorities.js';
import { sectionLenses, type SectionLens } from './features/codeLens.js';
import { documentLinks, type LinkData } from './features/links.js';
import { definition, entryAt, type Location } from './features/navigation.js';
import { references, rename, WorkspaceCitations, type RenameResult } from './features/references.js';
import { detectLang, findMentionSteps, joinChunks, memoContext, readChunkSteps, resolveMemo, type ChunkCache, type ChunkedMemo, type MentionCache, type ResolvedMemo } from './memo/analyze.js';
import { RecentMap } from './recentMap.js';
import { buildIndex, CorpusIndex } from './search/index.js';
import { runSync, type Slicer, type Steps } from './slice.js';
import type { Diagnostic, Span } from './types.js';

/** A document as the engine sees it: its text and language id, read once per request. */
export interface DocumentSnapshot {
  readonly text: string;
  readonly languageId: string;
}

export interface Engine {
  readonly corpus: Corpus;
  readonly index: CorpusIndex;
  /** Reads a memo against the corpus (cached by text). */
  read(doc: DocumentSnapshot): ResolvedMemo;
  /**
   * `read` in steps, yielding between the parts of the memo it reads (not those it has read
   * before): the first reading of a long memo takes about a second, which the server runs in
   * time slices (see slice.ts). The reading is then in the cache for `read` and the features.
   */
  readSteps(doc: DocumentSnapshot): Steps<ResolvedMemo>;
  hover(doc: DocumentSnapshot, offset: number): HoverData | undefined;
  completion(doc: DocumentSnapshot, offset: number): CompletionResult;
  diagnostics(doc: DocumentSnapshot, config: RuleConfig): Diagnostic[];
  /** `diagnostics` in steps, as `readSteps` is `read`. */
  diagnosticSteps(doc: DocumentSnapshot, config: RuleConfig): Steps<Diagnostic[]>;
  codeActions(doc: DocumentSnapshot, range: Span, config: RuleConfig): CodeActionData[];
  corpusDiagnostics(config: RuleConfig): Map<string, Diagnostic[]>;
  definition(doc: DocumentSnapshot, offset: number): Location | undefined;
  /** The entry id at `offset` (a key, a law named in prose or a resolved short form). */
  entryAt(doc: DocumentSnapshot, offset: number): string | undefined;
  references(docs: readonly FileSnapshot[], key: string): Location[];
  rename(docs: readonly FileSnapshot[], key: string, newKey: string): RenameResult;
  /** `references` in steps, yielding between the parts of the memos it reads (a workspace of long memos is seconds of reading). */
  referenceSteps(docs: readonly FileSnapshot[], key: string): Steps<Location[]>;
  /** `rename` in steps, as `referenceSteps`. */
  renameSteps(docs: readonly FileSnapshot[], key: string, newKey: string): Steps<RenameResult>;
  documentLinks(doc: DocumentSnapshot): LinkData[];
  codeLenses(doc: DocumentSnapshot): SectionLens[];
  authorities(doc: DocumentSnapshot): AuthoritiesTable;
}

/** A memo of the workspace: its path and snapshot. */
export interface FileSnapshot {
  readonly file: string;
  readonly doc: DocumentSnapshot;
}

/**
 * Whole readings of memos kept for hover, links, lenses and the like, most recent first: a few
 * open documents. Typing makes a new text each keystroke, so most of a larger cache would be old
 * versions of the same memo; a reading of a 5,000-line memo is about 2.3 MB of heap. A text read
 * again is cheap anyway: its chunks' readings are kept apart (PART_CACHE_SIZE).
 */
const CACHE_SIZE = 4;
/** Chunk analyses, block mentions and sentence readings kept for incremental reading; past this, unused ones are dropped. */
const PART_CACHE_SIZE = 2_000;
/** Memos whose chunks the next reading compares against (a few open documents). */
const RECENT_MEMOS = 4;
/** Workspace memos whose cited keys are kept for find references and rename (about 60 KB for a 1,000-line memo). */
const WORKSPACE_MEMOS = 200;

/** Creates an engine over one corpus version. A new corpus gets a new engine. */
export function createEngine(corpus: Corpus, index: CorpusIndex = new CorpusIndex(corpus)): Engine {
  // Readings by the memo's text (the same string object as a hover or a link asks again: its hash
  // is kept with it, where a key built by joining the language and a 300 KB text hashes it anew each time).
  const cache = new Map<string, { readonly languageId: string; readonly memo: ResolvedMemo }>();
  // Per chunk and per block, so a keystroke re-reads only the chunk it falls in.
  const parts: RecentMap<string, unknown>[] = [];
  const recent = <V>(): RecentMap<string, V> => {
    const m = new RecentMap<string, V>(PART_CACHE_SIZE);
    parts.push(m);
    return m;
  };
  const chunks: ChunkCache = recent();
  const mentions: MentionCache = recent();
  const findings: DiagnosticCaches = { claims: recent(), sources: recent(), chunks: new WeakMap(), mentions };
  // The memos read last, most recent first: the next version of a memo shares most of its chunks with one of them.
  const lastRead: ChunkedMemo[] = [];
  function* readChunked(doc: DocumentSnapshot): Steps<ChunkedMemo> {
    const memo = yield* readChunkSteps(doc.text, doc.languageId, chunks, lastRead);
    const i = lastRead.findIndex((m) => m.text === memo.text && m.languageId === memo.languageId);
    if (i >= 0) lastRead.splice(i, 1);
    lastRead.unshift(memo);
    if (lastRead.length > RECENT_MEMOS) lastRead.pop();
    return memo;
  }
  function* readSteps(doc: DocumentSnapshot): Steps<ResolvedMemo> {
    const hit = cache.get(doc.text);
    if (hit?.languageId === doc.languageId) {
      cache.delete(doc.text);
      cache.set(doc.text, hit);
      return hit.memo;
    }
    for (const p of parts) p.tick();
    const chunked = yield* readChunked(doc);
    yield* findMentionSteps(chunked, index, mentions);
    const memo = resolveMemo(joinChunks(chunked), index, mentions);
    cache.delete(doc.text);
    cache.set(doc.text, { languageId: doc.languageId, memo });
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return memo;
  }
  const read = (doc: DocumentSnapshot): ResolvedMemo => runSync(readSteps(doc));
  // Diagnostics read the memo chunk by chunk and keep each chunk's findings (see chunkedMemoDiagnostics),
  // so after a keystroke only the edited chunk is checked again; they need no joined reading of the memo.
  function* diagnosticSteps(doc: DocumentSnapshot, config: RuleConfig): Steps<Diagnostic[]> {
    for (const p of parts) p.tick();
    const memo = yield* readChunked(doc);
    return yield* chunkedMemoDiagnosticSteps(memo, memoContext(memo), index, config, findings);
  }
  const diagnostics = (doc: DocumentSnapshot, config: RuleConfig): Diagnostic[] => runSync(diagnosticSteps(doc, config));
  const workspace = new WorkspaceCitations(WORKSPACE_MEMOS);
  function* referenceSteps(docs: readonly FileSnapshot[], key: string): Steps<Location[]> {
    return references(yield* workspace.memosCiting(docs, key), key);
  }
  function* renameSteps(docs: readonly FileSnapshot[], key: string, newKey: string): Steps<RenameResult> {
    return rename(yield* workspace.memosCiting(docs, key), index, key, newKey, corpus);
  }
  return Object.freeze({
    corpus,
    index,
    read,
    readSteps,
    diagnosticSteps,
    hover: (doc: DocumentSnapshot, offset: number) => hover(read(doc), index, offset),
    // Completion needs only the memo's language, not a reading of the whole memo.
    completion: (doc: DocumentSnapshot, offset: number) => completion(doc.text, offset, index, detectLang(doc.text)),
    diagnostics,
    codeActions: (doc: DocumentSnapshot, range: Span, config: RuleConfig) => {
      const touching = diagnostics(doc, config).filter((d) => d.span.start <= range.end && range.start <= d.span.end);
      return codeActions(read(doc), index, touching);
    },
    corpusDiagnostics: (config: RuleConfig) => corpusDiagnostics(corpus, config),
    definition: (doc: DocumentSnapshot, offset: number) => definition(read(doc), index, offset),
    entryAt: (doc: DocumentSnapshot, offset: number) => entryAt(read(doc), offset),
    references: (docs: readonly FileSnapshot[], key: string) => runSync(referenceSteps(docs, key)),
    rename: (docs: readonly FileSnapshot[], key: string, newKey: string) => runSync(renameSteps(docs, key, newKey)),
    referenceSteps,
    renameSteps,
    documentLinks: (doc: DocumentSnapshot) => documentLinks(read(doc), index),
    codeLenses: (doc: DocumentSnapshot) => sectionLenses(read(doc), index, findings.claims),
    authorities: (doc: DocumentSnapshot) => authorities(read(doc), index),
  });
}

/** Creates an engine, building its index in time slices (see slice.ts). */
export async function createEngineSliced(corpus: Corpus, slicer: Slicer): Promise<Engine> {
  return createEngine(corpus, await buildIndex(corpus, slicer));
}

export type { RuleConfig } from './config.js';
export type { Corpus } from './corpus/corpus.js';
export type { CodeActionData } from './features/codeActions.js';
export type { CompletionData, CompletionResult } from './features/completion.js';
export type { HoverData } from './features/hover.js';
export type { AuthoritiesTable } from './features/authorities.js';
export type { SectionLens } from './features/codeLens.js';
export type { LinkData } from './features/links.js';
export type { Location } from './features/navigation.js';
export type { FileEdit, RenameResult } from './features/references.js';
export * from './types.js';
