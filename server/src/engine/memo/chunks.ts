/**
 * Splits a memo into chunks that can be read on their own: runs of lines between blank lines,
 * never inside front matter, a fenced code block or an HTML comment, and never before an indented
 * line (a list item's continuation). Each chunk is parsed and analysed once and cached by its
 * text, so a keystroke re-reads only the chunk it falls in.
 */
import type { Span } from '../types.js';

/** Chunk spans covering the whole text, in order. */
export function splitChunks(text: string): Span[] {
  return splitFrom(text, 0);
}

/**
 * Chunk spans from `from` on, where `from` is 0 or the start of a chunk of `text` (a chunk starts
 * where nothing is open: no front matter, fence or comment, so the split can resume there).
 * `stop(b)`, asked at each chunk boundary `b` after `from`, may end the split there, when the
 * caller knows the chunks after `b`.
 */
export function splitFrom(text: string, from: number, stop?: (boundary: number) => boolean): Span[] {
  // (This can run over a whole memo on a keystroke, so a line is sliced once and tested once for
  // each thing: no copies of the rest of the text, no regular expression built per line.)
  const chunks: Span[] = [];
  let start = from;
  let fenceEnd: RegExp | undefined;
  let inComment = false;
  let pos = from;
  let lineNo = from === 0 ? 0 : 1;
  let inFrontMatter = from === 0 && /^---\r?\n/.test(text);
  let lastContentEnd = -1;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    let lineEnd = nl < 0 ? text.length : nl;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--; // \r
    const line = text.slice(pos, lineEnd);
    const blank = BLANK.test(line);
    if (inFrontMatter) {
      if (lineNo > 0 && /^(---|\.\.\.)\s*$/.test(line)) inFrontMatter = false;
    } else if (fenceEnd !== undefined) {
      if (fenceEnd.test(line)) fenceEnd = undefined;
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else {
      const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (f) fenceEnd = new RegExp(`^\\s{0,3}${f[1]![0] === '`' ? '`' : '~'}{${f[1]!.length},}\\s*$`);
      else if (line.includes('<!--') && !line.slice(line.lastIndexOf('<!--')).includes('-->')) inComment = true;
      else if (blank) {
        // A blank line ends a chunk unless the next line with text is indented (it continues a list).
        if (lastContentEnd >= start && !nextLineIndented(text, end)) {
          chunks.push({ start, end });
          start = end;
          if (stop?.(end)) return chunks;
        }
      }
    }
    if (!blank) lastContentEnd = pos;
    pos = end;
    lineNo++;
  }
  if (start < text.length || (chunks.length === 0 && from === 0)) chunks.push({ start, end: text.length });
  return chunks;
}

const BLANK = /^\s*$/;

/** Whether the first line after `from` that is not blank (spaces and tabs only) starts with a space or a tab. */
function nextLineIndented(text: string, from: number): boolean {
  let p = from;
  for (;;) {
    let q = p;
    while (q < text.length && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
    if (text.charCodeAt(q) === 13 && text.charCodeAt(q + 1) === 10) p = q + 2;
    else if (text.charCodeAt(q) === 10) p = q + 1;
    else break;
  }
  const c = text.charCodeAt(p);
  return c === 32 || c === 9;
}
