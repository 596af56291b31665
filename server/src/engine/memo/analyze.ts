/**
 * A memo snapshot read once: its prose blocks, citations, sentences, short forms and
 * suppressions. This part does not depend on the corpus, so it can be cached by text; the
 * corpus-dependent part (which names are laws, what short forms point to) is `resolveMemo`.
 */
import { parse as parseYaml } from 'yaml';
import type { CorpusIndex } from '../search/index.js';
import type { Mention } from '../search/names.js';
import type { Lang, Span } from '../types.js';
import { findCitations, type Citation } from './citations.js';
import { splitSentences, type Sentence } from './sentences.js';
import { findShortForms, type ShortFormMatch } from './shortForms.js';
import { markdownStructure, plainTextStructure, type MemoStructure } from './structure.js';
import { readSuppressions, type Suppressions } from './suppressions.js';

export interface BlockCitation extends Citation {
  readonly block: number;
}

export interface MemoAnalysis {
  readonly text: string;
  readonly languageId: string;
  readonly structure: MemoStructure;
  readonly citations: readonly BlockCitation[];
  readonly sentences: readonly Sentence[];
  readonly shortForms: readonly (ShortFormMatch & { block: number })[];
  readonly suppressions: Suppressions;
  /** `date:` from the front matter, when it is a date. */
  readonly frontMatterDate?: string;
  /** The memo's main language, from its letters. */
  readonly lang: Lang;
}

/** Guesses a text's language from its letters: Kazakh letters, Cyrillic, else English. */
export function detectLang(text: string): Lang {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const kk = (sample.match(/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/g) ?? []).length;
  const cyr = (sample.match(/[\u0400-\u04ff]/g) ?? []).length;
  const lat = (sample.match(/[A-Za-z]/g) ?? []).length;
  if (cyr > lat) return kk * 40 > cyr ? 'kk' : 'ru';
  return 'en';
}

function frontMatterDate(fm: string | undefined): string | undefined {
  if (!fm || fm.length > 20000) return undefined;
  try {
    const data = parseYaml(fm, { maxAliasCount: 10 }) as unknown;
    if (data && typeof data === 'object' && 'date' in data) {
      const d = String((data as { date: unknown }).date);
      const m = /^(\d{4}-\d{2}-\d{2})/.exec(d);
      return m?.[1];
    }
  } catch {
    // front matter that is not YAML is not ours to report
  }
  return undefined;
}

/** Reads a memo snapshot. `languageId` is `markdown` or anything else (plain text). */
export function analyzeMemo(text: string, languageId: string): MemoAnalysis {
  const structure = languageId === 'markdown' ? markdownStructure(text) : plainTextStructure(text);
  const lang = detectLang(text);
  const citations: BlockCitation[] = [];
  const sentences: Sentence[] = [];
  const shortForms: (ShortFormMatch & { block: number })[] = [];
  structure.blocks.forEach((b, i) => {
    for (const c of findCitations(b.text, b.span.start)) citations.push({ ...c, block: i });
    for (const s of findShortForms(b.text, b.span.start)) shortForms.push({ ...s, block: i });
    // (a loop, not push(...spread): a long one-line memo has more sentences than a call takes arguments)
    for (const s of splitSentences(b.text, b.span.start, i, lang)) sentences.push(s);
  });
  // Document order, which citationsIn relies on.
  citations.sort((x, y) => x.span.start - y.span.start);
  const date = frontMatterDate(structure.frontMatter);
  return {
    text,
    languageId,
    structure,
    citations,
    sentences,
    shortForms,
    suppressions: readSuppressions(text, structure.comments),
    ...(date ? { frontMatterDate: date } : {}),
    lang,
  };
}

/**
 * The citations that overlap a span, in document order. Citations do not overlap each other and
 * are sorted, so a binary search finds the first; a sentence never scans the whole memo's list.
 */
export function citationsIn(a: MemoAnalysis, span: Span): BlockCitation[] {
  const cs = a.citations;
  let lo = 0;
  let hi = cs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cs[mid]!.span.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: BlockCitation[] = [];
  for (let i = lo; i < cs.length && cs[i]!.span.start < span.end; i++) out.push(cs[i]!);
  return out;
}

/** A sentence's text with its citations blanked out (offsets kept), so keys and "art. 9" never read as figures. */
export function sentenceText(a: MemoAnalysis, s: Sentence): string {
  const block = a.structure.blocks[s.block]!;
  const chars = block.text.slice(s.span.start - block.span.start, s.span.end - block.span.start).split('');
  for (const c of citationsIn(a, s.span)) {
    for (let i = Math.max(c.span.start, s.span.start); i < Math.min(c.span.end, s.span.end); i++) chars[i - s.span.start] = ' ';
  }
  return chars.join('');
}

export interface BlockMention extends Mention {
  readonly block: number;
}

export interface ResolvedShortForm extends ShortFormMatch {
  readonly block: number;
  /** The entry the short form points to, if any. */
  readonly id?: string;
}

/** A memo read against a corpus. */
export interface ResolvedMemo {
  readonly analysis: MemoAnalysis;
  readonly mentions: readonly BlockMention[];
  readonly shortForms: readonly ResolvedShortForm[];
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Finds law names and resolves short forms against the corpus. */
export function resolveMemo(analysis: MemoAnalysis, index: CorpusIndex): ResolvedMemo {
  const mentions: BlockMention[] = [];
  analysis.structure.blocks.forEach((b, i) => {
    for (const m of index.names.find(b.text, b.span.start)) {
      if (analysis.citations.some((c) => overlaps(c.span, m.span))) continue;
      mentions.push({ ...m, block: i });
    }
  });
  // Walk citations, mentions and short forms in document order.
  type Event = { at: number; kind: 'cite'; id: string } | { at: number; kind: 'mention'; id: string } | { at: number; kind: 'short'; sf: ShortFormMatch & { block: number } };
  const events: Event[] = [];
  for (const c of analysis.citations) for (const it of c.items) if (index.get(it.key)) events.push({ at: it.keySpan.start, kind: 'cite', id: it.key });
  for (const m of mentions) events.push({ at: m.span.start, kind: 'mention', id: m.ids[0]! });
  for (const sf of analysis.shortForms) {
    if (mentions.some((m) => overlaps(m.span, sf.span))) continue;
    events.push({ at: sf.span.start, kind: 'short', sf });
  }
  events.sort((a, b) => a.at - b.at);
  let lastCited: string | undefined;
  let lastLaw: string | undefined;
  const shortForms: ResolvedShortForm[] = [];
  for (const ev of events) {
    if (ev.kind === 'short') {
      const id = ev.sf.kind === 'citation' ? lastCited : lastLaw;
      shortForms.push({ ...ev.sf, ...(id ? { id } : {}) });
      continue;
    }
    const isLaw = index.get(ev.id)?.kind === 'law';
    if (ev.kind === 'cite') lastCited = ev.id;
    if (isLaw) lastLaw = ev.id;
  }
  return { analysis, mentions, shortForms };
}
