/**
 * Completion of citation keys after `[@`, `@` and `;` inside a citation, and of pinpoints after
 * `,` following a key. Results are capped; `isIncomplete` says when typing more would change them.
 */
import { pick } from '../corpus/model.js';
import type { Entry } from '../corpus/model.js';
import { formatPinpoint } from '../memo/pinpoint.js';
import type { CorpusIndex } from '../search/index.js';
import type { Lang, Span } from '../types.js';
import { entryCard, entryDetail } from './cards.js';

export interface CompletionData {
  readonly label: string;
  readonly kind: 'entry' | 'pinpoint';
  readonly entryKind?: Entry['kind'];
  readonly detail: string;
  readonly documentation: string;
  readonly insertText: string;
  readonly filterText: string;
  readonly sortText: string;
  /** The text the completion replaces. */
  readonly replace: Span;
}

export interface CompletionResult {
  readonly items: readonly CompletionData[];
  readonly isIncomplete: boolean;
}

const KEY_CHARS = /[\p{L}\p{N}_.:-]/u;
const MAX_ITEMS = 50;
const EMPTY: CompletionResult = { items: [], isIncomplete: false };

/** Completions at `offset` in `text`. */
export function completion(text: string, offset: number, index: CorpusIndex, lang: Lang = 'en'): CompletionResult {
  if (offset < 0 || offset > text.length) return EMPTY;
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, offset - 400);
  const before = text.slice(lineStart, offset);

  // Pinpoint: "[@key, art. 9" — inside brackets, after a key and a comma.
  const pin = /\[[^\]]*?-?@([\p{L}\p{N}_](?:[\p{L}\p{N}_.:-]*[\p{L}\p{N}_])?)\s*,\s*([^\];@]*)$/u.exec(before);
  if (pin) {
    const entry = index.get(pin[1]!);
    if (!entry || entry.articles.length === 0) return EMPTY;
    const typed = pin[2]!;
    let end = offset;
    while (end < text.length && text[end] !== ']' && text[end] !== ';' && text[end] !== '\n') end++;
    return pinpoints(entry, typed, { start: offset - typed.length, end }, lang);
  }

  // Key: "@" preceded by "[", ";", "-", white space or the line start.
  const key = /(?:^|[\s[;(-])@([\p{L}\p{N}_.:-]*)$/u.exec(before);
  if (!key) return EMPTY;
  const typed = key[1]!;
  let end = offset;
  while (end < text.length && KEY_CHARS.test(text[end]!)) end++;
  const replace = { start: offset - typed.length, end };
  const hits = index.search(typed, MAX_ITEMS + 1);
  const items = hits.slice(0, MAX_ITEMS).map((h, i): CompletionData => {
    const e = h.entry;
    const names = [...Object.values(e.title), ...Object.values(e.aliases).flat()].join(' ');
    return {
      label: e.id,
      kind: 'entry',
      entryKind: e.kind,
      detail: `${pick(e.title, [lang, 'en', 'ru', 'kk']) ?? ''} — ${entryDetail(e, lang)}`,
      documentation: entryCard(e, lang),
      insertText: e.id,
      filterText: `${e.id} ${typed ? names : ''}`.trim(),
      sortText: String(i).padStart(4, '0'),
      replace,
    };
  });
  return { items, isIncomplete: hits.length > MAX_ITEMS || typed.length < 2 };
}

function pinpoints(entry: Entry, typed: string, replace: Span, lang: Lang): CompletionResult {
  const order = [lang, 'en', 'ru', 'kk'];
  const all: CompletionData[] = [];
  for (const a of entry.articles) {
    const title = pick(a.title, order) ?? '';
    all.push({ label: formatPinpoint(a.number), kind: 'pinpoint', detail: title, documentation: pick(a.summary, order) ?? title, insertText: formatPinpoint(a.number), filterText: formatPinpoint(a.number), sortText: '', replace });
    for (const p of a.paragraphs) {
      const label = formatPinpoint(a.number, p.number);
      all.push({ label, kind: 'pinpoint', detail: title, documentation: pick(p.summary, order) ?? title, insertText: label, filterText: label, sortText: '', replace });
    }
  }
  const t = typed.trim().toLowerCase().replace(/^(?:art\.?|article|ст\.?|статья)\s*/u, '');
  const matching = all.filter((c) => !t || c.label.toLowerCase().replace(/^art\.\s*/, '').startsWith(t));
  return { items: matching.map((c, i) => ({ ...c, sortText: String(i).padStart(4, '0') })), isIncomplete: false };
}
