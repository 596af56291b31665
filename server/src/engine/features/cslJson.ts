/**
 * CSL-JSON export of corpus entries, for `pandoc --citeproc --bibliography` and Zotero: laws are
 * `legislation` (number, issued date, authority, URL); statements are `speech` (or `interview`,
 * `report` for press releases); reports are `report`; events are `event`.
 */
import type { DateFact, Entry } from '../corpus/model.js';
import { pick } from '../corpus/model.js';

/** One CSL-JSON item (the variables LexLens fills). */
export interface CslItem {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly [variable: string]: unknown;
}

const AUTHORITY: Record<string, string> = {
  KZ: 'Republic of Kazakhstan',
  UZ: 'Republic of Uzbekistan',
  RU: 'Russian Federation',
  TR: 'Republic of Türkiye',
  KG: 'Kyrgyz Republic',
  EU: 'European Union',
};

function dateParts(d: DateFact | undefined): { 'date-parts': number[][] } | undefined {
  if (!d) return undefined;
  return { 'date-parts': [d.date.split('-').map(Number)] };
}

function statementType(e: Entry): string {
  if (e.kind === 'report') return 'report';
  if (e.kind === 'event') return 'event';
  if (e.form === 'interview') return 'interview';
  if (e.form === 'press-release') return 'report';
  return 'speech';
}

/** Maps one entry to CSL-JSON. */
export function toCsl(e: Entry, lang = 'en'): CslItem {
  const order = [lang, 'en', 'ru', 'kk'];
  const title = pick(e.title, order) ?? e.id;
  const url = e.urls[0]?.url;
  const base: Record<string, unknown> = { id: e.id, title };
  if (url) base.URL = url;
  const summary = pick(e.summary, order);
  if (summary) base.abstract = summary;
  if (e.verification.level !== 'read') base.note = `LexLens verification: ${e.verification.level}${e.verification.note ? ` (${e.verification.note})` : ''}`;
  if (e.kind === 'law') {
    const issued = dateParts(e.adopted ?? e.inForce);
    return {
      ...base,
      id: e.id,
      title,
      type: 'legislation',
      ...(e.number ? { number: e.number } : {}),
      ...(issued ? { issued } : {}),
      ...(e.jurisdiction ? { authority: AUTHORITY[e.jurisdiction] ?? e.jurisdiction } : {}),
      ...(e.status === 'draft' ? { status: 'draft' } : {}),
    };
  }
  const issued = dateParts(e.date);
  const venue = pick(e.venue, order);
  return {
    ...base,
    id: e.id,
    title,
    type: statementType(e),
    ...(e.speaker ? { author: [{ literal: e.speaker }] } : {}),
    ...(issued ? { issued } : {}),
    ...(e.outlet ?? e.publisher ? { publisher: e.outlet ?? e.publisher } : {}),
    ...(venue ? { 'event-place': venue } : {}),
    ...(e.language ? { language: e.language } : {}),
  };
}

/** The CSL-JSON array for a set of entries, in id order. */
export function cslJson(entries: readonly Entry[], lang = 'en'): CslItem[] {
  return [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((e) => toCsl(e, lang));
}
