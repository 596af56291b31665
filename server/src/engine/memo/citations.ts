/**
 * Pandoc citations in prose: `[@key]`, `[@key, art. 9(1)]`, `[see @key, art. 9; @other]`,
 * `[-@key]` and in-text `@key` (optionally followed by `[locator]`). Keys are letters, digits
 * and `-_.:`, and end before trailing punctuation.
 */
import type { Span } from '../types.js';
import { parsePinpoint, type Pinpoint } from './pinpoint.js';

export interface CitationItem {
  readonly key: string;
  readonly keySpan: Span;
  /** The span of the `@` and key together. */
  readonly atSpan: Span;
  readonly pinpoint?: Pinpoint;
  readonly pinpointSpan?: Span;
  readonly suppressAuthor: boolean;
}

export interface Citation {
  /** The bracketed group, or the in-text `@key` (with its bracketed locator, if any). */
  readonly span: Span;
  readonly items: readonly CitationItem[];
  readonly inText: boolean;
}

const KEY_BODY = /[\p{L}\p{N}_](?:[\p{L}\p{N}_.:-]*[\p{L}\p{N}_])?/uy;
// (The part before the first `@` cannot hold one: two runs that could both take the `@`s of "[@@@…" backtrack for seconds.)
const BRACKET = /\[([^[\]@]*@[^[\]]*)\]/g;
const IN_TEXT = /(?<![\p{L}\p{N}_@.\-[])@(?=[\p{L}\p{N}_])/gu;

function readKey(text: string, at: number): { key: string; end: number } | undefined {
  KEY_BODY.lastIndex = at;
  const m = KEY_BODY.exec(text);
  return m ? { key: m[0], end: at + m[0].length } : undefined;
}

/** Reads the citations in a masked prose text whose first character is at `base` in the memo. */
export function findCitations(text: string, base: number): Citation[] {
  const out: Citation[] = [];
  const covered: Span[] = [];
  for (let m = BRACKET.exec(text); m; m = BRACKET.exec(text)) {
    const inner = m[1]!;
    const innerStart = m.index + 1;
    const items: CitationItem[] = [];
    let partStart = 0;
    for (const part of inner.split(';')) {
      const at = part.search(/(?:^|[\s-])@|^@/u) >= 0 ? part.indexOf('@') : -1;
      const s = innerStart + partStart;
      partStart += part.length + 1;
      if (at < 0) continue;
      const before = part.slice(0, at);
      if (/[\p{L}\p{N}_.]$/u.test(before)) continue; // an e-mail address, not a citation
      const k = readKey(text, s + at + 1);
      if (!k) continue;
      const suppressAuthor = before.endsWith('-');
      const rest = text.slice(k.end, s + part.length);
      const item: CitationItem = {
        key: k.key,
        keySpan: { start: base + s + at + 1, end: base + k.end },
        atSpan: { start: base + s + at - (suppressAuthor ? 1 : 0), end: base + k.end },
        suppressAuthor,
        ...locator(rest, k.end),
      };
      items.push(item);
    }
    if (items.length > 0) {
      const span = { start: base + m.index, end: base + m.index + m[0].length };
      out.push({ span, items, inText: false });
      covered.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  for (let m = IN_TEXT.exec(text); m; m = IN_TEXT.exec(text)) {
    if (covered.some((c) => m!.index >= c.start && m!.index < c.end)) continue;
    const k = readKey(text, m.index + 1);
    if (!k) continue;
    let end = k.end;
    let loc: ReturnType<typeof locator> = {};
    const after = /^\s?\[([^[\]@]*)\]/.exec(text.slice(k.end));
    if (after) {
      loc = locator(`,${after[1]!}`, k.end + after[0].indexOf('[') + 1 - 1);
      end = k.end + after[0].length;
    }
    out.push({
      span: { start: base + m.index, end: base + end },
      items: [{ key: k.key, keySpan: { start: base + m.index + 1, end: base + k.end }, atSpan: { start: base + m.index, end: base + k.end }, suppressAuthor: false, ...loc }],
      inText: true,
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start);

  function locator(rest: string, restStart: number): { pinpoint?: Pinpoint; pinpointSpan?: Span } {
    const comma = /^\s*,\s*/.exec(rest);
    if (!comma) return {};
    const raw = rest.slice(comma[0].length).replace(/\s+$/, '');
    if (!raw) return {};
    const start = restStart + comma[0].length;
    return { pinpoint: parsePinpoint(raw), pinpointSpan: { start: base + start, end: base + start + raw.length } };
  }
}
