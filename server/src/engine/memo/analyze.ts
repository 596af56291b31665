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
import { splitChunks } from './chunks.js';
import { markdownStructure, plainTextStructure, type Block, type Comment, type FootnoteRef, type MemoStructure, type Section } from './structure.js';
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

/** What one chunk of a memo holds, with offsets relative to the chunk. Cached by chunk text. */
export interface ChunkAnalysis {
  readonly structure: MemoStructure;
  readonly citations: readonly BlockCitation[];
  readonly sentences: readonly Sentence[];
  readonly shortForms: readonly (ShortFormMatch & { block: number })[];
}

/** A cache of chunk analyses; the engine keeps one and bounds its size. */
export type ChunkCache = Map<string, ChunkAnalysis>;

function analyzeChunk(text: string, markdown: boolean, first: boolean, lang: Lang): ChunkAnalysis {
  const structure = markdown ? markdownStructure(text, { frontMatter: first }) : plainTextStructure(text);
  const citations: BlockCitation[] = [];
  const sentences: Sentence[] = [];
  const shortForms: (ShortFormMatch & { block: number })[] = [];
  structure.blocks.forEach((b, i) => {
    for (const c of findCitations(b.text, b.span.start)) citations.push({ ...c, block: i });
    for (const sf of findShortForms(b.text, b.span.start)) shortForms.push({ ...sf, block: i });
    // (a loop, not push(...spread): a long one-line memo has more sentences than a call takes arguments)
    for (const sentence of splitSentences(b.text, b.span.start, i, lang)) sentences.push(sentence);
  });
  return { structure, citations, sentences, shortForms };
}

const shift = (sp: Span, by: number): Span => ({ start: sp.start + by, end: sp.end + by });

/**
 * Reads a memo snapshot. `languageId` is `markdown` or anything else (plain text). The memo is
 * read chunk by chunk (see chunks.ts); with a `cache`, unchanged chunks are not read again, and
 * the result is the same as reading without one.
 */
export function analyzeMemo(text: string, languageId: string, cache?: ChunkCache): MemoAnalysis {
  const lang = detectLang(text);
  const markdown = languageId === 'markdown';
  const blocks: Block[] = [];
  const footnoteRefs: FootnoteRef[] = [];
  const comments: Comment[] = [];
  const sections: Section[] = [];
  const citations: BlockCitation[] = [];
  const sentences: Sentence[] = [];
  const shortForms: (ShortFormMatch & { block: number })[] = [];
  let frontMatter: string | undefined;
  let sectionStart = 0;
  let sectionHeading: { heading: string; headingSpan: Span } | undefined;
  let paragraphBase = 0;
  splitChunks(text).forEach((chunk, ci) => {
    const chunkText = text.slice(chunk.start, chunk.end);
    const key = `${markdown ? 'm' : 'p'}${ci === 0 ? 1 : 0}${lang}\u0000${chunkText}`;
    let ca = cache?.get(key);
    if (!ca) {
      ca = analyzeChunk(chunkText, markdown, ci === 0, lang);
      cache?.set(key, ca);
    }
    const by = chunk.start;
    const blockBase = blocks.length;
    const st = ca.structure;
    if (ci === 0 && st.frontMatter !== undefined) frontMatter = st.frontMatter;
    // Sections: the chunk's first section continues the memo's current one; each heading opens one.
    const sectionIndex: number[] = [];
    st.sections.forEach((sec, i) => {
      if (i === 0 && sec.heading === undefined) {
        sectionIndex.push(sections.length);
        return;
      }
      sections.push({ span: { start: sectionStart, end: by + sec.span.start }, ...(sectionHeading ?? {}) });
      sectionStart = by + sec.span.start;
      sectionHeading = sec.heading !== undefined && sec.headingSpan ? { heading: sec.heading, headingSpan: shift(sec.headingSpan, by) } : undefined;
      sectionIndex.push(sections.length);
    });
    let maxParagraph = -1;
    for (const b of st.blocks) {
      maxParagraph = Math.max(maxParagraph, b.paragraph);
      blocks.push({ ...b, span: shift(b.span, by), section: sectionIndex[b.section] ?? sections.length, paragraph: paragraphBase + b.paragraph });
    }
    paragraphBase += maxParagraph + 1;
    for (const r of st.footnoteRefs) footnoteRefs.push({ label: r.label, span: shift(r.span, by) });
    for (const c of st.comments) comments.push({ span: shift(c.span, by), text: c.text });
    for (const c of ca.citations) {
      citations.push({
        span: shift(c.span, by),
        inText: c.inText,
        block: blockBase + c.block,
        items: c.items.map((it) => ({ ...it, keySpan: shift(it.keySpan, by), atSpan: shift(it.atSpan, by), ...(it.pinpointSpan ? { pinpointSpan: shift(it.pinpointSpan, by) } : {}) })),
      });
    }
    for (const sentence of ca.sentences) sentences.push({ span: shift(sentence.span, by), block: blockBase + sentence.block });
    for (const sf of ca.shortForms) shortForms.push({ ...sf, span: shift(sf.span, by), block: blockBase + sf.block });
  });
  sections.push({ span: { start: sectionStart, end: text.length }, ...(sectionHeading ?? {}) });
  const structure: MemoStructure = { blocks, footnoteRefs, comments, sections, ...(frontMatter !== undefined ? { frontMatter } : {}) };
  // Document order, which citationsIn relies on.
  citations.sort((x, y) => x.span.start - y.span.start);
  const date = frontMatterDate(frontMatter);
  return {
    text,
    languageId,
    structure,
    citations,
    sentences,
    shortForms,
    suppressions: readSuppressions(text, comments),
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

/** Mentions found in a block's text, relative to the block; cached by the text. */
export type MentionCache = Map<string, readonly Mention[]>;

/** Finds law names and resolves short forms against the corpus. */
export function resolveMemo(analysis: MemoAnalysis, index: CorpusIndex, cache?: MentionCache): ResolvedMemo {
  const mentions: BlockMention[] = [];
  analysis.structure.blocks.forEach((b, i) => {
    let found = cache?.get(b.text);
    if (!found) {
      found = index.names.find(b.text, 0);
      cache?.set(b.text, found);
    }
    for (const rel of found) {
      const m = { ...rel, span: { start: rel.span.start + b.span.start, end: rel.span.end + b.span.start } };
      if (citationsIn(analysis, m.span).length > 0) continue;
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
