/** Code lens per Markdown section: "claims sourced: 7/9", pointing at the unsourced claims. */
import type { ResolvedMemo } from '../memo/analyze.js';
import type { CorpusIndex } from '../search/index.js';
import type { Span } from '../types.js';
import { claimStatus, type TextCache } from './claimStatus.js';
import type { ClaimCheck } from '../memo/claims.js';

export interface SectionLens {
  /** Where the lens sits: the section's heading, or the memo's start. */
  readonly span: Span;
  readonly sourced: number;
  readonly total: number;
  /** Spans of the unsourced claims, for the lens's command. */
  readonly unsourced: readonly Span[];
  readonly title: string;
}

/**
 * One lens per section that has claims. `cache`: the claim readings by sentence that diagnostics
 * keep, so a lens after a keystroke checks only the sentences that changed.
 */
export function sectionLenses(memo: ResolvedMemo, index: CorpusIndex, cache?: TextCache<ClaimCheck>): SectionLens[] {
  const claims = claimStatus(memo, index, cache);
  return memo.analysis.structure.sections.flatMap((section, i): SectionLens[] => {
    const mine = claims.filter((c) => c.section === i);
    if (mine.length === 0) return [];
    const sourced = mine.filter((c) => c.sourced).length;
    const span = section.headingSpan ?? { start: section.span.start, end: section.span.start };
    return [{ span, sourced, total: mine.length, unsourced: mine.filter((c) => !c.sourced).map((c) => c.span), title: `claims sourced: ${sourced}/${mine.length}` }];
  });
}
