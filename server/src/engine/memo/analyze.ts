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
import { splitChunks, splitFrom } from './chunks.js';
import { markdownStructure, plainTextStructure, type Block, type Comment, type FootnoteRef, type MemoStructure, type Section } from './structure.js';
import { readSuppressions, type Suppressions } from './suppressions.js';
import { runSync, type Steps } from '../slice.js';

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

const KAZAKH_LETTERS = new Set([...'әғқңөұүһіӘҒҚҢӨҰҮҺІ'].map((c) => c.charCodeAt(0)));

/** Guesses a text's language from its letters: Kazakh letters, Cyrillic, else English. */
export function detectLang(text: string): Lang {
  // (Counted in one pass over the first 20,000 characters: this runs on every keystroke.)
  const n = Math.min(text.length, 20000);
  let kk = 0;
  let cyr = 0;
  let lat = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) lat++;
    } else if (c >= 0x400 && c <= 0x4ff) {
      cyr++;
      if (KAZAKH_LETTERS.has(c)) kk++;
    }
  }
  if (cyr > lat) return kk * 40 > cyr ? 'kk' : 'ru';
  return 'en';
}

/** The last front matter read and its date: a memo's front matter seldom changes between keystrokes, and YAML is slow to parse. */
let lastFrontMatter: { readonly fm: string; readonly date: string | undefined } | undefined;

function frontMatterDate(fm: string | undefined): string | undefined {
  if (!fm || fm.length > 20000) return undefined;
  if (lastFrontMatter?.fm === fm) return lastFrontMatter.date;
  const date = readFrontMatterDate(fm);
  lastFrontMatter = { fm, date };
  return date;
}

function readFrontMatterDate(fm: string): string | undefined {
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

/** A cache of chunk analyses by key (a Map serves); the engine keeps one and bounds its size. */
export interface ChunkCache {
  get(key: string): ChunkAnalysis | undefined;
  set(key: string, value: ChunkAnalysis): unknown;
}

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
 * A copy of a piece of a text that does not keep the text alive. (V8 makes a slice of a long
 * string a view of it, and so does a string joined from one: a chunk's key and the strings its
 * analysis keeps would keep every version of the memo that a chunk was read from, for as long
 * as the chunk is cached.)
 */
function detached(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** One chunk of a memo: where it lies and its analysis (offsets relative to `start`). */
export interface MemoChunk {
  readonly start: number;
  readonly end: number;
  /** Its key in the chunk cache: the way it is read and its text. */
  readonly key: string;
  readonly analysis: ChunkAnalysis;
}

/** A memo read chunk by chunk, before the chunks are joined into one analysis. */
export interface ChunkedMemo {
  readonly text: string;
  readonly languageId: string;
  readonly lang: Lang;
  readonly chunks: readonly MemoChunk[];
}

/**
 * Reads a memo's chunks (see chunks.ts). With a `cache`, unchanged chunks are not read again: the
 * same analysis object comes back for the same chunk text, so whatever is derived from a chunk
 * can be kept by that object. `previous`: memos read before (earlier versions of this one, as
 * likely as not); the chunks this text shares with the closest of them are taken from it without
 * splitting or looking up that part of the text again. The result is the same either way.
 */
export function readChunks(text: string, languageId: string, cache?: ChunkCache, previous: readonly ChunkedMemo[] = []): ChunkedMemo {
  return runSync(readChunkSteps(text, languageId, cache, previous));
}

/**
 * `readChunks` in steps: it yields after each chunk it reads (not after those it finds in the
 * cache), so the first reading of a long memo, about a second for 5,000 lines, can run in time
 * slices on a thread that answers requests (see slice.ts).
 */
export function* readChunkSteps(text: string, languageId: string, cache?: ChunkCache, previous: readonly ChunkedMemo[] = []): Steps<ChunkedMemo> {
  const lang = detectLang(text);
  const markdown = languageId === 'markdown';
  const prefix = `${markdown ? 'm' : 'p'}0${lang}\u0000`;
  /** Whether the last chunk `read` gave was read rather than found in the cache. */
  let fresh = false;
  const read = (span: Span, ci: number): MemoChunk => {
    const chunkText = detached(text.slice(span.start, span.end));
    const key = ci === 0 ? `${markdown ? 'm' : 'p'}1${lang}\u0000${chunkText}` : prefix + chunkText;
    let ca = cache?.get(key);
    fresh = !ca;
    if (!ca) {
      ca = analyzeChunk(chunkText, markdown, ci === 0, lang);
      cache?.set(key, ca);
    }
    return { start: span.start, end: span.end, key, analysis: ca };
  };
  const prev = closestVersion(text, previous.filter((m) => m.languageId === languageId && m.lang === lang && m.chunks.length > 0));
  if (!prev) {
    const chunks: MemoChunk[] = [];
    for (const span of splitChunks(text)) {
      chunks.push(read(span, chunks.length));
      if (fresh) yield;
    }
    return { text, languageId, lang, chunks };
  }

  const old = prev.memo.chunks;
  const { same, sameEnd } = prev;
  const delta = text.length - prev.memo.text.length;
  // A chunk's end was decided by looking at the next line with text after it, so a chunk is the
  // same when it and the chunk after it end before the first changed character. (Strictly
  // before: the last chunk may have no text, and then text added after it decides.)
  let head = 0;
  while (head + 1 < old.length && old[head + 1]!.end < same) head++;
  // Split from there until a boundary that is a boundary of the old text in the unchanged end:
  // past it, the split goes as it went (nothing is open at a boundary), so the old chunks follow.
  let tail = old.length;
  const middle = splitFrom(text, head > 0 ? old[head - 1]!.end : 0, (b) => {
    if (b < text.length - sameEnd) return false;
    tail = chunkStartingAt(old, b - delta);
    return tail < old.length;
  });
  const touch = (c: MemoChunk) => {
    if (cache && cache.get(c.key) !== c.analysis) cache.set(c.key, c.analysis);
  };
  const chunks: MemoChunk[] = [];
  for (let i = 0; i < head; i++) {
    touch(old[i]!);
    chunks.push(old[i]!);
  }
  for (const span of middle) {
    chunks.push(read(span, chunks.length));
    if (fresh) yield;
  }
  for (let i = tail; i < old.length; i++) {
    const c = old[i]!;
    touch(c);
    chunks.push(delta === 0 ? c : { start: c.start + delta, end: c.end + delta, key: c.key, analysis: c.analysis });
  }
  return { text, languageId, lang, chunks };
}

/** The index of the chunk that starts at `offset`, or the number of chunks when none does. */
function chunkStartingAt(chunks: readonly MemoChunk[], offset: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = chunks[mid]!.start;
    if (s === offset) return mid;
    if (s < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return chunks.length;
}

/** Of earlier memos, the one that shares the most text with `text` at its start and end, with how much it shares. */
function closestVersion(text: string, memos: readonly ChunkedMemo[]): { memo: ChunkedMemo; same: number; sameEnd: number } | undefined {
  let best: { memo: ChunkedMemo; same: number; sameEnd: number } | undefined;
  for (const memo of memos) {
    const same = commonPrefix(memo.text, text);
    const sameEnd = commonSuffix(memo.text, text, Math.min(memo.text.length, text.length) - same);
    if (!best || same + sameEnd > best.same + best.sameEnd) best = { memo, same, sameEnd };
    // Close enough (a keystroke, a paste): the memos come most recent first, so stop looking.
    if (Math.max(memo.text.length, text.length) - (same + sameEnd) <= 4096) break;
  }
  return best;
}

/**
 * The length of the longest common start of two texts. (A binary search comparing pieces with
 * `===`, which V8 does as a memory comparison: faster by far than a loop over characters, or
 * than `startsWith`.)
 */
export function commonPrefix(a: string, b: string): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  if (a.slice(0, hi) === b.slice(0, hi)) return hi;
  // The first `lo` characters agree; the first `hi + 1` do not.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The length of the longest common end of two texts, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  if (a.slice(a.length - hi) === b.slice(b.length - hi)) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The memo's comments (for suppressions), in memo offsets. */
function memoComments(m: ChunkedMemo): Comment[] {
  const comments: Comment[] = [];
  for (const { start: by, analysis } of m.chunks) for (const c of analysis.structure.comments) comments.push({ span: shift(c.span, by), text: c.text });
  return comments;
}

/** What a memo's chunks do not say on their own: its suppressions and its front matter's date. */
export interface MemoContext {
  readonly suppressions: Suppressions;
  readonly frontMatterDate?: string;
}

/** The suppressions and front matter date of a chunked memo (the same as its analysis has). */
export function memoContext(m: ChunkedMemo): MemoContext {
  const date = frontMatterDate(m.chunks[0]?.analysis.structure.frontMatter);
  return { suppressions: readSuppressions(m.text, memoComments(m)), ...(date ? { frontMatterDate: date } : {}) };
}

/**
 * Reads a memo snapshot. `languageId` is `markdown` or anything else (plain text). The memo is
 * read chunk by chunk (see chunks.ts); with a `cache`, unchanged chunks are not read again, and
 * the result is the same as reading without one.
 */
export function analyzeMemo(text: string, languageId: string, cache?: ChunkCache): MemoAnalysis {
  return joinChunks(readChunks(text, languageId, cache));
}

/** Joins a memo's chunks into one analysis in memo offsets. */
export function joinChunks(m: ChunkedMemo): MemoAnalysis {
  const { text, languageId, lang } = m;
  const blocks: Block[] = [];
  const footnoteRefs: FootnoteRef[] = [];
  const sections: Section[] = [];
  const citations: BlockCitation[] = [];
  const sentences: Sentence[] = [];
  const shortForms: (ShortFormMatch & { block: number })[] = [];
  let frontMatter: string | undefined;
  let sectionStart = 0;
  let sectionHeading: { heading: string; headingSpan: Span } | undefined;
  let paragraphBase = 0;
  m.chunks.forEach(({ start: by, analysis: ca }, ci) => {
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
  const comments = memoComments(m);
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
export function citationsIn(a: Pick<MemoAnalysis, 'citations'>, span: Span): BlockCitation[] {
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
export function sentenceText(a: Pick<MemoAnalysis, 'citations' | 'structure'>, s: Sentence): string {
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

/**
 * The parts of an analysis that reading its prose needs: a whole memo's, or one chunk's with
 * offsets relative to the chunk (see `chunkAnalysis`).
 */
export type ProseAnalysis = Pick<MemoAnalysis, 'structure' | 'citations' | 'sentences' | 'shortForms' | 'frontMatterDate'>;

/** Prose read against a corpus: law names found, short forms resolved. */
export interface ResolvedProse {
  readonly analysis: ProseAnalysis;
  readonly mentions: readonly BlockMention[];
  readonly shortForms: readonly ResolvedShortForm[];
}

/** A memo read against a corpus. */
export interface ResolvedMemo extends ResolvedProse {
  readonly analysis: MemoAnalysis;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Mentions found in a block's text, relative to the block; cached by the text. */
export type MentionCache = Map<string, readonly Mention[]>;

/** What short forms point to at a place in a memo: the last entry cited, and the last law cited or named, before it. */
export interface ShortFormState {
  readonly cited?: string;
  readonly law?: string;
}

/** One chunk's analysis as prose on its own (offsets relative to the chunk; citations in document order). */
export function chunkAnalysis(ca: ChunkAnalysis): ProseAnalysis {
  return { structure: ca.structure, citations: [...ca.citations].sort((x, y) => x.span.start - y.span.start), sentences: ca.sentences, shortForms: ca.shortForms };
}

/** Law names in the prose (not those inside a citation), in document order. */
export function findMentions(analysis: ProseAnalysis, index: CorpusIndex, cache?: MentionCache): BlockMention[] {
  const mentions: BlockMention[] = [];
  analysis.structure.blocks.forEach((b, i) => {
    for (const rel of blockMentions(b.text, index, cache)) {
      const m = { ...rel, span: { start: rel.span.start + b.span.start, end: rel.span.end + b.span.start } };
      if (citationsIn(analysis, m.span).length > 0) continue;
      mentions.push({ ...m, block: i });
    }
  });
  return mentions;
}

/**
 * Resolves short forms against what precedes them: citations and law names in the prose, and
 * `before`, the state where the prose starts (for a chunk, what the chunks before it left).
 * Returns the resolved prose and the state where it ends.
 */
export function resolveProse(analysis: ProseAnalysis, index: CorpusIndex, mentions: readonly BlockMention[], before: ShortFormState = {}): { resolved: ResolvedProse; after: ShortFormState } {
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
  let lastCited = before.cited;
  let lastLaw = before.law;
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
  return { resolved: { analysis, mentions, shortForms }, after: { ...(lastCited !== undefined ? { cited: lastCited } : {}), ...(lastLaw !== undefined ? { law: lastLaw } : {}) } };
}

/** Law names in one block's text (offsets relative to it), kept in `cache` by the text. */
function blockMentions(text: string, index: CorpusIndex, cache?: MentionCache): readonly Mention[] {
  let found = cache?.get(text);
  if (!found) {
    found = index.names.find(text, 0);
    cache?.set(text, found);
  }
  return found;
}

/**
 * Finds the law names of a chunked memo's blocks into `cache`, yielding after each chunk that had
 * blocks not there yet; `resolveMemo` then finds them all in the cache.
 */
export function* findMentionSteps(m: ChunkedMemo, index: CorpusIndex, cache: MentionCache): Steps<void> {
  for (const c of m.chunks) {
    let fresh = false;
    for (const b of c.analysis.structure.blocks) {
      if (cache.has(b.text)) continue;
      blockMentions(b.text, index, cache);
      fresh = true;
    }
    if (fresh) yield;
  }
}

/** Finds law names and resolves short forms against the corpus. */
export function resolveMemo(analysis: MemoAnalysis, index: CorpusIndex, cache?: MentionCache): ResolvedMemo {
  const { resolved } = resolveProse(analysis, index, findMentions(analysis, index, cache));
  return { analysis, mentions: resolved.mentions, shortForms: resolved.shortForms };
}
