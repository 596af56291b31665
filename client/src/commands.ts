/** Commands the extension contributes. */
import * as vscode from 'vscode';
import type { LexLensClient } from './client.js';

export function registerCommands(client: LexLensClient, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lexlens.restartServer', () => client.restart()),
    vscode.commands.registerCommand('lexlens.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('lexlens.reloadCorpus', () => client.reloadCorpus()),
  ];
}
