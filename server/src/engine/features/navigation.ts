/**
 * Go to definition (a citation key or pinpoint → the entry or article in its YAML file) and the
 * citation under the cursor, shared by references and rename.
 */
import { findArticle, type Entry } from '../corpus/model.js';
import type { ResolvedMemo } from '../memo/analyze.js';
import type { CitationItem } from '../memo/citations.js';
import type { CorpusIndex } from '../search/index.js';
import type { Span } from '../types.js';

export interface Location {
  /** Absolute path of the file. */
  readonly file: string;
  readonly span: Span;
}

const inside = (s: Span, o: number) => o >= s.start && o <= s.end;

/** The citation item whose key (with its `@`) or pinpoint is at `offset`. */
export function itemAt(memo: ResolvedMemo, offset: number): { item: CitationItem; onPinpoint: boolean } | undefined {
  for (const c of memo.analysis.citations) {
    if (!inside(c.span, offset)) continue;
    for (const item of c.items) {
      if (inside(item.atSpan, offset)) return { item, onPinpoint: false };
      if (item.pinpointSpan && inside(item.pinpointSpan, offset)) return { item, onPinpoint: true };
    }
  }
  return undefined;
}

/** The entry id under the cursor: a citation key, a law named in prose or a resolved short form. */
export function entryAt(memo: ResolvedMemo, offset: number): string | undefined {
  const hit = itemAt(memo, offset);
  if (hit) return hit.item.key;
  const m = memo.mentions.find((x) => inside(x.span, offset));
  if (m) return m.ids[0];
  return memo.shortForms.find((x) => inside(x.span, offset) && x.id)?.id;
}

/** Where the entry (or the cited article) is defined. */
export function definition(memo: ResolvedMemo, index: CorpusIndex, offset: number): Location | undefined {
  const hit = itemAt(memo, offset);
  const id = hit?.item.key ?? entryAt(memo, offset);
  const e: Entry | undefined = id ? index.get(id) : undefined;
  if (!e) return undefined;
  if (hit?.onPinpoint && hit.item.pinpoint?.article) {
    const a = findArticle(e, hit.item.pinpoint.article);
    if (a) return { file: e.file, span: a.span };
  }
  return { file: e.file, span: e.idSpan };
}
