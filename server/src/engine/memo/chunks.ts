/**
 * Splits a memo into chunks that can be read on their own: runs of lines between blank lines,
 * never inside front matter, a fenced code block or an HTML comment, and never before an indented
 * line (a list item's continuation). Each chunk is parsed and analysed once and cached by its
 * text, so a keystroke re-reads only the chunk it falls in.
 */
import type { Span } from '../types.js';

/** Chunk spans covering the whole text, in order. */
export function splitChunks(text: string): Span[] {
  const chunks: Span[] = [];
  let start = 0;
  let fence: string | undefined;
  let inComment = false;
  let pos = 0;
  let lineNo = 0;
  let inFrontMatter = /^---\r?\n/.test(text);
  let lastContentEnd = -1;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, '');
    if (inFrontMatter) {
      if (lineNo > 0 && /^(---|\.\.\.)\s*$/.test(line)) inFrontMatter = false;
    } else if (fence !== undefined) {
      if (new RegExp(`^\\s{0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line)) fence = undefined;
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else {
      const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (f) fence = f[1]!;
      else if (line.includes('<!--') && !line.slice(line.lastIndexOf('<!--')).includes('-->')) inComment = true;
      else if (/^\s*$/.test(line)) {
        // A blank line ends a chunk unless the next line with text is indented (it continues a list).
        const rest = text.slice(end);
        const next = /^(?:[ \t]*\r?\n)*([^\r\n]*)/.exec(rest)?.[1] ?? '';
        if (lastContentEnd >= start && !/^[ \t]/.test(next)) {
          chunks.push({ start, end });
          start = end;
        }
      }
    }
    if (!/^\s*$/.test(line)) lastContentEnd = pos;
    pos = end;
    lineNo++;
  }
  if (start < text.length || chunks.length === 0) chunks.push({ start, end: text.length });
  return chunks;
}
