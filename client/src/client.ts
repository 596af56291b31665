/**
 * The language client: starts the bundled server over IPC, survives crashes (restarts within a
 * limit, then stops with a message and a restart command), and forwards status to the UI.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_NODE_ARGS, serverEnvironment } from '../../server/src/launch.js';
import { ReloadCorpusRequest, StatusNotification, type InitializationOptions, type StatusParams } from '../../server/src/protocol.js';
import type { StatusItem } from './status.js';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * A language client that leaves telling the user about the server's start and crashes to
 * LexLensClient. The library forces a notification of its own when a start fails ("couldn't
 * create connection to server"); in a crash loop those came one a crash, and past three in 800
 * ms VS Code shows no more toasts (its spam protection), so the one message that matters, with
 * its Restart button, was left in the notification center. They are written to the output only.
 */
class LexLensLanguageClient extends LanguageClient {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the library's own signature
  override error(message: string, data?: any, showNotification: boolean | 'force' = true): void {
    super.error(message, data, showNotification === 'force' ? false : showNotification);
  }
}

export class LexLensClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** When each crash was answered with a restart (those within RESTART_WINDOW_MS count). */
  private readonly restarts: number[] = [];
  /** Clients whose server went away on its own: their failed start is the crash, already handled. */
  private readonly crashed = new WeakSet<LanguageClient>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  /**
   * The server of `client` went away without being asked to, or could not be started: a fresh
   * client starts a new one, unless this is the fifth time within RESTART_WINDOW_MS. The
   * library's own restart is not used: when a server dies while it is being initialized, the
   * interrupted start then stops the restarted server too, and the client is left stopped
   * without a word. A new client each time leaves the old one to settle its interrupted start.
   */
  private onCrash(client: LanguageClient): CloseHandlerResult {
    if (client !== this.client || this.crashed.has(client)) return { action: CloseAction.DoNotRestart, handled: true };
    this.crashed.add(client);
    const now = Date.now();
    while (this.restarts.length && now - this.restarts[0]! > RESTART_WINDOW_MS) this.restarts.shift();
    if (this.restarts.length >= MAX_RESTARTS) {
      // This crash and the ones it was restarted after.
      const message = vscode.l10n.t('The LexLens server crashed {0} times in 3 minutes and will not be restarted.', this.restarts.length + 1);
      this.status.failed(message);
      void vscode.window.showErrorMessage(message, vscode.l10n.t('Restart')).then((choice) => {
        if (choice) void vscode.commands.executeCommand('lexlens.restartServer');
      });
      // handled: the message above is the one notification (with its Restart button); the
      // client library would otherwise show the same message again.
      return { action: CloseAction.DoNotRestart, message, handled: true };
    }
    this.restarts.push(now);
    const message = 'LexLens server stopped; restarting it.';
    this.output.warn(message);
    this.status.starting();
    setImmediate(() => {
      // Unless the server was stopped or restarted by hand meanwhile.
      if (this.client !== client) return;
      void client.dispose().catch(() => undefined);
      void this.start();
    });
    return { action: CloseAction.DoNotRestart, message, handled: true };
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath('dist/server.cjs');
    // Settings that only apply when a process starts (see launch.ts).
    const env = serverEnvironment(process.env);
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS], env } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6019'], env } },
    };
    const initializationOptions: InitializationOptions = {
      bundledCorpusPath: this.context.asAbsolutePath('data'),
      trusted: vscode.workspace.isTrusted,
      // VS Code's storage for this extension: removed with the extension, never in the workspace.
      cacheDir: vscode.Uri.joinPath(this.context.globalStorageUri, 'corpus-cache').fsPath,
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'file', language: 'plaintext' },
        { scheme: 'untitled', language: 'markdown' },
        { scheme: 'untitled', language: 'plaintext' },
      ],
      outputChannel: this.output,
      initializationOptions,
      errorHandler: {
        // A connection error comes with a crash, which onCrash reports: logged, not shown.
        error: () => ({ action: ErrorAction.Continue, handled: true }),
        closed: () => this.onCrash(created),
      },
      // The failed start is then retried as a crash is (see start).
      initializationFailedHandler: (error) => {
        if (!this.crashed.has(created)) this.output.error(`LexLens server failed to initialize: ${String(error)}`);
        return false;
      },
    };
    const created = new LexLensLanguageClient('lexlens', 'LexLens', serverOptions, clientOptions);
    created.onDidChangeState((e) => {
      if (e.newState === State.Running) this.registerNotifications(created);
    });
    return created;
  }

  private registerNotifications(client: LanguageClient): void {
    client.onNotification(StatusNotification, (params: StatusParams) => this.status.update(params));
  }

  async start(): Promise<void> {
    const client = (this.client = this.create());
    try {
      await client.start();
    } catch (e) {
      // A server that died while starting may have been dealt with as a crash already; one that
      // could not be started at all (it exited before it answered, or failed to initialize) is
      // retried the way a crash is, within the same limit.
      if (this.crashed.has(client) || client !== this.client) return;
      this.output.error(`LexLens server could not start: ${String(e)}`);
      this.onCrash(client);
    }
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c && c.state !== State.Stopped) await c.stop().catch(() => undefined);
  }

  /** Stops the server (if any) and starts a fresh one, resetting the crash count. */
  async restart(): Promise<void> {
    this.restarts.length = 0;
    this.status.starting();
    await this.stop();
    await this.start();
  }

  /** Sends a custom request; `undefined` (and a message in the output) when the server is not running. */
  async request<R>(method: string, params: object): Promise<R | undefined> {
    if (!this.client || this.client.state !== State.Running) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The LexLens server is not running.'));
      return undefined;
    }
    try {
      return await this.client.sendRequest<R>(method, params);
    } catch (e) {
      this.output.error(`${method} failed: ${String(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('LexLens: {0}', e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  }

  async reloadCorpus(): Promise<void> {
    await this.client?.sendRequest(ReloadCorpusRequest);
  }

  dispose(): void {
    void this.stop();
  }
}
