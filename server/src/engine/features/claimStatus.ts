/**
 * Which sentences are claims and whether each is sourced: by a citation that resolves in the
 * sentence, by a footnote that carries one, or by a short form ("Id.") that points to one.
 * Diagnostics report the unsourced ones; the code lens counts both.
 */
import type { ProseAnalysis, ResolvedProse } from '../memo/analyze.js';
import type { Block } from '../memo/structure.js';
import { citationsIn, sentenceText } from '../memo/analyze.js';
import { checkClaim, type ClaimCheck } from '../memo/claims.js';
import type { CorpusIndex } from '../search/index.js';
import type { Span } from '../types.js';

export interface ClaimStatus {
  readonly span: Span;
  /** Index of the memo section (heading) the sentence is in. */
  readonly section: number;
  readonly sourced: boolean;
  readonly check: ClaimCheck;
}

const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.start < outer.end;
/** A footnote marker after the full stop ("… in 2023.[^1]") belongs to the sentence it follows. */
const follows = (ref: Span, s: Span, block: Block) =>
  ref.start >= s.end && ref.start < block.span.end && block.text.slice(s.end - block.span.start, ref.start - block.span.start).trim() === '';

/** A cache of readings by sentence text (a Map serves). */
export interface TextCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): unknown;
}

/**
 * The key under which a sentence's readings are cached: its raw (masked) text and where the
 * citations that touch it lie, relative to it (a citation's bracket may open in the sentence
 * before, so the text alone does not say what is blanked out).
 */
export function sentenceKey(a: ProseAnalysis, s: { span: Span; block: number }): string {
  const block = a.structure.blocks[s.block]!;
  const cites = citationsIn(a, s.span).map((c) => `${c.span.start - s.span.start}:${c.span.end - s.span.start}:${c.items.map((it) => it.key).join(',')}`);
  return `${block.text.slice(s.span.start - block.span.start, s.span.end - block.span.start)}\u0001${cites.join(';')}`;
}

/** Labels of the footnotes that carry a citation that resolves. */
export function sourcedFootnotes(a: ProseAnalysis, index: CorpusIndex): Set<string> {
  const out = new Set<string>();
  for (const c of a.citations) {
    const fn = a.structure.blocks[c.block]?.footnote;
    if (fn !== undefined && c.items.some((it) => index.get(it.key) !== undefined)) out.add(fn);
  }
  return out;
}

/**
 * Every claim of a memo, in document order. `cache` keeps each sentence's claim reading by its
 * text. `sourcedNotes`: the footnotes that carry a source, when the prose is one chunk of a memo
 * whose footnotes may be defined elsewhere (by default, those of the prose itself).
 */
export function claimStatus(memo: ResolvedProse, index: CorpusIndex, cache?: TextCache<ClaimCheck>, sourcedNotes: ReadonlySet<string> = sourcedFootnotes(memo.analysis, index)): ClaimStatus[] {
  const a = memo.analysis;
  const resolves = (key: string) => index.get(key) !== undefined;
  const out: ClaimStatus[] = [];
  for (const s of a.sentences) {
    const block = a.structure.blocks[s.block]!;
    if (block.kind === 'heading' || block.kind === 'tableHeader') continue;
    // A footnote that cites a source is the source note itself.
    if (block.footnote !== undefined && sourcedNotes.has(block.footnote)) continue;
    const key = cache ? sentenceKey(a, s) : '';
    let check = cache?.get(key);
    if (!check) {
      check = checkClaim(sentenceText(a, s));
      cache?.set(key, check);
    }
    if (check.reasons.length === 0) continue;
    const sourced =
      citationsIn(a, s.span).some((c) => within(c.span, s.span) && c.items.some((it) => resolves(it.key))) ||
      a.structure.footnoteRefs.some((r) => (within(r.span, s.span) || follows(r.span, s.span, block)) && sourcedNotes.has(r.label)) ||
      memo.shortForms.some((sf) => sf.kind === 'citation' && sf.id !== undefined && within(sf.span, s.span));
    out.push({ span: s.span, section: block.section, sourced, check });
  }
  return out;
}
