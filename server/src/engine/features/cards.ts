/**
 * Markdown cards that describe an entry or one of its articles, for hover and completion.
 * Text comes in the memo's language first, then the others.
 */
import type { Article, DateFact, Entry, Paragraph, Verification } from '../corpus/model.js';
import { pick } from '../corpus/model.js';
import type { Pinpoint } from '../memo/pinpoint.js';
import { m, type MessageKey } from '../messages.js';
import type { Lang } from '../types.js';

const ORDER: Record<Lang, readonly string[]> = { en: ['en', 'ru', 'kk'], ru: ['ru', 'en', 'kk'], kk: ['kk', 'ru', 'en'] };

function status(s: string | undefined, lang: Lang): string {
  return m(`status.${s ?? 'unknown'}` as MessageKey, lang);
}

function date(d: DateFact | undefined, lang: Lang): string | undefined {
  if (!d) return undefined;
  return d.alsoReported.length ? `${d.date} (${m('alsoReported', lang)}: ${d.alsoReported.join(', ')})` : d.date;
}

function verificationLine(v: Verification | undefined, lang: Lang): string | undefined {
  if (!v) return undefined;
  return `_${m('verification', lang)}: ${m(`verification.${v.level}`, lang)}${v.note ? ` — ${clip(v.note, 240)}` : ''}_`;
}

function firstSentence(s: string): string {
  const m = /^.{20,}?[.!?](?=\s|$)/su.exec(s);
  return clip(m ? m[0] : s, 300);
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1).replace(/\s+\S*$/, '')}…` : s;
}

function escape(s: string): string {
  return s.replace(/([*_`[\]<>])/g, '\\$1');
}

/** One line that says what an entry is: number, dates and status, or speaker and date. */
export function entryDetail(e: Entry, lang: Lang = 'en'): string {
  if (e.kind === 'law') {
    const parts = [e.number ? `${m('no', lang)} ${e.number}` : undefined, e.adopted ? e.adopted.date : undefined, e.status ? status(e.status, lang) : undefined, e.jurisdiction];
    return parts.filter(Boolean).join(' · ');
  }
  return [e.speaker, e.date?.date, e.outlet ?? e.publisher, e.kind].filter(Boolean).join(' · ');
}

/** The hover card of an entry, optionally focused on a pinpoint. */
export function entryCard(e: Entry, lang: Lang, pinpoint?: Pinpoint): string {
  const order = ORDER[lang];
  const title = pick(e.title, order) ?? e.id;
  const lines: string[] = [`**${escape(title)}**`];
  const others = order.slice(1).map((l) => e.title[l]).filter((t): t is string => !!t && t !== title);
  if (others.length) lines.push(others.map((t) => `_${escape(t)}_`).join('  \n'));
  lines.push('');
  if (e.kind === 'law') {
    const facts = [
      e.number ? `${m('no', lang)} ${escape(e.number)}` : undefined,
      e.adopted ? `${m('adopted', lang)} ${date(e.adopted, lang)}` : undefined,
      e.inForce ? `${m('inForceFrom', lang)} ${date(e.inForce, lang)}` : undefined,
      e.repealed ? `${m('repealed', lang)} ${date(e.repealed, lang)}` : undefined,
      `${m('status', lang)}: ${status(e.status, lang)}`,
      e.jurisdiction,
    ].filter(Boolean);
    lines.push(facts.join(' · '));
    if (e.statusNote) lines.push('', `_${escape(firstSentence(e.statusNote))}_`);
  } else {
    const role = pick(e.role, order);
    const venue = pick(e.venue, order);
    lines.push([e.speaker ? `${escape(e.speaker)}${role ? `, ${escape(role)}` : ''}` : undefined, date(e.date, lang), venue ? escape(venue) : undefined, e.outlet ? escape(e.outlet) : undefined].filter(Boolean).join(' · '));
    if (e.quote) lines.push('', `> ${escape(e.quote.text)}`);
    for (const f of e.figures) lines.push(`- ${escape(pick(f.text, order) ?? `${f.value} ${f.unit}`)}`);
  }
  const article = pinpoint?.article ? e.articles.find((a) => a.number.toLowerCase() === pinpoint.article!.toLowerCase()) : undefined;
  const summary = pick(e.summary, order);
  // With a pinpoint the article is what the reader asked about; the law's summary is one line.
  if (article) lines.push('', articleSection(article, lang, pinpoint?.paragraphs ?? []));
  if (summary) lines.push('', escape(article ? firstSentence(summary) : clip(summary, 600)));
  const official = e.urls[0];
  if (official) lines.push('', `[${m(official.kind === 'official' ? 'officialText' : 'source', lang)}](${official.url})`);
  const ver = verificationLine(e.verification, lang);
  if (ver) lines.push('', ver);
  lines.push('', `\`${e.id}\``);
  return lines.join('\n');
}

/** Finds the paragraph a path names: ["4", "2"] is "4(2)". */
export function findParagraph(a: Article, path: readonly string[]): Paragraph | undefined {
  if (path.length === 0) return undefined;
  const wanted = path.length === 1 ? path[0]! : `${path[0]}${path.slice(1).map((p) => `(${p})`).join('')}`;
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return a.paragraphs.find((p) => norm(p.number) === norm(wanted));
}

/** The section of a card about one article (and a paragraph of it). */
export function articleSection(a: Article, lang: Lang, path: readonly string[] = []): string {
  const order = ORDER[lang];
  const title = pick(a.title, order);
  const label = lang === 'kk' ? `${escape(a.number)}-${m('article', lang)}` : `${m('article', lang)} ${escape(a.number)}`;
  const lines = [`**${label}${title ? ` — ${escape(title)}` : ''}**`];
  const para = findParagraph(a, path);
  const shown = para ? [para] : path.length ? [] : a.paragraphs;
  const summary = pick(a.summary, order);
  if (summary && !para) lines.push('', escape(summary));
  for (const p of shown) {
    const s = pick(p.summary, order);
    if (s) lines.push('', `${escape(p.number)}. ${escape(s)}`);
  }
  const duties = [...a.duties, ...shown.flatMap((p) => p.duties)];
  if (duties.length) {
    lines.push('', `_${m('duties', lang)}:_`);
    for (const d of duties) lines.push(`- ${escape(pick(d.who, order) ?? '')}: ${escape(pick(d.what, order) ?? '')}`);
  }
  const ver = verificationLine(para?.verification ?? a.verification, lang);
  if (ver) lines.push('', ver);
  return lines.join('\n');
}
