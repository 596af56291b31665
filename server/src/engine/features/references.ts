/**
 * Find references and rename: every citation of a key across the workspace's memos, and the
 * edits that rename a key in all of them and in its (workspace) corpus file.
 */
import type { Corpus } from '../corpus/corpus.js';
import type { ResolvedMemo } from '../memo/analyze.js';
import type { CorpusIndex } from '../search/index.js';
import type { Span } from '../types.js';
import type { Location } from './navigation.js';

/** A memo of the workspace, read against the corpus. */
export interface WorkspaceMemo {
  readonly file: string;
  readonly memo: ResolvedMemo;
}

/** Every place a key is cited (the key's span, without the `@`). */
export function references(memos: readonly WorkspaceMemo[], key: string): Location[] {
  const out: Location[] = [];
  for (const { file, memo } of memos) {
    for (const c of memo.analysis.citations) for (const it of c.items) if (it.key === key) out.push({ file, span: it.keySpan });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start));
}

export interface FileEdit {
  readonly file: string;
  readonly span: Span;
  readonly newText: string;
}

export type RenameResult = { readonly ok: true; readonly edits: readonly FileEdit[] } | { readonly ok: false; readonly message: string };

const KEY = /^[a-z0-9][a-z0-9._:-]*$/;

/**
 * Where workspace corpus entries name `key` in `related` or `about` (bundled files are read-only
 * and never name a workspace key). Spans of quoted values are narrowed to the key, so the quotes stay.
 */
export function corpusReferences(corpus: Corpus, key: string): Location[] {
  const out: Location[] = [];
  for (const f of corpus.files) {
    if (f.bundled) continue;
    for (const e of f.entries) {
      const ptr = f.pointers.get(e.id);
      if (ptr === undefined) continue;
      for (const field of ['related', 'about'] as const) {
        e[field].forEach((ref, i) => {
          const span = ref === key ? f.valueSpans.get(`${ptr}/${field}/${i}`) : undefined;
          if (span) out.push({ file: f.file, span: unquoted(span, key) });
        });
      }
    }
  }
  return out;
}

const unquoted = (span: Span, key: string): Span => (span.end - span.start === key.length + 2 ? { start: span.start + 1, end: span.end - 1 } : span);

/**
 * The edits that rename `key` to `newKey` in every memo, at its entry's id and wherever workspace
 * corpus entries name it (`related`, `about`); or why not.
 */
export function rename(memos: readonly WorkspaceMemo[], index: CorpusIndex, key: string, newKey: string, corpus?: Corpus): RenameResult {
  const entry = index.get(key);
  if (!entry) return { ok: false, message: `\`${key}\` is not a key in the corpus, so there is nothing to rename.` };
  if (entry.bundled) return { ok: false, message: `\`${key}\` belongs to the corpus bundled with LexLens, which is read-only; copy the entry into a workspace corpus to rename it.` };
  if (!KEY.test(newKey)) return { ok: false, message: `\`${newKey}\` is not a valid key: use lowercase letters, digits and . _ : -, starting with a letter or digit.` };
  if (newKey !== key && index.get(newKey)) return { ok: false, message: `\`${newKey}\` is already the key of another entry.` };
  const edits: FileEdit[] = references(memos, key).map((l) => ({ file: l.file, span: l.span, newText: newKey }));
  edits.push({ file: entry.file, span: unquoted(entry.idSpan, key), newText: newKey });
  for (const l of corpus ? corpusReferences(corpus, key) : []) edits.push({ file: l.file, span: l.span, newText: newKey });
  return { ok: true, edits };
}
