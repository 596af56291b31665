/**
 * The corpus as the rest of the engine sees it: validated entries with the source span of each
 * part, so that definition, diagnostics and rename can point into the YAML file.
 * The on-disk format is documented in docs/corpus-format.md and data/schema/corpus.schema.json.
 */
import type { Span } from '../types.js';

/** Text by language code (`en`, `ru`, `kk`, others allowed). */
export type LangMap = Readonly<Record<string, string>>;
/** Lists by language code. */
export type LangListMap = Readonly<Record<string, readonly string[]>>;

export type EntryKind = 'law' | 'statement' | 'report' | 'event';
export type LawStatus = 'in-force' | 'amended' | 'repealed' | 'superseded' | 'draft' | 'unknown';
export type VerificationLevel = 'read' | 'secondary' | 'unverified';
export type FigureQualifier = 'exactly' | 'more-than' | 'less-than' | 'about' | 'up-to' | 'at-least';

export interface Verification {
  readonly level: VerificationLevel;
  readonly note?: string;
  readonly sources?: readonly string[];
}

/** A date fact: the date sources agree on, or the main one and the others reported. */
export interface DateFact {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  readonly date: string;
  readonly alsoReported: readonly string[];
  readonly note?: string;
}

export interface Url {
  readonly url: string;
  readonly kind: 'official' | 'translation' | 'archive' | 'secondary';
  readonly language?: string;
  /** Where the URL string sits in the corpus file. */
  readonly span?: Span;
}

export interface Duty {
  readonly who: LangMap;
  readonly what: LangMap;
  readonly verification?: Verification;
}

export interface Paragraph {
  readonly number: string;
  readonly summary: LangMap;
  readonly duties: readonly Duty[];
  readonly verification?: Verification;
  readonly span: Span;
}

export interface Article {
  readonly number: string;
  readonly title: LangMap;
  readonly summary: LangMap;
  readonly duties: readonly Duty[];
  readonly paragraphs: readonly Paragraph[];
  readonly verification?: Verification;
  readonly span: Span;
}

export interface Figure {
  readonly value: number;
  readonly unit: string;
  readonly qualifier: FigureQualifier;
  readonly text: LangMap;
  readonly year?: string;
  readonly verification?: Verification;
}

export interface Quote {
  readonly text: string;
  readonly language?: string;
  readonly translation: LangMap;
}

/** One corpus entry: a law, statement, report or event. */
export interface Entry {
  readonly id: string;
  readonly kind: EntryKind;
  /** For laws: law, code, constitution, regulation, order, draft. */
  readonly type?: string;
  readonly title: LangMap;
  readonly aliases: LangListMap;
  readonly jurisdiction?: string;
  readonly number?: string;
  readonly adopted?: DateFact;
  readonly inForce?: DateFact;
  readonly repealed?: DateFact;
  readonly date?: DateFact;
  readonly status?: LawStatus;
  readonly statusNote?: string;
  readonly urls: readonly Url[];
  readonly summary: LangMap;
  readonly verification: Verification;
  readonly related: readonly string[];
  readonly articles: readonly Article[];
  readonly speaker?: string;
  readonly role: LangMap;
  readonly venue: LangMap;
  readonly outlet?: string;
  readonly publisher?: string;
  readonly form?: string;
  readonly language?: string;
  readonly quote?: Quote;
  readonly figures: readonly Figure[];
  readonly about: readonly string[];
  /** Absolute path of the corpus file, and the spans of the entry and of its id value. */
  readonly file: string;
  readonly span: Span;
  readonly idSpan: Span;
  /** True for entries from the corpus shipped with LexLens (read-only for rename). */
  readonly bundled: boolean;
}

/** Picks the text in the first language of `prefer` that has one, else any. */
export function pick(map: LangMap | undefined, prefer: readonly string[] = ['en', 'ru', 'kk']): string | undefined {
  if (!map) return undefined;
  for (const l of prefer) if (map[l]) return map[l];
  for (const k of Object.keys(map)) if (map[k]) return map[k];
  return undefined;
}

/** The title to show for an entry, in the preferred language. */
export function entryTitle(e: Entry, prefer?: readonly string[]): string {
  return pick(e.title, prefer) ?? e.id;
}

/** Finds an article by its number, ignoring case and spaces ("41-1", "41–1"). */
export function findArticle(e: Entry, number: string): Article | undefined {
  const n = normalizeNumber(number);
  return e.articles.find((a) => normalizeNumber(a.number) === n);
}

/** Canonical form of an article or paragraph number: "9 (1)" → "9(1)", "41–1" → "41-1". */
export function normalizeNumber(n: string): string {
  return n.toLowerCase().replace(/\s+/g, '').replace(/[‐‑‒–—]/g, '-');
}
