/**
 * Find references and rename: every citation of a key across the workspace's memos, and the
 * edits that rename a key in all of them and in its (workspace) corpus file.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { Corpus } from '../corpus/corpus.js';
import { joinChunks, readChunkSteps, type MemoAnalysis } from '../memo/analyze.js';
import type { FileSnapshot } from '../index.js';
import type { Steps } from '../slice.js';
import type { CorpusIndex } from '../search/index.js';
import type { Span } from '../types.js';
import type { Location } from './navigation.js';

/** A memo of the workspace, as far as references need it read: the keys it cites, where. */
export interface WorkspaceMemo {
  readonly file: string;
  readonly cited: readonly CitedKey[];
}

/** One cited key and its span (without the `@`). */
export interface CitedKey {
  readonly key: string;
  readonly keySpan: Span;
}

/** The keys a memo's analysis cites, in order. */
function citedKeys(analysis: Pick<MemoAnalysis, 'citations'>): CitedKey[] {
  return analysis.citations.flatMap((c) => c.items.map((it) => ({ key: it.key, keySpan: it.keySpan })));
}

/**
 * What workspace memos cite, for find references and rename. Each memo is read for its
 * citations only and not through the engine's chunk caches, so a search does not push the open
 * documents out of them; what it cites is kept by a digest of its language and text, for the
 * `limit` memos used last, so a search reads again only the memos changed since the last one.
 */
export class WorkspaceCitations {
  private readonly cited = new Map<string, readonly CitedKey[]>();
  constructor(private readonly limit: number) {}

  /** The memos of `docs` that may cite `key` (their text holds it), read in steps where not known. */
  *memosCiting(docs: readonly FileSnapshot[], key: string): Steps<WorkspaceMemo[]> {
    const out: WorkspaceMemo[] = [];
    for (const d of docs) {
      if (!d.doc.text.includes(key)) continue;
      const digest = createHash('sha256').update(`${d.doc.languageId}\u0000`).update(d.doc.text).digest('base64');
      let keys = this.cited.get(digest);
      if (keys) this.cited.delete(digest);
      else keys = citedKeys(joinChunks(yield* readChunkSteps(d.doc.text, d.doc.languageId)));
      // Most recently used last; the oldest go past the bound.
      this.cited.set(digest, keys);
      if (this.cited.size > this.limit) this.cited.delete(this.cited.keys().next().value!);
      out.push({ file: d.file, cited: keys });
    }
    return out;
  }
}

/** Every place a key is cited (the key's span, without the `@`). */
export function references(memos: readonly WorkspaceMemo[], key: string): Location[] {
  const out: Location[] = [];
  for (const { file, cited } of memos) {
    for (const it of cited) if (it.key === key) out.push({ file, span: it.keySpan });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start));
}

export interface FileEdit {
  readonly file: string;
  readonly span: Span;
  readonly newText: string;
}

export type RenameResult = { readonly ok: true; readonly edits: readonly FileEdit[] } | { readonly ok: false; readonly message: string };

// NOTE: a key must also end the way a cited key ends (citations.ts): `[@new-key.]` reads as `new-key`.
const KEY = /^[a-z0-9](?:[a-z0-9._:-]*[a-z0-9_])?$/;

/**
 * Where workspace corpus entries name `key` in `related` or `about` (bundled files are read-only
 * and never name a workspace key). Spans of quoted values are narrowed to the key, so the quotes stay.
 */
export function corpusReferences(corpus: Corpus, key: string): Location[] {
  const out: Location[] = [];
  for (const f of corpus.files) {
    if (f.bundled) continue;
    for (const h of f.heads) {
      h.related.forEach((ref, i) => {
        if (ref === key && known(h.relatedSpans[i]!, h.idSpan)) out.push({ file: f.file, span: unquoted(h.relatedSpans[i]!, key) });
      });
      h.about.forEach((ref, i) => {
        if (ref === key && known(h.aboutSpans[i]!, h.idSpan)) out.push({ file: f.file, span: unquoted(h.aboutSpans[i]!, key) });
      });
    }
  }
  return out;
}

/** A reference's own span (where it was unknown, the entry's id span stands in). */
const known = (span: Span, idSpan: Span): boolean => span.start !== idSpan.start || span.end !== idSpan.end;

const unquoted = (span: Span, key: string): Span => (span.end - span.start === key.length + 2 ? { start: span.start + 1, end: span.end - 1 } : span);

/** The text that puts `newKey` where a YAML scalar `key` was: quoted when, left plain, YAML would read it as a number, true or null ("00", "1e3", "null"). */
const yamlKey = (span: Span, key: string, newKey: string): string => (span.end - span.start === key.length && typeof parseYaml(newKey) !== 'string' ? JSON.stringify(newKey) : newKey);

/**
 * The edits that rename `key` to `newKey` in every memo, at its entry's id and wherever workspace
 * corpus entries name it (`related`, `about`); or why not.
 */
export function rename(memos: readonly WorkspaceMemo[], index: CorpusIndex, key: string, newKey: string, corpus?: Corpus): RenameResult {
  const entry = index.get(key);
  if (!entry) return { ok: false, message: `\`${key}\` is not a key in the corpus, so there is nothing to rename.` };
  if (entry.bundled) return { ok: false, message: `\`${key}\` belongs to the corpus bundled with LexLens, which is read-only; copy the entry into a workspace corpus to rename it.` };
  if (!KEY.test(newKey)) return { ok: false, message: `\`${newKey}\` is not a valid key: use lowercase letters, digits and . _ : -, starting with a letter or digit and ending with a letter, digit or _.` };
  if (newKey !== key && index.get(newKey)) return { ok: false, message: `\`${newKey}\` is already the key of another entry.` };
  const edits: FileEdit[] = references(memos, key).map((l) => ({ file: l.file, span: l.span, newText: newKey }));
  const idSpan = unquoted(entry.idSpan, key);
  edits.push({ file: entry.file, span: idSpan, newText: yamlKey(idSpan, key, newKey) });
  for (const l of corpus ? corpusReferences(corpus, key) : []) edits.push({ file: l.file, span: l.span, newText: yamlKey(l.span, key, newKey) });
  return { ok: true, edits };
}
