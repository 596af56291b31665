/**
 * Turns validated corpus data into `Entry` values, then checks what a schema cannot: real
 * calendar dates, unique ids across files, references to ids that exist, article numbers not
 * repeated. A broken entry is reported and skipped; the rest of the file still serves.
 */
import type { CorpusFinding, Finding, Span } from '../types.js';
import type {
  Article, DateFact, Duty, Entry, EntryKind, Figure, FigureQualifier, LangListMap, LangMap, LawStatus, Paragraph, Quote, Url, Verification,
} from './model.js';
import { normalizeNumber } from './model.js';
import type { ParsedFile } from './parse.js';
import type { EntryHead } from './store.js';

type Obj = Record<string, unknown>;
const KINDS: readonly EntryKind[] = ['law', 'statement', 'report', 'event'];
const ID_RE = /^[a-z0-9][a-z0-9._:-]*$/;

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
  const out: Record<string, string> = {};
  for (const k of Object.keys(v)) {
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
function strList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : [];
}
function verification(v: unknown): Verification | undefined {
  if (!isObj(v)) return undefined;
  const level = v.level === 'read' || v.level === 'secondary' || v.level === 'unverified' ? v.level : 'unverified';
  const note = str(v.note);
  return { level, ...(note ? { note } : {}), sources: strList(v.sources) };
}

/** True when `s` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real calendar date. */
export function isValidDate(s: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return day <= days;
}

/** Builds the entries of one parsed, schema-checked file. */
export function buildEntries(parsed: ParsedFile, file: string, bundled: boolean): { entries: Entry[]; pointers: Map<string, string>; findings: Finding[] } {
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

  const dateFact = (v: unknown, p: string): DateFact | undefined => {
    let fact: DateFact | undefined;
    if (typeof v === 'string' || typeof v === 'number') fact = { date: String(v), alsoReported: [] };
    else if (isObj(v) && (typeof v.date === 'string' || typeof v.date === 'number')) {
      const note = str(v.note);
      fact = { date: String(v.date), alsoReported: strList(v.also_reported), ...(note ? { note } : {}) };
    }
    if (!fact) return undefined;
    const check = (d: string, ptr: string) => {
      // Only what the schema's pattern lets through (months 01–12, days 01–31) is checked here,
      // so one bad date gets one finding.
      if (/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.test(d) && !isValidDate(d)) {
        findings.push({ rule: 'corpus-schema', message: `\`${d}\` is not a real calendar date.`, span: spanAt(ptr) });
      }
    };
    check(fact.date, isObj(v) ? `${p}/date` : p);
    fact.alsoReported.forEach((d, i) => check(d, `${p}/also_reported/${i}`));
    return isValidDate(fact.date) ? fact : undefined;
  };
  const duties = (v: unknown): Duty[] =>
    Array.isArray(v)
      ? v.filter(isObj).map((d) => {
          const ver = verification(d.verification);
          return { who: langMap(d.who), what: langMap(d.what), ...(ver ? { verification: ver } : {}) };
        })
      : [];

  data.forEach((raw, i) => {
    const p = `/${i}`;
    if (!isObj(raw)) return;
    const id = str(raw.id);
    const kind = KINDS.find((k) => k === raw.kind);
    if (!id || !ID_RE.test(id) || !kind) return; // the schema finding says why
    const articles: Article[] = [];
    const seenArticles = new Map<string, number>();
    (Array.isArray(raw.articles) ? raw.articles : []).forEach((a, j) => {
      const ap = `${p}/articles/${j}`;
      if (!isObj(a)) return;
      const number = str(a.number);
      if (!number) return;
      const n = normalizeNumber(number);
      if (seenArticles.has(n)) {
        findings.push({ rule: 'corpus-schema', message: `Article ${number} is listed twice in \`${id}\`.`, span: spanAt(`${ap}/number`) });
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
        if (seenParas.has(normalizeNumber(pn))) {
          findings.push({ rule: 'corpus-schema', message: `Paragraph ${pn} is listed twice in article ${number} of \`${id}\`.`, span: spanAt(`${pp}/number`) });
          return;
        }
        seenParas.add(normalizeNumber(pn));
        const ver = verification(para.verification);
        paragraphs.push({ number: pn, summary: langMap(para.summary), duties: duties(para.duties), ...(ver ? { verification: ver } : {}), span: spanAt(pp) });
      });
      const ver = verification(a.verification);
      articles.push({ number, title: langMap(a.title), summary: langMap(a.summary), duties: duties(a.duties), paragraphs, ...(ver ? { verification: ver } : {}), span: spanAt(ap) });
    });
    const urls: Url[] = (Array.isArray(raw.urls) ? raw.urls : []).flatMap((u, j): Url[] => {
      if (typeof u === 'string') return [{ url: u, kind: 'official', span: spanAt(`${p}/urls/${j}`) }];
      if (!isObj(u) || typeof u.url !== 'string') return [];
      const k = u.kind === 'translation' || u.kind === 'archive' || u.kind === 'secondary' ? u.kind : 'official';
      const language = str(u.language);
      return [{ url: u.url, kind: k, ...(language ? { language } : {}), span: spanAt(`${p}/urls/${j}/url`) }];
    });
    const figures: Figure[] = (Array.isArray(raw.figures) ? raw.figures : []).flatMap((f): Figure[] => {
      if (!isObj(f) || typeof f.value !== 'number') return [];
      const q = ['exactly', 'more-than', 'less-than', 'about', 'up-to', 'at-least'].includes(String(f.qualifier)) ? (f.qualifier as FigureQualifier) : 'exactly';
      const ver = verification(f.verification);
      const year = str(f.year);
      return [{ value: f.value, unit: str(f.unit) ?? '', qualifier: q, text: langMap(f.text), ...(year ? { year } : {}), ...(ver ? { verification: ver } : {}) }];
    });
    let quote: Quote | undefined;
    if (typeof raw.quote === 'string') quote = { text: raw.quote, translation: {} };
    else if (isObj(raw.quote) && typeof raw.quote.text === 'string') {
      const language = str(raw.quote.language);
      quote = { text: raw.quote.text, ...(language ? { language } : {}), translation: langMap(raw.quote.translation) };
    }
    const status = ['in-force', 'amended', 'repealed', 'superseded', 'draft', 'unknown'].includes(String(raw.status)) ? (raw.status as LawStatus) : undefined;
    const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: V }));
    entries.push({
      id,
      kind,
      ...opt('type', str(raw.type)),
      title: langMap(raw.title),
      aliases: langListMap(raw.aliases),
      ...opt('jurisdiction', str(raw.jurisdiction)),
      ...opt('number', str(raw.number)),
      ...opt('adopted', dateFact(raw.adopted, `${p}/adopted`)),
      ...opt('inForce', dateFact(raw.in_force, `${p}/in_force`)),
      ...opt('repealed', dateFact(raw.repealed, `${p}/repealed`)),
      ...opt('date', dateFact(raw.date, `${p}/date`)),
      ...opt('status', status),
      ...opt('statusNote', str(raw.status_note)),
      urls,
      summary: langMap(raw.summary),
      verification: verification(raw.verification) ?? { level: 'unverified', note: 'No verification recorded.' },
      related: strList(raw.related),
      articles,
      ...opt('speaker', str(raw.speaker)),
      role: langMap(raw.role),
      venue: langMap(raw.venue),
      ...opt('outlet', str(raw.outlet)),
      ...opt('publisher', str(raw.publisher)),
      ...opt('form', str(raw.form)),
      ...opt('language', str(raw.language)),
      ...opt('quote', quote),
      figures,
      about: strList(raw.about),
      file,
      span: spanAt(p),
      idSpan: spanAt(`${p}/id`),
      bundled,
    });
    if (!pointers.has(id)) pointers.set(id, p);
  });
  return { entries, pointers, findings };
}

/** An entry's head and where it sits, for the checks across files. */
export interface PlacedHead {
  readonly head: EntryHead;
  readonly file: string;
  /** Opaque position, handed back in `unique`. */
  readonly at: number;
}

/**
 * Cross-file checks: an id used twice (every copy reports it) and references to ids that do not
 * exist. `unique` keeps the first head of each id.
 */
export function crossCheck(heads: readonly PlacedHead[]): { unique: PlacedHead[]; findings: CorpusFinding[] } {
  const findings: CorpusFinding[] = [];
  const first = new Map<string, PlacedHead>();
  const unique: PlacedHead[] = [];
  const copies = new Map<string, PlacedHead[]>();
  for (const p of heads) {
    const list = copies.get(p.head.id);
    if (list) list.push(p);
    else copies.set(p.head.id, [p]);
  }
  for (const p of heads) {
    const same = copies.get(p.head.id)!;
    if (same.length > 1) {
      // Every copy is reported, so the verdict does not depend on the order files are read in.
      const others = same.filter((o) => o !== p).map((o) => (o.file === p.file ? 'elsewhere in this file' : o.file));
      findings.push({ rule: 'corpus-schema', file: p.file, span: p.head.idSpan, message: `The id \`${p.head.id}\` is also used ${others[0]!.startsWith('elsewhere') ? others[0] : `in ${others.join(', ')}`}; ids must be unique across the corpus.` });
    }
    if (first.has(p.head.id)) continue;
    first.set(p.head.id, p);
    unique.push(p);
  }
  for (const p of unique) {
    for (const field of ['related', 'about'] as const) {
      const spans = field === 'related' ? p.head.relatedSpans : p.head.aboutSpans;
      p.head[field].forEach((ref, i) => {
        if (!first.has(ref)) {
          findings.push({ rule: 'corpus-schema', file: p.file, span: spans[i] ?? p.head.idSpan, message: `\`${field}\` points to \`${ref}\`, which is not an id in the corpus.` });
        }
      });
    }
  }
  return { unique, findings };
}
