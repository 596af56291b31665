/**
 * What the index needs of a corpus file's entries, computed where the file is read (in a worker
 * thread when the loader has them, and stored with the file in the cache), so building the index
 * never reads the entries back: the words of each entry's searchable text, its kind, and the names
 * of its laws.
 */
import type { Entry } from '../corpus/model.js';
import { prepareNames, type NameSource, type PreparedNames } from './names.js';
import { numberWords, type NumberedWords } from './prefilter.js';

/** Kinds in the order an empty query lists them: laws first. */
export const KIND_ORDER: Readonly<Record<string, number>> = { law: 0, statement: 1, report: 2, event: 3 };

export interface IndexInputs {
  /** The words of each entry's id, number, titles, aliases and speaker, in file order, numbered in the file's vocabulary. */
  readonly words: NumberedWords;
  /** Per entry, in file order: its KIND_ORDER. */
  readonly kinds: Uint8Array;
  /** The names of the laws among the entries, in file order, stemmed for the name matcher. */
  readonly names: PreparedNames;
  /** Per law the names are of: its entry's position in the file. */
  readonly lawAt: Int32Array;
}

/** Every title and alias of an entry and its speaker, in one string. */
export function namesOf(e: Entry): string {
  const parts: string[] = [];
  for (const t of Object.values(e.title)) parts.push(t);
  for (const list of Object.values(e.aliases)) for (const a of list) parts.push(a);
  parts.push(e.speaker ?? '');
  return parts.join(' · ');
}

/** The text an entry is found by in the prefilter. */
export function searchTextOf(e: Entry): string {
  return `${e.id} ${e.number ?? ''} ${namesOf(e)}`;
}

/** What the name matcher reads of a law. */
export function nameSourceOf(e: Entry): NameSource {
  return { id: e.id, kind: e.kind, jurisdiction: e.jurisdiction, title: e.title, aliases: e.aliases, ...(e.number ? { number: e.number } : {}) };
}

export function indexInputsOf(entries: readonly Entry[]): IndexInputs {
  const kinds = new Uint8Array(entries.length);
  const laws: NameSource[] = [];
  const lawAt: number[] = [];
  entries.forEach((e, i) => {
    kinds[i] = KIND_ORDER[e.kind] ?? 4;
    if (e.kind === 'law') {
      laws.push(nameSourceOf(e));
      lawAt.push(i);
    }
  });
  return { words: numberWords(entries.map(searchTextOf)), kinds, names: prepareNames(laws), lawAt: Int32Array.from(lawAt) };
}

/**
 * The same prepared names with arrays of their own: arrays read back from a cache file are views
 * into the buffer of everything read with them (the words too), which they would keep alive.
 */
export function ownNames(p: PreparedNames): PreparedNames {
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) own[k] = ArrayBuffer.isView(v) && v.byteLength < v.buffer.byteLength ? (v as Uint8Array).slice() : v;
  return own as unknown as PreparedNames;
}
