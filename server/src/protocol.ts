/**
 * Custom messages between the LexLens extension and its language server, declared once and
 * imported by both sides. Only plain types and method names: no runtime dependency on either side.
 */

/** Server → client: what the corpus looks like now (for the status item). */
export const StatusNotification = 'lexlens/status';
export interface StatusParams {
  /** Entries loaded in the corpus of the most recently used workspace folder. */
  readonly entries: number;
  /** Corpus problems (corpus-yaml and corpus-schema findings) across loaded corpora. */
  readonly problems: number;
  /** Corpus files read. */
  readonly files: number;
  /** True while a corpus is being (re)loaded. */
  readonly loading: boolean;
}

/** Client → server: re-read every corpus from disk. */
export const ReloadCorpusRequest = 'lexlens/reloadCorpus';

/** Options the client passes at initialization (`initializationOptions`). */
export interface InitializationOptions {
  /** Folder of the bundled corpus; the server finds its own when absent. */
  readonly bundledCorpusPath?: string;
  /** False in an untrusted workspace: only the bundled corpus and corpus folders inside the workspace are read. */
  readonly trusted?: boolean;
  /**
   * Folder for the cache of read corpus files (warm starts); `null` turns the cache off. When
   * absent: `$LEXLENS_CACHE_DIR` (`off` turns it off), else `$XDG_CACHE_HOME/lexlens` or `~/.cache/lexlens`.
   */
  readonly cacheDir?: string | null;
}

/** Client → server: the table of authorities of an open memo. */
export const AuthoritiesRequest = 'lexlens/authorities';
export interface AuthoritiesParams {
  readonly uri: string;
}
export interface AuthoritiesResult {
  readonly markdown: string;
}

/** Client → server: corpus entries for the "Insert citation…" picker. */
export const SearchRequest = 'lexlens/search';
export interface SearchParams {
  /** The document the citation goes into (its folder decides the corpus). */
  readonly uri: string;
  readonly query: string;
}
export interface SearchItem {
  readonly id: string;
  readonly title: string;
  /** Number, date and status, or speaker and date. */
  readonly detail: string;
  /** Other titles and aliases, for matching. */
  readonly names: string;
  /** Pinpoints the entry offers ("art. 9", "art. 9(1)") with their titles. */
  readonly pinpoints: readonly { readonly label: string; readonly title: string }[];
}

/** Client → server: what a selected quotation says (prefill for "Capture statement"). */
export const CapturePrefillRequest = 'lexlens/capturePrefill';
export interface CapturePrefillParams {
  readonly uri: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
}
export interface CapturePrefillResult {
  readonly quote: string;
  readonly speaker?: string;
  readonly date?: string;
  readonly url?: string;
  readonly language: string;
  /** Workspace corpus files the statement can go into (absolute paths). */
  readonly corpusFiles: readonly string[];
}

/** Client → server: the edit that adds the statement and cites it. */
export const CaptureStatementRequest = 'lexlens/captureStatement';
export interface CaptureStatementParams extends CapturePrefillParams {
  readonly corpusFile: string;
  readonly quote: string;
  readonly speaker: string;
  readonly date: string;
  readonly url?: string;
  readonly language?: string;
}
export interface CaptureStatementResult {
  readonly id: string;
  /** A WorkspaceEdit (LSP shape): append to the corpus file, cite in the memo. */
  readonly edit: { readonly changes: Record<string, { range: CapturePrefillParams['range']; newText: string }[]> };
  /** Where the new entry starts in the corpus file (0-based line). */
  readonly entryUri: string;
  readonly entryLine: number;
}
