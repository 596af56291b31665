/** Domain → LSP conversion, in one place: offsets become positions, severities become numbers. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, DiagnosticSeverity, MarkupKind, type CompletionItem, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { CompletionData, Diagnostic as EngineDiagnostic, Severity, Span } from './engine/index.js';
import { LineIndex } from './engine/text.js';

/** Converts spans of one text; build once per snapshot. */
export class Converter {
  private readonly lines: LineIndex;
  constructor(text: string) {
    this.lines = new LineIndex(text);
  }
  static for(doc: TextDocument): Converter {
    return new Converter(doc.getText());
  }
  range(span: Span): Range {
    return { start: this.lines.positionAt(span.start), end: this.lines.positionAt(span.end) };
  }
  offset(position: { line: number; character: number }): number {
    return this.lines.offsetAt(position);
  }
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * An engine finding as an LSP diagnostic: range, severity, rule id, source and message, which is
 * all a client shows. The finding's `data` stays in the engine: the server's code actions ask the
 * engine again rather than reading diagnostics the client sends back, and a pull of a long memo
 * carries thousands of diagnostics, so every byte is paid for in serializing and parsing
 * (docs/performance.md).
 */
export function toDiagnostic(d: EngineDiagnostic, conv: Converter): Diagnostic {
  return { range: conv.range(d.span), severity: SEVERITY[d.severity], code: d.rule, source: 'lexlens', message: d.message };
}

/** Whether two lists of diagnostics (as `toDiagnostic` makes them) are the same. */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.message !== y.message ||
      x.code !== y.code ||
      x.severity !== y.severity ||
      x.source !== y.source ||
      x.range.start.line !== y.range.start.line ||
      x.range.start.character !== y.range.start.character ||
      x.range.end.line !== y.range.end.line ||
      x.range.end.character !== y.range.end.character
    )
      return false;
  }
  return true;
}

export function toCompletionItem(c: CompletionData, conv: Converter): CompletionItem {
  return {
    label: c.label,
    kind: c.kind === 'pinpoint' ? CompletionItemKind.Value : c.entryKind === 'law' ? CompletionItemKind.Module : CompletionItemKind.Reference,
    detail: c.detail,
    documentation: { kind: MarkupKind.Markdown, value: c.documentation },
    filterText: c.filterText,
    sortText: c.sortText,
    textEdit: { range: conv.range(c.replace), newText: c.insertText },
  };
}
