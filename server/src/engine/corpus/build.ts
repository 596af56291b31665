/**
 * Turns validated corpus data into `Entry` values, then checks what a schema cannot: real
 * calendar dates, unique ids across files, references to ids that exist, article numbers not
 * repeated. A broken entry is reported and skipped; the rest of the file still serves.
 */
import type { CorpusFinding, Finding, Span } from '../types.js';
import type {
  Article, DateFact, Duty, Entry, Figure, FigureQualifier, LangListMap, LangMap, LawStatus, Paragraph, Quote, Url, Verification,
} from './model.js';
import { corpusText } from './corpusMessages.js';
import { normalizeNumber } from './model.js';
import type { EntryHead } from './store.js';
import { ownString } from '../text.js';
import type { Steps } from '../slice.js';

type Obj = Record<string, unknown>;
/** The schema's id pattern: an entry with another id is not served (the schema finding says why). */
const ID_RE = /^[a-z0-9]([a-z0-9._:-]*[a-z0-9_])?$/;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}
function langMap(v: unknown): LangMap {
  if (typeof v === 'string') return { en: v };
  if (!isObj(v)) return {};
  const keys = Object.keys(v);
  // A map of strings (the usual case) is the parsed data's own object, used as it is.
  let copy = false;
  for (const k of keys) {
    if (typeof v[k] !== 'string' || k === '__proto__') {
      copy = true;
      break;
    }
  }
  if (!copy) return v as LangMap;
  const out: Record<string, string> = {};
  for (const k of keys) {
    const s = str(v[k]);
    if (s !== undefined) out[k] = s;
  }
  return out;
}
function langListMap(v: unknown): LangListMap {
  if (Array.isArray(v)) return { en: v.map(str).filter((s): s is string => !!s) };
  if (!isObj(v)) return {};
  const out: Record<string, string[]> = {};
  for (const k of Object.keys(v)) {
    const list = v[k];
    out[k] = Array.isArray(list) ? list.map(str).filter((s): s is string => !!s) : typeof list === 'string' ? [list] : [];
  }
  return out;
}
/** The ids in a list of references, as strings of their own. */
function refList(v: unknown): string[] {
  return strList(v).map(ownString);
}
function strList(v: unknown): string[] {
  const out: string[] = [];
  if (!Array.isArray(v)) return out;
  for (const item of v) {
    const s = str(item);
    if (s) out.push(s);
  }
  return out;
}
function verification(v: unknown): Verification | undefined {
  if (!isObj(v)) return undefined;
  const level = v.level === 'read' || v.level === 'secondary' || v.level === 'unverified' ? v.level : 'unverified';
  const note = str(v.note);
  return note ? { level, note, sources: strList(v.sources) } : { level, sources: strList(v.sources) };
}

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when `s` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real calendar date. */
export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  if (month < 1 || month > 12 || day < 1) return false;
  if (month !== 2) return day <= MONTH_DAYS[month - 1]!;
  // As JavaScript's Date.UTC reads them, years 0000–0099 are 1900–1999.
  let year = Number(m[1]);
  if (year < 100) year += 1900;
  return day <= ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28);
}

/** Dates the schema's pattern lets through (months 01–12, days 01–31); only these are checked against the calendar. */
const SCHEMA_DATE_RE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const STATUSES: readonly string[] = ['in-force', 'amended', 'repealed', 'superseded', 'draft', 'unknown'];
const QUALIFIERS: readonly string[] = ['exactly', 'more-than', 'less-than', 'about', 'up-to', 'at-least'];

/** An object being built: its optional fields are added, when present, in the order its type lists them. */
type Building<T> = { -readonly [K in keyof T]: T[K] };

/** What building entries reads of a parsed file: its data, and the span of a value by its JSON pointer. */
export interface BuildInput {
  readonly data: unknown;
  readonly valueSpans: { get(pointer: string): Span | undefined };
}

/** Builds the entries of one parsed, schema-checked file. */
export function buildEntries(parsed: BuildInput, file: string, bundled: boolean): { entries: Entry[]; pointers: Map<string, string>; findings: Finding[] } {
  const findings: Finding[] = [];
  const entries: Entry[] = [];
  const pointers = new Map<string, string>();
  const data = parsed.data;
  if (data === null || data === undefined) return { entries, pointers, findings };
  if (!Array.isArray(data)) {
    // The schema already reported the shape; nothing to build.
    return { entries, pointers, findings };
  }
  const spanAt = (p: string): Span => parsed.valueSpans.get(p) ?? { start: 0, end: 0 };

  /** Reports a date the schema lets through that is not in the calendar (one bad date, one finding). */
  const checkDate = (d: string, valid: boolean, ptr: () => string) => {
    if (!valid && SCHEMA_DATE_RE.test(d)) findings.push({ rule: 'corpus-schema', ...corpusText('notCalendarDate', [d]), span: spanAt(ptr()) });
  };
  /** The date at `${p}/${field}`. */
  const dateFact = (v: unknown, p: string, field: string): DateFact | undefined => {
    let fact: DateFact;
    const isObject = isObj(v);
    if (typeof v === 'string' || typeof v === 'number') fact = { date: String(v), alsoReported: [] };
    else if (isObject && (typeof v.date === 'string' || typeof v.date === 'number')) {
      const note = str(v.note);
      const date = String(v.date);
      const alsoReported = strList(v.also_reported);
      fact = note ? { date, alsoReported, note } : { date, alsoReported };
    } else return undefined;
    const valid = isValidDate(fact.date);
    checkDate(fact.date, valid, () => (isObject ? `${p}/${field}/date` : `${p}/${field}`));
    fact.alsoReported.forEach((d, i) => checkDate(d, isValidDate(d), () => `${p}/${field}/also_reported/${i}`));
    return valid ? fact : undefined;
  };
  const duties = (v: unknown): Duty[] => {
    const out: Duty[] = [];
    if (!Array.isArray(v)) return out;
    for (const d of v) {
      if (!isObj(d)) continue;
      const ver = verification(d.verification);
      out.push(ver ? { who: langMap(d.who), what: langMap(d.what), verification: ver } : { who: langMap(d.who), what: langMap(d.what) });
    }
    return out;
  };

  data.forEach((raw, i) => {
    const p = `/${i}`;
    if (!isObj(raw)) return;
    const rawId = str(raw.id);
    const kind = raw.kind === 'law' || raw.kind === 'statement' || raw.kind === 'report' || raw.kind === 'event' ? raw.kind : undefined;
    if (!rawId || !ID_RE.test(rawId) || !kind) return; // the schema finding says why
    const id = ownString(rawId);
    const articles: Article[] = [];
    const seenArticles = new Map<string, number>();
    (Array.isArray(raw.articles) ? raw.articles : []).forEach((a, j) => {
      const ap = `${p}/articles/${j}`;
      if (!isObj(a)) return;
      const number = str(a.number);
      if (!number) return;
      const n = normalizeNumber(number);
      if (seenArticles.has(n)) {
        findings.push({ rule: 'corpus-schema', ...corpusText('articleTwice', [number, id]), span: spanAt(`${ap}/number`) });
        return;
      }
      seenArticles.set(n, j);
      const paragraphs: Paragraph[] = [];
      const seenParas = new Set<string>();
      (Array.isArray(a.paragraphs) ? a.paragraphs : []).forEach((para, k) => {
        const pp = `${ap}/paragraphs/${k}`;
        if (!isObj(para)) return;
        const pn = str(para.number);
        if (!pn) return;
        const pnn = normalizeNumber(pn);
        if (seenParas.has(pnn)) {
          findings.push({ rule: 'corpus-schema', ...corpusText('paragraphTwice', [pn, number, id]), span: spanAt(`${pp}/number`) });
          return;
        }
        seenParas.add(pnn);
        const summary = langMap(para.summary);
        const paraDuties = duties(para.duties);
        const ver = verification(para.verification);
        const span = spanAt(pp);
        paragraphs.push(ver ? { number: pn, summary, duties: paraDuties, verification: ver, span } : { number: pn, summary, duties: paraDuties, span });
      });
      const title = langMap(a.title);
      const summary = langMap(a.summary);
      const articleDuties = duties(a.duties);
      const ver = verification(a.verification);
      const span = spanAt(ap);
      articles.push(ver ? { number, title, summary, duties: articleDuties, paragraphs, verification: ver, span } : { number, title, summary, duties: articleDuties, paragraphs, span });
    });
    const urls: Url[] = [];
    (Array.isArray(raw.urls) ? raw.urls : []).forEach((u, j) => {
      if (typeof u === 'string') urls.push({ url: u, kind: 'official', span: spanAt(`${p}/urls/${j}`) });
      else if (isObj(u) && typeof u.url === 'string') {
        const k = u.kind === 'translation' || u.kind === 'archive' || u.kind === 'secondary' ? u.kind : 'official';
        const language = str(u.language);
        const span = spanAt(`${p}/urls/${j}/url`);
        urls.push(language ? { url: u.url, kind: k, language, span } : { url: u.url, kind: k, span });
      }
    });
    const figures: Figure[] = [];
    for (const f of Array.isArray(raw.figures) ? raw.figures : []) {
      if (!isObj(f) || typeof f.value !== 'number') continue;
      const q = QUALIFIERS.includes(String(f.qualifier)) ? (f.qualifier as FigureQualifier) : 'exactly';
      const figure = { value: f.value, unit: str(f.unit) ?? '', qualifier: q, text: langMap(f.text) } as Building<Figure>;
      const ver = verification(f.verification);
      const year = str(f.year);
      if (year) figure.year = year;
      if (ver) figure.verification = ver;
      figures.push(figure);
    }
    let quote: Quote | undefined;
    if (typeof raw.quote === 'string') quote = { text: raw.quote, translation: {} };
    else if (isObj(raw.quote) && typeof raw.quote.text === 'string') {
      const language = str(raw.quote.language);
      quote = language ? { text: raw.quote.text, language, translation: langMap(raw.quote.translation) } : { text: raw.quote.text, translation: langMap(raw.quote.translation) };
    }
    const status = STATUSES.includes(String(raw.status)) ? (raw.status as LawStatus) : undefined;
    // Fields are added in the order Entry lists them, optional ones only when present.
    const entry = { id, kind } as Building<Entry>;
    const optional = <K extends keyof Entry>(key: K, value: Entry[K] | undefined) => {
      if (value !== undefined) entry[key] = value;
    };
    optional('type', str(raw.type));
    entry.title = langMap(raw.title);
    entry.aliases = langListMap(raw.aliases);
    optional('jurisdiction', str(raw.jurisdiction));
    optional('number', str(raw.number));
    optional('adopted', dateFact(raw.adopted, p, 'adopted'));
    optional('inForce', dateFact(raw.in_force, p, 'in_force'));
    optional('repealed', dateFact(raw.repealed, p, 'repealed'));
    optional('date', dateFact(raw.date, p, 'date'));
    optional('status', status);
    optional('statusNote', str(raw.status_note));
    entry.urls = urls;
    entry.summary = langMap(raw.summary);
    entry.verification = verification(raw.verification) ?? { level: 'unverified', note: 'No verification recorded.' };
    entry.related = refList(raw.related);
    entry.articles = articles;
    optional('speaker', str(raw.speaker));
    entry.role = langMap(raw.role);
    entry.venue = langMap(raw.venue);
    optional('outlet', str(raw.outlet));
    optional('publisher', str(raw.publisher));
    optional('form', str(raw.form));
    optional('language', str(raw.language));
    optional('quote', quote);
    entry.figures = figures;
    entry.about = refList(raw.about);
    entry.file = file;
    entry.span = spanAt(p);
    entry.idSpan = spanAt(`${p}/id`);
    entry.bundled = bundled;
    entries.push(entry);
    if (!pointers.has(id)) pointers.set(id, p);
  });
  return { entries, pointers, findings };
}

/** Entry positions packed in one number: file index × 2^21 + position in the file. */
export const FILE_STRIDE = 2 ** 21;

/**
 * Cross-file checks over the files' entry heads, in order, in steps (one file at a time): an id
 * used twice (every copy reports it, so the verdict does not depend on the order files are read
 * in) and references to ids that do not exist. `where` maps each id to its first entry's position (FILE_STRIDE × file + entry);
 * `ids` lists the ids in order of those positions.
 */
export function* crossCheck(files: readonly { readonly file: string; readonly heads: readonly EntryHead[] }[]): Steps<{ where: Map<string, number>; ids: string[]; findings: CorpusFinding[] }> {
  const findings: CorpusFinding[] = [];
  const where = new Map<string, number>();
  const ids: string[] = [];
  /** Positions of every copy of an id used more than once. */
  let copies: Map<string, number[]> | undefined;
  for (let fi = 0; fi < files.length; fi++) {
    files[fi]!.heads.forEach((h, i) => {
      const at = fi * FILE_STRIDE + i;
      const first = where.get(h.id);
      if (first === undefined) {
        where.set(h.id, at);
        ids.push(h.id);
        return;
      }
      copies ??= new Map();
      const list = copies.get(h.id);
      if (list) list.push(at);
      else copies.set(h.id, [first, at]);
    });
    yield;
  }
  const fileOf = (at: number) => files[Math.floor(at / FILE_STRIDE)]!;
  const headOf = (at: number) => fileOf(at).heads[at % FILE_STRIDE]!;
  const findingsAt = new Map<number, CorpusFinding[]>();
  for (const [id, list] of copies ?? []) {
    for (const at of list) {
      const file = fileOf(at).file;
      const others = list.filter((o) => o !== at).map((o) => fileOf(o).file);
      // Another copy in this file is named as such: '' among the files.
      const text = others[0] === file ? corpusText('duplicateHere', [id]) : corpusText('duplicateIn', [id, ...others.map((o) => (o === file ? '' : o))]);
      findingsAt.set(at, [{ rule: 'corpus-schema', file, span: headOf(at).idSpan, ...text }]);
    }
  }
  // The duplicate reports in entry order, then the unknown references.
  if (copies) {
    files.forEach((f, fi) => {
      f.heads.forEach((_, i) => {
        const dup = findingsAt.get(fi * FILE_STRIDE + i);
        if (dup) findings.push(...dup);
      });
    });
  }
  for (let fi = 0; fi < files.length; fi++) {
    const f = files[fi]!;
    yield;
    f.heads.forEach((h, i) => {
      if ((h.related.length === 0 && h.about.length === 0) || where.get(h.id) !== fi * FILE_STRIDE + i) return;
      for (const field of ['related', 'about'] as const) {
        const spans = field === 'related' ? h.relatedSpans : h.aboutSpans;
        h[field].forEach((ref, k) => {
          if (!where.has(ref)) findings.push({ rule: 'corpus-schema', file: f.file, span: spans[k] ?? h.idSpan, ...corpusText('dangling', [field, ref]) });
        });
      }
    });
  }
  return { where, ids, findings };
}
