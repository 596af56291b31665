/**
 * "Capture statement": turns a quotation selected in a memo into a new statement entry appended
 * to a corpus file. The file's existing bytes are never rewritten (comments and layout stay as
 * they are); the entry itself is written by the `yaml` Document API, and the result is parsed
 * again to prove it holds the old entries plus the new one.
 */
import { Document, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { findDates } from '../memo/dates.js';
import type { CorpusIndex } from '../search/index.js';

export interface CapturePrefill {
  readonly quote: string;
  readonly speaker?: string;
  readonly date?: string;
  readonly url?: string;
  readonly language: string;
}

export interface CaptureFields {
  readonly quote: string;
  readonly speaker: string;
  readonly date: string;
  readonly url?: string;
  readonly language?: string;
}

export type CaptureResult =
  | { readonly ok: true; readonly id: string; readonly text: string; readonly insertAt: number; readonly insert: string }
  | { readonly ok: false; readonly message: string };

const SAID = /([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\p{L}'’-]+(?:\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\p{L}'’-]+){0,2})\s*(?:,\s*[^,]{1,60},\s*)?(?:said|stated|told|argued|noted|wrote|заявил\p{L}*|сказал\p{L}*|отметил\p{L}*|сообщил\p{L}*|мәлімдеді|айтты)/u;

/** Guesses speaker, date, URL and quote from the selected text and the sentence around it. */
export function capturePrefill(selection: string, context: string): CapturePrefill {
  const quoted = /[«“„"]([^«»“”„"]+)[»”"]/u.exec(selection);
  const quote = (quoted ? quoted[1]! : selection).trim().replace(/\s+/g, ' ');
  // Titles before a name ("Minister Aida Balaeva") are a role, not part of the speaker's name.
  const speaker = SAID.exec(context)?.[1]?.replace(/^(?:(?:Vice|Deputy|Prime)\s+)?(?:Minister|Deputy|Senator|Rector|President|Expert|Министр|Депутат|Сенатор|Ректор|Вице-министр|Министрі|Депутаты)\s+/u, '');
  const d = findDates(context)[0]?.date;
  const url = /https?:\/\/[^\s)\]>"]+/.exec(context)?.[0]?.replace(/[.,;:!?]+$/, '');
  const language = /[әғқңөұүһі]/i.test(quote) ? 'kk' : /[\u0400-\u04ff]/.test(quote) ? 'ru' : 'en';
  return { quote, ...(speaker ? { speaker } : {}), ...(d ? { date: d } : {}), ...(url ? { url } : {}), language };
}

function slug(s: string): string {
  const translit: Record<string, string> = { а: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i', й: 'y', к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'kh', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ә: 'a' };
  return s
    .toLowerCase()
    .split('')
    .map((c) => translit[c] ?? c)
    .join('')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A fresh id: the speaker's last name and the date, with a suffix when taken. */
export function freshId(speaker: string, date: string, taken: (id: string) => boolean): string {
  const last = slug(speaker.trim().split(/\s+/).pop() ?? 'statement') || 'statement';
  const base = `${last}-${date}`;
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`;
}

/** The 0-based column of an offset. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The new corpus file text with the statement appended, or why it cannot be done. */
export function captureStatement(fileText: string, fields: CaptureFields, index: CorpusIndex): CaptureResult {
  const doc = parseDocument(fileText);
  if (doc.errors.length) return { ok: false, message: `The corpus file does not parse (${doc.errors[0]!.message.split('\n')[0]}); fix it before capturing into it.` };
  if (doc.contents !== null && !isSeq(doc.contents)) return { ok: false, message: 'The corpus file does not hold a list of entries.' };
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(fields.date)) return { ok: false, message: 'The date must be written YYYY-MM-DD.' };
  if (!fields.speaker.trim()) return { ok: false, message: 'A statement needs a speaker.' };
  const existing: unknown = doc.toJS({ maxAliasCount: 20 });
  const inFile = new Set((Array.isArray(existing) ? existing : []).map((e: unknown) => (e && typeof e === 'object' ? String((e as { id?: unknown }).id) : '')));
  const id = freshId(fields.speaker, fields.date, (x) => inFile.has(x) || index.get(x) !== undefined);
  const language = fields.language ?? 'en';
  const entry = {
    id,
    kind: 'statement',
    title: { en: `${fields.speaker.trim()}, ${fields.date}` },
    speaker: fields.speaker.trim(),
    date: fields.date,
    language,
    quote: { text: fields.quote, language },
    ...(fields.url ? { urls: [{ url: fields.url, kind: 'secondary' }] } : {}),
    verification: { level: 'unverified', note: 'Captured from a memo; check the quote against its source.' },
  };
  const block = new Document([entry]).toString({ lineWidth: 0 });
  // Flow-style or empty files are rewritten through the Document API; block lists get the entry appended.
  if (isSeq(doc.contents) && doc.contents.flow) {
    (doc.contents as unknown as YAMLSeq).add(doc.createNode(entry));
    const text = doc.toString({ lineWidth: 0 });
    return { ok: true, id, text, insertAt: 0, insert: text };
  }
  // The new entry follows the file's layout: its line ends and the column of its list.
  const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
  const indent = ' '.repeat(isSeq(doc.contents) && doc.contents.range ? columnOf(fileText, doc.contents.range[0]) : 0);
  const laidOut = block.replace(/^(?=.)/gm, indent).replace(/\n/g, eol);
  const sep = fileText.length === 0 || fileText.endsWith(eol + eol) ? '' : fileText.endsWith(eol) ? eol : eol + eol;
  const insert = `${sep}${laidOut}`;
  const text = fileText + insert;
  const check = parseDocument(text);
  const after = isSeq(check.contents) ? check.contents.items.length : 0;
  const before = isSeq(doc.contents) ? doc.contents.items.length : 0;
  // The old entries must read exactly as before (a `|+` scalar at the end would take in the blank line).
  const same = () => {
    const now: unknown = check.toJS({ maxAliasCount: 20 });
    return Array.isArray(now) && JSON.stringify(now.slice(0, before)) === JSON.stringify(Array.isArray(existing) ? existing : []);
  };
  if (check.errors.length || after !== before + 1 || !same()) return { ok: false, message: 'Appending the entry would not give a valid corpus file; nothing was changed.' };
  return { ok: true, id, text, insertAt: fileText.length, insert };
}
