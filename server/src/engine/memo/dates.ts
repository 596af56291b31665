/**
 * Dates stated in prose, at the precision written: "22 April 2024", "April 22, 2024",
 * "22 апреля 2024 года", "2024 жылғы 22 сәуірде", "2024-04-22" (day); "April 2024",
 * "в апреле 2024 года", "2024 жылғы сәуірде" (month).
 */
import type { Span } from '../types.js';

export interface MemoDate {
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  readonly date: string;
  readonly span: Span;
}

const MONTHS: readonly [number, RegExp][] = [
  [1, /^(?:january|jan|январ\p{L}*|қаңтар\p{L}*)$/iu],
  [2, /^(?:february|feb|феврал\p{L}*|ақпан\p{L}*)$/iu],
  [3, /^(?:march|mar|март\p{L}*|наурыз\p{L}*)$/iu],
  [4, /^(?:april|apr|апрел\p{L}*|сәуір\p{L}*)$/iu],
  [5, /^(?:may|ма[йяе]|мамыр\p{L}*)$/iu],
  [6, /^(?:june|jun|июн\p{L}*|маусым\p{L}*)$/iu],
  [7, /^(?:july|jul|июл\p{L}*|шілде\p{L}*)$/iu],
  [8, /^(?:august|aug|август\p{L}*|тамыз\p{L}*)$/iu],
  [9, /^(?:september|sept?|сентябр\p{L}*|қыркүйек\p{L}*)$/iu],
  [10, /^(?:october|oct|октябр\p{L}*|қазан\p{L}*)$/iu],
  [11, /^(?:november|nov|ноябр\p{L}*|қараша\p{L}*)$/iu],
  [12, /^(?:december|dec|декабр\p{L}*|желтоқсан\p{L}*)$/iu],
];

function month(word: string): number | undefined {
  return MONTHS.find(([, re]) => re.test(word))?.[0];
}

const pad = (n: number) => String(n).padStart(2, '0');
const WORD = '[\\p{L}]+';
const PATTERNS: readonly { re: RegExp; read: (m: RegExpExecArray) => string | undefined }[] = [
  { re: /(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/gu, read: (m) => `${m[1]}-${m[2]}-${m[3]}` },
  // 22 April 2024 / 22 апреля 2024 года
  { re: new RegExp(`(?<![\\p{N}])(\\d{1,2})\\s+(${WORD})\\s+((?:19|20)\\d{2})(?![\\p{N}])`, 'gu'), read: (m) => day(m[3]!, m[2]!, m[1]!) },
  // April 22, 2024
  { re: new RegExp(`(${WORD})\\s+(\\d{1,2}),?\\s+((?:19|20)\\d{2})(?![\\p{N}])`, 'gu'), read: (m) => day(m[3]!, m[1]!, m[2]!) },
  // 2024 жылғы 22 сәуірде
  { re: new RegExp(`((?:19|20)\\d{2})\\s+жыл\\p{L}*\\s+(\\d{1,2})\\s+(${WORD})`, 'gu'), read: (m) => day(m[1]!, m[3]!, m[2]!) },
  // April 2024 / апреле 2024 года / 2024 жылғы сәуірде
  { re: new RegExp(`(${WORD})\\s+((?:19|20)\\d{2})(?![\\p{N}])`, 'gu'), read: (m) => monthOnly(m[2]!, m[1]!) },
  { re: new RegExp(`((?:19|20)\\d{2})\\s+жыл\\p{L}*\\s+(${WORD})`, 'gu'), read: (m) => monthOnly(m[1]!, m[2]!) },
];

function day(y: string, mon: string, d: string): string | undefined {
  const mo = month(mon);
  const dn = Number(d);
  if (!mo || dn < 1 || dn > 31) return undefined;
  return `${y}-${pad(mo)}-${pad(dn)}`;
}
function monthOnly(y: string, mon: string): string | undefined {
  const mo = month(mon);
  return mo ? `${y}-${pad(mo)}` : undefined;
}

/** Dates in a text, most precise reading first where readings overlap. */
export function findDates(text: string): MemoDate[] {
  const out: MemoDate[] = [];
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const date = read(m);
      if (!date) continue;
      const span = { start: m.index, end: m.index + m[0].length };
      if (out.some((o) => span.start < o.span.end && o.span.start < span.end)) continue;
      out.push({ date, span });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** True when a source date agrees with a memo date at the precision both have. */
export function datesAgree(memo: string, source: string): boolean {
  const n = Math.min(memo.length, source.length);
  return memo.slice(0, n) === source.slice(0, n);
}
