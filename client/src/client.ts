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
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_NODE_ARGS, serverEnvironment } from '../../server/src/launch.js';
import { ReloadCorpusRequest, StatusNotification, type InitializationOptions, type StatusParams } from '../../server/src/protocol.js';
import type { StatusItem } from './status.js';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class LexLensClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly restarts: number[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  private errorHandler(): ErrorHandler {
    return {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
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
        this.output.warn('LexLens server stopped; restarting it.');
        this.status.starting();
        return { action: CloseAction.Restart, handled: true };
      },
    };
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
      errorHandler: this.errorHandler(),
      initializationFailedHandler: (error) => {
        this.output.error(`LexLens server failed to initialize: ${String(error)}`);
        this.status.failed(String(error));
        return false;
      },
    };
    const client = new LanguageClient('lexlens', 'LexLens', serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.registerNotifications(client);
    });
    return client;
  }

  private registerNotifications(client: LanguageClient): void {
    client.onNotification(StatusNotification, (params: StatusParams) => this.status.update(params));
  }

  async start(): Promise<void> {
    this.client = this.create();
    try {
      await this.client.start();
    } catch (e) {
      this.output.error(`LexLens server could not start: ${String(e)}`);
      this.status.failed(String(e));
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
