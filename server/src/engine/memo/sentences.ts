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
// (`\b` knows only ASCII letters, so the word edge is a look-behind that also knows Cyrillic.)
const NO_BREAK_AFTER = /(?:(?<![\p{L}\p{N}])(?:art|arts|para|paras|No|Nos|nos|no|p|pp|cf|e\.g|i\.e|vs|St|Mr|Ms|Dr|Prof|ст|п|ч|подп|им|г|гг|т\.е|т\.д|см|Id|id|Ibid|ibid|supra|et al|Inc|Ltd|Co|RK|РК)\.\s*|(?<![\p{L}\p{N}])[A-ZА-ЯЁ]\.\s*)$/u;
// ICU keeps "… 4 million videos. [@key] The next sentence" together (a lower-case key reads as
// the sentence going on), so a citation right after a full stop closes the sentence before it.
const CITATION_AFTER_STOP = /[.!?…]["'»”’)]*\s+\[[^[\]]{0,500}?@[^[\]]{0,500}\](?=\s)/gu;

const CHUNK = 4000;

/**
 * ICU's sentence starts in `flat`. NOTE: V8's segmenter spends time in proportion to the whole
 * string on every segment, so a long paragraph (a 10 MB memo on one line) would take hours; it
 * is segmented in pieces of a few thousand characters, cut where a sentence surely ends (a full
 * stop, white space and a capital letter), else at white space, else anywhere but inside a
 * surrogate pair. The merging below joins pieces that ICU would not have split.
 */
function icuBreaks(flat: string, locale: string): number[] {
  const out: number[] = [];
  for (let from = 0; from < flat.length; ) {
    let to = flat.length;
    if (to - from > 2 * CHUNK) {
      const ahead = flat.slice(from + CHUNK, from + 2 * CHUNK);
      const stop = /[.!?…]["'»”’)]*\s+(?=\p{Lu})/u.exec(ahead) ?? /\s+/u.exec(ahead);
      to = stop ? from + CHUNK + stop.index + stop[0].length : from + 2 * CHUNK;
      const c = flat.charCodeAt(to);
      if (c >= 0xdc00 && c <= 0xdfff) to--;
    }
    for (const seg of segmenter(locale).segment(flat.slice(from, to))) out.push(from + seg.index);
    from = to;
  }
  return out;
}

/** The end of a span, enough for NO_BREAK_AFTER (testing the whole of a long sentence each time would be slow). */
function tail(text: string, s: Span): string {
  let e = s.end;
  while (e > s.start && /\s/.test(text[e - 1]!)) e--;
  return text.slice(Math.max(s.start, e - 16), s.end);
}

/** Splits masked block text into sentence spans (offsets in the memo). */
export function splitSentences(text: string, base: number, block: number, locale = 'en'): Sentence[] {
  // A line break inside a paragraph is a soft break, not a paragraph end; ICU would break there.
  const flat = text.replace(/[\r\n\u2028\u2029]/g, ' ');
  const icu = icuBreaks(flat, locale);
  const forced = [...flat.matchAll(CITATION_AFTER_STOP)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
  let j = 0;
  const kept = icu.filter((b) => {
    while (j < forced.length && forced[j]!.to <= b) j++;
    return !(j < forced.length && forced[j]!.from < b && b < forced[j]!.to);
  });
  const starts = [...new Set([...kept, ...forced.map((f) => f.to)])].sort((a, b) => a - b);
  const raw: Span[] = starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1]! : flat.length }));
  const merged: Span[] = [];
  for (const s of raw) {
    const piece = text.slice(s.start, s.end);
    const prev = merged[merged.length - 1];
    // NOTE: citations are taken out first, without nested runs that backtrack for seconds on "[@[@[@…".
    const onlyCitations = /^[\s\p{P}]*$/u.test(piece.replace(/\[[^[\]@]*@[^[\]]*\]/g, ''));
    if (prev && (onlyCitations || NO_BREAK_AFTER.test(tail(text, prev)))) {
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
