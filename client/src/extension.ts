/** Activation only: create the client, its commands and its status item. */
import * as vscode from 'vscode';
import { LexLensClient } from './client.js';
import { registerCommands } from './commands.js';
import { StatusItem } from './status.js';

let lexlens: LexLensClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('LexLens', { log: true });
  const status = new StatusItem();
  lexlens = new LexLensClient(context, output, status);
  context.subscriptions.push(output, status, lexlens, ...registerCommands(lexlens, output));
  await lexlens.start();
}

export async function deactivate(): Promise<void> {
  await lexlens?.stop();
}
