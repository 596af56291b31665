/** Commands the extension contributes. */
import * as vscode from 'vscode';
import {
  AuthoritiesRequest,
  CapturePrefillRequest,
  CaptureStatementRequest,
  SearchRequest,
  type AuthoritiesResult,
  type CapturePrefillResult,
  type CaptureStatementResult,
  type SearchItem,
} from '../../server/src/protocol.js';
import type { LexLensClient } from './client.js';

export function registerCommands(client: LexLensClient, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lexlens.restartServer', () => client.restart()),
    vscode.commands.registerCommand('lexlens.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('lexlens.reloadCorpus', () => client.reloadCorpus()),
    vscode.commands.registerCommand('lexlens.showAuthorities', () => showAuthorities(client)),
    vscode.commands.registerCommand('lexlens.insertCitation', () => insertCitation(client)),
    vscode.commands.registerCommand('lexlens.captureStatement', () => captureStatement(client)),
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

/**
 * Adds the selected quotation as a statement entry to a workspace corpus file (asking for
 * speaker, date and URL, prefilled from the text), cites it in the memo, and opens the entry.
 */
async function captureStatement(client: LexLensClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select the quotation to capture first.'));
    return;
  }
  const uri = editor.document.uri.toString();
  const range = { start: editor.selection.start, end: editor.selection.end };
  const prefill = await client.request<CapturePrefillResult>(CapturePrefillRequest, { uri, range });
  if (!prefill) return;
  if (prefill.corpusFiles.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('There is no workspace corpus file to add the statement to. Add a corpus folder to .lexlens.yaml (corpus: [corpus/]) and a YAML file in it.'));
    return;
  }
  const speaker = await vscode.window.showInputBox({ title: vscode.l10n.t('Capture statement: speaker'), value: prefill.speaker ?? '', validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A statement needs a speaker.')) });
  if (speaker === undefined) return;
  const date = await vscode.window.showInputBox({
    title: vscode.l10n.t('Capture statement: date'),
    value: prefill.date ?? '',
    placeHolder: 'YYYY-MM-DD',
    validateInput: (v) => (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v.trim()) ? undefined : vscode.l10n.t('Write the date as YYYY-MM-DD.')),
  });
  if (date === undefined) return;
  const url = await vscode.window.showInputBox({ title: vscode.l10n.t('Capture statement: source URL (optional)'), value: prefill.url ?? '' });
  if (url === undefined) return;
  const corpusFile =
    prefill.corpusFiles.length === 1
      ? prefill.corpusFiles[0]
      : (await vscode.window.showQuickPick(prefill.corpusFiles.map((f) => ({ label: vscode.workspace.asRelativePath(f), file: f })), { title: vscode.l10n.t('Capture statement: corpus file') }))?.file;
  if (!corpusFile) return;
  const result = await client.request<CaptureStatementResult>(CaptureStatementRequest, {
    uri,
    range,
    corpusFile,
    quote: prefill.quote,
    speaker: speaker.trim(),
    date: date.trim(),
    ...(url.trim() ? { url: url.trim() } : {}),
    language: prefill.language,
  });
  if (!result) return;
  const edit = new vscode.WorkspaceEdit();
  for (const [target, edits] of Object.entries(result.edit.changes)) {
    for (const e of edits) edit.replace(vscode.Uri.parse(target), new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The statement could not be added; nothing was changed.'));
    return;
  }
  const corpusDoc = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.entryUri));
  await corpusDoc.save();
  const shown = await vscode.window.showTextDocument(corpusDoc, { viewColumn: vscode.ViewColumn.Beside });
  const at = new vscode.Position(result.entryLine, 0);
  shown.selection = new vscode.Selection(at, at);
  shown.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
}
