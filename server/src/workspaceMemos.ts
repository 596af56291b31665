/**
 * The memos of the workspace folders, opened or not, for references and rename: open documents
 * are read from the editor, the others from disk (Markdown and plain text, bounded in count and
 * size so a huge folder cannot stall the server).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSnapshot } from './engine/index.js';

const MEMO = /\.(md|markdown|mdown|txt)$/i;
const MAX_FILES = 5000;
const MAX_BYTES = 2 * 1024 * 1024;
const SKIP = new Set(['node_modules', '.git', 'out', 'dist']);

/** Lists the memo files under `folders`. */
export function listMemoFiles(folders: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, depth: number) => {
    if (out.length >= MAX_FILES || depth > 24) return;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of entries) {
      if (d.name.startsWith('.') || SKIP.has(d.name)) continue;
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full, depth + 1);
      else if (d.isFile() && MEMO.test(d.name)) out.push(full);
      if (out.length >= MAX_FILES) return;
    }
  };
  for (const f of folders) walk(f, 0);
  return out.sort();
}

/** Snapshots of every memo: `open` gives the text of documents open in the editor, by path. */
export function workspaceMemos(folders: readonly string[], open: ReadonlyMap<string, { text: string; languageId: string }>): FileSnapshot[] {
  const files = new Set([...listMemoFiles(folders), ...open.keys()]);
  const out: FileSnapshot[] = [];
  for (const file of files) {
    const doc = open.get(file);
    if (doc) {
      out.push({ file, doc });
      continue;
    }
    try {
      if (fs.statSync(file).size > MAX_BYTES) continue;
      out.push({ file, doc: { text: fs.readFileSync(file, 'utf8'), languageId: /\.txt$/i.test(file) ? 'plaintext' : 'markdown' } });
    } catch {
      // deleted since listed: skip
    }
  }
  return out;
}
