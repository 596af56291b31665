/** Document links: citation keys and laws named in prose link to the entry's official URL. */
import type { ResolvedMemo } from '../memo/analyze.js';
import type { CorpusIndex } from '../search/index.js';
import type { Span } from '../types.js';

export interface LinkData {
  readonly span: Span;
  readonly url: string;
  readonly tooltip: string;
}

/** Links for every resolving citation key and law mention that has a URL. */
export function documentLinks(memo: ResolvedMemo, index: CorpusIndex): LinkData[] {
  const out: LinkData[] = [];
  const add = (span: Span, id: string) => {
    const e = index.get(id);
    const url = e?.urls[0]?.url;
    if (e && url && /^https?:\/\//.test(url)) out.push({ span, url, tooltip: `${e.urls[0]!.kind === 'official' ? 'Official text' : 'Source'} of ${e.id}` });
  };
  for (const c of memo.analysis.citations) for (const it of c.items) add(it.keySpan, it.key);
  for (const m of memo.mentions) add(m.span, m.ids[0]!);
  return out.sort((a, b) => a.span.start - b.span.start);
}
