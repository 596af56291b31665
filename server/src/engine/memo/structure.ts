/**
 * Memo structure: which parts of a memo are prose. Markdown is parsed with micromark (through
 * mdast-util-from-markdown, with GFM tables and footnotes and YAML front matter); code, inline
 * code, HTML, link URLs and front matter are never prose. Every prose block keeps its source
 * span and a masked copy of its text of the same length, so offsets found in the masked text
 * are offsets in the memo.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Parents, Root } from 'mdast';
import type { Span } from '../types.js';

export type BlockKind = 'paragraph' | 'heading' | 'tableHeader' | 'tableCell';

/** A run of prose that claims are read from: a paragraph, heading or table cell. */
export interface Block {
  readonly kind: BlockKind;
  readonly span: Span;
  /** The source text of `span` with non-prose parts replaced by spaces (same length). */
  readonly text: string;
  /** The footnote label when the block is inside a footnote definition. */
  readonly footnote?: string;
  /** Index into `sections`. */
  readonly section: number;
  /** Index of the paragraph-level container (list item, quote or paragraph) the block is in. */
  readonly paragraph: number;
}

/** A `[^label]` reference in prose. */
export interface FootnoteRef {
  readonly label: string;
  readonly span: Span;
}

/** An HTML comment (Markdown) or `#` comment line (plain text), for suppressions. */
export interface Comment {
  readonly span: Span;
  readonly text: string;
}

/** A part of the memo under one heading (the first has none). */
export interface Section {
  readonly span: Span;
  readonly heading?: string;
  readonly headingSpan?: Span;
}

export interface MemoStructure {
  readonly blocks: readonly Block[];
  readonly footnoteRefs: readonly FootnoteRef[];
  readonly comments: readonly Comment[];
  readonly sections: readonly Section[];
  /** The YAML front matter's text, if any. */
  readonly frontMatter?: string;
}

const MAX_MARKDOWN_CHARS = 2_000_000;
// NOTE: micromark's inline pass takes time in proportion to the square of a paragraph's length
// (a 2 MB paragraph full of brackets takes most of a minute), so a memo with a giant paragraph is
// read as plain text.
const MAX_PARAGRAPH_CHARS = 100_000;
// NOTE: it also takes time in proportion to the square of the containers one line opens or is
// indented into (`> - > - …`: 10,000 take most of a minute) and of the emphasis and bracket delimiters in one
// paragraph (`a*a*a*…`, `]]]…`, `<!--<!--…`: 45,000 take minutes), and its tree is deep enough
// to exhaust the stack. Past these bounds, far beyond any memo written by hand, a chunk is read
// as plain text.
const MAX_NESTING = 32;
const MAX_DELIMITERS = 2000;

/** The length of the longest run of text without a blank line. */
function longestParagraph(text: string): number {
  let longest = 0;
  let start = 0;
  const blank = /\n[ \t]*\r?\n/g;
  for (let m = blank.exec(text); m; m = blank.exec(text)) {
    longest = Math.max(longest, m.index - start);
    start = m.index + m[0].length;
  }
  return Math.max(longest, text.length - start);
}

/** How deep a line nests at its start: its indentation (four columns a level) and the block quotes and list items it opens. */
function lineNesting(line: string): number {
  let indent = 0;
  let j = 0;
  for (; line[j] === ' ' || line[j] === '\t'; j++) indent += line[j] === '\t' ? 4 : 1;
  let depth = Math.floor(indent / 4);
  for (;;) {
    while (line[j] === ' ' || line[j] === '\t') j++;
    if (line[j] === '>') {
      j++;
    } else {
      const marker = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(j, j + 11));
      if (!marker) return depth;
      j += marker[0].length;
    }
    depth++;
  }
}

/** True when a chunk nests containers or piles up delimiters past what micromark reads in good time. */
function tooComplex(text: string): boolean {
  let delimiters = 0;
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (f && f[0] === fence[0] && f.length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f;
      continue;
    }
    if (/^[ \t\r]*$/.test(line)) {
      delimiters = 0;
      continue;
    }
    if (lineNesting(line) > MAX_NESTING) return true;
    // A setext underline makes micromark revisit the paragraph before it: it costs as much as 20 delimiters.
    if (/^ {0,3}(?:=+|-+)[ \t\r]*$/.test(line)) delimiters += 20;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 42 || c === 95 || c === 93 || c === 60) delimiters++; // * _ ] <
    }
    if (delimiters > MAX_DELIMITERS) return true;
  }
  return false;
}

/**
 * Reads the structure of a Markdown memo (or of one chunk of it: `frontMatter: false` for a chunk
 * that does not start the memo). Very large input falls back to the plain-text reader.
 */
export function markdownStructure(text: string, options: { frontMatter?: boolean } = {}): MemoStructure {
  const withFrontMatter = options.frontMatter !== false;
  if (text.length > MAX_MARKDOWN_CHARS || longestParagraph(text) > MAX_PARAGRAPH_CHARS || tooComplex(text)) return plainTextStructure(text);
  let root: Root;
  try {
    root = withFrontMatter
      ? fromMarkdown(text, { extensions: [gfm(), frontmatter(['yaml'])], mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])] })
      : fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  } catch {
    return plainTextStructure(text);
  }
  const blocks: Block[] = [];
  const footnoteRefs: FootnoteRef[] = [];
  const comments: Comment[] = [];
  const sections: { start: number; heading?: string; headingSpan?: Span }[] = [{ start: 0 }];
  let frontMatter: string | undefined;
  let paragraphIndex = 0;

  const off = (n: Nodes): Span => ({ start: n.position?.start.offset ?? 0, end: n.position?.end.offset ?? 0 });

  const collectComments = (n: Nodes): void => {
    const s = off(n);
    const re = /<!--([\s\S]*?)-->/g;
    const src = text.slice(s.start, s.end);
    for (let m = re.exec(src); m; m = re.exec(src)) comments.push({ span: { start: s.start + m.index, end: s.start + m.index + m[0].length }, text: m[1] ?? '' });
  };

  /** Masks everything in a prose container that is not prose. */
  const maskInline = (node: Nodes, chars: string[], base: number): void => {
    const mask = (s: Span) => {
      for (let i = Math.max(s.start, base); i < Math.min(s.end, base + chars.length); i++) if (chars[i - base] !== '\n') chars[i - base] = ' ';
    };
    // Citations bind tighter than emphasis, as in pandoc: the `_` of `[@a:_; @b_:c]` or `@a-_-_` are
    // part of keys, not delimiters, so emphasis marks inside a citation are left as they are.
    const cited = [...chars.join('').matchAll(/\[[^[\]@]*@[^[\]]*\]|@[\p{L}\p{N}_][\p{L}\p{N}_.:-]*/gu)].map((m) => ({ start: base + m.index, end: base + m.index + m[0].length }));
    const maskDelimiter = (s: Span) => {
      for (const c of cited) if (s.start < c.end && c.start < s.end) return;
      mask(s);
    };
    const visit = (n: Nodes): void => {
      switch (n.type) {
        case 'inlineCode':
        case 'image':
        case 'imageReference':
          mask(off(n));
          return;
        case 'html':
          collectComments(n);
          mask(off(n));
          return;
        case 'footnoteReference':
          footnoteRefs.push({ label: n.identifier, span: off(n) });
          mask(off(n));
          return;
        case 'link':
        case 'linkReference': {
          const s = off(n);
          const kids = 'children' in n ? n.children : [];
          const first = kids[0];
          const last = kids[kids.length - 1];
          if (!first || !last || (n.type === 'link' && text.slice(s.start, s.end).replace(/^<|>$/g, '') === n.url)) {
            mask(s); // autolink: the URL is the text
            return;
          }
          mask({ start: s.start, end: off(first).start });
          mask({ start: off(last).end, end: s.end });
          kids.forEach(visit);
          return;
        }
        case 'emphasis':
        case 'strong':
        case 'delete': {
          const s = off(n);
          const kids = n.children;
          if (kids.length > 0) {
            maskDelimiter({ start: s.start, end: off(kids[0]!).start });
            maskDelimiter({ start: off(kids[kids.length - 1]!).end, end: s.end });
          }
          kids.forEach(visit);
          return;
        }
        default:
          if ('children' in n) (n.children as Nodes[]).forEach(visit);
      }
    };
    visit(node);
  };

  const addBlock = (n: Parents, kind: BlockKind, footnote: string | undefined): void => {
    const span = off(n);
    if (span.end <= span.start) return;
    const chars = text.slice(span.start, span.end).split(''); // UTF-16 units, so offsets stay offsets
    maskInline(n, chars, span.start);
    if (kind === 'heading') {
      // the leading #'s and trailing #'s are markup
      const m = /^\s*#+\s*/.exec(chars.join(''));
      if (m) for (let i = 0; i < m[0].length; i++) chars[i] = ' ';
    }
    if (kind === 'tableHeader' || kind === 'tableCell') {
      // a cell's span includes the pipes around it, which are markup
      const joined = chars.join('');
      const lead = /^\s*\|/.exec(joined);
      if (lead) chars[lead[0].length - 1] = ' ';
      const trail = /(?<!\\)\|\s*$/.exec(joined);
      if (trail && trail.index > (lead ? lead[0].length - 1 : -1)) chars[trail.index] = ' ';
    }
    // micromark makes "[^1]" a footnote call only when its definition is in the same text; a
    // chunk read alone may not hold the definition, so the remaining calls are found here.
    const joined = chars.join('');
    for (const m of joined.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) {
      footnoteRefs.push({ label: m[1]!.toLowerCase(), span: { start: span.start + m.index, end: span.start + m.index + m[0].length } });
      for (let i = m.index; i < m.index + m[0].length; i++) chars[i] = ' ';
    }
    blocks.push({ kind, span, text: chars.join(''), ...(footnote !== undefined ? { footnote } : {}), section: sections.length - 1, paragraph: paragraphIndex });
  };

  const walk = (n: Nodes, footnote: string | undefined, inContainer: boolean): void => {
    switch (n.type) {
      case 'yaml':
        frontMatter = n.value;
        return;
      case 'code':
      case 'definition':
      case 'thematicBreak':
        return;
      case 'html':
        collectComments(n);
        return;
      case 'heading': {
        const s = off(n);
        sections.push({ start: s.start, heading: text.slice(s.start, s.end).replace(/^#+\s*|\s*#*\s*$/g, ''), headingSpan: s });
        paragraphIndex++;
        addBlock(n, 'heading', footnote);
        return;
      }
      case 'paragraph':
        if (!inContainer) paragraphIndex++;
        addBlock(n, 'paragraph', footnote);
        return;
      case 'table':
        n.children.forEach((row, r) => {
          paragraphIndex++;
          row.children.forEach((cell) => addBlock(cell, r === 0 ? 'tableHeader' : 'tableCell', footnote));
        });
        return;
      case 'footnoteDefinition':
        paragraphIndex++;
        n.children.forEach((c) => walk(c, n.identifier, true));
        return;
      case 'listItem':
      case 'blockquote':
        paragraphIndex++;
        n.children.forEach((c) => walk(c, footnote, true));
        return;
      default:
        if ('children' in n) (n.children as Nodes[]).forEach((c) => walk(c, footnote, inContainer));
    }
  };
  try {
    walk(root, undefined, false);
  } catch (e) {
    // A tree deeper than the stack (see MAX_NESTING): read the chunk as plain text.
    if (e instanceof RangeError) return plainTextStructure(text);
    throw e;
  }

  const sectionSpans: Section[] = sections.map((s, i) => ({
    span: { start: s.start, end: i + 1 < sections.length ? sections[i + 1]!.start : text.length },
    ...(s.heading !== undefined ? { heading: s.heading } : {}),
    ...(s.headingSpan ? { headingSpan: s.headingSpan } : {}),
  }));
  return { blocks, footnoteRefs, comments, sections: sectionSpans, ...(frontMatter !== undefined ? { frontMatter } : {}) };
}

/** Plain text: paragraphs are separated by blank lines; lines starting with `#` are comments. */
export function plainTextStructure(text: string): MemoStructure {
  const blocks: Block[] = [];
  const comments: Comment[] = [];
  const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  let paraStart = -1;
  let paraChars: string[] = [];
  let paragraph = 0;
  const flush = (end: number) => {
    if (paraStart >= 0) {
      let e = end;
      while (e > paraStart && /[\r\n]/.test(text[e - 1]!)) e--;
      blocks.push({ kind: 'paragraph', span: { start: paraStart, end: e }, text: paraChars.join('').slice(0, e - paraStart), section: 0, paragraph: paragraph++ });
    }
    paraStart = -1;
    paraChars = [];
  };
  for (let m = re.exec(text); m && m[0].length > 0; m = re.exec(text)) {
    const line = m[0];
    const start = m.index;
    if (/^\s*#/.test(line)) {
      comments.push({ span: { start, end: start + line.replace(/[\r\n]+$/, '').length }, text: line.replace(/^\s*#/, '').trim() });
      if (paraStart >= 0) paraChars.push(line.replace(/[^\r\n]/g, ' '));
      continue;
    }
    if (/^\s*$/.test(line)) {
      flush(start);
      continue;
    }
    if (paraStart < 0) paraStart = start;
    paraChars.push(line);
  }
  flush(text.length);
  return { blocks, footnoteRefs: [], comments, sections: [{ span: { start: 0, end: text.length } }] };
}
