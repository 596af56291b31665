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

/**
 * The insertion point for a citation: before the sentence's closing punctuation. Only prose is
 * stepped over: the ")" closing a link or a quote inside inline code is markup, and a citation
 * put inside it would change the link or the code instead of citing.
 */
function citationPoint(memo: ResolvedMemo, span: Span): number {
  const text = memo.analysis.text;
  const block = memo.analysis.structure.blocks.find((b) => b.span.start <= span.start && span.end <= b.span.end);
  const prose = (i: number) => !block || block.text[i - block.span.start] === text[i];
  let end = span.end;
  while (end > span.start && /[.!?…。"»”)\s]/.test(text[end - 1]!) && prose(end - 1)) end--;
  return end;
}

/** Quick fixes for the given diagnostics (those overlapping the user's selection). */
export function codeActions(memo: ResolvedMemo, index: CorpusIndex, diagnostics: readonly Diagnostic[]): CodeActionData[] {
  const text = memo.analysis.text;
  const out: CodeActionData[] = [];
  for (const d of diagnostics) {
    if (d.rule === 'unsourced-claim') {
      const at = citationPoint(memo, d.span);
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
    out.push(suppressAction(memo, d));
  }
  return out;
}

function suppressAction(memo: ResolvedMemo, d: Diagnostic): CodeActionData {
  const { text, languageId, structure } = memo.analysis;
  const lineStart = text.lastIndexOf('\n', d.span.start - 1) + 1;
  const title = `Suppress ${d.rule} on this line`;
  // NOTE: a comment line inserted inside a Markdown block (a paragraph's second line, a table
  // row) would split the block and change how the rest of it reads. There the comment goes on the
  // finding's own line, as disable-line, after the line's last character of prose (so never
  // inside inline code that runs on to the next line).
  const blocks = structure.blocks.filter((b) => b.span.start <= d.span.start && d.span.start < Math.max(b.span.end, b.span.start + 1));
  if (languageId === 'markdown' && blocks.some((b) => b.span.start < lineStart || b.kind === 'tableCell' || b.kind === 'tableHeader')) {
    let end = text.indexOf('\n', d.span.start);
    if (end < 0) end = text.length;
    const onLine = structure.blocks.filter((b) => b.span.start < end && b.span.end > lineStart);
    for (let i = end - 1; i >= d.span.start; i--) {
      const b = onLine.find((x) => x.span.start <= i && i < x.span.end);
      const c = b?.text[i - b.span.start];
      if (c === undefined || /\s/.test(c)) continue;
      return { title, kind: 'quickfix', edits: [{ span: { start: i + 1, end: i + 1 }, newText: ` <!-- lexlens-disable-line ${d.rule} -- reason -->` }], fixes: d };
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const comment = languageId === 'markdown' ? `<!-- lexlens-disable-next-line ${d.rule} -- reason -->` : `# lexlens-disable-next-line ${d.rule} -- reason`;
  return { title, kind: 'quickfix', edits: [{ span: { start: lineStart, end: lineStart }, newText: `${indent}${comment}${eol}` }], fixes: d };
}
