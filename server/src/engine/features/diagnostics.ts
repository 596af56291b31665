/**
 * Memo diagnostics: unknown citation keys (with the closest keys), pinpoints the entry does not
 * have, and sentences that state a checkable fact without a citation that resolves. Suppression
 * comments and configured severities are applied here, so every adapter reports the same.
 */
import { findArticle } from '../corpus/model.js';
import type { ResolvedMemo } from '../memo/analyze.js';
import { checkClaim, describeClaim } from '../memo/claims.js';
import type { CitationItem } from '../memo/citations.js';
import type { CorpusIndex } from '../search/index.js';
import type { RuleConfig } from '../config.js';
import { severityOf } from '../config.js';
import type { Diagnostic, Finding, RuleId, Span } from '../types.js';
import { findParagraph } from './cards.js';
import { sourceFindings } from './sourceChecks.js';

const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.start < outer.end;

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
  const a = memo.analysis;
  const resolves = (key: string) => index.get(key) !== undefined;
  // Footnotes that carry a citation that resolves.
  const sourcedFootnotes = new Set<string>();
  for (const c of a.citations) {
    const fn = a.structure.blocks[c.block]?.footnote;
    if (fn !== undefined && c.items.some((it) => resolves(it.key))) sourcedFootnotes.add(fn);
  }
  const out: Finding[] = [];
  for (const s of a.sentences) {
    const block = a.structure.blocks[s.block]!;
    if (block.kind === 'heading' || block.kind === 'tableHeader') continue;
    if (block.footnote !== undefined && sourcedFootnotes.has(block.footnote)) continue;
    const cites = a.citations.filter((c) => within(c.span, s.span));
    const sourced =
      cites.some((c) => c.items.some((it) => resolves(it.key))) ||
      a.structure.footnoteRefs.some((r) => within(r.span, s.span) && sourcedFootnotes.has(r.label)) ||
      memo.shortForms.some((sf) => sf.kind === 'citation' && sf.id && within(sf.span, s.span));
    if (sourced) continue;
    // Blank citations out, so that keys and "art. 9" never count as figures.
    const local = block.text.slice(s.span.start - block.span.start, s.span.end - block.span.start).split('');
    for (const c of cites) for (let i = c.span.start; i < c.span.end; i++) if (i >= s.span.start && i < s.span.end) local[i - s.span.start] = ' ';
    const check = checkClaim(local.join(''));
    if (check.reasons.length === 0) continue;
    out.push({ rule: 'unsourced-claim', span: s.span, message: describeClaim(check), data: { kind: 'claim', reasons: check.reasons } });
  }
  return out;
}
