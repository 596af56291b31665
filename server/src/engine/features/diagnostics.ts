/**
 * Memo diagnostics: unknown citation keys (with the closest keys), pinpoints the entry does not
 * have, and sentences that state a checkable fact without a citation that resolves. Suppression
 * comments and configured severities are applied here, so every adapter reports the same.
 */
import { findArticle } from '../corpus/model.js';
import { chunkAnalysis, findMentions, resolveProse, type BlockMention, type ChunkAnalysis, type ChunkedMemo, type MemoContext, type MentionCache, type ProseAnalysis, type ResolvedMemo, type ResolvedProse, type ShortFormState } from '../memo/analyze.js';
import { describeClaim, type ClaimCheck } from '../memo/claims.js';
import { claimStatus, sourcedFootnotes, type TextCache } from './claimStatus.js';
import type { CitationItem } from '../memo/citations.js';
import type { CorpusIndex } from '../search/index.js';
import type { RuleConfig } from '../config.js';
import { severityOf } from '../config.js';
import { messages, type DiagnosticMessages } from '../diagnosticMessages.js';
import type { Diagnostic, Finding, Lang, RuleId, Severity } from '../types.js';
import { findParagraph } from './cards.js';
import { sourceFindings, today } from './sourceChecks.js';
import { runSync, type Steps } from '../slice.js';


/** Per-sentence readings an engine keeps, so a keystroke re-checks only the sentences it changed. */
export interface SentenceCaches {
  readonly claims: Map<string, ClaimCheck>;
  /** By locale and sentence text. */
  readonly sources: Map<string, readonly Finding[]>;
}

/** Per-chunk readings an engine keeps (see `chunkedMemoDiagnostics`), besides the per-sentence ones. */
export interface DiagnosticCaches extends SentenceCaches {
  /** By chunk analysis: the chunk cache returns the same object for the same chunk, and drops it when unused. */
  readonly chunks: WeakMap<ChunkAnalysis, ChunkReading>;
  readonly mentions?: MentionCache;
}

/** One chunk read against the corpus: what its findings depend on, and its findings by context. */
export interface ChunkReading {
  readonly analysis: ProseAnalysis;
  readonly mentions: readonly BlockMention[];
  /** Where short forms stand after the chunk when nothing precedes it. */
  readonly own: ShortFormState;
  /** Whether it has a short form that points to the last citation before it ("Id."). */
  readonly readsCitation: boolean;
  /** Labels of the footnotes defined here that carry a citation that resolves. */
  readonly sourcedNotes: readonly string[];
  /** Labels of the footnotes its claims depend on: those it calls and those it is part of. */
  readonly notes: readonly string[];
  /** Its findings (offsets relative to the chunk, in order) by what they depend on outside the chunk. */
  readonly findings: Map<string, readonly Finding[]>;
}

/** How many contexts a chunk keeps findings for (a context changes only when something outside the chunk changes). */
const CONTEXTS_PER_CHUNK = 4;

/** Reads a chunk against the corpus and keeps the reading in `caches.chunks` (the caller looks there first). */
function chunkReading(ca: ChunkAnalysis, index: CorpusIndex, caches: DiagnosticCaches): ChunkReading {
  const analysis = chunkAnalysis(ca);
  const mentions = findMentions(analysis, index, caches.mentions);
  const { after } = resolveProse(analysis, index, mentions);
  const notes = new Set<string>();
  for (const s of analysis.sentences) {
    const fn = analysis.structure.blocks[s.block]!.footnote;
    if (fn !== undefined) notes.add(fn);
  }
  for (const ref of analysis.structure.footnoteRefs) notes.add(ref.label);
  const r: ChunkReading = {
    analysis,
    mentions,
    own: after,
    readsCitation: analysis.shortForms.some((sf) => sf.kind === 'citation'),
    sourcedNotes: [...sourcedFootnotes(analysis, index)],
    notes: [...notes],
    findings: new Map(),
  };
  caches.chunks.set(ca, r);
  return r;
}

/**
 * The same diagnostics as `memoDiagnostics` gives for the memo, read chunk by chunk: each chunk's
 * findings are kept by what they depend on outside it (the language of messages, the date laws
 * are checked at, whether an earlier citation resolves for its "Id.", which of the footnotes it
 * uses carry a source), so after an edit only the edited chunk is read again and the others are
 * only shifted.
 */
export function chunkedMemoDiagnostics(memo: ChunkedMemo, context: MemoContext, index: CorpusIndex, config: RuleConfig, caches: DiagnosticCaches): Diagnostic[] {
  return runSync(chunkedMemoDiagnosticSteps(memo, context, index, config, caches));
}

/** `chunkedMemoDiagnostics` in steps: it yields after each chunk it reads or checks (not after those whose findings it has). */
export function* chunkedMemoDiagnosticSteps(memo: ChunkedMemo, context: MemoContext, index: CorpusIndex, config: RuleConfig, caches: DiagnosticCaches): Steps<Diagnostic[]> {
  const t = messages(config.locale);
  const date = config.asOf ?? context.frontMatterDate ?? today();
  const sources = localeView(caches.sources, config.locale ?? 'en');
  const readings: ChunkReading[] = [];
  for (const c of memo.chunks) {
    const known = caches.chunks.get(c.analysis);
    if (known) readings.push(known);
    else {
      readings.push(chunkReading(c.analysis, index, caches));
      yield;
    }
  }
  const notes = new Set<string>();
  for (const r of readings) for (const n of r.sourcedNotes) notes.add(n);
  const severities = new Map<RuleId, Severity | 'off'>();
  const severity = (rule: RuleId) => {
    let s = severities.get(rule);
    if (s === undefined) severities.set(rule, (s = severityOf(rule, config)));
    return s;
  };
  const base = `${config.locale ?? ''}\u0000${date}`;
  // Where short forms stand where each chunk starts (see resolveProse).
  let cited: string | undefined;
  let law: string | undefined;
  const out: Diagnostic[] = [];
  // (Loops written out, objects not spread: this runs for every finding of the memo on every keystroke.)
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i]!;
    const by = memo.chunks[i]!.start;
    // (Short forms are read only for whether they resolve: see claimStatus.)
    let key = r.readsCitation ? `${base}\u0000${cited !== undefined ? 'c' : '-'}` : base;
    if (r.notes.length > 0) key += `\u0000${r.notes.map((n) => (notes.has(n) ? '1' : '0')).join('')}`;
    let found = r.findings.get(key);
    if (!found) {
      const before: ShortFormState = { ...(cited !== undefined ? { cited } : {}), ...(law !== undefined ? { law } : {}) };
      found = chunkFindings(resolveProse(r.analysis, index, r.mentions, before).resolved, index, config.locale, date, t, caches.claims, sources, notes);
      if (r.findings.size >= CONTEXTS_PER_CHUNK) r.findings.clear();
      r.findings.set(key, found);
      yield;
    }
    for (let j = 0; j < found.length; j++) {
      const f = found[j]!;
      const sev = severity(f.rule);
      const start = f.span.start + by;
      if (sev === 'off' || context.suppressions.isSuppressed(f.rule, start)) continue;
      const span = { start, end: f.span.end + by };
      out.push(f.data !== undefined ? { rule: f.rule, span, message: f.message, data: f.data, severity: sev } : { rule: f.rule, span, message: f.message, severity: sev });
    }
    if (r.own.cited !== undefined) cited = r.own.cited;
    if (r.own.law !== undefined) law = r.own.law;
  }
  return out;
}

/** One chunk's findings, in the order `applyConfig` sorts them (chunks do not overlap, so the memo's are the chunks' in turn). */
function chunkFindings(prose: ResolvedProse, index: CorpusIndex, locale: Lang | undefined, date: string, t: DiagnosticMessages, claims: TextCache<ClaimCheck>, sources: TextCache<readonly Finding[]>, notes: ReadonlySet<string>): Finding[] {
  const findings = [...citationFindings(prose, index, t), ...claimFindings(prose, index, locale, claims, notes), ...sourceFindings(prose, index, date, t, sources)];
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/**
 * All findings for a memo, with severities applied and suppressed ones removed. (The engine
 * reads them chunk by chunk, `chunkedMemoDiagnostics`, with the same result.)
 */
export function memoDiagnostics(memo: ResolvedMemo, index: CorpusIndex, config: RuleConfig, caches?: SentenceCaches): Diagnostic[] {
  const t = messages(config.locale);
  const sources = caches ? localeView(caches.sources, config.locale ?? 'en') : undefined;
  const findings: Finding[] = [...citationFindings(memo, index, t), ...claimFindings(memo, index, config.locale, caches?.claims), ...sourceFindings(memo, index, config.asOf, t, sources)];
  return applyConfig(findings, config, (rule, offset) => memo.analysis.suppressions.isSuppressed(rule, offset));
}

/** Applies severities (dropping rules that are off) and a suppression test. */
export function applyConfig(findings: readonly Finding[], config: RuleConfig, suppressed: (rule: RuleId, offset: number) => boolean = () => false): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const severity = severityOf(f.rule, config);
    if (severity === 'off' || suppressed(f.rule, f.span.start)) continue;
    out.push({ ...f, severity });
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

function citationFindings(memo: ResolvedProse, index: CorpusIndex, t: DiagnosticMessages): Finding[] {
  const out: Finding[] = [];
  for (const c of memo.analysis.citations) {
    for (const it of c.items) {
      const e = index.get(it.key);
      if (!e) {
        const suggestions = index.closestKeys(it.key, 3);
        out.push({ rule: 'unknown-citation', span: it.keySpan, message: t.unknownKey(it.key, suggestions), data: { kind: 'unknown-key', key: it.key, suggestions } });
        continue;
      }
      const problem = pinpointProblem(it, e, t);
      if (problem && it.pinpointSpan) out.push({ rule: 'unknown-pinpoint', span: it.pinpointSpan, message: problem });
    }
  }
  return out;
}

function pinpointProblem(it: CitationItem, e: NonNullable<ReturnType<CorpusIndex['get']>>, t: DiagnosticMessages): string | undefined {
  const p = it.pinpoint;
  if (!p || !p.article || e.kind !== 'law' || e.articles.length === 0) return undefined;
  const article = findArticle(e, p.article);
  if (!article) {
    const listed = e.articles.map((a) => a.number).join(', ');
    return t.noArticle(e.id, p.article, listed);
  }
  if (p.paragraphs.length === 0 || article.paragraphs.length === 0) return undefined;
  const top = findParagraph(article, [p.paragraphs[0]!]);
  if (!top) return t.noParagraph(e.id, article.number, p.paragraphs[0]!, article.paragraphs.map((x) => x.number).join(', '));
  if (p.paragraphs.length > 1) {
    const prefix = `${p.paragraphs[0]}(`;
    const hasSub = article.paragraphs.some((x) => x.number.replace(/\s+/g, '').startsWith(prefix));
    if (hasSub && !findParagraph(article, p.paragraphs)) return t.noItem(e.id, article.number, p.paragraphs[0]!, p.paragraphs.slice(1).join(')('));
  }
  return undefined;
}

/** A view of a cache whose keys carry a locale, so messages in one language are not served in another. */
function localeView<V>(map: Map<string, V>, locale: string): TextCache<V> {
  return { get: (k) => map.get(`${locale}\u0000${k}`), set: (k, v) => map.set(`${locale}\u0000${k}`, v) };
}

function claimFindings(memo: ResolvedProse, index: CorpusIndex, locale: Lang | undefined, cache?: TextCache<ClaimCheck>, sourcedNotes?: ReadonlySet<string>): Finding[] {
  return claimStatus(memo, index, cache, sourcedNotes)
    .filter((c) => !c.sourced)
    .map((c) => ({ rule: 'unsourced-claim' as const, span: c.span, message: describeClaim(c.check, locale), data: { kind: 'claim' as const, reasons: c.check.reasons } }));
}
