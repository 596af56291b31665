/**
 * Quick fixes, dispatched on rule id and finding data: cite one of the best-matching sources for
 * an unsourced claim, replace an unknown key with the closest, and suppress with a comment.
 */
import type { ResolvedMemo } from '../memo/analyze.js';
import type { CorpusIndex } from '../search/index.js';
import { suggestSources } from '../search/retrieve.js';
import type { Diagnostic, Span } from '../types.js';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface CodeActionData {
  readonly title: string;
  readonly kind: 'quickfix';
  readonly edits: readonly TextEdit[];
  readonly isPreferred?: boolean;
  /** The diagnostic the action fixes. */
  readonly fixes: Diagnostic;
}

/** The insertion point for a citation: before the sentence's closing punctuation. */
function citationPoint(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /[.!?…。"»”)\s]/.test(text[end - 1]!)) end--;
  return end;
}

/** Quick fixes for the given diagnostics (those overlapping the user's selection). */
export function codeActions(memo: ResolvedMemo, index: CorpusIndex, diagnostics: readonly Diagnostic[]): CodeActionData[] {
  const text = memo.analysis.text;
  const out: CodeActionData[] = [];
  for (const d of diagnostics) {
    if (d.rule === 'unsourced-claim') {
      const at = citationPoint(text, d.span);
      for (const [i, s] of suggestSources(text.slice(d.span.start, d.span.end), index, 3).entries()) {
        const cite = s.article ? `[@${s.entry.id}, art. ${s.article}]` : `[@${s.entry.id}]`;
        out.push({ title: `Cite ${cite}`, kind: 'quickfix', edits: [{ span: { start: at, end: at }, newText: ` ${cite}` }], fixes: d, ...(i === 0 ? { isPreferred: true } : {}) });
      }
    }
    if (d.rule === 'unknown-citation' && d.data?.kind === 'unknown-key') {
      d.data.suggestions.forEach((key, i) => {
        out.push({ title: `Replace with @${key}`, kind: 'quickfix', edits: [{ span: d.span, newText: key }], fixes: d, ...(i === 0 ? { isPreferred: true } : {}) });
      });
    }
    if (d.rule === 'uncited-law-mention' && d.data?.kind === 'cite-law') {
      out.push({ title: `Cite [@${d.data.id}]`, kind: 'quickfix', edits: [{ span: { start: d.span.end, end: d.span.end }, newText: ` [@${d.data.id}]` }], fixes: d, isPreferred: true });
    }
    out.push(suppressAction(text, d, memo.analysis.languageId));
  }
  return out;
}

function suppressAction(text: string, d: Diagnostic, languageId: string): CodeActionData {
  const lineStart = text.lastIndexOf('\n', d.span.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const comment = languageId === 'markdown' ? `<!-- lexlens-disable-next-line ${d.rule} -- reason -->` : `# lexlens-disable-next-line ${d.rule} -- reason`;
  return { title: `Suppress ${d.rule} on this line`, kind: 'quickfix', edits: [{ span: { start: lineStart, end: lineStart }, newText: `${indent}${comment}${eol}` }], fixes: d };
}
