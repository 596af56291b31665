// The extension-host suite: what LexLens must do through the VS Code API, on a workspace
// holding a copy of examples/briefing.md. The same tests run under @vscode/test-electron
// (test/vscode/runTest.ts) and inside code-server's extension host (test/e2e/extensionHost.ts).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor, type Test } from './runner.js';

export const EXTENSION_ID = 'lexlens.lexlens';
const MEMO = 'briefing.md';
const LAW_IN_PROSE = 'Online Platforms and Online Advertising';
const LAW_NUMBER = '18-VIII';
const LAW_KEY = 'kz-online-platforms-2023';
const UNSOURCED_LINE = 'Kazakhstan had 14.1 million TikTok accounts at the start of 2024. <!--';
const EXPECTED_CODES = ['unknown-citation', 'unsourced-claim', 'figure-mismatch'];
/** Time the server gets to index the corpus and answer for the first time. */
const FIRST_ANSWER_MS = 30_000;
const ANSWER_MS = 15_000;

interface State {
  extension?: vscode.Extension<unknown>;
  memo?: vscode.TextDocument;
}
const state: State = {};

function memo(): vscode.TextDocument {
  if (!state.memo) throw new Error(`${MEMO} was not opened (an earlier test failed)`);
  return state.memo;
}

function memoUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, MEMO);
}

/** Position `into` characters inside the first occurrence of `needle` in the memo. */
function positionOf(doc: vscode.TextDocument, needle: string, into = 2): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in ${path.basename(doc.uri.fsPath)}`);
  return doc.positionAt(offset + into);
}

function lineOf(doc: vscode.TextDocument, needle: string): number {
  return positionOf(doc, needle, 0).line;
}

function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const hover of hovers ?? []) {
    for (const content of hover.contents) parts.push(typeof content === 'string' ? content : content.value);
  }
  return parts.join('\n');
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

function codesOf(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map(codeOf);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function short(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

async function hoverOverLaw(timeoutMs: number): Promise<string> {
  const doc = memo();
  const position = positionOf(doc, LAW_IN_PROSE, 7);
  let last = '';
  return waitFor(`a hover over "${LAW_IN_PROSE}" that contains ${LAW_NUMBER}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    last = hoverText(hovers);
    return last.includes(LAW_NUMBER) ? last : undefined;
  }, { timeoutMs, intervalMs: 300, lastSeen: () => short(last) || 'no hover' });
}

async function waitForCodes(uri: vscode.Uri, codes: readonly string[], timeoutMs: number): Promise<void> {
  await waitFor(`diagnostics with the codes ${codes.join(', ')} on ${path.basename(uri.fsPath)}`, () => {
    const present = codesOf(uri);
    return codes.every((c) => present.includes(c));
  }, { timeoutMs, intervalMs: 250, lastSeen: () => JSON.stringify([...new Set(codesOf(uri))]) });
}

export const tests: Test[] = [
  {
    name: 'the LexLens extension is installed and activates',
    async fn() {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `no extension with the id ${EXTENSION_ID}`);
      await extension.activate();
      assert.equal(extension.isActive, true, 'activate() returned but the extension is not active');
      state.extension = extension;
    },
  },
  {
    name: 'the example memo opens as a Markdown document',
    async fn() {
      const doc = await vscode.workspace.openTextDocument(memoUri());
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'markdown');
      state.memo = doc;
    },
  },
  {
    name: `a hover over "${LAW_IN_PROSE}" names the law's number ${LAW_NUMBER}`,
    async fn() {
      await hoverOverLaw(FIRST_ANSWER_MS);
    },
  },
  {
    name: 'the memo gets unknown-citation, unsourced-claim and figure-mismatch diagnostics',
    async fn() {
      await waitForCodes(memo().uri, EXPECTED_CODES, FIRST_ANSWER_MS);
      const lexlens = vscode.languages.getDiagnostics(memo().uri).filter((d) => EXPECTED_CODES.includes(codeOf(d)));
      for (const d of lexlens) assert.ok(d.message.trim().length > 0, `a ${codeOf(d)} diagnostic has no message`);
    },
  },
  {
    name: 'the "Cite [@…]" quick fix on an unsourced claim inserts a citation and the warning goes away',
    async fn() {
      const doc = memo();
      const line = lineOf(doc, UNSOURCED_LINE);
      const onLine = (): vscode.Diagnostic | undefined =>
        vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'unsourced-claim' && d.range.start.line === line);
      const diagnostic = await waitFor(`an unsourced-claim diagnostic on line ${line + 1}`, onLine, { timeoutMs: ANSWER_MS });
      let titles: string[] = [];
      const fix = await waitFor(`a quick fix titled "Cite [@…]" for the unsourced claim on line ${line + 1}`, async () => {
        const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
        titles = (actions ?? []).map((a) => a.title);
        return (actions ?? []).find((a): a is vscode.CodeAction => /^Cite \[@[^\]]+\]/.test(a.title) && 'edit' in a && !!a.edit);
      }, { timeoutMs: ANSWER_MS, lastSeen: () => JSON.stringify(titles) });
      assert.ok(await vscode.workspace.applyEdit(fix.edit!), `applying "${fix.title}" was refused`);
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      const key = /^Cite \[@([^\]]+)\]/.exec(fix.title)?.[1] ?? '';
      assert.ok(doc.lineAt(line).text.includes(`@${key}`), `line ${line + 1} does not cite @${key} after the fix: ${short(doc.lineAt(line).text)}`);
      await waitFor(`the unsourced-claim diagnostic on line ${line + 1} to go away after "${fix.title}"`, () => !onLine(), {
        timeoutMs: ANSWER_MS,
        lastSeen: () => short(onLine()?.message ?? ''),
      });
    },
  },
  {
    name: `completion after "[@kz-onl" offers ${LAW_KEY}`,
    async fn() {
      const doc = memo();
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const typed = '\n\nSee [@kz-onl';
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, end, typed);
      assert.ok(await vscode.workspace.applyEdit(edit), 'inserting "[@kz-onl" was refused');
      const cursor = doc.lineAt(doc.lineCount - 1).range.end;
      try {
        let labels: string[] = [];
        await waitFor(`a completion item ${LAW_KEY} after "[@kz-onl"`, async () => {
          const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, cursor);
          labels = (list?.items ?? []).map(labelOf);
          return labels.includes(LAW_KEY);
        }, { timeoutMs: ANSWER_MS, lastSeen: () => JSON.stringify(labels.slice(0, 8)) });
      } finally {
        const undo = new vscode.WorkspaceEdit();
        undo.delete(doc.uri, new vscode.Range(doc.positionAt(doc.offsetAt(cursor) - typed.length), cursor));
        await vscode.workspace.applyEdit(undo);
      }
    },
  },
  {
    name: `go to definition on the key ${LAW_KEY} lands on its entry in a data/*.yaml file`,
    async fn() {
      const doc = memo();
      const position = positionOf(doc, `[@${LAW_KEY}`, 5);
      let seen = '';
      const target = await waitFor(`a definition of ${LAW_KEY}`, async () => {
        const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, position);
        const targets = (result ?? []).map((r) => ('targetUri' in r ? { uri: r.targetUri, range: r.targetRange } : { uri: r.uri, range: r.range }));
        seen = JSON.stringify(targets.map((t) => t.uri.toString()));
        return targets[0];
      }, { timeoutMs: ANSWER_MS, lastSeen: () => seen });
      const dataDir = path.join(state.extension?.extensionPath ?? '', 'data');
      assert.equal(path.dirname(target.uri.fsPath), dataDir, `the definition is not in ${dataDir}: ${target.uri.fsPath}`);
      assert.match(path.basename(target.uri.fsPath), /\.ya?ml$/, 'the definition is not a YAML file');
      const yaml = await vscode.workspace.openTextDocument(target.uri);
      const text = yaml.getText(new vscode.Range(target.range.start.line, 0, target.range.end.line + 1, 0));
      assert.ok(text.includes(LAW_KEY), `line ${target.range.start.line + 1} of ${path.basename(target.uri.fsPath)} does not name ${LAW_KEY}: ${short(text)}`);
    },
  },
  {
    name: 'document links include the official adilet.zan.kz page of a cited law',
    async fn() {
      const doc = memo();
      let targets: string[] = [];
      await waitFor('a document link to adilet.zan.kz', async () => {
        const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri, 100);
        targets = (links ?? []).map((l) => l.target?.toString(true) ?? '(unresolved)');
        return (links ?? []).some((l) => l.target?.authority === 'adilet.zan.kz');
      }, { timeoutMs: ANSWER_MS, lastSeen: () => JSON.stringify(targets.slice(0, 6)) });
    },
  },
  {
    name: 'the command lexlens.showAuthorities opens the table of authorities of the memo',
    async fn() {
      await vscode.window.showTextDocument(memo());
      await vscode.commands.executeCommand('lexlens.showAuthorities');
      await waitFor('a document with the table of authorities', () =>
        vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'untitled' && d.getText().includes('Table of authorities') && d.getText().includes(LAW_KEY)),
      { timeoutMs: ANSWER_MS, lastSeen: () => JSON.stringify(vscode.workspace.textDocuments.map((d) => d.uri.toString())) });
    },
  },
  {
    name: 'the command lexlens.restartServer restarts the server and hovers work again',
    async fn() {
      await vscode.commands.executeCommand('lexlens.restartServer');
      await hoverOverLaw(FIRST_ANSWER_MS);
    },
  },
];

/** Leaves the workspace as it was: reverts the edited memo and closes the editors. */
export async function cleanup(): Promise<void> {
  if (state.memo?.isDirty) {
    await vscode.window.showTextDocument(state.memo);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
