/**
 * Checks a cited sentence against what its sources record: figures (`figure-mismatch`), quoted
 * words (`quote-mismatch`), dates (`date-mismatch`); whether a cited law was in force at the
 * memo's date (`not-in-force`); facts marked unverified (`unverified-source`); and laws named
 * without a citation (`uncited-law-mention`).
 */
import type { DateFact, Entry } from '../corpus/model.js';
import { findArticle } from '../corpus/model.js';
import { citationsIn, sentenceText, type ResolvedProse } from '../memo/analyze.js';
import type { Citation } from '../memo/citations.js';
import type { Sentence } from '../memo/sentences.js';
import { sentenceKey, type TextCache } from './claimStatus.js';
import { datesAgree, findDates } from '../memo/dates.js';
import { describeFigure, figureSupported, findFigures } from '../memo/figures.js';
import type { CorpusIndex } from '../search/index.js';
import { messages, type DiagnosticMessages } from '../diagnosticMessages.js';
import type { Finding, Span } from '../types.js';

const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.start < outer.end;
const QUOTE = /[«“„"]([^«»“”„"]{3,400})[»”"]/gu;

function normalizeQuote(s: string): string[] {
  return (s.toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** True when quoted memo words are found in a recorded quote (or the memo quotes more around it). */
export function quoteMatches(memo: string, recorded: string): boolean {
  const a = normalizeQuote(memo);
  const b = normalizeQuote(recorded);
  if (a.length === 0 || b.length === 0) return true;
  const as = a.join(' ');
  const bs = b.join(' ');
  if (bs.includes(as) || as.includes(bs)) return true;
  const words = new Set(b);
  return a.filter((w) => words.has(w)).length / a.length >= 0.8;
}

function allDates(e: Entry): string[] {
  const facts: (DateFact | undefined)[] = [e.date, e.adopted, e.inForce, e.repealed];
  return facts.flatMap((f) => (f ? [f.date, ...f.alsoReported] : []));
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The source checks for one memo. `asOf` falls back to the front matter date, then today. */
export function sourceFindings(memo: ResolvedProse, index: CorpusIndex, asOf: string | undefined, t: DiagnosticMessages = messages(undefined), cache?: TextCache<readonly Finding[]>): Finding[] {
  const a = memo.analysis;
  const out: Finding[] = [];
  const date = asOf ?? a.frontMatterDate ?? today();

  for (const c of a.citations) {
    for (const it of c.items) {
      const e = index.get(it.key);
      if (!e) continue;
      // not-in-force
      if (e.kind === 'law') {
        const problem = inForceProblem(e, date, t);
        if (problem) out.push({ rule: 'not-in-force', span: it.keySpan, message: problem });
      }
      // unverified-source
      if (e.verification.level === 'unverified') {
        out.push({ rule: 'unverified-source', span: it.keySpan, message: t.unverified(e.id, e.verification.note ? firstSentence(e.verification.note) : undefined) });
      } else if (it.pinpoint?.article && it.pinpointSpan) {
        const art = findArticle(e, it.pinpoint.article);
        if (art?.verification?.level === 'unverified') {
          out.push({ rule: 'unverified-source', span: it.pinpointSpan, message: t.unverifiedArticle(e.id, art.number, art.verification.note ? firstSentence(art.verification.note) : undefined) });
        }
      }
    }
  }

  for (const s of a.sentences) {
    const block = a.structure.blocks[s.block]!;
    if (block.kind === 'heading' || block.kind === 'tableHeader') continue;
    const cites = citationsIn(a, s.span).filter((c) => within(c.span, s.span));
    if (cites.length === 0) continue;
    // A sentence's findings depend only on its text (and the corpus, fixed for this engine), so
    // they are kept by that text, with spans relative to the sentence.
    // The quote check skips law titles in quotation marks, so the mentions around are part of the key.
    const key = cache ? `${sentenceKey(a, s)}\u0001${memo.mentions.filter((m) => m.span.start < s.span.end && s.span.start < m.span.end).map((m) => `${m.span.start - s.span.start}:${m.span.end - s.span.start}`).join(';')}` : '';
    let local = cache?.get(key);
    if (!local) {
      local = sentenceFindings(memo, index, s, cites, t);
      cache?.set(key, local);
    }
    for (const f of local) out.push({ ...f, span: { start: s.span.start + f.span.start, end: s.span.start + f.span.end } });
  }

  // uncited-law-mention: a law named where neither its paragraph nor sentence cites it.
  const citedInParagraph = new Map<number, Set<string>>();
  for (const c of a.citations) {
    const p = a.structure.blocks[c.block]!.paragraph;
    const set = citedInParagraph.get(p) ?? new Set<string>();
    for (const it of c.items) set.add(it.key);
    citedInParagraph.set(p, set);
  }
  for (const m of memo.mentions) {
    const block = a.structure.blocks[m.block]!;
    if (block.kind === 'heading' || block.kind === 'tableHeader') continue;
    const cited = citedInParagraph.get(block.paragraph);
    if (cited && m.ids.some((id) => cited.has(id))) continue;
    const id = m.ids[0]!;
    out.push({ rule: 'uncited-law-mention', span: m.span, message: t.uncitedLaw(id, m.name), data: { kind: 'cite-law', id } });
  }
  return out;
}

/** Figure, quote and date findings of one cited sentence, with spans relative to the sentence. */
function sentenceFindings(memo: ResolvedProse, index: CorpusIndex, s: Sentence, cites: readonly Citation[], t: DiagnosticMessages): Finding[] {
  const out: Finding[] = [];
  const entries = [...new Map(cites.flatMap((c) => c.items).map((it) => index.get(it.key)).filter((e): e is Entry => !!e).map((e) => [e.id, e])).values()];
  if (entries.length === 0) return out;
  const text = sentenceText(memo.analysis, s);
  const abs = (span: Span): Span => ({ start: s.span.start + span.start, end: s.span.start + span.end });
  const ids = entries.map((e) => `\`${e.id}\``).join(', ');

  // figure-mismatch: only against sources that record figures.
  const sourceFigures = entries.flatMap((e) => e.figures.map((f) => ({ f, e })));
  if (sourceFigures.length) {
    for (const m of findFigures(text)) {
      if (!m.percent && m.value < 1000 && m.qualifier === 'exactly' && !/million|млн|миллион|thousand|тыс|мың|billion|млрд/iu.test(m.text)) continue;
      const comparable = sourceFigures.filter(({ f }) => (f.unit === 'percent' || f.unit === '%') === m.percent);
      if (comparable.length === 0 || comparable.some(({ f }) => figureSupported(m, f))) continue;
      const nearest = [...comparable].sort((x, y) => Math.abs(x.f.value - m.value) - Math.abs(y.f.value - m.value)).slice(0, 2);
      const stated = nearest.map(({ f, e }) => `${describeFigure(f.value, f.qualifier, f.unit)} (\`${e.id}\`)`).join(' and ');
      out.push({ rule: 'figure-mismatch', span: m.span, message: t.figureMismatch(m.text.trim(), stated) });
    }
  }

  // quote-mismatch: quoted words attributed to a cited statement with a recorded quote.
  const quoted = entries.filter((e) => e.kind === 'statement' && e.quote);
  if (quoted.length) {
    QUOTE.lastIndex = 0;
    for (let m = QUOTE.exec(text); m; m = QUOTE.exec(text)) {
      const inner = m[1]!;
      if (normalizeQuote(inner).length < 2) continue;
      const span = { start: m.index, end: m.index + m[0].length };
      if (memo.mentions.some((x) => x.span.start < abs(span).end && abs(span).start < x.span.end)) continue; // a law's title in quotes
      // Words can only be compared in the same script: a Russian quotation of a statement the
      // corpus records in English is not checkable, so it is not reported.
      const cyrillic = (t: string) => /[\u0400-\u04ff]/.test(t);
      const recorded = quoted.flatMap((e) => [e.quote!.text, ...Object.values(e.quote!.translation)]).filter((r) => cyrillic(r) === cyrillic(inner));
      if (recorded.length === 0 || recorded.some((r) => quoteMatches(inner, r))) continue;
      const first = quoted[0]!;
      out.push({ rule: 'quote-mismatch', span, message: t.quoteMismatch(first.id, clip(first.quote!.text, 80)) });
    }
  }

  // date-mismatch: a day or month the sources do not give.
  const sourceDates = entries.flatMap(allDates);
  if (sourceDates.length) {
    for (const d of findDates(text)) {
      if (sourceDates.some((sd) => datesAgree(d.date, sd))) continue;
      if (entries.some((e) => e.figures.some((f) => f.year && d.date.startsWith(f.year)))) continue;
      out.push({ rule: 'date-mismatch', span: d.span, message: t.dateMismatch(d.date, ids, entries.length, [...new Set(sourceDates)].slice(0, 3).join(', ')) });
    }
  }
  return out;
}

function inForceProblem(e: Entry, date: string, t: DiagnosticMessages): string | undefined {
  if (e.status === 'draft' || e.type === 'draft') return t.draft(e.id, date);
  if (e.repealed && datesAgreeOrBefore(e.repealed.date, date)) return t.ended(e.id, e.status === 'superseded', e.repealed.date, date);
  if (!e.repealed && (e.status === 'repealed' || e.status === 'superseded')) return t.marked(e.id, e.status, e.statusNote ? firstSentence(e.statusNote) : undefined);
  const start = e.inForce?.date;
  if (start && start.length >= date.length ? start > date : start && start.slice(0, date.length) > date) return t.notYet(e.id, date, start!);
  return undefined;
}

/** True when `d` is on or before `asOf` (comparing at `d`'s precision). */
function datesAgreeOrBefore(d: string, asOf: string): boolean {
  return d <= asOf.slice(0, d.length);
}

function firstSentence(s: string): string {
  const m = /^.{10,}?[.!?](?=\s|$)/su.exec(s);
  return clip(m ? m[0] : s, 200);
}
function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
