/**
 * A small LSP client for protocol tests: it starts the real server bundle
 * (`node dist/server.cjs --stdio`) and speaks JSON-RPC to it over the child's pipes, the way
 * Neovim or Emacs would. It records what the server sends (published diagnostics, the
 * `lexlens/status` notification, requests such as `workspace/diagnostic/refresh`) and lets a
 * test wait for a condition on those records, with a timeout that names what it waited for.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DefinitionRequest,
  DocumentDiagnosticRequest,
  DocumentLinkRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PrepareRenameRequest,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  RegistrationRequest,
  RenameRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type CodeLens,
  type Command,
  type CompletionItem,
  type CompletionList,
  type ConfigurationParams,
  type Definition,
  type Diagnostic,
  type DocumentLink,
  type FileEvent,
  type Hover,
  type InitializeResult,
  type Location,
  type LocationLink,
  type Position,
  type PrepareRenameResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { StatusNotification, type StatusParams } from '../../server/src/protocol.js';
import { SERVER_NODE_ARGS, serverEnvironment } from '../../server/src/launch.js';

/** The repository root (this file runs from out/test/helpers). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The server bundle the tests start. */
export const serverBundle = path.join(repoRoot, 'dist', 'server.cjs');
/** Fixture folders live in the source tree; tests copy the ones they change. */
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');


/** The `lexlens` settings section the client answers `workspace/configuration` with. */
export type LexLensSettings = Record<string, unknown>;

export interface StartOptions {
  /** Absolute path of the workspace folder, if any. */
  readonly folder?: string;
  /** Advertise `textDocument.diagnostic` (pull diagnostics). Default false (push). */
  readonly pull?: boolean;
  /** Advertise `workspace.diagnostics.refreshSupport` (only meaningful with `pull`). Default true. */
  readonly refreshSupport?: boolean;
  /** Advertise `workspace.configuration`. Default false. */
  readonly configuration?: boolean;
  /** The `lexlens` section returned for every `workspace/configuration` item (see `setSettings`). */
  readonly settings?: LexLensSettings;
  readonly initializationOptions?: Record<string, unknown>;
  /** The UI language the client says it has (`initialize`'s `locale`). */
  readonly locale?: string;
  /** How long `waitFor` waits by default. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** A request the server sent to the client. */
export interface ServerRequest {
  readonly method: string;
  readonly params: unknown;
}

/** A running server and the client side of its connection. */
export class LspClient {
  /** Every `textDocument/publishDiagnostics`, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every `lexlens/status`, in arrival order. */
  readonly statuses: StatusParams[] = [];
  /** Every request the server sent (configuration, registration, refresh…), in arrival order. */
  readonly serverRequests: ServerRequest[] = [];
  /** `window/logMessage` and `window/showMessage` texts, for failure messages. */
  readonly logs: string[] = [];
  initializeResult: InitializeResult | undefined;

  private settings: LexLensSettings;
  private stderr = '';
  private exited = false;
  private readonly exitPromise: Promise<void>;
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    private readonly options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', () => {
        this.exited = true;
        this.changed();
        resolve();
      });
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
  }

  /** Spawns the server, registers the client's handlers and runs initialize + initialized. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!fs.existsSync(serverBundle)) throw new Error(`The server bundle ${serverBundle} is missing: run \`node esbuild.mjs\` first.`);
    // The corpus cache of test servers stays out of the user's ~/.cache.
    const env = serverEnvironment({ ...process.env, LEXLENS_CACHE_DIR: process.env['LEXLENS_CACHE_DIR'] ?? path.join(os.tmpdir(), 'lexlens-test-cache') });
    // Started as the extension starts it (launch.ts).
    const child = spawn(process.execPath, [...SERVER_NODE_ARGS, serverBundle, '--stdio'], { cwd: options.folder ?? os.tmpdir(), stdio: 'pipe', env });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options);
    client.listen();
    try {
      await client.initialize();
    } catch (e) {
      await client.stop();
      throw e;
    }
    return client;
  }

  private listen(): void {
    const c = this.connection;
    const record = (method: string, params: unknown) => {
      this.serverRequests.push({ method, params });
      this.changed();
    };
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.changed();
    });
    c.onNotification(StatusNotification, (p: StatusParams) => {
      this.statuses.push(p);
      this.changed();
    });
    c.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    c.onNotification(ShowMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    c.onRequest(ConfigurationRequest.type, (p: ConfigurationParams) => {
      record(ConfigurationRequest.method, p);
      return p.items.map((item) => (item.section === 'lexlens' ? this.settings : null));
    });
    c.onRequest(RegistrationRequest.type, (p) => record(RegistrationRequest.method, p));
    c.onRequest(UnregistrationRequest.type, (p) => record(UnregistrationRequest.method, p));
    c.onRequest(WorkDoneProgressCreateRequest.type, (p) => record(WorkDoneProgressCreateRequest.method, p));
    c.onRequest(DiagnosticRefreshRequest.type, () => record(DiagnosticRefreshRequest.method, null));
    // Anything else the server sends is kept too, so a test can see it.
    c.onUnhandledNotification((m) => record(m.method, m.params));
    c.onError(([error]) => {
      this.logs.push(`connection error: ${error.message}`);
    });
    c.listen();
  }

  private async initialize(): Promise<void> {
    const o = this.options;
    const capabilities: ClientCapabilities = {
      general: { positionEncodings: ['utf-16'] },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: false } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        publishDiagnostics: { relatedInformation: false, versionSupport: true },
        ...(o.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      workspace: {
        workspaceFolders: true,
        ...(o.configuration ? { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } : {}),
        ...(o.pull && o.refreshSupport !== false ? { diagnostics: { refreshSupport: true } } : {}),
      },
    };
    const folderUri = o.folder ? pathToFileURL(o.folder).toString() : null;
    this.initializeResult = await this.withTimeout(
      'the initialize response',
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folderUri,
        workspaceFolders: o.folder ? [{ uri: folderUri!, name: path.basename(o.folder) }] : null,
        capabilities,
        ...(o.initializationOptions ? { initializationOptions: o.initializationOptions } : {}),
        ...(o.locale ? { locale: o.locale } : {}),
      }),
    );
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  private changed(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Rejects with a message naming `what` when `promise` does not settle in time. */
  private withTimeout<T>(what: string, promise: Promise<T>, timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.${this.diagnosis()}`)), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private diagnosis(): string {
    const tail = (s: string) => (s.length > 2000 ? `…${s.slice(-2000)}` : s);
    return `${this.exited ? ' The server process has exited.' : ''}${this.stderr ? `\nserver stderr: ${tail(this.stderr)}` : ''}${this.logs.length ? `\nserver log: ${tail(this.logs.join('\n'))}` : ''}`;
  }

  /**
   * Waits until `probe` returns something other than `undefined`, re-checking whenever the
   * server sends something. The timeout's error names `what`.
   */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs?: number): Promise<T> {
    const found = probe();
    if (found !== undefined) return Promise.resolve(found);
    let check: () => void = () => undefined;
    const condition = new Promise<T>((resolve, reject) => {
      check = () => {
        try {
          const value = probe();
          if (value !== undefined) resolve(value);
          else if (this.exited) reject(new Error(`The server exited while waiting for ${what}.${this.diagnosis()}`));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      };
      this.waiters.add(check);
    });
    return this.withTimeout(what, condition, timeoutMs).finally(() => this.waiters.delete(check));
  }

  /**
   * Waits for a publish for `uri` that arrives after the `after`-th publish overall and whose
   * diagnostics satisfy `accept`; returns its diagnostics.
   */
  waitForPublish(uri: string, what: string, accept: (d: readonly Diagnostic[]) => boolean = () => true, after = 0): Promise<Diagnostic[]> {
    return this.waitFor(`a publishDiagnostics for ${uri} with ${what}`, () => {
      for (let i = this.published.length - 1; i >= after; i--) {
        const p = this.published[i]!;
        if (p.uri === uri) return accept(p.diagnostics) ? p.diagnostics : undefined;
      }
      return undefined;
    });
  }

  /** The number of requests with this method the server has sent so far. */
  requestCount(method: string): number {
    return this.serverRequests.filter((r) => r.method === method).length;
  }

  /** Opens a document (markdown unless told). */
  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Replaces a range of an open document (the whole text when `range` is omitted). */
  async change(uri: string, newText: string, range?: Range): Promise<void> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [range ? { range, text: newText } : { text: newText }],
    });
  }

  /** Changes the settings the client reports and tells the server (`workspace/didChangeConfiguration`). */
  async setSettings(settings: LexLensSettings): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async changeWatchedFiles(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.withTimeout('a hover response', this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }));
  }

  /** Completion items, whether the server answered with a list or an array. */
  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r: CompletionList | CompletionItem[] | null = await this.withTimeout('a completion response', this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
    return r === null ? [] : Array.isArray(r) ? r : r.items;
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const r: (Command | CodeAction)[] | null = await this.withTimeout('a code action response', this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } }));
    return (r ?? []).filter((a): a is CodeAction => !('command' in a && typeof a.command === 'string'));
  }

  /** Pulls the diagnostics of a document (`textDocument/diagnostic`); returns a full report's items. */
  async pullDiagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.withTimeout('a textDocument/diagnostic response', this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
    if (report.kind !== 'full') throw new Error(`Expected a full diagnostic report for ${uri}, got ${report.kind}.`);
    return report.items;
  }

  /** `textDocument/definition`, as the list of locations (empty for null). */
  async definition(uri: string, position: Position): Promise<Location[]> {
    const r: Definition | LocationLink[] | null = await this.withTimeout('a definition response', this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position }));
    if (r === null) return [];
    const list: (Location | LocationLink)[] = Array.isArray(r) ? r : [r];
    return list.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange } : l));
  }

  async references(uri: string, position: Position, includeDeclaration = false): Promise<Location[]> {
    const r = await this.withTimeout('a references response', this.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration } }));
    return r ?? [];
  }

  prepareRename(uri: string, position: Position): Promise<PrepareRenameResult | null> {
    return this.withTimeout('a prepareRename response', this.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position }));
  }

  rename(uri: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
    return this.withTimeout('a rename response', this.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position, newName }));
  }

  async documentLinks(uri: string): Promise<DocumentLink[]> {
    return (await this.withTimeout('a documentLink response', this.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } }))) ?? [];
  }

  async codeLenses(uri: string): Promise<CodeLens[]> {
    return (await this.withTimeout('a codeLens response', this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))) ?? [];
  }

  /** Sends any request with raw params (for malformed-input tests). */
  request(method: string, params: unknown): Promise<unknown> {
    return this.withTimeout(`a ${method} response`, this.connection.sendRequest(method, params));
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return !this.exited;
  }

  /** Shuts the server down politely, and kills it if it does not exit in time. */
  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.withTimeout('the shutdown response', this.connection.sendRequest(ShutdownRequest.type), 5000);
        await this.connection.sendNotification(ExitNotification.type);
        await this.withTimeout('the server process to exit', this.exitPromise, 5000);
      } catch {
        // fall through to kill
      }
    }
    if (!this.exited) {
      this.child.kill('SIGKILL');
      await this.exitPromise;
    }
    this.connection.dispose();
  }
}

/** Copies a fixture folder into a fresh temporary folder (tests change files on disk). */
export function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lexlens-${name}-`));
  fs.cpSync(path.join(fixturesDir, name), dir, { recursive: true });
  return dir;
}

/** A fresh empty temporary folder. */
export function tempFolder(prefix = 'lexlens-lsp-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The position of the `n`-th (0-based) occurrence of `needle` in `text`, plus `delta` code units. */
export function positionOf(text: string, needle: string, delta = 0, n = 0): Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${n + 1} times in the text.`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

/** The range that `needle` covers in `text` (UTF-16 columns, as LSP counts them). */
export function rangeOf(text: string, needle: string, n = 0): Range {
  return { start: positionOf(text, needle, 0, n), end: positionOf(text, needle, needle.length, n) };
}

/** The text a hover shows, whatever shape its contents take. */
export function hoverText(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents;
  const one = (x: unknown): string => (typeof x === 'string' ? x : x && typeof x === 'object' && 'value' in x ? String((x as { value: unknown }).value) : '');
  return Array.isArray(c) ? c.map(one).join('\n') : one(c);
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const offsetAt = (p: Position) => {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    return Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  };
  return [...edits]
    .map((e) => ({ start: offsetAt(e.range.start), end: offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}
