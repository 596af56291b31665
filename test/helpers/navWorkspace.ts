/**
 * The workspace-nav fixture (its own corpus folder named in `.lexlens.yaml`, three memos) copied
 * to a temporary folder, with a server started on the copy. The test context removes both.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver/node';
import { copyFixture, LspClient, type StartOptions } from './lspClient.js';

/** The key that alpha.md and beta.md both cite. */
export const WORKSPACE_KEY = 'nav-data-hosting-act-2022';

export interface NavWorkspace {
  readonly client: LspClient;
  /** The real path of the temporary copy. */
  readonly folder: string;
  /** Absolute path of a file of the copy. */
  file(rel: string): string;
  uri(rel: string): string;
  /** The file's text on disk now. */
  read(rel: string): string;
  /** Opens a file of the copy in the client (its text on disk unless given). */
  open(rel: string, text?: string): Promise<{ uri: string; text: string }>;
}

/** Copies workspace-nav (and lets `prepare` change the copy) before starting the server on it. */
export async function startNav(t: TestContext, options: Omit<StartOptions, 'folder'> = {}, prepare?: (folder: string) => void): Promise<NavWorkspace> {
  const folder = fs.realpathSync(copyFixture('workspace-nav'));
  let started: LspClient | undefined;
  // One hook, so the server stops before its folder goes.
  t.after(async () => {
    await started?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  prepare?.(folder);
  const client = (started = await LspClient.start({ folder, ...options }));
  const file = (rel: string) => path.join(folder, rel);
  const uri = (rel: string) => pathToFileURL(file(rel)).toString();
  const read = (rel: string) => fs.readFileSync(file(rel), 'utf8');
  return {
    client,
    folder,
    file,
    uri,
    read,
    open: async (rel, text = read(rel)) => {
      await client.open(uri(rel), text, rel.endsWith('.txt') ? 'plaintext' : 'markdown');
      return { uri: uri(rel), text };
    },
  };
}

/** The offset of an LSP position in a text with `\n` line ends. */
export function offsetAt(text: string, p: Position): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line && i < lines.length; i++) o += lines[i]!.length + 1;
  return o + p.character;
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Locations as `file (relative to folder):line`, in the order given, for compact assertions. */
export function where(folder: string, locations: readonly Location[]): string[] {
  return locations.map((l) => `${path.relative(folder, fileURLToPath(l.uri))}:${l.range.start.line}`);
}

/** The edits of a WorkspaceEdit for one URI (from `changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit | null, uri: string): { range: Range; newText: string }[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? c.edits.filter((e) => 'newText' in e) : []));
  return [...fromChanges, ...fromDocumentChanges];
}

/** The URIs a WorkspaceEdit touches, sorted. */
export function editedUris(edit: WorkspaceEdit | null): string[] {
  if (!edit) return [];
  return [...new Set([...Object.keys(edit.changes ?? {}), ...(edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c ? [c.textDocument.uri] : []))])].sort();
}
