/**
 * The language server: capabilities and thin handlers. Each handler reads one snapshot of the
 * document, asks the engine, converts the answer. Diagnostics are pulled by clients that can
 * (with interFileDependencies, since a corpus edit changes every memo) and pushed to the others.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  MarkupKind,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type Connection,
  type DocumentLink,
  type Location,
  type TextEdit,
  type Diagnostic as LspDiagnostic,
  type DocumentDiagnosticReport,
  type CancellationToken,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { Converter, sameDiagnostics, toCompletionItem, toDiagnostic } from './convert.js';
import { Corpora, type LoadProgress, type LoadReport } from './corpora.js';
import type { CorpusCache } from './engine/corpus/cache.js';
import { corpusCache } from './cacheConfig.js';
import type { DocumentSnapshot, Engine, Lang } from './engine/index.js';
import { Cancelled, runSliced, timeSlicer, type Steps } from './engine/slice.js';
import { toLang } from './engine/diagnosticMessages.js';
import { readTextFile } from './engine/corpus/source.js';
import { authoritiesMarkdown } from './engine/features/authorities.js';
import { corpusFindingDiagnostics } from './engine/features/corpusDiagnostics.js';
import type { RuleConfig } from './engine/config.js';
import { capturePrefill, captureStatement } from './engine/features/capture.js';
import { entryDetail } from './engine/features/cards.js';
import { entryTitle, pick } from './engine/corpus/model.js';
import { formatPinpoint } from './engine/memo/pinpoint.js';
import { workspaceMemos } from './workspaceMemos.js';
import { bundledDataDir } from './paths.js';
import { AuthoritiesRequest, CapturePrefillRequest, CaptureStatementRequest, ReloadCorpusRequest, type CapturePrefillParams, type CapturePrefillResult, type CaptureStatementParams, type CaptureStatementResult, SearchRequest, type SearchItem, type SearchParams, StatusNotification, type AuthoritiesParams, type InitializationOptions, type StatusParams } from './protocol.js';
import { findConfigFile, fromClientSettings, currentConfigFindings, resolveSettings, type ClientSettings, type ResolvedSettings } from './settings.js';

const PUSH_DELAY_MS = 150;

/** Waits for `p`, or fails with RequestCancelled as soon as the client cancels. */
function untilCancelled<T>(p: Promise<T>, token: CancellationToken | undefined): Promise<T> {
  if (!token) return p;
  if (token.isCancellationRequested) return Promise.reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const sub = token.onCancellationRequested(() => reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.')));
    p.then(
      (v) => {
        sub.dispose();
        resolve(v);
      },
      (e: unknown) => {
        sub.dispose();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

const isCount = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0;
const isPosition = (p: unknown): boolean => !!p && typeof p === 'object' && isCount((p as { line?: unknown }).line) && isCount((p as { character?: unknown }).character);

/**
 * Malformed params get an InvalidParams error, rather than a TypeError deep in a handler or a
 * silent empty answer. Returns the document's URI.
 */
function checkParams(params: unknown, field?: 'position' | 'range'): string {
  const p = (params ?? {}) as { textDocument?: { uri?: unknown }; position?: unknown; range?: { start?: unknown; end?: unknown } };
  if (typeof p.textDocument?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri must be a string.');
  if (field === 'position' && !isPosition(p.position)) throw new ResponseError(ErrorCodes.InvalidParams, 'position must be {line, character} with non-negative integers.');
  if (field === 'range' && !(isPosition(p.range?.start) && isPosition(p.range?.end))) throw new ResponseError(ErrorCodes.InvalidParams, 'range must be {start, end} positions with non-negative integers.');
  return p.textDocument.uri;
}

/** Wires LexLens onto a connection and starts listening. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let dataDir = bundledDataDir();
  let cache: CorpusCache | undefined;
  /** The progress of the corpus load the client is shown, if any. */
  let progressReporter: WorkDoneProgressReporter | undefined;
  let lastPercent = -1;
  const onLoadProgress = (p: LoadProgress) => {
    const percent = Math.floor((100 * p.done) / Math.max(1, p.total));
    if (percent === lastPercent || !progressReporter) return;
    lastPercent = percent;
    progressReporter.report(percent, `${p.done} / ${p.total} files`);
  };
  const onLoaded = (r: LoadReport) =>
    log(`LexLens: loaded ${r.entries} entries from ${r.files} corpus file${r.files === 1 ? '' : 's'} in ${(r.ms / 1000).toFixed(2)} s${cache ? ` (${r.fromCache} read from the cache in ${cache.dir}${r.indexFromCache ? ', and the index' : ''})` : ''}`);
  const newCorpora = () => new Corpora(dataDir, cache, onLoadProgress, onLoaded);
  let corpora = newCorpora();
  let folders: string[] = [];
  let trusted = true;
  /** The client's display language, for the language findings are written in. */
  let locale: Lang | undefined;
  let pullDiagnostics = false;
  let canRefresh = false;
  let configurationSupport = false;
  let progressSupport = false;
  let watchRegistration = false;
  const settingsCache = new Map<string, ResolvedSettings>();
  const pushTimers = new Map<string, NodeJS.Timeout>();
  const publishedCorpusFiles = new Set<string>();
  let lastSettings: ResolvedSettings | undefined;

  const log = (message: string) => connection.console.log(message);
  const logFailure = (what: string, e: unknown) => connection.console.error(`LexLens: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const guard = <T>(what: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      logFailure(what, e);
      return fallback;
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as InitializationOptions;
    if (opts.bundledCorpusPath) dataDir = opts.bundledCorpusPath;
    cache = corpusCache(opts.cacheDir);
    corpora = newCorpora();
    trusted = opts.trusted !== false;
    locale = toLang(params.locale);
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (folders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) folders = [root];
    }
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    canRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    configurationSupport = !!caps.workspace?.configuration;
    progressSupport = !!caps.window?.workDoneProgress;
    watchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['@', ',', ';'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'lexlens', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'lexlens-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (configurationSupport) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (watchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/.lexlens.yaml' }] });
    }
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p)];
      settingsCache.clear();
      refreshAll();
    });
    // Load the corpus of the first folder now, so the status item fills before a memo opens.
    void (async () => {
      await loadFirstCorpus();
      publishCorpusDiagnostics();
      sendStatus(false);
    })();
  });

  /** The workspace folder that holds a document (the longest match), if any. */
  const folderOf = (docPath: string | undefined): string | undefined => {
    if (!docPath) return folders[0];
    let best: string | undefined;
    for (const f of folders) {
      const rel = path.relative(f, docPath);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
    }
    return best;
  };

  async function settingsFor(uri: string | undefined): Promise<ResolvedSettings> {
    const docPath = uri ? uriToPath(uri) : undefined;
    const folder = folderOf(docPath);
    // Outside any workspace folder (a single file in Neovim, say) look upward for .lexlens.yaml.
    const configFile = folder ? findConfigFile(folder, false) : docPath ? findConfigFile(path.dirname(docPath), true) : undefined;
    const base = folder ?? (configFile ? path.dirname(configFile) : docPath ? path.dirname(docPath) : process.cwd());
    const cached = settingsCache.get(base);
    if (cached) return (lastSettings = cached);
    let client: ClientSettings | undefined;
    if (configurationSupport) {
      try {
        client = (await connection.workspace.getConfiguration({ scopeUri: pathToFileURL(base).toString(), section: 'lexlens' })) as ClientSettings;
      } catch {
        client = undefined;
      }
    }
    const resolved = resolveSettings({ folder: base, clientConfig: fromClientSettings(client), bundledDataDir: dataDir, trusted, ...(configFile ? { configFile } : {}) });
    // NOTE: a notification, not window.showWarningMessage: that is a request, and a client that
    // refuses it (MethodNotFound) would leave an unhandled rejection that ends the server.
    for (const r of resolved.refused) {
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `LexLens: the corpus path ${r} is outside the workspace and was not read, because the workspace is not trusted.` });
    }
    settingsCache.set(base, resolved);
    return (lastSettings = resolved);
  }

  const snapshot = (doc: TextDocument): DocumentSnapshot => ({ text: doc.getText(), languageId: doc.languageId });
  /**
   * Offsets ↔ positions for an open document's text. The line index is kept for the texts last
   * asked about: a pull after every keystroke, then hovers, would otherwise index the whole
   * memo on each request.
   */
  const converters: { text: string; conv: Converter }[] = [];
  const converterOf = (text: string): Converter => {
    const hit = converters.find((c) => c.text === text);
    if (hit) return hit.conv;
    const conv = new Converter(text);
    converters.unshift({ text, conv });
    if (converters.length > 8) converters.pop();
    return conv;
  };
  /** The engine for a document: waits while its corpus loads, unless the request is cancelled. */
  const engineFor = async (uri: string, token?: CancellationToken): Promise<{ engine: Engine; settings: ResolvedSettings }> => {
    const settings = await settingsFor(uri);
    return { engine: await untilCancelled(corpora.get(settings.roots), token), settings };
  };

  async function withProgress<T>(title: string, fn: () => Promise<T>): Promise<T> {
    sendStatus(true);
    if (!progressSupport || progressReporter) return fn();
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(`LexLens: ${title}`, 0, undefined, false);
    progressReporter = progress;
    lastPercent = -1;
    try {
      return await fn();
    } finally {
      progressReporter = undefined;
      progress?.done();
    }
  }

  function sendStatus(loading: boolean): void {
    const engines = corpora.all();
    const current = (lastSettings ? corpora.peek(lastSettings.roots) : undefined) ?? engines[0];
    const params: StatusParams = {
      entries: current?.corpus.ids.length ?? 0,
      problems: engines.reduce((n, e) => n + e.corpus.findings.length, 0),
      files: current?.corpus.files.length ?? 0,
      loading: loading || corpora.loading,
    };
    void connection.sendNotification(StatusNotification, params);
    if (!loading && cache?.stats.error) {
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `LexLens: ${cache.stats.error}` });
      cache.stats.error = undefined;
    }
  }

  /** Rules with the client's language, for findings written in it. */
  function inLanguage(rules: RuleConfig): RuleConfig {
    return { ...rules, ...(locale ? { locale } : {}) };
  }

  function publishCorpusDiagnostics(): void {
    const byFile = new Map<string, LspDiagnostic[]>();
    // A .lexlens.yaml's own problems (an unknown option, a bad severity) on the file itself.
    // A corpus path it names that does not exist is shown there, not on a file that is not there.
    const shownInConfig = new Set<string>();
    for (const s of settingsCache.values()) {
      if (!s.configFile || byFile.has(s.configFile)) continue;
      const conv = new Converter(readTextFile(s.configFile) ?? '');
      const { findings, missing } = currentConfigFindings(s);
      byFile.set(s.configFile, corpusFindingDiagnostics(findings, inLanguage(s.rules)).map((d) => toDiagnostic(d, conv)));
      for (const p of missing) shownInConfig.add(p);
    }
    for (const engine of corpora.all()) {
      for (const [file, diags] of engine.corpusDiagnostics(inLanguage(lastSettings?.rules ?? { rules: {} }))) {
        if (shownInConfig.has(file)) continue;
        if (!byFile.has(file)) byFile.set(file, []);
        if (diags.length === 0) continue;
        // The file's text is read only to turn offsets into positions.
        const conv = new Converter(readTextFile(file) ?? '');
        byFile.get(file)!.push(...diags.map((d) => toDiagnostic(d, conv)));
      }
    }
    for (const file of publishedCorpusFiles) if (!byFile.has(file)) byFile.set(file, []);
    publishedCorpusFiles.clear();
    for (const [file, diags] of byFile) {
      if (diags.length) publishedCorpusFiles.add(file);
      void connection.sendDiagnostics({ uri: pathToFileURL(file).toString(), diagnostics: diags });
    }
  }

  async function memoDiagnostics(doc: TextDocument, token?: CancellationToken) {
    const { engine, settings } = await engineFor(doc.uri, token);
    if (!settings.languages.includes(doc.languageId)) return [];
    const snap = snapshot(doc);
    const found = await sliced(engine.diagnosticSteps(snap, inLanguage(settings.rules)), token);
    const conv = converterOf(snap.text);
    return found.map((d) => toDiagnostic(d, conv));
  }

  /** Runs engine steps in time slices (see memoSlicer); when the client cancels, they stop there and the request fails with RequestCancelled. */
  async function sliced<T>(steps: Steps<T>, token?: CancellationToken): Promise<T> {
    try {
      return await runSliced(steps, memoSlicer, () => !!token?.isCancellationRequested);
    } catch (e) {
      throw e instanceof Cancelled ? new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.') : e;
    }
  }

  /** `sliced`, with a failure logged as `guard` logs one, giving undefined. */
  async function inSlices<T>(what: string, steps: Steps<T>, token?: CancellationToken): Promise<T | undefined> {
    try {
      return await sliced(steps, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      logFailure(what, e);
      return undefined;
    }
  }

  /**
   * Memo work runs in time slices: the first reading of a long memo is about a second (5,000
   * lines), and completion, other documents and cancellations are answered in between. Slices
   * are short because a request waits several of them (it is read, queued, then answered, each
   * on a turn of the event loop): a completion sent while a 5,000-line memo was read waited a
   * median of 60 ms with 15 ms slices, 26 ms with 5 ms slices, and the reading took as long.
   */
  const memoSlicer = timeSlicer(5);
  /** Readings in progress, by engine and memo text: requests for the same text wait for one reading. */
  const readings = new WeakMap<Engine, Map<string, Promise<unknown>>>();

  /**
   * The engine for a document, once it has read the document (in time slices, see memoSlicer):
   * a feature then finds the reading in the engine's cache. A reading that fails is left for the
   * feature to meet again, inside its guard.
   */
  async function readFor(doc: TextDocument, token?: CancellationToken): Promise<{ engine: Engine; settings: ResolvedSettings }> {
    const found = await engineFor(doc.uri, token);
    const snap = snapshot(doc);
    let inProgress = readings.get(found.engine);
    if (!inProgress) readings.set(found.engine, (inProgress = new Map()));
    let reading = inProgress.get(snap.text);
    if (!reading) {
      const forEngine = inProgress;
      reading = runSliced(found.engine.readSteps(snap), memoSlicer)
        .catch(() => undefined)
        .finally(() => forEngine.delete(snap.text));
      inProgress.set(snap.text, reading);
    }
    await untilCancelled(reading, token);
    return found;
  }

  function schedulePush(doc: TextDocument): void {
    if (pullDiagnostics) return;
    const prev = pushTimers.get(doc.uri);
    if (prev) clearTimeout(prev);
    pushTimers.set(
      doc.uri,
      setTimeout(() => {
        pushTimers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (!current) return;
        const version = current.version;
        void memoDiagnostics(current)
          .then((diagnostics) => {
            if (documents.get(doc.uri)?.version === version) void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
          })
          .catch((e: unknown) => connection.console.error(`LexLens: diagnostics failed: ${String(e)}`));
      }, PUSH_DELAY_MS),
    );
  }

  /** Loads the corpus of the first workspace folder (of the working folder when there is none). */
  async function loadFirstCorpus(): Promise<void> {
    await withProgress('Loading corpus', loadFirstCorpusNow);
  }
  async function loadFirstCorpusNow(): Promise<void> {
    const settings = await settingsFor(folders[0] ? pathToFileURL(path.join(folders[0], 'x.md')).toString() : undefined);
    await corpora.get(settings.roots);
  }

  function refreshAll(): void {
    // NOTE: a settings change forgets every corpus; load one again before publishing, or the
    // corpus files' diagnostics would be cleared and not come back until the next corpus edit.
    const ready = corpora.all().length === 0 ? loadFirstCorpus() : Promise.resolve();
    void ready
      .catch((e: unknown) => connection.console.error(`LexLens: loading the corpus failed: ${String(e)}`))
      .then(() => {
        publishCorpusDiagnostics();
        sendStatus(false);
        if (pullDiagnostics) {
          if (canRefresh) void connection.languages.diagnostics.refresh();
        } else for (const d of documents.all()) schedulePush(d);
      });
  }

  /**
   * The last full report of each open document. A pull whose diagnostics are the same as the
   * last report's, from a client that sends that report's resultId (vscode-languageclient does),
   * is answered `unchanged`: a long memo's report is hundreds of kilobytes to serialize and parse.
   */
  const reports = new Map<string, { resultId: string; items: LspDiagnostic[] }>();
  const resultIdPrefix = `${process.pid.toString(36)}.${Date.now().toString(36)}.`;
  let resultIds = 0;

  documents.onDidOpen((e) => schedulePush(e.document));
  documents.onDidChangeContent((e) => schedulePush(e.document));
  documents.onDidClose((e) => {
    reports.delete(e.document.uri);
    const t = pushTimers.get(e.document.uri);
    if (t) clearTimeout(t);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = checkParams(params);
    const doc = documents.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    let failed = false;
    const items = await memoDiagnostics(doc, token).catch((e: unknown) => {
      if (e instanceof ResponseError) throw e;
      connection.console.error(`LexLens: diagnostics failed: ${String(e)}`);
      failed = true;
      return [];
    });
    if (failed || documents.get(uri) !== doc) {
      reports.delete(uri);
      return { kind: DocumentDiagnosticReportKind.Full, items };
    }
    const last = reports.get(uri);
    if (last && sameDiagnostics(last.items, items)) {
      if (params.previousResultId === last.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: last.resultId, items };
    }
    const resultId = resultIdPrefix + String(++resultIds);
    reports.set(uri, { resultId, items });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  connection.onHover(async (params, token) => {
    const doc = documents.get(checkParams(params, 'position'));
    if (!doc) return null;
    const { engine } = await readFor(doc, token);
    return guard('hover', null, () => {
      const snap = snapshot(doc);
      const conv = converterOf(snap.text);
      const h = engine.hover(snap, conv.offset(params.position));
      return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: conv.range(h.span) } : null;
    });
  });

  connection.onCompletion(async (params, token) => {
    const doc = documents.get(checkParams(params, 'position'));
    if (!doc) return { isIncomplete: false, items: [] };
    const { engine } = await engineFor(doc.uri, token);
    return guard('completion', { isIncomplete: false, items: [] }, () => {
      const snap = snapshot(doc);
      const conv = converterOf(snap.text);
      const result = engine.completion(snap, conv.offset(params.position));
      return { isIncomplete: result.isIncomplete, items: result.items.map((c) => toCompletionItem(c, conv)) };
    });
  });

  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(checkParams(params, 'range'));
    if (!doc) return [];
    const { engine, settings } = await readFor(doc, token);
    return guard('code actions', [] as CodeAction[], () => {
      const snap = snapshot(doc);
      const conv = converterOf(snap.text);
      const range = { start: conv.offset(params.range.start), end: conv.offset(params.range.end) };
      return engine.codeActions(snap, range, inLanguage(settings.rules)).map(
        (a): CodeAction => ({
          title: a.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toDiagnostic(a.fixes, conv)],
          ...(a.isPreferred ? { isPreferred: true } : {}),
          edit: { changes: { [doc.uri]: a.edits.map((e) => ({ range: conv.range(e.span), newText: e.newText })) } },
        }),
      );
    });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    corpora.clear();
    refreshAll();
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    let changed = false;
    for (const c of params.changes) {
      const file = uriToPath(c.uri);
      if (!file) continue;
      if (path.basename(file) === '.lexlens.yaml') {
        settingsCache.clear();
        corpora.clear();
        changed = true;
      } else if (/\.ya?ml$/i.test(file)) {
        changed = (await withProgress('Reloading corpus', () => corpora.reload(file))) || changed;
      }
    }
    if (changed) {
      log('LexLens: corpus reloaded');
      refreshAll();
    }
  });

  connection.onRequest(ReloadCorpusRequest, async () => {
    // With no corpus loaded yet (the first load failed, or settings just changed), load the first.
    await withProgress('Reloading corpus', async () => (corpora.all().length === 0 && !corpora.loading ? (await loadFirstCorpusNow(), true) : corpora.reload()));
    refreshAll();
    return { entries: corpora.all().reduce((n, e) => Math.max(n, e.corpus.ids.length), 0) };
  });

  /** Memo snapshots of the workspace for references and rename (open documents win). */
  const allMemos = () => {
    const open = new Map<string, { text: string; languageId: string }>();
    for (const d of documents.all()) {
      const p = uriToPath(d.uri);
      if (p) open.set(p, { text: d.getText(), languageId: d.languageId });
    }
    return workspaceMemos(folders, open);
  };
  const locationOf = (loc: { file: string; span: { start: number; end: number } }, text?: string): Location => {
    const conv = new Converter(text ?? readTextFile(loc.file) ?? '');
    return { uri: pathToFileURL(loc.file).toString(), range: conv.range(loc.span) };
  };

  /**
   * The engine for a document, read again first when the entry under the cursor lives in a
   * corpus file that is gone. NOTE: clients without file watching (Neovim 0.7) never report a
   * deleted or moved corpus file; an answer must not point into a file that no longer exists.
   */
  async function engineAt(doc: TextDocument, position: { line: number; character: number }, token?: CancellationToken): Promise<Engine> {
    const { engine } = await readFor(doc, token);
    const snap = snapshot(doc);
    const key = guard('entry lookup', undefined, () => engine.entryAt(snap, converterOf(snap.text).offset(position)));
    const file = key ? engine.index.get(key)?.file : undefined;
    if (!file || fs.existsSync(file)) return engine;
    await withProgress('Reloading corpus', () => corpora.reload(file));
    refreshAll();
    return (await engineFor(doc.uri)).engine;
  }

  connection.onDefinition(async (params, token) => {
    const doc = documents.get(checkParams(params, 'position'));
    if (!doc) return null;
    const engine = await engineAt(doc, params.position, token);
    return guard('definition', null, () => {
      const snap = snapshot(doc);
      const loc = engine.definition(snap, converterOf(snap.text).offset(params.position));
      return loc ? locationOf(loc) : null;
    });
  });

  connection.onReferences(async (params, token) => {
    const doc = documents.get(checkParams(params, 'position'));
    if (!doc) return [];
    const engine = await engineAt(doc, params.position, token);
    const snap = snapshot(doc);
    const key = guard('references', undefined, () => engine.entryAt(snap, converterOf(snap.text).offset(params.position)));
    if (!key) return [];
    const memos = allMemos();
    const found = await inSlices('references', engine.referenceSteps(memos, key), token);
    if (!found) return [];
    const texts = new Map(memos.map((m) => [m.file, m.doc.text]));
    return guard('references', [] as Location[], () => {
      const locs = found.map((l) => locationOf(l, texts.get(l.file)));
      const entry = engine.index.get(key);
      if (params.context.includeDeclaration && entry) locs.unshift(locationOf({ file: entry.file, span: entry.idSpan }));
      return locs;
    });
  });

  connection.onPrepareRename(async (params, token) => {
    const doc = documents.get(checkParams(params, 'position'));
    if (!doc) return null;
    const engine = await engineAt(doc, params.position, token);
    const snap = snapshot(doc);
    const conv = converterOf(snap.text);
    const memo = engine.read(snap);
    const offset = conv.offset(params.position);
    for (const c of memo.analysis.citations) {
      for (const it of c.items) {
        if (offset < it.atSpan.start || offset > it.atSpan.end) continue;
        const entry = engine.index.get(it.key);
        if (!entry) throw new ResponseError(ErrorCodes.InvalidRequest, `\`${it.key}\` is not a key in the corpus.`);
        if (entry.bundled) throw new ResponseError(ErrorCodes.InvalidRequest, `\`${it.key}\` belongs to the bundled corpus, which is read-only.`);
        return { range: conv.range(it.keySpan), placeholder: it.key };
      }
    }
    return null;
  });

  connection.onRenameRequest(async (params, token) => {
    const doc = documents.get(checkParams(params, 'position'));
    if (!doc) return null;
    const engine = await engineAt(doc, params.position, token);
    const snap = snapshot(doc);
    const key = engine.entryAt(snap, converterOf(snap.text).offset(params.position));
    if (!key) return null;
    const memos = allMemos();
    const result = await inSlices('rename', engine.renameSteps(memos, key, params.newName.trim()), token);
    if (!result) return null;
    if (!result.ok) throw new ResponseError(ErrorCodes.InvalidRequest, result.message);
    const texts = new Map(memos.map((m) => [m.file, m.doc.text]));
    const changes: Record<string, TextEdit[]> = {};
    for (const e of result.edits) {
      const loc = locationOf(e, texts.get(e.file));
      (changes[loc.uri] ??= []).push({ range: loc.range, newText: e.newText });
    }
    return { changes };
  });

  connection.onDocumentLinks(async (params, token) => {
    const doc = documents.get(checkParams(params));
    if (!doc) return [];
    const { engine } = await readFor(doc, token);
    return guard('document links', [] as DocumentLink[], () => {
      const snap = snapshot(doc);
      const conv = converterOf(snap.text);
      return engine.documentLinks(snap).map((l) => ({ range: conv.range(l.span), target: l.url, tooltip: l.tooltip }));
    });
  });

  connection.onCodeLens(async (params, token) => {
    const doc = documents.get(checkParams(params));
    if (!doc || doc.languageId !== 'markdown') return [];
    const { engine } = await readFor(doc, token);
    return guard('code lens', [] as CodeLens[], () => {
      const snap = snapshot(doc);
      const conv = converterOf(snap.text);
      return engine.codeLenses(snap).map((l) => ({
        range: conv.range(l.span),
        command: {
          title: l.title,
          command: l.unsourced.length ? 'editor.action.showReferences' : '',
          arguments: l.unsourced.length ? [doc.uri, conv.range(l.span).start, l.unsourced.map((s) => ({ uri: doc.uri, range: conv.range(s) }))] : [],
        },
      }));
    });
  });

  connection.onRequest(AuthoritiesRequest, async (params: AuthoritiesParams) => {
    const doc = documents.get(params.uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, 'The document is not open.');
    const { engine } = await readFor(doc);
    const table = engine.authorities(snapshot(doc));
    return { markdown: authoritiesMarkdown(table, path.basename(uriToPath(doc.uri) ?? doc.uri)), table };
  });

  connection.onRequest(SearchRequest, async (params: SearchParams): Promise<SearchItem[]> => {
    const { engine } = await engineFor(params.uri);
    return guard('search', [] as SearchItem[], () =>
      engine.index.search(String(params.query ?? ''), 200).map(({ entry: e }) => ({
        id: e.id,
        title: entryTitle(e),
        detail: entryDetail(e),
        names: [...Object.values(e.title), ...Object.values(e.aliases).flat()].join(' · '),
        pinpoints: e.articles.flatMap((a) => [
          { label: formatPinpoint(a.number), title: pick(a.title) ?? '' },
          ...a.paragraphs.map((p) => ({ label: formatPinpoint(a.number, p.number), title: pick(p.summary) ?? '' })),
        ]),
      })),
    );
  });

  connection.onRequest(CapturePrefillRequest, async (params: CapturePrefillParams): Promise<CapturePrefillResult> => {
    const doc = documents.get(params.uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, 'The document is not open.');
    const { engine } = await engineFor(doc.uri);
    const text = doc.getText();
    const conv = new Converter(text);
    const start = conv.offset(params.range.start);
    const end = conv.offset(params.range.end);
    // The paragraph around the selection says who spoke and when.
    const from = Math.max(0, text.lastIndexOf('\n\n', start));
    const to = text.indexOf('\n\n', end);
    const prefill = capturePrefill(text.slice(start, end), text.slice(from, to < 0 ? text.length : to));
    const corpusFiles = engine.corpus.files.filter((f) => !f.bundled && !f.fatal).map((f) => f.file);
    return { ...prefill, corpusFiles };
  });

  connection.onRequest(CaptureStatementRequest, async (params: CaptureStatementParams): Promise<CaptureStatementResult> => {
    const doc = documents.get(params.uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, 'The document is not open.');
    const { engine } = await engineFor(doc.uri);
    const target = engine.corpus.files.find((f) => f.file === params.corpusFile && !f.bundled);
    if (!target) throw new ResponseError(ErrorCodes.InvalidParams, 'Choose a corpus file of this workspace; the bundled corpus is read-only.');
    const corpusUri = pathToFileURL(target.file).toString();
    const fileText = documents.get(corpusUri)?.getText() ?? readTextFile(target.file);
    if (fileText === undefined) throw new ResponseError(ErrorCodes.InvalidParams, `The corpus file ${target.file} cannot be read.`);
    const result = captureStatement(fileText, params, engine.index);
    if (!result.ok) throw new ResponseError(ErrorCodes.InvalidRequest, result.message);
    const corpusConv = new Converter(fileText);
    const memoText = doc.getText();
    const memoConv = new Converter(memoText);
    const start = memoConv.offset(params.range.start);
    const end = memoConv.offset(params.range.end);
    // A citation inside the selection is replaced; otherwise the new one follows the selection.
    const existing = /\[[^\]]*@[^\]]*\]/.exec(memoText.slice(start, end));
    const memoEdit = existing
      ? { range: memoConv.range({ start: start + existing.index, end: start + existing.index + existing[0].length }), newText: `[@${result.id}]` }
      : { range: memoConv.range({ start: end, end }), newText: ` [@${result.id}]` };
    const corpusEdit = result.insertAt === 0 && result.insert === result.text
      ? { range: corpusConv.range({ start: 0, end: fileText.length }), newText: result.text }
      : { range: corpusConv.range({ start: result.insertAt, end: result.insertAt }), newText: result.insert };
    const entryLine = new Converter(result.text).range({ start: result.text.lastIndexOf(`id: ${result.id}`), end: result.text.length }).start.line;
    return { id: result.id, edit: { changes: { [corpusUri]: [corpusEdit], [doc.uri]: [memoEdit] } }, entryUri: corpusUri, entryLine };
  });

  documents.listen(connection);
  connection.listen();
}

