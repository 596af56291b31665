/** Hover: a card for the citation key, pinpoint, law name or short form under the cursor. */
import type { ResolvedMemo } from '../memo/analyze.js';
import type { CorpusIndex } from '../search/index.js';
import type { Span } from '../types.js';
import { m } from '../messages.js';
import { entryCard } from './cards.js';

export interface HoverData {
  readonly span: Span;
  readonly markdown: string;
  readonly id: string;
}

const inside = (s: Span, o: number) => o >= s.start && o <= s.end;

/** The hover at `offset`, or `undefined` where there is nothing to say. */
export function hover(memo: ResolvedMemo, index: CorpusIndex, offset: number): HoverData | undefined {
  const lang = memo.analysis.lang;
  for (const c of memo.analysis.citations) {
    if (!inside(c.span, offset)) continue;
    for (const it of c.items) {
      const onKey = inside(it.atSpan, offset);
      const onPin = it.pinpointSpan && inside(it.pinpointSpan, offset);
      if (!onKey && !onPin) continue;
      const e = index.get(it.key);
      if (!e) return undefined;
      const span = onPin && it.pinpointSpan ? it.pinpointSpan : it.atSpan;
      return { span, markdown: entryCard(e, lang, it.pinpoint), id: e.id };
    }
  }
  for (const m of memo.mentions) {
    if (!inside(m.span, offset)) continue;
    const e = index.get(m.ids[0]!);
    if (e) return { span: m.span, markdown: entryCard(e, lang), id: e.id };
  }
  for (const s of memo.shortForms) {
    if (!inside(s.span, offset) || !s.id) continue;
    const e = index.get(s.id);
    if (e) return { span: s.span, markdown: `_“${s.text}” ${m('refersTo', lang)}:_\n\n${entryCard(e, lang)}`, id: e.id };
  }
  return undefined;
}
