/**
 * Memo diagnostics: unknown citation keys (with the closest keys), pinpoints the entry does not
 * have, and sentences that state a checkable fact without a citation that resolves. Suppression
 * comments and configured severities are applied here, so every adapter reports the same.
 */
import { findArticle } from '../corpus/model.js';
import type { ResolvedMemo } from '../memo/analyze.js';
import { describeClaim, type ClaimCheck } from '../memo/claims.js';
import { claimStatus, type TextCache } from './claimStatus.js';
import type { CitationItem } from '../memo/citations.js';
import type { CorpusIndex } from '../search/index.js';
import type { RuleConfig } from '../config.js';
import { severityOf } from '../config.js';
import { messages, type DiagnosticMessages } from '../diagnosticMessages.js';
import type { Diagnostic, Finding, Lang, RuleId } from '../types.js';
import { findParagraph } from './cards.js';
import { sourceFindings } from './sourceChecks.js';


/** Per-sentence readings an engine keeps, so a keystroke re-checks only the sentences it changed. */
export interface SentenceCaches {
  readonly claims: Map<string, ClaimCheck>;
  /** By locale and sentence text. */
  readonly sources: Map<string, readonly Finding[]>;
}

/** All findings for a memo, with severities applied and suppressed ones removed. */
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

function citationFindings(memo: ResolvedMemo, index: CorpusIndex, t: DiagnosticMessages): Finding[] {
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

function claimFindings(memo: ResolvedMemo, index: CorpusIndex, locale: Lang | undefined, cache?: TextCache<ClaimCheck>): Finding[] {
  return claimStatus(memo, index, cache)
    .filter((c) => !c.sourced)
    .map((c) => ({ rule: 'unsourced-claim' as const, span: c.span, message: describeClaim(c.check, locale), data: { kind: 'claim' as const, reasons: c.check.reasons } }));
}
