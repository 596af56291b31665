/** Commands the extension contributes. */
import * as vscode from 'vscode';
import { AuthoritiesRequest, SearchRequest, type AuthoritiesResult, type SearchItem } from '../../server/src/protocol.js';
import type { LexLensClient } from './client.js';

export function registerCommands(client: LexLensClient, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lexlens.restartServer', () => client.restart()),
    vscode.commands.registerCommand('lexlens.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('lexlens.reloadCorpus', () => client.reloadCorpus()),
    vscode.commands.registerCommand('lexlens.showAuthorities', () => showAuthorities(client)),
    vscode.commands.registerCommand('lexlens.insertCitation', () => insertCitation(client)),
  ];
}

/** Opens the table of authorities of the active memo beside it, as Markdown. */
async function showAuthorities(client: LexLensClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a memo to see its table of authorities.'));
    return;
  }
  const result = await client.request<AuthoritiesResult>(AuthoritiesRequest, { uri: editor.document.uri.toString() });
  if (!result) return;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

/** Two steps: pick an entry (fuzzy over ids, titles, aliases), then a pinpoint; inserts Pandoc syntax. */
async function insertCitation(client: LexLensClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const uri = editor.document.uri.toString();
  const items = await client.request<SearchItem[]>(SearchRequest, { uri, query: '' });
  if (!items?.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The corpus has no entries to cite.'));
    return;
  }
  type EntryPick = vscode.QuickPickItem & { item: SearchItem };
  const entry = await vscode.window.showQuickPick<EntryPick>(
    items.map((item) => ({ label: item.id, description: item.title, detail: `${item.detail}${item.names ? ` · ${item.names}` : ''}`, item })),
    { title: vscode.l10n.t('Insert citation'), placeHolder: vscode.l10n.t('Search by key, title, alias or number'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!entry) return;
  let pinpoint = '';
  if (entry.item.pinpoints.length) {
    const none: vscode.QuickPickItem = { label: vscode.l10n.t('No pinpoint') };
    const pick = await vscode.window.showQuickPick([none, ...entry.item.pinpoints.map((p) => ({ label: p.label, description: p.title }))], {
      title: vscode.l10n.t('Pinpoint in {0}', entry.item.id),
      matchOnDescription: true,
    });
    if (!pick) return;
    if (pick !== none) pinpoint = `, ${pick.label}`;
  }
  const cite = `@${entry.item.id}${pinpoint}`;
  const doc = editor.document;
  const pos = editor.selection.active;
  const line = doc.lineAt(pos.line).text;
  // Inside an existing citation ("[@a|]") the new source joins it with "; ".
  const before = line.slice(0, pos.character);
  const insideCitation = /\[[^\]]*@[^\]]*$/.test(before) && line.slice(pos.character).includes(']');
  await editor.edit((b) => b.insert(pos, insideCitation ? `; ${cite}` : `[${cite}]`));
}
