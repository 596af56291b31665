/**
 * Sentences of a prose block, found with `Intl.Segmenter` (ICU's sentence rules, which know
 * "art. 9" and "No. 18" do not end a sentence). A piece that holds only citations or
 * punctuation ("… 4 million. [@key]") belongs to the sentence before it.
 */
import type { Span } from '../types.js';

export interface Sentence {
  readonly span: Span;
  /** Index of the block the sentence is in. */
  readonly block: number;
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, s);
  }
  return s;
}

// Abbreviations after which ICU would otherwise end a sentence before a capital letter.
const NO_BREAK_AFTER = /(?:\b(?:art|arts|para|paras|No|Nos|nos|no|p|pp|cf|e\.g|i\.e|vs|St|Mr|Ms|Dr|Prof|ст|п|ч|подп|им|г|гг|т\.е|т\.д|см|Id|id|Ibid|ibid|supra|et al|Inc|Ltd|Co|RK|РК)\.\s*|\b[A-ZА-ЯЁ]\.\s*)$/u;

/** Splits masked block text into sentence spans (offsets in the memo). */
export function splitSentences(text: string, base: number, block: number, locale = 'en'): Sentence[] {
  const raw: Span[] = [];
  // A line break inside a paragraph is a soft break, not a paragraph end; ICU would break there.
  const flat = text.replace(/[\r\n\u2028\u2029]/g, ' ');
  for (const seg of segmenter(locale).segment(flat)) {
    raw.push({ start: seg.index, end: seg.index + seg.segment.length });
  }
  const merged: Span[] = [];
  for (const s of raw) {
    const piece = text.slice(s.start, s.end);
    const prev = merged[merged.length - 1];
    const onlyCitations = /^[\s\p{P}]*(?:\[[^\]]*@[^\]]*\][\s\p{P}]*)*$/u.test(piece);
    if (prev && (onlyCitations || NO_BREAK_AFTER.test(text.slice(prev.start, prev.end)))) {
      merged[merged.length - 1] = { start: prev.start, end: s.end };
    } else merged.push(s);
  }
  const out: Sentence[] = [];
  for (const s of merged) {
    // trim white space so spans cover the sentence itself
    let a = s.start;
    let b = s.end;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) out.push({ span: { start: base + a, end: base + b }, block });
  }
  return out;
}
