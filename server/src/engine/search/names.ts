/**
 * Finds laws named in prose: titles and aliases in any language, matched word by word on stems,
 * so that inflected forms match ("Закона об онлайн-платформах", "…туралы Заңға", "Законом
 * «О связи»"), and generated number forms ("№ 18-VIII", "№ 5651"). A mention covers the name as a
 * reader would select it: the word for "law" next to a title ("Law "On Communications"",
 * "«Байланыс туралы» Заңға"), a date-and-number designation ("Закон РК от 10 июля 2023 года
 * № 18-VIII"), and both quotation marks when the word for "law" stands outside them. A name
 * shared by several laws, or the start of a longer title of another law, is resolved by the
 * country named nearest to it.
 *
 * A large corpus has hundreds of thousands of names, so the matcher is a few flat arrays, not an
 * object per name: it is stored as raw bytes and loaded back by wrapping them (see
 * `NameSnapshot`). Stems get numbers (a hash table in an Int32Array finds a stem's number), names
 * are sorted by their stem numbers, and the names that begin with the words read so far are a
 * range of that order, narrowed word by word by binary search. Building is split in two so that
 * the costly half (stemming every name) can run per corpus file in worker threads:
 * `prepareNames`, then `NameMatcher.fromPrepared`, which only merges numbers.
 */
import type { Entry } from '../corpus/model.js';
import type { Span } from '../types.js';
import { stem, stemIn, tokenize, wordBounds, type StemMode, type Token } from './stem.js';
import { runSync, type Steps } from '../slice.js';
import { ByteList, IntList } from './intList.js';
import { packedNumber, WordNumbers } from './wordNumbers.js';

/** The fields of a law the matcher reads (the index keeps these while it builds, not whole entries). */
export type NameSource = Pick<Entry, 'id' | 'kind' | 'jurisdiction' | 'title' | 'aliases' | 'number'>;

export interface Mention {
  readonly span: Span;
  /** Candidate entries, best first. */
  readonly ids: readonly string[];
  readonly name: string;
}

/**
 * The names of some laws, stemmed and described but not yet merged with other laws' names (see
 * `prepareNames`): strings and typed arrays only, so a worker thread can post it. "Name" here is
 * each title, alias and number form as a law has it, in the order they are read (see
 * `prepareSteps`); the same name may occur for several laws.
 */
export interface PreparedNames {
  /** Per law in the order given: its id is `lawIds.slice(lawIdAt[k], lawIdAt[k + 1])`. */
  readonly lawIds: string;
  readonly lawIdAt: Int32Array;
  /** Per law: its country's code (see `countryCode`; 255 for an entry of another kind, which names nothing). */
  readonly lawCountry: Uint8Array;
  /** The distinct stems of these names: stem `s` is `stemText.slice(stemAt[s], stemAt[s + 1])`. */
  readonly stemText: string;
  readonly stemAt: Int32Array;
  /** Per name: its law (an index into the laws given). */
  readonly law: Int32Array;
  /** Per name: its stems are `stems[at[i]] … stems[at[i + 1] − 1]` (numbers into `stemAt`). */
  readonly at: Int32Array;
  readonly stems: Int32Array;
  readonly flags: Uint8Array;
  /** The names whose gaps are not all plain, ascending, and their gaps (as in `NameSnapshot.gaps`). */
  readonly gapNames: Int32Array;
  readonly gapText: string;
  readonly gapAt: Int32Array;
}

/**
 * A name matcher as plain data (see `NameMatcher.snapshot`): strings and typed arrays in plain
 * objects, so that storing it is writing bytes and loading it is wrapping them.
 */
export interface NameSnapshot {
  /** Changes whenever the layout (or the stem hash) changes: a snapshot of another layout is not read. */
  readonly format: string;
  /**
   * The distinct stems: stem `s` is `text.slice(at[s], at[s + 1])`. `table` is an open-addressing
   * hash table of stem numbers + 1 (0: empty) by `hashOf`, read by `packedNumber` (both in
   * wordNumbers.ts). The names whose first stem is `s` are names `first[s]` … `first[s + 1] − 1`.
   */
  readonly stems: { readonly text: string; readonly at: Int32Array; readonly table: Int32Array; readonly first: Int32Array };
  /**
   * The names, sorted by their stem numbers word by word (a name before the longer names it
   * begins), unique by their stems. Name `i`'s stems are `stems[at[i]] … stems[at[i + 1] − 1]`;
   * its laws `ids[idAt[i]] … ids[idAt[i + 1] − 1]` (numbers into `laws`, in the order they were
   * met). Its text is not kept: a mention reads it from the law that first gave it (see
   * `NameMatcher.nameText`), which leaves a large corpus's names out of memory.
   */
  readonly names: {
    readonly at: Int32Array;
    readonly stems: Int32Array;
    readonly flags: Uint8Array;
    readonly idAt: Int32Array;
    readonly ids: Int32Array;
  };
  /** The few names whose gaps are not all plain, ascending: name `names[g]`'s gaps are `text.slice(at[g], at[g + 1])`, one per word, separated by spaces. */
  readonly gaps: { readonly names: Int32Array; readonly text: string; readonly at: Int32Array };
  /** Law `k`'s id is `ids.slice(at[k], at[k + 1])`, its country `country[k]` (`countryCode`). */
  readonly laws: { readonly ids: string; readonly at: Int32Array; readonly country: Uint8Array };
}

const FORMAT = 'lexlens-names/2';

// What a name is, in one byte per name (its flags):
/** The name starts with "№": a bare number ("№ 5651") names a law only with it. */
const NUMBER_SIGN = 1;
/** Every word is a number. */
const NUMBER_ONLY = 2;
/**
 * A title led by a preposition ("On …", "О …", "Об …") or closed by "туралы": without quotation
 * marks or a word for "law" next to it, the same words are ordinary prose ("О рекламе у
 * блогеров…", "Жарнама туралы айтқанда…", "rules on personal data").
 */
const BARE = 4;
/** Where the name has a word for "law" ("Law on …", "… туралы заң"): two bits, one of LAW_…. */
const LAW_SHIFT = 3;
/** For names of one or two words (the only ones that must match case): bit k, word k's first letter is upper case. */
const CAPS_SHIFT = 5;
/** The name's gaps are not all plain: they are in the snapshot's `gaps`. */
const GAPS = 128;

const LAW_NONE = 0;
const LAW_START = 1;
const LAW_END = 2;
const LAW_INSIDE = 3;

const lawPlace = (flags: number) => (flags >> LAW_SHIFT) & 3;
const capital = (flags: number, k: number) => ((flags >> (CAPS_SHIFT + k)) & 1) === 1;

const COUNTRY_WORDS: Record<string, RegExp> = {
  KZ: /kazakh|казах|қазақ|(?<![\p{L}])(?:РК|RK|ҚР)(?![\p{L}])/giu,
  UZ: /uzbek|узбек|өзбек/giu,
  RU: /russia|росси|ресей/giu,
  EU: /(?<![\p{L}])(?:EU|ЕС|ЕО)(?![\p{L}])|european union|евросоюз|европейск|еуропа/giu,
  TR: /turkey|türkiye|turkish|турци|турецк|түркия/giu,
  KG: /kyrgyz|кыргыз|киргиз|қырғыз/giu,
};
/**
 * A law's country as a number (one byte per law): 1 + its index here, NO_COUNTRY when none is
 * given, OTHER_COUNTRY for one that no words are known for (it still replaces a country given
 * before for the same id).
 */
const COUNTRIES = Object.keys(COUNTRY_WORDS);
const NO_COUNTRY = 0;
const OTHER_COUNTRY = 254;
/** An entry of another kind among the laws given: it names nothing and its country is not the law's. */
const NOT_A_LAW = 255;

function countryCode(e: NameSource): number {
  if (e.kind !== 'law') return NOT_A_LAW;
  if (!e.jurisdiction) return NO_COUNTRY;
  const k = COUNTRIES.indexOf(e.jurisdiction);
  return k < 0 ? OTHER_COUNTRY : k + 1;
}

const MODES: readonly StemMode[] = ['auto', 'kk'];
const stemsOf = (...words: string[]) => new Set(words.flatMap((w) => MODES.map((m) => stem(w, m))));
/** Words for "law" that stand next to a title. Kazakh puts "заң" after the title. */
const LAW_BEFORE = stemsOf('law', 'закон', 'закона', 'законом', 'законе');
const LAW_AFTER = stemsOf('заң', 'заңы', 'заңның', 'заңға', 'заңда');
const LAW_ANY = new Set([...LAW_BEFORE, ...LAW_AFTER]);
/** Words that only say whose law it is, between the word for "law" and the title. */
const QUALIFIERS = stemsOf('РК', 'RK', 'ҚР', 'of', 'the', 'republic', 'Республики', 'Казахстан', 'Kazakhstan', 'Қазақстан', 'Республикасының', 'Республикасы');
/** Words that only say "a law (of Kazakhstan)" in front of a title. */
const GENERIC = new Set([...LAW_ANY, ...QUALIFIERS, ...stemsOf('федеральный')]);

/** Gaps inside a name that any name may have: white space, hyphens, quotation marks, brackets. */
const PLAIN_GAP = /^[\s\-‐‑–—«»“”„"'()]*$/u;
const OPENING_QUOTE = /[«“„"]$/u;
const PREPOSITIONS = new Set(['on', 'о', 'об', 'обо']);
// "any new law on online platforms" speaks of laws in general, not of the Law on Online Platforms.
const INDEFINITE = /(?:^|[^\p{L}])(?:a|an|any|another|every|each|no|such a)\s+(?:\p{L}+\s+)?$/iu;
// A date and number designation around a number: "Закон РК от 10 июля 2023 года № 18-VIII",
// "Law No. 18-VIII of 10 July 2023", "2023 жылғы 10 шілдедегі № 18-VIII Заң".
const DATE = '\\d{1,2}\\s+\\p{L}+\\s+(?:19|20)\\d{2}(?:\\s*(?:года|г\\.))?';
const DESIGNATION_BEFORE = new RegExp(
  `(?:(?:Федеральн\\p{L}*|Federal)\\s+)?(?:[Зз]акон\\p{L}*|[Ll]aw)(?:\\s+(?:РК|RK|Республики\\s+\\p{L}+|Российской\\s+Федерации|of\\s+the\\s+Republic\\s+of\\s+\\p{L}+))?\\s+(?:от|of|dated)\\s+${DATE},?\\s*$|(?:19|20)\\d{2}\\s+жылғы\\s+\\d{1,2}\\s+\\p{L}+\\s*$`,
  'u',
);
const DESIGNATION_AFTER = new RegExp(`^,?\\s+(?:от|of|dated)\\s+${DATE}`, 'u');

const isCap = (w: string) => w[0] !== undefined && w[0] !== w[0].toLowerCase();
const squash = (s: string) => s.replace(/\s+/g, '');
/** White space a name's text is stored without: at either end, a run, or other than a space. */
const SPACING = /^\s|\s$|[^\S ]| \s/;

/** Laws by id, the first given for an id. */
function lookupIn(laws: readonly NameSource[]): LawLookup {
  const byId = new Map<string, NameSource>();
  for (const e of laws) if (e.kind === 'law' && !byId.has(e.id)) byId.set(e.id, e);
  return (id) => byId.get(id);
}

/**
 * Each name of a law with the way its words are stemmed, in the order the matcher meets them:
 * titles, then aliases, then Kazakh names stemmed as Kazakh, then "№ number".
 */
function namesOfLaw(e: NameSource, visit: (text: string, mode: StemMode) => void): void {
  for (const t of Object.values(e.title)) visit(t, 'auto');
  for (const list of Object.values(e.aliases)) for (const a of list) visit(a, 'auto');
  // Kazakh names are also stemmed as Kazakh throughout, for Kazakh words that have no Kazakh
  // letter ("ҚР Конституциясы"; see stem.ts).
  if (e.title['kk']) visit(e.title['kk'], 'kk');
  for (const a of e.aliases['kk'] ?? []) visit(a, 'kk');
  // A number alone is a name only after "№" (checked when matching), so "№ 5651" is generated
  // too, and "5651" in prose is not a law.
  if (e.number) visit(`№ ${e.number}`, 'auto');
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Whether the words of `text` (see `wordBounds`) can be a name: not none, and not one short word other than a number. */
const namable = (text: string, bounds: readonly number[]) => bounds.length > 2 || (bounds.length === 2 && (bounds[1]! - bounds[0]! >= 3 || isDigit(text.charCodeAt(bounds[0]!))));

/**
 * Stems and describes every name of `laws`, in the order `NameMatcher` meets them (titles, then
 * aliases, then Kazakh names stemmed as Kazakh, then "№ number"), yielding between laws. Pure:
 * the result depends on the laws only.
 */
function* prepareSteps(laws: Iterable<NameSource>, exact: boolean): Steps<PreparedNames> {
  const lawIds: string[] = [];
  const lawIdAt = new IntList();
  lawIdAt.push(0);
  const lawCountry = new ByteList();
  const stemNumbers = new Map<string, number>();
  const law = new IntList();
  const at = new IntList();
  at.push(0);
  const stems = new IntList(4096);
  const flags = new ByteList();
  const gapNames = new IntList(16);
  const gapTexts: string[] = [];

  // One pass over the name's words, found in place (no word is sliced out of the name but the
  // first and last) and in a loop rather than array methods: this runs for every name of every
  // law when a corpus file is read (about ten names a law).
  const bounds: number[] = [];
  const wordStems: string[] = [];
  const add = (text: string, row: number, mode: StemMode) => {
    wordBounds(text, bounds);
    const n = bounds.length >> 1;
    if (!namable(text, bounds)) return;
    for (let k = 0; k < n; k++) wordStems[k] = stemIn(text, bounds[2 * k]!, bounds[2 * k + 1]!, mode);
    // A Kazakh name stemmed as Kazakh is most often stemmed as before: then it is the same name of
    // the same law, which the merge would drop.
    if (mode === 'kk') {
      let k = 0;
      while (k < n && stemIn(text, bounds[2 * k]!, bounds[2 * k + 1]!, 'auto') === wordStems[k]) k++;
      if (k === n) return;
    }
    let lawWords = 0;
    let allDigits = true;
    let gaps: string[] | undefined;
    for (let k = 0; k < n; k++) {
      const st = wordStems[k]!;
      const start = bounds[2 * k]!;
      let s = stemNumbers.get(st);
      if (s === undefined) stemNumbers.set(st, (s = stemNumbers.size));
      stems.push(s);
      if (LAW_ANY.has(st)) lawWords++;
      for (let c = start, end = bounds[2 * k + 1]!; c < end && allDigits; c++) allDigits = isDigit(text.charCodeAt(c));
      if (k === 0) continue;
      const from = bounds[2 * k - 1]!;
      if (start === from + 1 && text.charCodeAt(from) === 32) continue; // one space, as most gaps are
      const g = squash(text.slice(from, start));
      if (PLAIN_GAP.test(g)) continue;
      gaps ??= new Array<string>(n).fill('');
      gaps[k] = g;
    }
    at.push(stems.length);
    law.push(row);
    const first = text.slice(bounds[0], bounds[1]).toLowerCase();
    const last = text.slice(bounds[2 * n - 2], bounds[2 * n - 1]).toLowerCase();
    const place = lawWords === 0 ? LAW_NONE : LAW_ANY.has(wordStems[0]!) ? LAW_START : LAW_ANY.has(wordStems[n - 1]!) ? LAW_END : LAW_INSIDE;
    let f = (/^\s*№/.test(text) ? NUMBER_SIGN : 0) | (allDigits ? NUMBER_ONLY : 0);
    f |= (PREPOSITIONS.has(first) || last === 'туралы' ? BARE : 0) | (place << LAW_SHIFT);
    if (n <= 2) for (let k = 0; k < n; k++) f |= isCap(text[bounds[2 * k]!]!) ? 1 << (CAPS_SHIFT + k) : 0;
    // Gaps are squashed, so a space never occurs in one and can separate them.
    if (gaps) {
      f |= GAPS;
      gapNames.push(flags.length);
      gapTexts.push(gaps.join(' '));
    }
    flags.push(f);
  };

  for (const e of laws) {
    const row = lawIds.length;
    lawIds.push(e.id);
    lawIdAt.push(lawIdAt.data[row]! + e.id.length);
    lawCountry.push(countryCode(e));
    if (e.kind !== 'law') continue;
    namesOfLaw(e, (text, mode) => add(text, row, mode));
    yield;
  }
  const stemList = [...stemNumbers.keys()];
  const stemAt = new Int32Array(stemList.length + 1);
  stemList.forEach((w, s) => (stemAt[s + 1] = stemAt[s]! + w.length));
  const gapAt = new Int32Array(gapTexts.length + 1);
  gapTexts.forEach((g, k) => (gapAt[k + 1] = gapAt[k]! + g.length));
  return {
    lawIds: lawIds.join(''),
    lawIdAt: lawIdAt.done(exact),
    lawCountry: lawCountry.done(exact),
    stemText: stemList.join(''),
    stemAt,
    law: law.done(exact),
    at: at.done(exact),
    stems: stems.done(exact),
    flags: flags.done(exact),
    gapNames: gapNames.done(exact),
    gapText: gapTexts.join(''),
    gapAt,
  };
}

/**
 * The names of `laws` stemmed and described, to be merged by `NameMatcher.fromPrepared`: the
 * costly half of building a matcher, which can run per corpus file in a worker thread.
 */
export function prepareNames(laws: readonly NameSource[]): PreparedNames {
  return runSync(prepareSteps(laws, true));
}

/** Ranges of this size or less are sorted by insertion rather than split by their next word. */
const SMALL_RANGE = 16;
/** Loops over names yield (see slice.ts) every STEP + 1 names: a millisecond or two of work. */
const STEP = 0x7fff;

/**
 * Names `0 … n − 1` (stems `stems[at[i]] …`) sorted by their stem numbers word by word, a name
 * before the longer names it begins, equal names in their own order; `starts` marks the places
 * where a name differs from the one before. A radix sort on one word at a time: its cost grows
 * with the words compared, not with n log n comparisons of word lists.
 */
function* sortByStems(at: Int32Array, stems: Int32Array, n: number, stemCount: number): Steps<{ order: Int32Array; starts: Uint8Array }> {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const starts = new Uint8Array(n);
  if (n > 0) starts[0] = 1;
  const spare = new Int32Array(n);
  // The keys of the names at each place of the range being split.
  const keys = new Int32Array(n);
  // The key of name o at word d: its stem number + 1, or 0 when it has no more words.
  const key = (o: number, d: number) => (at[o]! + d < at[o + 1]! ? stems[at[o]! + d]! + 1 : 0);
  const compare = (a: number, b: number, d: number) => {
    for (; ; d++) {
      const x = key(a, d);
      const y = key(b, d);
      if (x !== y || x === 0) return x - y;
    }
  };
  // Per key: how many names of the range have it, then where the next of them goes.
  const slot = new Int32Array(stemCount + 1);
  // Ranges of names that share their first d words, as (start, end, d).
  const todo = [0, n, 0];
  let work = 0;
  while (todo.length > 0) {
    const d = todo.pop()!;
    const hi = todo.pop()!;
    const lo = todo.pop()!;
    if (hi - lo <= SMALL_RANGE) {
      for (let i = lo + 1; i < hi; i++) {
        const o = order[i]!;
        let j = i - 1;
        for (; j >= lo && compare(order[j]!, o, d) > 0; j--) order[j + 1] = order[j]!;
        order[j + 1] = o;
      }
      for (let i = lo + 1; i < hi; i++) starts[i] = compare(order[i - 1]!, order[i]!, d) === 0 ? 0 : 1;
      continue;
    }
    const seen: number[] = [];
    for (let i = lo; i < hi; i++) {
      const k = (keys[i] = key(order[i]!, d));
      if (slot[k]++ === 0) seen.push(k);
      if ((i & STEP) === 0) yield;
    }
    const distinct = Int32Array.from(seen).sort();
    let pos = lo;
    for (const k of distinct) {
      const c = slot[k]!;
      slot[k] = pos;
      pos += c;
    }
    for (let i = lo; i < hi; i++) {
      spare[slot[keys[i]!]!++] = order[i]!;
      if ((i & STEP) === 0) yield;
    }
    order.set(spare.subarray(lo, hi), lo);
    let from = lo;
    for (const k of distinct) {
      const to = slot[k]!;
      slot[k] = 0;
      starts[from] = 1;
      // Names that end here are all the same name.
      if (k !== 0 && to - from > 1) todo.push(from, to, d + 1);
      from = to;
    }
    work += hi - lo;
    if (work > STEP) {
      work = 0;
      yield;
    }
  }
  return { order, starts };
}

/** The first name in `lo…hi − 1` (names that share `d` first stems and have more) whose stem `d` is not below `s`. */
function lowerBound(names: NameSnapshot['names'], lo: number, hi: number, d: number, s: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names.stems[names.at[mid]! + d]! < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The name whose stems are `stems[from…to − 1]`, or −1. */
function exactName(s: NameSnapshot, stems: Int32Array, from: number, to: number): number {
  const { at } = s.names;
  let lo = s.stems.first[stems[from]!]!;
  let hi = s.stems.first[stems[from]! + 1]!;
  for (let d = 1; d < to - from && lo < hi; d++) {
    if (at[lo + 1]! - at[lo]! === d) lo++;
    const next = lowerBound(s.names, lo, hi, d, stems[from + d]!);
    hi = lowerBound(s.names, next, hi, d, stems[from + d]! + 1);
    lo = next;
  }
  return lo < hi && at[lo + 1]! - at[lo]! === to - from ? lo : -1;
}

/** Offsets from lengths: `at[i + 1]` holds item i's length, and becomes where it ends. */
function sumUp(at: Int32Array): Int32Array {
  for (let i = 1; i < at.length; i++) at[i] += at[i - 1]!;
  return at;
}

/**
 * Merges prepared names into a matcher's data, as if all their laws had been given at once:
 * names with the same stems are one name naming each of its laws (the first met gives its text
 * and flags), and overlapping names lend each other their laws (see below).
 */
function* mergeSteps(input: Iterable<PreparedNames>): Steps<NameSnapshot> {
  const parts = [...input];
  yield;
  // Name occurrences: every name of every part, numbered in order, with stems numbered for all parts.
  let occurrences = 0;
  let words = 0;
  for (const p of parts) {
    occurrences += p.at.length - 1;
    words += p.stems.length;
  }
  const occLaw = new Int32Array(occurrences);
  const occAt = new Int32Array(occurrences + 1);
  const occStems = new Int32Array(words);
  // Laws by id (an id given twice is one law, with the last country given).
  const lawOf = new Map<string, number>();
  const lawIds: string[] = [];
  const country: number[] = [];
  // Stems numbered as they are first met.
  const dictionary = new WordNumbers();
  let o = 0;
  for (const p of parts) {
    const rows = p.lawIdAt.length - 1;
    const lawNumber = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      if ((r & STEP) === 0) yield;
      const code = p.lawCountry[r]!;
      if (code === NOT_A_LAW) continue;
      const id = p.lawIds.slice(p.lawIdAt[r], p.lawIdAt[r + 1]);
      let k = lawOf.get(id);
      if (k === undefined) {
        lawOf.set(id, (k = lawIds.length));
        lawIds.push(id);
        country.push(NO_COUNTRY);
      }
      if (code !== NO_COUNTRY) country[k] = code;
      lawNumber[r] = k;
    }
    const stemNumber = new Int32Array(p.stemAt.length - 1);
    for (let s = 0; s < stemNumber.length; s++) {
      stemNumber[s] = dictionary.of(p.stemText, p.stemAt[s]!, p.stemAt[s + 1]!);
      if ((s & STEP) === 0) yield;
    }
    const base = occAt[o]! - p.at[0]!;
    for (let j = 0; j < p.stems.length; j++) {
      occStems[base + j] = stemNumber[p.stems[j]!]!;
      if ((j & STEP) === 0) yield;
    }
    for (let i = 0; i < p.at.length - 1; i++, o++) {
      if ((i & STEP) === 0) yield;
      occLaw[o] = lawNumber[p.law[i]!]!;
      occAt[o + 1] = base + p.at[i + 1]!;
    }
    yield;
  }
  lawOf.clear();
  const { order, starts } = yield* sortByStems(occAt, occStems, occurrences, dictionary.list.length);

  // One name per run of equal stems; its own laws are those of the run, in the order met.
  let n = 0;
  for (let i = 0; i < occurrences; i++) n += starts[i]!;
  const nameOf = new Int32Array(occurrences).fill(-1);
  const nameAt = new Int32Array(n + 1);
  const ownAt = new Int32Array(n + 1);
  const own = new IntList(occurrences);
  // Per law: the name + 1 that last took it, so a law is taken once per name without a search.
  const taken = new Int32Array(lawIds.length);
  for (let i = 0, name = -1; i < occurrences; i++) {
    const occ = order[i]!;
    if (starts[i]) {
      nameOf[occ] = ++name;
      nameAt[name + 1] = occAt[occ + 1]! - occAt[occ]!;
      ownAt[name] = own.length;
    }
    const law = occLaw[occ]!;
    if (taken[law] !== name + 1) {
      taken[law] = name + 1;
      own.push(law);
    }
    if ((i & STEP) === 0) yield;
  }
  ownAt[n] = own.length;
  sumUp(nameAt);

  // The rest of a name is its first occurrence's: read in the order met, part by part (reading
  // forward through memory costs a fraction of reading in sorted order).
  const nameStems = new Int32Array(nameAt[n]!);
  const flags = new Uint8Array(n);
  const gapped: { name: number; gaps: string }[] = [];
  o = 0;
  for (const p of parts) {
    const { flags: partFlags } = p;
    for (let q = 0; q < partFlags.length; q++, o++) {
      if ((q & STEP) === 0) yield;
      const name = nameOf[o]!;
      if (name < 0) continue;
      for (let k = occAt[o]!, to = nameAt[name]!, end = occAt[o + 1]!; k < end; k++, to++) nameStems[to] = occStems[k]!;
      flags[name] = partFlags[q]!;
      if (partFlags[q]! & GAPS) {
        const g = gapOf(p.gapNames, q);
        gapped.push({ name, gaps: p.gapText.slice(p.gapAt[g], p.gapAt[g + 1]) });
      }
    }
  }
  gapped.sort((a, b) => a.name - b.name);
  const gapAt = new Int32Array(gapped.length + 1);
  gapped.forEach((g, k) => (gapAt[k + 1] = g.gaps.length));
  const dict = dictionary.done();
  yield;
  // Names by their first stem, for the first word of a match.
  const first = new Int32Array(dict.at.length);
  for (let i = 0; i < n; i++) first[nameStems[nameAt[i]!]! + 1]++;
  const lawAt = new Int32Array(lawIds.length + 1);
  lawIds.forEach((id, k) => (lawAt[k + 1] = id.length));
  const s: NameSnapshot = {
    format: FORMAT,
    stems: { ...dict, first: sumUp(first) },
    names: { at: nameAt, stems: nameStems, flags, idAt: new Int32Array(n + 1), ids: new Int32Array(0) },
    gaps: { names: Int32Array.from(gapped, (g) => g.name), text: gapped.map((g) => g.gaps).join(''), at: sumUp(gapAt) },
    laws: { ids: lawIds.join(''), at: sumUp(lawAt), country: Uint8Array.from(country) },
  };
  yield;

  // Names that overlap make each other's laws candidates: a short title that begins a longer
  // title ("О персональных данных" / "О персональных данных и их защите"), or a name that
  // contains another law's whole title ("Закон «О персональных данных»"). Each name lends the
  // laws it names itself, and a name's borrowed laws come after its own in the order the lending
  // names were first met, as when names lent one by one in that order.
  //
  // The longest name that begins each name: names that begin a name come before it in sorted
  // order, with only names that they also begin in between.
  const parent = new Int32Array(n);
  const stack: number[] = [];
  const begins = (a: number, b: number) => {
    const len = nameAt[a + 1]! - nameAt[a]!;
    if (len >= nameAt[b + 1]! - nameAt[b]!) return false;
    for (let k = 0; k < len; k++) if (nameStems[nameAt[a]! + k] !== nameStems[nameAt[b]! + k]) return false;
    return true;
  };
  for (let i = 0; i < n; i++) {
    while (stack.length > 0 && !begins(stack[stack.length - 1]!, i)) stack.pop();
    parent[i] = stack.length > 0 ? stack[stack.length - 1]! : -1;
    stack.push(i);
    if ((i & STEP) === 0) yield;
  }
  const generic = new Uint8Array(dict.at.length);
  for (const g of GENERIC) {
    const k = packedNumber(s.stems, g);
    if (k >= 0) generic[k] = 1;
  }
  const lendTo = new IntList(1 << 12);
  const lendFrom = new IntList(1 << 12);
  // Names in the order first met: the first occurrences in their order.
  for (let occ = 0; occ < occurrences; occ++) {
    if ((occ & STEP) === 0) yield;
    const x = nameOf[occ]!;
    if (x < 0) continue;
    for (let p = parent[x]!; p >= 0; p = parent[p]!) {
      lendTo.push(p);
      lendFrom.push(x);
    }
    // "Закон «О персональных данных»" holds the Uzbek title after a generic word for "law".
    for (let i = 1; i < nameAt[x + 1]! - nameAt[x]! - 1 && generic[nameStems[nameAt[x]! + i - 1]!]; i++) {
      const inner = exactName(s, nameStems, nameAt[x]! + i, nameAt[x + 1]!);
      if (inner >= 0) {
        lendTo.push(x);
        lendFrom.push(inner);
      }
    }
  }
  // Loans grouped by borrower, in the order made.
  const loanAt = new Int32Array(n + 1);
  for (let k = 0; k < lendTo.length; k++) loanAt[lendTo.data[k]! + 1]++;
  sumUp(loanAt);
  const next = loanAt.slice(0, n);
  const lender = new Int32Array(lendTo.length);
  for (let k = 0; k < lendTo.length; k++) lender[next[lendTo.data[k]!]!++] = lendFrom.data[k]!;
  const ids = new IntList(own.length + lender.length);
  const idAt = s.names.idAt;
  taken.fill(0);
  const take = (name: number, from: number) => {
    for (let k = ownAt[from]!; k < ownAt[from + 1]!; k++) {
      const law = own.data[k]!;
      if (taken[law] !== name + 1) {
        taken[law] = name + 1;
        ids.push(law);
      }
    }
  };
  for (let i = 0; i < n; i++) {
    take(i, i);
    for (let k = loanAt[i]!; k < loanAt[i + 1]!; k++) take(i, lender[k]!);
    idAt[i + 1] = ids.length;
    if ((i & STEP) === 0) yield;
  }
  return { ...s, names: { ...s.names, ids: ids.done() } };
}

/** The position of `name` in the ascending list `names` (which holds it). */
function gapOf(names: Int32Array, name: number): number {
  let lo = 0;
  let hi = names.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Checks the shape of what claims to be a snapshot (cheaply: not every number in it). */
function checkSnapshot(s: NameSnapshot): void {
  const ints = (a: unknown): a is Int32Array => a instanceof Int32Array;
  const bytes = (a: unknown): a is Uint8Array => a instanceof Uint8Array;
  const { stems, names, gaps, laws } = s;
  const n = names.at.length - 1;
  const ok =
    s.format === FORMAT &&
    typeof stems.text === 'string' && ints(stems.at) && ints(stems.table) && ints(stems.first) &&
    stems.at.length >= 1 && stems.first.length === stems.at.length && stems.at[stems.at.length - 1] === stems.text.length &&
    stems.table.length > 0 && (stems.table.length & (stems.table.length - 1)) === 0 &&
    ints(names.at) && ints(names.stems) && bytes(names.flags) && ints(names.idAt) && ints(names.ids) &&
    n >= 0 && names.at[n] === names.stems.length && names.flags.length === n && stems.first[stems.first.length - 1] === n &&
    names.idAt.length === n + 1 && names.idAt[n] === names.ids.length &&
    ints(gaps.names) && typeof gaps.text === 'string' && ints(gaps.at) && gaps.at.length === gaps.names.length + 1 && gaps.at[gaps.names.length] === gaps.text.length &&
    typeof laws.ids === 'string' && ints(laws.at) && bytes(laws.country) && laws.at.length === laws.country.length + 1 && laws.at[laws.country.length] === laws.ids.length;
  if (!ok) throw new Error('not a name matcher snapshot');
}

interface Candidate {
  readonly name: number;
  readonly start: number;
  readonly end: number;
}

/** A law by its id, as the matcher reads it (see `NameSource`). */
export type LawLookup = (id: string) => NameSource | undefined;

/** An immutable matcher over the names of the laws in a corpus. */
export class NameMatcher {
  /** Everything the matcher knows, as `snapshot` hands it out. */
  private data: NameSnapshot;
  /** The laws by id, to read a found name's text from. */
  private lawOf: LawLookup;
  /** The texts of the names found so far (a memo names the same few laws again and again). */
  private texts = new Map<number, string>();

  /** Builds the matcher at once; `NameMatcher.steps` builds it in steps. */
  constructor(entries: Iterable<NameSource> = []) {
    const laws = [...entries];
    this.data = runSync(mergeSteps([runSync(prepareSteps(laws, false))]));
    this.lawOf = lookupIn(laws);
  }

  /** Builds a matcher, yielding between laws and between small steps of the merge (see slice.ts). */
  static *steps(entries: Iterable<NameSource>): Steps<NameMatcher> {
    const laws = [...entries];
    // The names stay on this thread: no copy of them to the size of their arrays.
    const part = yield* prepareSteps(laws, false);
    return yield* NameMatcher.fromPrepared([part], lookupIn(laws));
  }

  /**
   * A matcher from names prepared by `prepareNames`, in the order of their laws: the same as
   * building from all those laws at once. Merging costs little next to preparing. `lawOf` gives
   * the laws the names were prepared from.
   */
  static *fromPrepared(parts: Iterable<PreparedNames>, lawOf: LawLookup): Steps<NameMatcher> {
    return NameMatcher.over(yield* mergeSteps(parts), lawOf);
  }

  /** A matcher over built data, without building an empty matcher first. */
  private static over(s: NameSnapshot, lawOf: LawLookup): NameMatcher {
    const m = Object.create(NameMatcher.prototype) as NameMatcher;
    m.data = s;
    m.lawOf = lawOf;
    m.texts = new Map();
    return m;
  }

  /** The matcher as plain data, to store and load without stemming every name again. */
  snapshot(): NameSnapshot {
    return this.data;
  }

  /**
   * A matcher over a snapshot's arrays (not copied), reading names' texts from the laws `lawOf`
   * gives (those the snapshot was built from); throws when it is not a snapshot of this layout.
   */
  static fromSnapshot(s: NameSnapshot, lawOf: LawLookup): NameMatcher {
    checkSnapshot(s);
    return NameMatcher.over(s, lawOf);
  }

  /**
   * Name `n` as the law that first gave it has it: the first of that law's names with the same
   * stems (with its white space made single spaces), or the law's id should the law be gone.
   */
  nameText(n: number): string {
    const known = this.texts.get(n);
    if (known !== undefined) return known;
    const { names, laws, stems: dict } = this.data;
    // A name's own laws come first among its laws, the one that gave it first.
    const law = names.ids[names.idAt[n]!]!;
    const id = laws.ids.slice(laws.at[law], laws.at[law + 1]);
    const from = names.at[n]!;
    const words = names.at[n + 1]! - from;
    let found: string | undefined;
    const source = this.lawOf(id);
    if (source?.kind === 'law') {
      const bounds: number[] = [];
      namesOfLaw(source, (text, mode) => {
        if (found !== undefined) return;
        wordBounds(text, bounds);
        if (bounds.length !== 2 * words || !namable(text, bounds)) return;
        for (let k = 0; k < words; k++) if (packedNumber(dict, stemIn(text, bounds[2 * k]!, bounds[2 * k + 1]!, mode)) !== names.stems[from + k]) return;
        found = SPACING.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
      });
    }
    if (this.texts.size >= 10_000) this.texts.clear();
    this.texts.set(n, found ?? id);
    return found ?? id;
  }

  private length(n: number): number {
    return this.data.names.at[n + 1]! - this.data.names.at[n]!;
  }

  /** Name `n`'s gaps, one per word ("" for plain ones), when they are not all plain. */
  private gapsOf(n: number): string[] | undefined {
    const { flags } = this.data.names;
    if (!(flags[n]! & GAPS)) return undefined;
    const g = gapOf(this.data.gaps.names, n);
    return this.data.gaps.text.slice(this.data.gaps.at[g], this.data.gaps.at[g + 1]).split(' ');
  }

  /** The names that start at token `i`, longest first, whose words are separated as the name's are. */
  private namesAt(tokens: readonly Token[], stems: Int32Array, i: number, text: string, base: number): number[] {
    const found: number[] = [];
    const gaps: string[] = [''];
    // Every gap so far is plain: enough for a name whose gaps are all plain.
    let plain = true;
    // The names that begin with the words so far.
    let lo = this.data.stems.first[stems[i]!]!;
    let hi = this.data.stems.first[stems[i]! + 1]!;
    for (let k = i; k < tokens.length && lo < hi; k++) {
      const d = k - i;
      if (k > i) {
        const gap = text.slice(tokens[k - 1]!.end - base, tokens[k]!.start - base);
        // Words of one name are separated by spaces, hyphens or quotation marks, or by what
        // separates them in the name itself ("No. 18", "2022/2065"); anything longer ends it.
        if (gap.length > 4) break;
        const g = PLAIN_GAP.test(gap) ? '' : squash(gap);
        gaps.push(g);
        if (g !== '') plain = false;
        const s = stems[k]!;
        if (s < 0) break;
        // The name of the words before this one sorts first; the others are sorted by this word.
        if (this.length(lo) === d) lo++;
        const next = lowerBound(this.data.names, lo, hi, d, s);
        hi = lowerBound(this.data.names, next, hi, d, s + 1);
        lo = next;
        if (lo === hi) break;
      }
      if (this.length(lo) !== d + 1) continue;
      const own = this.gapsOf(lo);
      if (own ? own.every((g, j) => gaps[j] === '' || gaps[j] === g) : plain) found.push(lo);
    }
    return found.reverse();
  }

  /** The span a name found at tokens `i`…`i + n − 1` covers in context, or nothing when the context says it is not a law. */
  private accept(n: number, tokens: readonly Token[], i: number, text: string, base: number): Candidate | undefined {
    const at = (offset: number) => offset - base;
    const flags = this.data.names.flags[n]!;
    const law = lawPlace(flags);
    const words = this.length(n);
    const j = i + words - 1;
    let start = tokens[i]!.start;
    let end = tokens[j]!.end;
    const before = (o: number) => text.slice(0, at(o));

    if (flags & NUMBER_SIGN || /^\d/.test(tokens[i]!.text)) {
      const sign = /(?:№|No\.?|Nº)\s*$/u.exec(before(start));
      if (sign) start -= sign[0].length;
      else if (flags & NUMBER_ONLY) return undefined;
    }
    // Short names ("О связи", "DSA") must keep their capitals, so prose "о связи" is not a law;
    // a short name with a word for "law" in it may be lower case after a country's "'s"
    // ("Russia's landing law"), though not after "the" ("the advertising law of most countries").
    if (words <= 2 && tokens.slice(i, i + words).some((t, k) => capital(flags, k) && !isCap(t.text))) {
      const prev = tokens[i - 1];
      const possessive = prev && prev.text === 's' && /['’]$/u.test(before(prev.start));
      if (law === LAW_NONE || !possessive) return undefined;
    }
    if (law === LAW_START && !isCap(tokens[i]!.text) && INDEFINITE.test(before(start))) return undefined;

    // The word for "law" (and whose law) in front of a title.
    let lawBefore = false;
    if (law !== LAW_START) {
      let k = i - 1;
      let s = start;
      let qualifiers = 0;
      while (k >= 0 && qualifiers <= 5 && PLAIN_GAP.test(text.slice(at(tokens[k]!.end), at(s)))) {
        const t = tokens[k]!;
        if (LAW_BEFORE.has(t.stem)) {
          lawBefore = true;
          start = t.start;
          const federal = k > 0 && /^(?:федеральн|federal)/iu.test(tokens[k - 1]!.text) && /^\s+$/u.test(text.slice(at(tokens[k - 1]!.end), at(t.start)));
          if (federal) start = tokens[k - 1]!.start;
          break;
        }
        if (!QUALIFIERS.has(t.stem)) break;
        qualifiers++;
        s = t.start;
        k--;
      }
    }
    // Kazakh: the word for "law" after the title ("«Байланыс туралы» Заңға", "… Қазақстан
    // Республикасының Заңы").
    let lawAfter = false;
    if (law !== LAW_END) {
      let e = end;
      for (let k = j + 1, qualifiers = 0; k < tokens.length && qualifiers <= 2; k++) {
        const t = tokens[k]!;
        if (!/^[\s»”"]*$/u.test(text.slice(at(e), at(t.start)))) break;
        if (LAW_AFTER.has(t.stem) && /[\u0400-\u04ff]/u.test(t.text)) {
          lawAfter = true;
          end = t.end;
          break;
        }
        if (!QUALIFIERS.has(t.stem)) break;
        qualifiers++;
        e = t.end;
      }
    }
    const quoted = OPENING_QUOTE.test(before(tokens[i]!.start));
    if (flags & BARE && !lawBefore && !lawAfter && !quoted) return undefined;

    // The name's stems are the stems of the words it was found at.
    if (flags & NUMBER_SIGN || tokens.slice(i, j + 1).some((t) => /^\d/.test(t.stem))) {
      const d = DESIGNATION_BEFORE.exec(before(start));
      if (d) start -= d[0].length;
      const a = DESIGNATION_AFTER.exec(text.slice(at(end)));
      if (a) end += a[0].length;
    }
    // Never half a pair of quotation marks.
    const inside = text.slice(at(start), at(end));
    const opens = (inside.match(/[«“„]/gu) ?? []).length;
    const closes = (inside.match(/[»”]/gu) ?? []).length;
    const straight = (inside.match(/"/gu) ?? []).length;
    if (opens > closes && /^[»”“]/u.test(text.slice(at(end)))) end += 1;
    else if (closes > opens && /[«“„]$/u.test(before(start))) start -= 1;
    else if (straight % 2 === 1) {
      if (text[at(end)] === '"') end += 1;
      else if (text[at(start) - 1] === '"') start -= 1;
    }
    return { name: n, start, end };
  }

  /** Mentions in a masked prose text whose first character is at `base`. */
  find(text: string, base: number): Mention[] {
    const candidates: Candidate[] = [];
    const { first } = this.data.stems;
    for (const mode of MODES) {
      if (mode === 'kk' && !/[\u0400-\u04ff]/u.test(text)) continue;
      const tokens = tokenize(text, base, mode);
      const stems = new Int32Array(tokens.length);
      tokens.forEach((t, k) => (stems[k] = packedNumber(this.data.stems, t.stem)));
      for (let i = 0; i < tokens.length; i++) {
        const s = stems[i]!;
        if (s < 0 || first[s] === first[s + 1]) continue;
        for (const n of this.namesAt(tokens, stems, i, text, base)) {
          const c = this.accept(n, tokens, i, text, base);
          if (c) {
            candidates.push(c);
            break;
          }
        }
      }
    }
    // The longest reading wins where readings overlap ("Law "On Personal Data and Their
    // Protection"" over "Law "On Personal Data").
    candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const chosen: Candidate[] = [];
    for (const c of candidates) if (!chosen.some((o) => o.start < c.end && c.start < o.end)) chosen.push(c);
    chosen.sort((a, b) => a.start - b.start);
    return chosen.map((c) => ({ span: { start: c.start, end: c.end }, ids: this.rank(c.name, text, c.start - base), name: this.nameText(c.name) }));
  }

  /** Name `n`'s laws, ordered by how near the text names each one's country to offset `at`. */
  private rank(n: number, context: string, at: number): string[] {
    const { idAt, ids } = this.data.names;
    const laws = this.data.laws;
    const idOf = (law: number) => laws.ids.slice(laws.at[law], laws.at[law + 1]);
    const mine = Array.from(ids.subarray(idAt[n], idAt[n + 1]));
    if (mine.length < 2) return mine.map(idOf);
    const distance = (law: number) => {
      const re = COUNTRY_WORDS[COUNTRIES[laws.country[law]! - 1] ?? ''];
      if (!re) return Infinity;
      let best = Infinity;
      re.lastIndex = 0;
      for (let m = re.exec(context); m; m = re.exec(context)) best = Math.min(best, Math.abs(m.index - at));
      return best;
    };
    const d = new Map(mine.map((law) => [law, distance(law)]));
    return mine.sort((a, b) => (d.get(a)! === d.get(b)! ? 0 : d.get(a)! < d.get(b)! ? -1 : 1)).map(idOf);
  }
}
