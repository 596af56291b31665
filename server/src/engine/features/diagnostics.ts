/**
 * Memo diagnostics: unknown citation keys (with the closest keys), pinpoints the entry does not
 * have, and sentences that state a checkable fact without a citation that resolves. Suppression
 * comments and configured severities are applied here, so every adapter reports the same.
 */
import { findArticle } from '../corpus/model.js';
import type { ResolvedMemo } from '../memo/analyze.js';
import { describeClaim } from '../memo/claims.js';
import { claimStatus } from './claimStatus.js';
import type { CitationItem } from '../memo/citations.js';
import type { CorpusIndex } from '../search/index.js';
import type { RuleConfig } from '../config.js';
import { severityOf } from '../config.js';
import type { Diagnostic, Finding, RuleId } from '../types.js';
import { findParagraph } from './cards.js';
import { sourceFindings } from './sourceChecks.js';


/** All findings for a memo, with severities applied and suppressed ones removed. */
export function memoDiagnostics(memo: ResolvedMemo, index: CorpusIndex, config: RuleConfig): Diagnostic[] {
  const findings: Finding[] = [...citationFindings(memo, index), ...claimFindings(memo, index), ...sourceFindings(memo, index, config.asOf)];
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

function citationFindings(memo: ResolvedMemo, index: CorpusIndex): Finding[] {
  const out: Finding[] = [];
  for (const c of memo.analysis.citations) {
    for (const it of c.items) {
      const e = index.get(it.key);
      if (!e) {
        const suggestions = index.closestKeys(it.key, 3);
        const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(', ')}?` : '';
        out.push({ rule: 'unknown-citation', span: it.keySpan, message: `\`${it.key}\` is not a key in the corpus.${hint}`, data: { kind: 'unknown-key', key: it.key, suggestions } });
        continue;
      }
      const problem = pinpointProblem(it, e);
      if (problem && it.pinpointSpan) out.push({ rule: 'unknown-pinpoint', span: it.pinpointSpan, message: problem });
    }
  }
  return out;
}

function pinpointProblem(it: CitationItem, e: NonNullable<ReturnType<CorpusIndex['get']>>): string | undefined {
  const p = it.pinpoint;
  if (!p || !p.article || e.kind !== 'law' || e.articles.length === 0) return undefined;
  const article = findArticle(e, p.article);
  if (!article) {
    const listed = e.articles.map((a) => a.number).join(', ');
    return `\`${e.id}\` has no article ${p.article} in the corpus (it lists art. ${listed}).`;
  }
  if (p.paragraphs.length === 0 || article.paragraphs.length === 0) return undefined;
  const top = findParagraph(article, [p.paragraphs[0]!]);
  if (!top) return `Article ${article.number} of \`${e.id}\` has no paragraph ${p.paragraphs[0]} in the corpus (it lists ${article.paragraphs.map((x) => x.number).join(', ')}).`;
  if (p.paragraphs.length > 1) {
    const prefix = `${p.paragraphs[0]}(`;
    const hasSub = article.paragraphs.some((x) => x.number.replace(/\s+/g, '').startsWith(prefix));
    if (hasSub && !findParagraph(article, p.paragraphs)) return `Article ${article.number}(${p.paragraphs[0]}) of \`${e.id}\` has no item (${p.paragraphs.slice(1).join(')(')}) in the corpus.`;
  }
  return undefined;
}

function claimFindings(memo: ResolvedMemo, index: CorpusIndex): Finding[] {
  return claimStatus(memo, index)
    .filter((c) => !c.sourced)
    .map((c) => ({ rule: 'unsourced-claim' as const, span: c.span, message: describeClaim(c.check), data: { kind: 'claim' as const, reasons: c.check.reasons } }));
}
